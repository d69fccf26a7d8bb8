import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * Whether the node runs as an AI agent's tool. n8n 1.x has no isToolExecution, and 2.x
 * answers false for tools its engine runs as plain nodes; the tool's type name always says it.
 */
export function isToolCall(context: IExecuteFunctions): boolean {
	if (typeof context.isToolExecution === 'function' && context.isToolExecution()) return true;
	return context.getNode().type.endsWith('Tool');
}
