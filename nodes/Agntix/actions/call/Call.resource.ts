/** The Call resource: its operation selector, its operations' fields, and what runs each one. */
import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../operation';
import * as startCall from './start.operation';

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['call'] } },
		options: [
			{
				name: 'Start',
				value: 'start',
				description: 'Call a phone number with a voice agent',
				action: 'Start a call',
			},
		],
		default: 'start',
	},
	...startCall.description,
];

export const operations: Record<string, Operation> = { start: startCall.execute };
