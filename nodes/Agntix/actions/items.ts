/**
 * The item loops of the node: every result is linked to its input item, output order follows
 * input order, and with "Continue On Fail" a failed item becomes an error item at its place.
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { apiErrorWithText } from '../../shared/transport/errors';

/**
 * Runs `work` for each input item in turn. Every result is linked to its input item; with
 * "Continue On Fail" a failed item becomes an error item at its place and the rest go on.
 */
export async function mapItems(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	work: (itemIndex: number) => Promise<IDataObject[]>,
): Promise<INodeExecutionData[]> {
	const results: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const output = await work(itemIndex);
			results.push(...output.map((json) => ({ json, pairedItem: { item: itemIndex } })));
		} catch (error) {
			const failure = itemError.call(this, error, itemIndex);
			if (!this.continueOnFail()) throw failure;
			results.push(errorItem(failure, itemIndex));
		}
	}
	return results;
}

/** An error's description (n8n errors and InputProblems have one), when not empty. */
export function descriptionOf(error: unknown): string | undefined {
	const description = (error as { description?: unknown })?.description;
	return typeof description === 'string' && description ? description : undefined;
}

/**
 * The error the user reads for an item, rendered once: the headline, then "[item N]", and the
 * description with any notes. An Agntix answer keeps its status and body for n8n's error view.
 */
export function itemError(
	this: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
	text: { headline?: string; description?: string } = {},
): Error {
	const message = `${text.headline ?? (error instanceof Error ? error.message : String(error))} [item ${itemIndex}]`;
	const description = text.description ?? descriptionOf(error) ?? '';
	if (error instanceof NodeApiError)
		return apiErrorWithText(this.getNode(), error, { message, description, itemIndex });
	return new NodeOperationError(this.getNode(), message, { itemIndex, description });
}

/** The output item for a failed input item when "Continue On Fail" is on. */
export function errorItem(
	error: Error,
	itemIndex: number,
	extra: IDataObject = {},
): INodeExecutionData {
	const json: IDataObject = { error: error.message };
	const description = descriptionOf(error);
	if (description) json.description = description;
	return { json: { ...json, ...extra }, pairedItem: { item: itemIndex } };
}
