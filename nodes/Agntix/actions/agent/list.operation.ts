import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { agentDashboardUrl } from '../../../shared/ids';
import { collectPages } from '../../../shared/transport/pagination';
import { agentIsActive, agentMatchesSearch } from '../../../shared/agents';
import { AGENT_PAGE_SIZE, fetchAgentPage } from '../../../shared/transport/agntixApi';
import { returnAllFields } from '../../../shared/descriptions';
import { mapItems } from '../items';
import { readLimit } from '../parameters';

const properties: INodeProperties[] = [
	...returnAllFields,
	{
		displayName: 'Voice-Enabled Only',
		name: 'voiceEnabledOnly',
		type: 'boolean',
		default: true,
		description: 'Whether to return only agents that can take phone calls',
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Include Inactive Agents',
				name: 'includeInactive',
				type: 'boolean',
				default: false,
				description: 'Whether to also return agents that are switched off',
			},
			{
				displayName: 'Search',
				name: 'search',
				type: 'string',
				default: '',
				placeholder: 'reminder',
				description:
					'Only agents whose name or description contains this text, ignoring accents and case',
			},
		],
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['agent'], operation: ['list'] } },
	properties,
);

async function listAgents(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = readLimit.call(this, itemIndex);
	const voiceEnabledOnly = this.getNodeParameter('voiceEnabledOnly', itemIndex, true) as boolean;
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const search = typeof filters.search === 'string' ? filters.search : undefined;

	const { items } = await collectPages(
		(page) =>
			fetchAgentPage.call(this, {
				page,
				size: AGENT_PAGE_SIZE,
				itemIndex,
				activeOnly: filters.includeInactive !== true,
			}),
		AGENT_PAGE_SIZE,
		{
			stopAfter: limit,
			keep: (agent) =>
				(!voiceEnabledOnly || agent.voiceEnabled === true) &&
				(filters.includeInactive === true || agentIsActive(agent)) &&
				agentMatchesSearch(agent, search),
		},
	);
	const agents = limit === undefined ? items : items.slice(0, limit);
	return agents.map((agent) => ({ ...agent, dashboardUrl: agentDashboardUrl(String(agent.id)) }));
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await mapItems.call(this, items, (itemIndex) => listAgents.call(this, itemIndex));
}
