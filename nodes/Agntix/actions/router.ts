import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import * as agent from './agent/Agent.resource';
import * as call from './call/Call.resource';
import * as phoneNumber from './phoneNumber/PhoneNumber.resource';
import * as session from './session/Session.resource';

export type Operation = (this: IExecuteFunctions, items: INodeExecutionData[]) => Promise<INodeExecutionData[]>;

/** Each resource's operations, by the values of the Resource and Operation fields. */
const resources: Record<string, Record<string, Operation>> = {
	agent: agent.operations,
	call: call.operations,
	phoneNumber: phoneNumber.operations,
	session: session.operations,
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const run = resources[resource]?.[operation];
	if (!run) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	return [await run.call(this, items)];
}
