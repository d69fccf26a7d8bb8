import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { InputProblem, showValue } from '../helpers/inputProblem';
import { AGENT_URL_REGEX, EXAMPLE_UUID, UUID_REGEX, isUuid } from '../helpers/ids';

/** A placeholder that cannot be mistaken for a filled-in ID. */
const ID_PLACEHOLDER = 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx';

const uuidValidation = (what: string) => [
	{
		type: 'regex' as const,
		properties: {
			regex: UUID_REGEX,
			errorMessage: `Enter the ${what} ID, or pick it from the list. An ID looks like ${EXAMPLE_UUID}`,
		},
	},
];

export const phoneNumberLocator: INodeProperties = {
	displayName: 'From Number',
	name: 'phoneNumberId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Agntix phone number the call comes from',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a phone number...',
			typeOptions: { searchListMethod: 'searchPhoneNumbers', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: ID_PLACEHOLDER,
			validation: uuidValidation('phone number'),
		},
	],
};

export const agentLocator: INodeProperties = {
	displayName: 'Agent',
	name: 'agentId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The voice-enabled Agntix agent that talks to the person',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a voice agent...',
			typeOptions: { searchListMethod: 'searchAgents', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: ID_PLACEHOLDER,
			validation: uuidValidation('agent'),
		},
		{
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: 'https://app.agntix.ai/en/agents/…',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: AGENT_URL_REGEX,
						errorMessage: 'Not an Agntix agent URL: copy it from the agent page in the Agntix dashboard',
					},
				},
			],
			extractValue: { type: 'regex', regex: AGENT_URL_REGEX },
		},
	],
};

/**
 * The UUID chosen in a resource locator, checked before any request.
 * Throws an InputProblem naming the field and the value.
 */
export function readResourceId(
	this: IExecuteFunctions,
	parameter: string,
	label: string,
	itemIndex: number,
): string {
	const raw = this.getNodeParameter(parameter, itemIndex, '', { extractValue: false }) as
		| { mode?: string; value?: unknown }
		| string;
	const mode = typeof raw === 'object' && raw !== null ? raw.mode : 'id';
	const value = typeof raw === 'object' && raw !== null ? raw.value : raw;
	const text = typeof value === 'string' ? value.trim() : value;
	if (text === '' || text === undefined || text === null) {
		throw new InputProblem(`"${label}" is empty`, `Pick one from the list, or enter its ID (e.g. ${EXAMPLE_UUID})`);
	}
	if (mode === 'url') {
		const match = typeof text === 'string' ? new RegExp(AGENT_URL_REGEX).exec(text) : null;
		if (!match) {
			throw new InputProblem(
				`"${label}" URL ${showValue(text)} is not an Agntix agent URL`,
				`Copy the address of the agent's page in the Agntix dashboard, e.g. https://app.agntix.ai/en/agents/${EXAMPLE_UUID}`,
			);
		}
		return match[1].toLowerCase();
	}
	if (!isUuid(text)) {
		throw new InputProblem(
			`"${label}" ID ${showValue(text)} is not a valid ID`,
			`Agntix IDs look like ${EXAMPLE_UUID}. Pick it from the list to be sure`,
		);
	}
	return text.toLowerCase();
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

/** The output item for a failed input item when "Continue On Fail" is on. */
export function errorItem(error: Error, itemIndex: number) {
	const json: { error: string; description?: string } = { error: error.message };
	const description = (error as { description?: unknown }).description;
	if (typeof description === 'string' && description) json.description = description;
	return { json, pairedItem: { item: itemIndex } };
}

/**
 * The session id of an item: a UUID, or any Agntix dashboard URL that ends with one.
 * Throws an InputProblem naming the value.
 */
export function readSessionId(this: IExecuteFunctions, itemIndex: number): string {
	const raw = this.getNodeParameter('sessionId', itemIndex, '');
	const text = typeof raw === 'string' ? raw.trim() : raw;
	if (text === '' || text === undefined || text === null) {
		throw new InputProblem('"Session ID" is empty', 'Map it from Start Call\'s output, e.g. {{ $json.sessionId }}');
	}
	const fromUrl = typeof text === 'string' ? /^https?:\/\/\S+\/([0-9a-fA-F-]{36})\/?$/.exec(text)?.[1] : undefined;
	const id = fromUrl ?? text;
	if (!isUuid(id)) {
		throw new InputProblem(
			`"Session ID" ${showValue(text)} is not a valid ID`,
			`Session IDs look like ${EXAMPLE_UUID}. Map it from Start Call's output, e.g. {{ $json.sessionId }}`,
		);
	}
	return id.toLowerCase();
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

/** "Return All" and "Limit", as every list operation shows them. */
export function returnAllFields(show: Record<string, string[]>): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
}

/** The Limit of an item, or undefined with Return All. */
export function readLimit(this: IExecuteFunctions, itemIndex: number): number | undefined {
	if (this.getNodeParameter('returnAll', itemIndex, false)) return undefined;
	return Math.max(1, Number(this.getNodeParameter('limit', itemIndex, 50)) || 50);
}
