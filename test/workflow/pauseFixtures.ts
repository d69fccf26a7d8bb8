/**
 * What the tests of the pause share: a sandbox, a signing secret, a pausing Start Call, a call
 * that paused for real, its session.ended, and the delivery to a paused execution.
 */
import type { INode, INodeParameters } from 'n8n-workflow';

import { runWorkflow } from '../harness/runWorkflow';
import { deliverToTrigger } from '../harness/webhook';
import {
	agntixNode,
	apiKeyCredential,
	contactsWorkflow,
	startCallParameters,
	useSandbox,
} from '../fixtures';
import { SANDBOX_API_KEY } from '../../tools/sandbox/data';
import { newWebhookSecret, signedRequest } from '../../tools/sandbox/webhooks';
import type { Forgery } from '../../tools/sandbox/webhooks';

/** The resume URL n8n gives the harness's execution. */
export const RESUME_URL = 'http://localhost:5678/webhook-waiting/test-execution';

/** Registers a sandbox for the test file and returns the helpers bound to it. */
export function usePause() {
	const SECRET = newWebhookSecret();
	const sandbox = useSandbox();

	const credentials = (webhookSecret = SECRET) =>
		apiKeyCredential(sandbox, SANDBOX_API_KEY, webhookSecret);

	function pausingNode(waitOptions: INodeParameters = {}, waitMode = 'pause'): INode {
		return agntixNode(
			startCallParameters(sandbox, { ttl: 60, waitForEnd: true, waitMode, waitOptions }),
		);
	}

	/** The session.ended Agntix sends for a call of the sandbox. */
	function endedEventOf(
		call: { sessionId: string; agentId: string; toPhoneNumber: string; sessionVariables?: object },
		overrides: object = {},
	) {
		return {
			id: call.sessionId,
			eventType: 'session.ended',
			direction: 'OUTBOUND',
			state: 'CLOSED',
			agentId: call.agentId,
			endedAt: new Date().toISOString(),
			metadata: {
				customerPhoneNumber: call.toPhoneNumber,
				sessionVariables: call.sessionVariables,
			},
			analysis: { summary: 'Ada confirmed.', resolution: { classification: 'RESOLVED' } },
			...overrides,
		};
	}

	/** The end of a call of the sandbox that carries `resumeUrl`, if any. */
	function endedEventFor(resumeUrl: string | undefined, overrides: object = {}) {
		const call = sandbox.addCall(
			'+14155550100',
			{ crmContactId: 'C-9', ...(resumeUrl ? { n8nResumeUrl: resumeUrl } : {}) },
			Date.now() - 60_000,
		);
		return endedEventOf(call, overrides);
	}

	/** A Start Call that paused for real: the call it placed and the execution as n8n saved it. */
	async function pausedCall(waitOptions: INodeParameters = {}, phone = '+14155550100') {
		const node = pausingNode(waitOptions);
		const result = await runWorkflow(contactsWorkflow([{ phone }], node), credentials());
		expect(result.run?.waitTill).toBeDefined();
		const call = sandbox.calls[sandbox.calls.length - 1];
		return {
			node,
			execution: result.run!.data,
			call,
			resumeUrl: String(call.sessionVariables?.n8nResumeUrl),
		};
	}

	/** Delivers an event to a paused execution's resume URL, as the trigger hands it on. */
	function resumeWith(
		paused: Awaited<ReturnType<typeof pausedCall>>,
		event: object,
		forgery: Forgery = 'none',
		execution = paused.execution,
	) {
		const request = signedRequest(
			{ secret: SECRET, forgery, headerStyle: 'svix', rotation: false },
			event,
		);
		const url = new URL(paused.resumeUrl);
		return deliverToTrigger(paused.node, credentials(), request, {
			url: `${url.pathname}${url.search}`,
			waitingExecution: execution,
		});
	}

	return {
		SECRET,
		sandbox,
		credentials,
		pausingNode,
		endedEventOf,
		endedEventFor,
		pausedCall,
		resumeWith,
	};
}
