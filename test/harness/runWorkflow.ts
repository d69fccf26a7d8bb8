/**
 * Runs workflow JSON in-process with n8n's own engine (n8n-core's WorkflowExecute), the
 * package's real node and credential classes, and real HTTP to the sandbox.
 */
import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import { Workflow, createRunExecutionData } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IConnections,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeListSearchResult,
	IRun,
	IWorkflowExecuteAdditionalData,
	IWorkflowSettings,
} from 'n8n-workflow';

import { TestCredentialsHelper } from './credentialsHelper';
import { assertNoSecrets } from './secrets';
import { NODE_TYPES, nodeTypes } from './nodeTypes';

export interface WorkflowJson {
	nodes: INode[];
	connections: IConnections;
	/** The workflow's settings, e.g. its time zone. */
	settings?: IWorkflowSettings;
}

export interface RunResult {
	/** Absent when n8n refused to start the run. */
	run?: IRun;
	/** The error that stopped the workflow, if any. */
	error?: Error & { description?: string; context?: IDataObject };
	/** The output items of a node (first run, first output). */
	output(nodeName: string): INodeExecutionData[];
	/** The error a node ended with, if any. */
	nodeError(
		nodeName: string,
	): (Error & { description?: string; context?: IDataObject }) | undefined;
}

function additionalDataFor(
	credentials: Record<string, ICredentialDataDecryptedObject>,
	hooks?: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new TestCredentialsHelper(credentials),
		hooks,
		executionId: 'test-execution',
		restartExecutionId: undefined,
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		userId: 'test-user',
		variables: {},
		instanceBaseUrl: 'http://localhost:5678/',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		logAiEvent: async () => {},
		startRunnerTask: async () => {
			throw new Error('Code nodes are not available in these tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

function workflowOf(json: WorkflowJson): Workflow {
	return new Workflow({
		id: 'test-workflow',
		name: 'Test',
		nodes: json.nodes,
		connections: json.connections,
		nodeTypes,
		active: false,
		settings: json.settings ?? {},
	});
}

export async function runWorkflow(
	json: WorkflowJson,
	credentials: Record<string, ICredentialDataDecryptedObject>,
): Promise<RunResult> {
	const workflow = workflowOf(json);
	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', {
		id: 'test-workflow',
		name: 'Test',
		active: false,
		isArchived: false,
		nodes: json.nodes,
		connections: json.connections,
		settings: {},
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	} as never);
	let finish: (run: IRun) => void = () => {};
	const finished = new Promise<IRun>((resolve) => (finish = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => finish(run));

	// The first node listed starts the run, as the manual trigger would.
	const startNode = workflow.getNode(json.nodes[0].name)!;
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: startNode, data: { main: [[{ json: {} }]] }, source: null }],
		},
	});
	const execute = new WorkflowExecute(
		additionalDataFor(credentials, hooks),
		'manual',
		runExecutionData,
	);
	try {
		await execute.processRunExecutionData(workflow);
	} catch (error) {
		// n8n refuses to start when a node has issues (a required or invalid parameter).
		assertNoSecrets(error, 'the error of a run n8n refused to start');
		return { error: error as RunResult['error'], output: () => [], nodeError: () => undefined };
	}
	const run = await finished;
	assertNoSecrets(run, 'the output or errors of the run');

	const runData = run.data.resultData.runData;
	return {
		run,
		error: run.data.resultData.error as RunResult['error'],
		output: (nodeName) => runData[nodeName]?.[0]?.data?.main?.[0] ?? [],
		nodeError: (nodeName) => runData[nodeName]?.[0]?.error as RunResult['error'],
	};
}

/** Calls a node's listSearch method the way the editor's dropdown does. */
export async function listSearch(
	node: INode,
	method: string,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const workflow = workflowOf({ nodes: [node], connections: {} });
	const context = new LoadOptionsContext(
		workflow,
		workflow.getNode(node.name)!,
		additionalDataFor(credentials),
		'',
	);
	const type = NODE_TYPES[node.type];
	const search = type.methods?.listSearch?.[method];
	if (!search) throw new Error(`No listSearch method ${method}`);
	try {
		const result = await search.call(context, filter, paginationToken);
		assertNoSecrets(result, `the ${method} results`);
		return result;
	} catch (error) {
		assertNoSecrets(error, `the ${method} error`);
		throw error;
	}
}
