import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { simplifySession } from '../../../shared/sessionOutput';
import { fetchSession } from '../../../shared/transport/agntixApi';
import { sessionIdField } from '../../../shared/descriptions';
import { mapItems } from '../items';
import { readSessionId } from '../parameters';

const properties: INodeProperties[] = [
	sessionIdField,
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			'Whether to return the fields used most (state, summary, resolution, sentiment, extracted data…) at the top level instead of the full session',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['session'], operation: ['get'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await mapItems.call(this, items, async (itemIndex) => {
		const session = await fetchSession.call(this, readSessionId.call(this, itemIndex), itemIndex);
		const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
		return [simplify ? simplifySession(session) : session];
	});
}
