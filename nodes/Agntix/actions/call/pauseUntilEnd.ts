/**
 * Call → Start with "Pause the Workflow Until Agntix Reports the End": the call is started
 * with the execution's resume URL as a session variable, and the execution is saved as
 * waiting, holding no process. Agntix echoes the URL back in session.ended; the Agntix Trigger
 * hands the event on to it, and the node's resume webhook below checks it and continues the
 * execution with the call's result.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { RESUME_URL_VARIABLE, resumeUrlOf } from '../../../shared/resumeUrl';
import { simplifySession, transcriptText } from '../../../shared/sessionOutput';
import { fetchAllMessages } from '../../../shared/transport/agntixApi';
import { CREDENTIAL_TYPE } from '../../../shared/transport/request';
import { readVerifiedWebhook, webhookSecretOf } from '../../../shared/verifiedWebhook';
import type { WaitSettings } from './waitForEnd';

/** Whether this run pauses rather than keeps checking; refuses a pause it cannot do. */
export async function pausesUntilEnd(this: IExecuteFunctions, itemCount: number, wait: WaitSettings | undefined): Promise<boolean> {
	if (!wait || wait.mode === 'poll') return false;
	// An AI agent's tool call must answer within the agent's run: it keeps checking.
	if (typeof this.isToolExecution === 'function' && this.isToolExecution()) return false;
	if (wait.mode === 'auto') {
		return itemCount === 1 && webhookSecretOf(await this.getCredentials(CREDENTIAL_TYPE)) !== '';
	}
	if (itemCount !== 1) {
		throw new NodeOperationError(this.getNode(), `Pausing waits for one call per execution, and ${itemCount} items came in`, {
			description:
				'Nobody was called. Set "How to Wait" to "Keep Checking (Polling)" for lists, or call a sub-workflow with this node once per item (Execute Workflow, Mode: Run once for each item): each call then pauses in its own execution.',
		});
	}
	return true;
}

/** The resume URL of this execution, to travel with the call. */
export function resumeUrlOfExecution(this: IExecuteFunctions): string {
	return String(this.evaluateExpression('{{ $execution.resumeUrl }}', 0));
}

/** The call's output without the resume URL, which is only for Agntix and the trigger. */
export function withoutResumeUrl(output: IDataObject): IDataObject {
	const variables = { ...((output.sessionVariables as IDataObject | undefined) ?? {}) };
	delete variables[RESUME_URL_VARIABLE];
	return { ...output, sessionVariables: variables };
}

/**
 * Saves the execution as waiting until the deadline. If it passes without the call's end,
 * n8n continues with the node's input item unchanged: so that item becomes the started call,
 * marked waitTimedOut.
 */
export async function pauseExecution(
	this: IExecuteFunctions,
	item: INodeExecutionData,
	started: IDataObject,
	wait: WaitSettings,
): Promise<INodeExecutionData[]> {
	item.json = { ...withoutResumeUrl(started), ended: false, waitTimedOut: true };
	await this.putExecutionToWait(new Date(Date.now() + wait.maxWaitMs));
	return [{ json: item.json, pairedItem: { item: 0 } }];
}

/** Whether the event's resume URL is the one this request came to (path and token). */
function isThisExecution(eventUrl: string, requestUrl: string): boolean {
	try {
		const event = new URL(eventUrl);
		const request = new URL(requestUrl, event.origin);
		return event.pathname.replace(/\/$/, '') === request.pathname.replace(/\/$/, '') && event.search === request.search;
	} catch {
		return false;
	}
}

/**
 * The resume webhook of a paused Start Call. Only a genuine session.ended of this very call
 * resumes it: signed with the credential's secret, and carrying this execution's resume URL.
 * Anything else is refused and the execution keeps waiting.
 */
export async function resumeWhenCallEnded(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const refuse = (status: number, error: string): IWebhookResponseData => {
		this.logger.warn(`Agntix "${this.getNode().name}": did not resume the paused call: ${error}`);
		this.getResponseObject().status(status).json({ error });
		return { noWebhookResponse: true };
	};
	const verified = await readVerifiedWebhook.call(this);
	if (!verified.ok) return refuse(verified.status, verified.error);
	const { event } = verified;
	if (event.eventType !== 'session.ended') return refuse(422, 'only the call\'s session.ended resumes it');
	const target = resumeUrlOf(event);
	const request = this.getRequestObject();
	if (!target || !isThisExecution(target, request.originalUrl ?? request.url)) {
		return refuse(403, 'the event belongs to another call');
	}

	const json: IDataObject = withoutResumeUrl({ ...simplifySession(event), waitTimedOut: false });
	if (this.getNodeParameter('waitOptions.includeTranscript', false) === true) {
		const messages = await fetchAllMessages.call(this, String(event.id));
		json.transcript = transcriptText(messages);
		json.messages = messages;
	}
	return { workflowData: [[{ json, pairedItem: { item: 0 } }]] };
}
