/** The fields of Call → Start, as the editor shows them. */
import type { INodeProperties } from 'n8n-workflow';

import { countryOptions } from '../../helpers/calleeNumber';
import { agentLocator, phoneNumberLocator } from '../../../shared/descriptions';
import { callingHoursFields } from './callingHoursFields';
import {
	CALLING_HOURS_MODES,
	DEFAULT_CONCURRENCY,
	DEFAULT_RATE_LIMIT_WAIT_MINUTES,
	MAX_RATE_LIMIT_WAIT_MINUTES,
	MAX_CONCURRENCY,
	MAX_TIMEOUT_SECONDS,
	TTL_MAX,
	TTL_MIN,
	VARIABLES_MODES,
} from './startLimits';
import { defaultCountryOption, toPhoneNumberField } from './toPhoneNumber';
import { waitFields } from './waitFields';

export const properties: INodeProperties[] = [
	phoneNumberLocator,
	agentLocator,
	toPhoneNumberField({
		description: 'The number to call',
		hint: 'With the country code, e.g. +971 50 123 4567 or 00971501234567. Numbers without it, e.g. (415) 555-0100, need "Default Country" in the options.',
	}),
	{
		displayName: 'Max Call Duration (Seconds)',
		name: 'ttl',
		type: 'number',
		default: 600,
		typeOptions: { minValue: TTL_MIN, maxValue: TTL_MAX },
		description: 'Agntix ends the call when this time has passed',
		hint: `Between ${TTL_MIN} and ${TTL_MAX} seconds, e.g. 300 for five minutes`,
	},
	{
		displayName: 'Specify Session Variables',
		name: 'sessionVariablesMode',
		type: 'options',
		options: VARIABLES_MODES,
		default: 'fields',
		description:
			"Session variables give the agent context for this call. Each name becomes {{name}} in the agent's prompt and comes back in Agntix webhooks, so IDs like crmContactId work for matching results.",
	},
	{
		displayName: 'Session Variables',
		name: 'sessionVariables',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Variable',
		default: {},
		displayOptions: { show: { sessionVariablesMode: ['fields'] } },
		options: [
			{
				displayName: 'Variable',
				name: 'variable',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'customerName',
						description:
							'Used as {{customerName}} in the agent\'s prompt. Names starting with "system." are reserved.',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'Ada Lovelace',
						description: 'Text, a number or true/false',
						hint: 'Map a field from an earlier node, e.g. {{ $json.firstName }}',
					},
				],
			},
		],
	},
	{
		displayName: 'Session Variables (JSON)',
		name: 'sessionVariablesJson',
		type: 'json',
		default: '{\n  "customerName": "Ada Lovelace",\n  "crmContactId": "C-1042"\n}',
		description: 'An object of names and values',
		hint: 'Map a whole object, e.g. {{ { customerName: $json.name, crmContactId: $json.id } }}',
		displayOptions: { show: { sessionVariablesMode: ['json'] } },
	},
	{
		displayName: 'Calling Hours',
		name: 'callingHours',
		type: 'options',
		noDataExpression: true,
		options: CALLING_HOURS_MODES,
		default: 'anyTime',
		description:
			"Whether to call only on certain days and hours in the contact's own time zone. To wait until the hours open instead of failing, put Call → Wait for Calling Hours before this step.",
	},
	...callingHoursFields({ callingHours: ['set'] }),
	...waitFields,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Allow Premium-Rate Numbers',
				name: 'allowPremiumRate',
				type: 'boolean',
				default: false,
				description:
					'Whether to call numbers that cost the caller extra: premium-rate (e.g. +1 900), shared-cost, and international networks and satellite phones (+870, +881, +882, +883, +808, +979). Off: such numbers fail for their item.',
			},
			{
				displayName: 'Allow Repeated Numbers',
				name: 'allowRepeatedNumbers',
				type: 'boolean',
				default: false,
				description:
					'Whether to call a number again when it appears in several items of one run. Off: the later items fail, so nobody is called twice by mistake.',
			},
			{
				displayName: 'Allowed Countries',
				name: 'allowedCountries',
				type: 'multiOptions',
				options: countryOptions(),
				default: [],
				description:
					'Only numbers in these countries are called; others fail for their item. Guards against expensive or unintended calls, e.g. when an AI agent uses this node.',
			},
			defaultCountryOption,
			{
				displayName: 'Max Concurrent Requests',
				name: 'concurrency',
				type: 'number',
				default: DEFAULT_CONCURRENCY,
				typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
				description:
					'How many calls are started at the same time when many items come in. Lower it if Agntix reports its rate limit.',
			},
			{
				displayName: 'Max Wait for Rate Limit (Minutes)',
				name: 'rateLimitWait',
				type: 'number',
				default: DEFAULT_RATE_LIMIT_WAIT_MINUTES,
				typeOptions: { minValue: 1, maxValue: MAX_RATE_LIMIT_WAIT_MINUTES },
				description:
					"How long a call may wait its turn when Agntix's rate limit is reached. Every execution in this n8n with the same credential shares the limit (e.g. one execution per CRM lead), and calls go in the order they came. Past this wait the item fails and nobody is called.",
			},
			{
				displayName: 'Request Timeout (Seconds)',
				name: 'timeout',
				type: 'number',
				default: 60,
				typeOptions: { minValue: 1, maxValue: MAX_TIMEOUT_SECONDS },
				description:
					'How long to wait for Agntix to confirm the call. A call that times out is not sent again, so nobody is called twice.',
			},
		],
	},
];
