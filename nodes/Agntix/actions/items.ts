/**
 * The item loops of the node: every result is linked to its input item, output order follows
 * input order, and with "Continue On Fail" a failed item becomes an error item at its place.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { InputProblem } from '../helpers/inputProblem';

export type Settled<T> =
	| { index: number; status: 'done'; value: T }
	| { index: number; status: 'failed'; error: unknown }
	| { index: number; status: 'skipped' };

/**
 * Runs `work` for each index with at most `concurrency` running at once and returns the
 * outcomes in index order. With `stopOnFailure`, no new work starts after a failure; what
 * is already running finishes, and the rest is marked "skipped".
 */
export async function runWithConcurrency<T>(
	indices: number[],
	concurrency: number,
	work: (index: number) => Promise<T>,
	stopOnFailure: boolean,
): Promise<Array<Settled<T>>> {
	const outcomes: Array<Settled<T>> = indices.map((index) => ({ index, status: 'skipped' }));
	let next = 0;
	let stopped = false;

	async function lane(): Promise<void> {
		while (!stopped && next < indices.length) {
			const position = next++;
			const index = indices[position];
			try {
				outcomes[position] = { index, status: 'done', value: await work(index) };
			} catch (error) {
				outcomes[position] = { index, status: 'failed', error };
				if (stopOnFailure) stopped = true;
			}
		}
	}

	const lanes = Math.max(1, Math.min(Math.floor(concurrency) || 1, indices.length));
	await Promise.all(Array.from({ length: lanes }, lane));
	return outcomes;
}

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

/** Turns an InputProblem (or anything else thrown while reading an item) into the item's error. */
export function itemError(this: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof InputProblem) {
		return new NodeOperationError(this.getNode(), `${error.message} [item ${itemIndex}]`, {
			itemIndex,
			description: error.description,
		});
	}
	if (error instanceof Error && 'node' in error) return error;
	return new NodeOperationError(this.getNode(), error as Error, { itemIndex });
}

/** The output item for a failed input item when "Continue On Fail" is on. */
export function errorItem(error: Error, itemIndex: number) {
	const json: { error: string; description?: string } = { error: error.message };
	const description = (error as { description?: unknown }).description;
	if (typeof description === 'string' && description) json.description = description;
	return { json, pairedItem: { item: itemIndex } };
}

/**
 * Adds a sentence to an error's description (what was already done, what to do next);
 * errors that are not Error objects are returned as they are.
 */
export function addNote<T>(error: T, note: string): T {
	if (error instanceof Error) {
		const described = error as Error & { description?: string };
		described.description = [described.description, note].filter(Boolean).join('\n');
	}
	return error;
}
