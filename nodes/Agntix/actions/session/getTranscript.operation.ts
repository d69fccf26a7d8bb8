import { updateDisplayOptions } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { transcriptText } from '../../../shared/sessionOutput';
import { fetchAllMessages } from '../../../shared/transport/agntixApi';
import { sessionIdField } from '../../../shared/descriptions';
import { checkedChoice } from '../../helpers/checkedChoice';
import { mapItems } from '../items';
import { readSessionId } from '../parameters';

const OUTPUTS = [
	{
		name: 'One Item with the Whole Conversation',
		value: 'conversation',
		description:
			'The conversation as readable text ("Agent: … / Customer: …") plus the list of messages',
	},
	{
		name: 'One Item per Message',
		value: 'messages',
		description: 'Each message with its role, text and time',
	},
];

const properties: INodeProperties[] = [
	sessionIdField,
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		default: 'conversation',
		options: OUTPUTS,
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['session'], operation: ['getTranscript'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await mapItems.call(this, items, async (itemIndex) => {
		const sessionId = readSessionId.call(this, itemIndex);
		const messages = await fetchAllMessages.call(this, sessionId, itemIndex);
		if (
			checkedChoice(this.getNodeParameter('output', itemIndex, 'conversation'), {
				label: 'Output',
				choices: OUTPUTS,
				fallback: 'conversation',
			}) === 'messages'
		)
			return messages;
		return [
			{ sessionId, transcript: transcriptText(messages), messageCount: messages.length, messages },
		];
	});
}
