/** The Session resource: its operation selector, its operations' fields, and what runs each one. */
import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../operation';
import * as getSession from './get.operation';
import * as getTranscript from './getTranscript.operation';

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['session'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get the state and result of a call',
				action: 'Get a session',
			},
			{
				name: 'Get Transcript',
				value: 'getTranscript',
				description: 'Get what was said in a call',
				action: 'Get the transcript of a session',
			},
		],
		default: 'get',
	},
	...getSession.description,
	...getTranscript.description,
];

export const operations: Record<string, Operation> = {
	get: getSession.execute,
	getTranscript: getTranscript.execute,
};
