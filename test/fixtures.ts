import type {
	ICredentialDataDecryptedObject,
	IConnections,
	INode,
	INodeParameters,
} from 'n8n-workflow';

import { SANDBOX_API_KEY, SANDBOX_BEARER_TOKEN } from '../tools/sandbox/data';
import { Sandbox } from '../tools/sandbox/server';
import type { SandboxConfig } from '../tools/sandbox/config';
import { runWorkflow } from './harness/runWorkflow';
import type { RunResult, WorkflowJson } from './harness/runWorkflow';

export const AGNTIX_TYPE = 'n8n-nodes-agntix.agntix';

/** The sandbox's API key credential; with a webhook signing secret for the trigger and pausing. */
export function apiKeyCredential(
	sandbox: Sandbox,
	apiKey = SANDBOX_API_KEY,
	webhookSecret?: string,
): Record<string, ICredentialDataDecryptedObject> {
	return {
		agntixApi: {
			authentication: 'apiKey',
			apiKey,
			token: '',
			baseUrl: `${sandbox.url}/`,
			...(webhookSecret === undefined ? {} : { webhookSecret }),
		},
	};
}

export function bearerCredential(
	sandbox: Sandbox,
	token = SANDBOX_BEARER_TOKEN,
): Record<string, ICredentialDataDecryptedObject> {
	return { agntixApi: { authentication: 'bearerToken', apiKey: '', token, baseUrl: sandbox.url } };
}

export function agntixNode(parameters: INodeParameters, settings: Partial<INode> = {}): INode {
	return {
		id: 'agntix-node',
		name: 'Agntix',
		type: AGNTIX_TYPE,
		typeVersion: 1,
		position: [400, 0],
		parameters,
		credentials: { agntixApi: { id: '1', name: 'Agntix account' } },
		...settings,
	};
}

/** Contacts (a stand-in for a sheet or CRM node) → Agntix. */
export function contactsWorkflow(contacts: object[], agntix: INode): WorkflowJson {
	const source: INode = {
		id: 'contacts-node',
		name: 'Contacts',
		type: 'test.items',
		typeVersion: 1,
		position: [0, 0],
		parameters: { items: JSON.stringify(contacts) },
	};
	const connections: IConnections = {
		Contacts: { main: [[{ node: agntix.name, type: 'main', index: 0 }]] },
	};
	return { nodes: [source, agntix], connections };
}

export function startCallParameters(
	sandbox: Sandbox,
	overrides: INodeParameters = {},
): INodeParameters {
	const number = sandbox.phoneNumberRecords[0];
	const agent = sandbox.agentRecords.find((a) => a.voiceEnabled && a.isActive)!;
	return {
		resource: 'call',
		operation: 'start',
		phoneNumberId: { __rl: true, mode: 'list', value: number.id },
		agentId: { __rl: true, mode: 'list', value: agent.id },
		toPhoneNumber: '={{ $json.phone }}',
		ttl: 300,
		...overrides,
	};
}

/** The sandbox of a test file: listening before its first test, reset before each, closed after. */
export function useSandbox(config: Partial<SandboxConfig> = {}): Sandbox {
	const sandbox = new Sandbox(config);
	beforeAll(async () => {
		await sandbox.listen();
	});
	beforeEach(() => sandbox.reset(config));
	afterAll(async () => await sandbox.close());
	return sandbox;
}

/** Runs one Agntix node with these parameters for the input items, against the sandbox. */
export function runAgntix(
	sandbox: Sandbox,
	parameters: INodeParameters,
	inputs: object[] = [{}],
	settings: Partial<INode> = {},
): Promise<RunResult> {
	return runWorkflow(
		contactsWorkflow(inputs, agntixNode(parameters, settings)),
		apiKeyCredential(sandbox),
	);
}

let triggerNodes = 0;

/** A fresh Agntix Trigger node each time (a new id), so remembered deliveries do not carry over between tests. */
export function agntixTriggerNode(parameters: INodeParameters = {}): INode {
	triggerNodes++;
	return {
		id: `trigger-${triggerNodes}`,
		name: 'Agntix Trigger',
		type: 'n8n-nodes-agntix.agntixTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: { events: ['session.ended'], ...parameters },
		credentials: { agntixApi: { id: '1', name: 'Agntix account' } },
	};
}
