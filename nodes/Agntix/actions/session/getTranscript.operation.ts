import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { transcriptText } from '../../helpers/sessionOutput';
import { fetchAllMessages } from '../../transport/resources';
import { mapItems, readSessionId } from '../shared';
import { sessionIdField } from './get.operation';

const show = { resource: ['session'], operation: ['getTranscript'] };

export const description: INodeProperties[] = [
	{ ...sessionIdField, displayOptions: { show } },
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		default: 'conversation',
		options: [
			{
				name: 'One Item with the Whole Conversation',
				value: 'conversation',
				description: 'The conversation as readable text ("Agent: … / Customer: …") plus the list of messages',
			},
			{
				name: 'One Item per Message',
				value: 'messages',
				description: 'Each message with its role, text and time',
			},
		],
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await mapItems.call(this, items, async (itemIndex) => {
		const sessionId = readSessionId.call(this, itemIndex);
		const messages = await fetchAllMessages.call(this, sessionId, itemIndex);
		if (this.getNodeParameter('output', itemIndex, 'conversation') === 'messages') return messages;
		return [{ sessionId, transcript: transcriptText(messages), messageCount: messages.length, messages }];
	});
}
