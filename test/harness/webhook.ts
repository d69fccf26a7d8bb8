/**
 * Delivers an HTTP request to a trigger node's webhook() through n8n-core's own WebhookContext,
 * and activates it through HookContext, the way n8n does for a live workflow.
 */
import { HookContext, WebhookContext } from 'n8n-core';
import { Workflow } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	IRunExecutionData,
	IWebhookData,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { TestCredentialsHelper } from './credentialsHelper';
import { NODE_TYPES, nodeTypes } from './nodeTypes';
import { assertNoSecrets } from './secrets';

export interface WebhookOutcome {
	status: number;
	body?: IDataObject;
	/** The items that would start an execution; undefined when none starts. */
	items?: INodeExecutionData[];
}

function setup(
	node: INode,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	extra: object = {},
) {
	const workflow = new Workflow({
		id: 'trigger-workflow',
		nodes: [node],
		connections: {},
		nodeTypes,
		active: true,
		settings: {},
	});
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper(credentials),
		executionId: undefined,
		variables: {},
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		...extra,
	} as unknown as IWorkflowExecuteAdditionalData;
	const webhookData: IWebhookData = {
		httpMethod: 'POST',
		path: 'webhook',
		node: node.name,
		webhookDescription: {
			name: 'default',
			httpMethod: 'POST',
			path: 'webhook',
			responseMode: 'onReceived',
		},
		workflowId: workflow.id,
		workflowExecuteAdditionalData: additionalData,
	};
	return { workflow, additionalData, webhookData };
}

export interface DeliveryOptions {
	/** "manual" is a delivery to the Test URL while the editor listens; "webhook" to the Production URL. */
	mode?: 'manual' | 'webhook';
	/** The URL the request came to (path and query), e.g. a paused execution's resume URL. */
	url?: string;
	/** Where n8n's webhooks live, e.g. http://127.0.0.1:5678/webhook; waiting executions beside it (/webhook-waiting). */
	webhookBaseUrl?: string;
	/** Where n8n's waiting executions are resumed, when not beside webhookBaseUrl. */
	webhookWaitingBaseUrl?: string;
	/** The execution a resume URL belongs to, as n8n saved it when it started waiting. */
	waitingExecution?: IRunExecutionData;
}

/** Calls a node's webhook method with a request, as n8n does for a webhook or a resume URL. */
export async function deliverToTrigger(
	node: INode,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	request: { headers: Record<string, string>; body: string },
	options: DeliveryOptions = {},
): Promise<WebhookOutcome> {
	const response: { status: number; body?: IDataObject } = { status: 200 };
	const res = {
		status(code: number) {
			response.status = code;
			return res;
		},
		json(body: IDataObject) {
			response.body = body;
			return res;
		},
		end() {
			return res;
		},
	};
	let parsed: unknown;
	try {
		parsed = JSON.parse(request.body);
	} catch {
		parsed = {};
	}
	const req = {
		headers: Object.fromEntries(
			Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]),
		),
		body: parsed,
		rawBody: Buffer.from(request.body),
		url: options.url ?? '/webhook',
		originalUrl: options.url ?? '/webhook',
		query: {},
		params: {},
	};
	const bases = options.webhookBaseUrl
		? {
				webhookBaseUrl: options.webhookBaseUrl,
				webhookWaitingBaseUrl: `${options.webhookBaseUrl}-waiting`,
			}
		: {};
	if (options.webhookWaitingBaseUrl)
		Object.assign(bases, { webhookWaitingBaseUrl: options.webhookWaitingBaseUrl });
	const extra = { httpRequest: req, httpResponse: res, ...bases };
	const { workflow, additionalData, webhookData } = setup(node, credentials, extra);
	const context = new WebhookContext(
		workflow,
		workflow.getNode(node.name)!,
		additionalData,
		options.mode ?? 'webhook',
		webhookData,
		[],
		options.waitingExecution ?? null,
	);
	const result = await NODE_TYPES[node.type].webhook!.call(context);
	const outcome = { status: response.status, body: response.body, items: result.workflowData?.[0] };
	assertNoSecrets(outcome, 'the answer or output of the trigger');
	return outcome;
}

/** Runs the trigger's activation check (webhookMethods.default.checkExists). */
export async function activateTrigger(
	node: INode,
	credentials: Record<string, ICredentialDataDecryptedObject>,
): Promise<boolean> {
	const { workflow, additionalData, webhookData } = setup(node, credentials);
	const context = new HookContext(
		workflow,
		workflow.getNode(node.name)!,
		additionalData,
		'trigger',
		'activate',
		webhookData,
	);
	return await NODE_TYPES[node.type].webhookMethods!.default!.checkExists.call(context);
}
