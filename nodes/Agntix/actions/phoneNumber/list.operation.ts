import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { collectPages } from '../../transport/pagination';
import { PHONE_NUMBER_PAGE_SIZE, fetchPhoneNumberPage } from '../../transport/resources';
import { mapItems, readLimit, returnAllFields } from '../shared';

const show = { resource: ['phoneNumber'], operation: ['list'] };

export const description: INodeProperties[] = [
	...returnAllFields(show),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Provider Type',
				name: 'providerType',
				type: 'options',
				options: [
					{ name: 'Bring Your Own Number', value: 'byon', description: 'Numbers connected from your own carrier' },
					{ name: 'Leased', value: 'leasing', description: 'Numbers leased through Agntix' },
				],
				default: 'leasing',
			},
		],
	},
];

async function listPhoneNumbers(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = readLimit.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const query: IDataObject = {};
	if (filters.providerType) query.provider_type = filters.providerType;

	// Ask for no more than needed: a small limit reads one small page.
	const size = Math.min(PHONE_NUMBER_PAGE_SIZE, limit ?? PHONE_NUMBER_PAGE_SIZE);
	const { items } = await collectPages(
		(page) => fetchPhoneNumberPage.call(this, page, size, query, itemIndex),
		size,
		{ stopAfter: limit },
	);
	return limit === undefined ? items : items.slice(0, limit);
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await mapItems.call(this, items, (itemIndex) => listPhoneNumbers.call(this, itemIndex));
}
