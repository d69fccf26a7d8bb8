/** The PhoneNumber resource: its operation selector, its operations' fields, and what runs each one. */
import type { INodeProperties } from 'n8n-workflow';

import type { Operation } from '../operation';
import * as listPhoneNumbers from './list.operation';

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['phoneNumber'] } },
		options: [
			{
				name: 'List',
				value: 'list',
				description: "List your organization's phone numbers",
				action: 'List phone numbers',
			},
		],
		default: 'list',
	},
	...listPhoneNumbers.description,
];

export const operations: Record<string, Operation> = { list: listPhoneNumbers.execute };
