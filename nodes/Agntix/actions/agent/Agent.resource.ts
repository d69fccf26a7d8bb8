/** The Agent resource: its operation selector, its operations' fields, and what runs each one. */
import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../operation';
import * as listAgents from './list.operation';

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['agent'] } },
		options: [
			{
				name: 'List',
				value: 'list',
				description: "List your organization's agents",
				action: 'List agents',
			},
		],
		default: 'list',
	},
	...listAgents.description,
];

export const operations: Record<string, Operation> = { list: listAgents.execute };
