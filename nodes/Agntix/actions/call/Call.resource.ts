/** The Call resource: its operation selector, its operations' fields, and what runs each one. */
import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../operation';
import * as startCall from './start.operation';
import * as waitForCallingHours from './waitForCallingHours.operation';

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
			{
				name: 'Wait for Calling Hours',
				value: 'waitForCallingHours',
				description:
					"Hold an item until the contact's calling hours open, in their own time zone, then go on to the next step",
				action: 'Wait for calling hours',
			},
		],
		default: 'start',
	},
	...startCall.description,
	...waitForCallingHours.description,
];

export const operations: Record<string, Operation> = {
	start: startCall.execute,
	waitForCallingHours: waitForCallingHours.execute,
};
