import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import * as agent from './agent/Agent.resource';
import * as call from './call/Call.resource';
import type { Operation } from './operation';
import * as phoneNumber from './phoneNumber/PhoneNumber.resource';
import * as session from './session/Session.resource';

/** The node's resources, by the value of the Resource field: the one list of them. */
export const RESOURCES = { agent, call, phoneNumber, session };

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const run = (RESOURCES as Record<string, { operations: Record<string, Operation> }>)[resource]
		?.operations[operation];
	if (!run) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	return [await run.call(this, items)];
}
