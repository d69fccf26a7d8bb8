import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InputProblem, showValue } from '../helpers/inputProblem';
import { AGENT_URL_REGEX, EXAMPLE_UUID, UUID_REGEX, isUuid } from '../helpers/ids';

const uuidValidation = (what: string) => [
	{
		type: 'regex' as const,
		properties: { regex: UUID_REGEX, errorMessage: `Not a valid ${what} ID: it looks like ${EXAMPLE_UUID}` },
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
			placeholder: EXAMPLE_UUID,
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
			placeholder: EXAMPLE_UUID,
			validation: uuidValidation('agent'),
		},
		{
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: `https://app.agntix.ai/en/agents/${EXAMPLE_UUID}`,
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

/** The output item for a failed input item when "Continue On Fail" is on. */
export function errorItem(error: Error, itemIndex: number) {
	const json: { error: string; description?: string } = { error: error.message };
	const description = (error as { description?: unknown }).description;
	if (typeof description === 'string' && description) json.description = description;
	return { json, pairedItem: { item: itemIndex } };
}
