import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { simplifySession } from '../../../shared/sessionOutput';
import { withOutcome } from '../../../shared/callOutcome';
import { fetchAllMessages, fetchSession } from '../../../shared/transport/agntixApi';
import { sessionIdField } from '../../../shared/descriptions';
import { withoutResumeUrl } from '../../pause';
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
			'Whether to return the fields used most (outcome, whether the person was reached, state, summary, resolution, sentiment, extracted data…) at the top level instead of the full session. For an ended call this reads its transcript too (one more request).',
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
		const sessionId = readSessionId.call(this, itemIndex);
		const session = withoutResumeUrl(await fetchSession.call(this, sessionId, itemIndex));
		if (!(this.getNodeParameter('simplify', itemIndex, true) as boolean)) return [session];
		const { output } = await withOutcome(simplifySession(session), {
			timedOut: false,
			readMessages: () => fetchAllMessages.call(this, sessionId, itemIndex),
		});
		return [output];
	});
}
