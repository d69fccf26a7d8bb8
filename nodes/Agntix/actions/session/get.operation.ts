import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { simplifySession } from '../../helpers/sessionOutput';
import { fetchSession } from '../../transport/resources';
import { mapItems, readSessionId } from '../shared';

const show = { resource: ['session'], operation: ['get'] };

export const sessionIdField: INodeProperties = {
	displayName: 'Session ID',
	name: 'sessionId',
	type: 'string',
	default: '',
	required: true,
	placeholder: '3f2b9c1e-8d4a-4c6b-9e2f-1a2b3c4d5e6f',
	description: 'The call\'s session, as returned by Start Call',
	hint: 'Map it from Start Call, e.g. {{ $json.sessionId }}. A dashboard link ending in the ID works too.',
};

export const description: INodeProperties[] = [
	{ ...sessionIdField, displayOptions: { show } },
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			'Whether to return the fields used most (state, summary, resolution, sentiment, extracted data…) at the top level instead of the full session',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await mapItems.call(this, items, async (itemIndex) => {
		const session = await fetchSession.call(this, readSessionId.call(this, itemIndex), itemIndex);
		const simplify = this.getNodeParameter('simplify', itemIndex, true) as boolean;
		return [simplify ? simplifySession(session) : session];
	});
}
