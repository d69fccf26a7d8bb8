import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import * as listAgents from './agent/list.operation';
import * as startCall from './call/start.operation';
import * as listPhoneNumbers from './phoneNumber/list.operation';
import * as getSession from './session/get.operation';
import * as getTranscript from './session/getTranscript.operation';

type Operation = (this: IExecuteFunctions, items: INodeExecutionData[]) => Promise<INodeExecutionData[]>;

const operations: Record<string, Record<string, Operation>> = {
	agent: { list: listAgents.execute },
	call: { start: startCall.execute },
	phoneNumber: { list: listPhoneNumbers.execute },
	session: { get: getSession.execute, getTranscript: getTranscript.execute },
};

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const run = operations[resource]?.[operation];
	if (!run) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	return [await run.call(this, items)];
}
