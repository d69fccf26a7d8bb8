/** Reading one item's parameters, checked before any request; problems are InputProblems naming the field and value. */
import type { IExecuteFunctions } from 'n8n-workflow';

import { EXAMPLE_UUID, isUuid } from '../../shared/ids';
import { InputProblem, checkedNumber, showValue } from '../helpers/inputProblem';

/** The value a locator's extractValue gives, or undefined when the value does not match it. */
function extractedId(this: IExecuteFunctions, parameter: string, itemIndex: number): unknown {
	try {
		return this.getNodeParameter(parameter, itemIndex, '', { extractValue: true });
	} catch {
		return undefined;
	}
}

/**
 * The UUID chosen in a resource locator (From List, By ID, or By URL where the locator has
 * that mode: `pageExample` is then an address of such a page), checked before any request.
 * Throws an InputProblem naming the field and the value.
 */
export function readLocatorId(
	this: IExecuteFunctions,
	parameter: string,
	label: string,
	itemIndex: number,
	pageExample?: string,
): string {
	const raw = this.getNodeParameter(parameter, itemIndex, '', { extractValue: false }) as
		{ mode?: string; value?: unknown } | string;
	const mode = typeof raw === 'object' && raw !== null ? raw.mode : 'id';
	const value = typeof raw === 'object' && raw !== null ? raw.value : raw;
	const text = typeof value === 'string' ? value.trim() : value;
	if (text === '' || text === undefined || text === null) {
		throw new InputProblem(
			`"${label}" is empty`,
			`Pick one from the list, or enter its ID (e.g. ${EXAMPLE_UUID})`,
		);
	}
	// A URL is reduced to its ID by the locator's own extractValue.
	const id = mode === 'url' ? extractedId.call(this, parameter, itemIndex) : text;
	if (mode === 'url' && !isUuid(id)) {
		throw new InputProblem(
			`"${label}" URL ${showValue(text)} is not an Agntix ${label.toLowerCase()} URL`,
			`Copy the address of the ${label.toLowerCase()}'s page in the Agntix dashboard, e.g. ${pageExample ?? ''}`,
		);
	}
	if (!isUuid(id)) {
		throw new InputProblem(
			`"${label}" ID ${showValue(text)} is not a valid ID`,
			`Agntix IDs look like ${EXAMPLE_UUID}. Pick it from the list to be sure`,
		);
	}
	return id.toLowerCase();
}

/**
 * The session id of an item: a UUID, or any Agntix dashboard URL that ends with one.
 * Throws an InputProblem naming the value.
 */
export function readSessionId(this: IExecuteFunctions, itemIndex: number): string {
	const raw = this.getNodeParameter('sessionId', itemIndex, '');
	const text = typeof raw === 'string' ? raw.trim() : raw;
	if (text === '' || text === undefined || text === null) {
		throw new InputProblem(
			'"Session ID" is empty',
			"Map it from Start Call's output, e.g. {{ $json.sessionId }}",
		);
	}
	const fromUrl =
		typeof text === 'string'
			? /^https?:\/\/\S+\/([0-9a-fA-F-]{36})\/?$/.exec(text)?.[1]
			: undefined;
	const id = fromUrl ?? text;
	if (!isUuid(id)) {
		throw new InputProblem(
			`"Session ID" ${showValue(text)} is not a valid ID`,
			`Session IDs look like ${EXAMPLE_UUID}. Map it from Start Call's output, e.g. {{ $json.sessionId }}`,
		);
	}
	return id.toLowerCase();
}

/** The Limit of an item, or undefined with Return All; a value that is not a count is refused, like every number. */
export function readLimit(this: IExecuteFunctions, itemIndex: number): number | undefined {
	if (this.getNodeParameter('returnAll', itemIndex, false)) return undefined;
	return checkedNumber(this.getNodeParameter('limit', itemIndex, 50), {
		label: 'Limit',
		min: 1,
		max: Infinity,
		wholeNumber: true,
		fallback: 50,
		example: 'How many results to return, e.g. 50; or turn on "Return All"',
	});
}
