import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';

import { Agntix } from '../../nodes/Agntix/Agntix.node';
import { AgntixTrigger } from '../../nodes/AgntixTrigger/AgntixTrigger.node';

/** Emits the items given in its "items" parameter, like a sheet or CRM node would. */
class TestItems implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Items',
		name: 'testItems',
		group: ['input'],
		version: 1,
		description: 'Outputs fixed items',
		defaults: { name: 'Items' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string | object[];
		const rows = (typeof raw === 'string' ? JSON.parse(raw) : raw) as object[];
		return [
			rows.map((json, index) => ({ json: json as never, pairedItem: { item: 0, input: index } })),
		];
	}
}

/** Node types by the names a community install gives them. */
export const NODE_TYPES: Record<string, INodeType> = {
	'n8n-nodes-agntix.agntix': new Agntix(),
	// What n8n names the node when an AI agent uses it as a tool.
	'n8n-nodes-agntix.agntixTool': new Agntix(),
	'n8n-nodes-agntix.agntixTrigger': new AgntixTrigger(),
	'test.items': new TestItems(),
};

export const nodeTypes: INodeTypes = {
	getByName: (name: string): INodeType | IVersionedNodeType => NODE_TYPES[name],
	getByNameAndVersion: (name: string): INodeType => {
		const type = NODE_TYPES[name];
		if (!type) throw new Error(`Unknown node type ${name}`);
		return type;
	},
	getKnownTypes: () => ({}),
};
