import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { collectPages } from '../../../shared/transport/pagination';
import { PHONE_NUMBER_PAGE_SIZE, fetchPhoneNumberPage } from '../../../shared/transport/agntixApi';
import { returnAllFields } from '../../../shared/descriptions';
import { checkedChoice } from '../../helpers/checkedChoice';
import { mapItems } from '../items';
import { readLimit } from '../parameters';

const PROVIDER_TYPES = [
	{
		name: 'Bring Your Own Number',
		value: 'byon',
		description: 'Numbers connected from your own carrier',
	},
	{ name: 'Leased', value: 'leasing', description: 'Numbers leased through Agntix' },
];

const properties: INodeProperties[] = [
	...returnAllFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Provider Type',
				name: 'providerType',
				type: 'options',
				options: PROVIDER_TYPES,
				default: 'leasing',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneNumber'], operation: ['list'] } },
	properties,
);

async function listPhoneNumbers(
	this: IExecuteFunctions,
	itemIndex: number,
): Promise<IDataObject[]> {
	const limit = readLimit.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const query: IDataObject = {};
	if (filters.providerType !== undefined)
		query.provider_type = checkedChoice(filters.providerType, {
			label: 'Provider Type',
			choices: PROVIDER_TYPES,
			fallback: 'leasing',
		});

	// Ask for no more than needed: a small limit reads one small page.
	const size = Math.min(PHONE_NUMBER_PAGE_SIZE, limit ?? PHONE_NUMBER_PAGE_SIZE);
	const { items } = await collectPages(
		(page) => fetchPhoneNumberPage.call(this, { page, size, filters: query, itemIndex }),
		size,
		{ stopAfter: limit },
	);
	return limit === undefined ? items : items.slice(0, limit);
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await mapItems.call(this, items, (itemIndex) => listPhoneNumbers.call(this, itemIndex));
}
