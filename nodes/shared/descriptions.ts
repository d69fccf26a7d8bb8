/**
 * Fields that several operations (and the trigger) show, declared without displayOptions:
 * each operation applies its own with n8n's updateDisplayOptions.
 */
import type { INodeProperties } from 'n8n-workflow';

import { AGENT_URL_REGEX, EXAMPLE_UUID, UUID_REGEX } from './ids';

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
						errorMessage:
							'Not an Agntix agent URL: copy it from the agent page in the Agntix dashboard',
					},
				},
			],
			extractValue: { type: 'regex', regex: AGENT_URL_REGEX },
		},
	],
};

export const sessionIdField: INodeProperties = {
	displayName: 'Session ID',
	name: 'sessionId',
	type: 'string',
	default: '',
	required: true,
	placeholder: ID_PLACEHOLDER,
	description: "The call's session, as returned by Start Call",
	hint: 'Map it from Start Call, e.g. {{ $json.sessionId }}. A dashboard link ending in the ID works too.',
};

/** "Return All" and "Limit", as every list operation shows them. */
export const returnAllFields: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		default: 50,
		typeOptions: { minValue: 1 },
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];
