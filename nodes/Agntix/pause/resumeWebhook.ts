/**
 * Step 6 of the pause (see index.ts): the resume webhook of a paused Start Call.
 */
import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { withOutcome } from '../../shared/callOutcome';
import { simplifySession, transcriptText } from '../../shared/sessionOutput';
import { fetchAllMessages } from '../../shared/transport/agntixApi';
import { readVerifiedWebhook } from '../../shared/verifiedWebhook';
import { resumeUrlOf, withoutResumeUrl } from './resumeUrl';

/** The trigger hands the end on with 10 s to spare; reading the transcript gets part of it. */
const RESUME_READ_LIMIT_MS = 5_000;

/** The session id of the call this execution waits for, from the item saved by pauseUntilEnd. */
function sessionIdOfWait(this: IWebhookFunctions): string | undefined {
	try {
		const sessionId = this.evaluateExpression('{{ $json.sessionId }}', 0);
		return typeof sessionId === 'string' && sessionId !== '' ? sessionId : undefined;
	} catch {
		return undefined;
	}
}

/** Whether the event's resume URL is the one this request came to (path and token). */
function isThisExecution(eventUrl: string, requestUrl: string): boolean {
	try {
		const event = new URL(eventUrl);
		const request = new URL(requestUrl, event.origin);
		return (
			event.pathname.replace(/\/$/, '') === request.pathname.replace(/\/$/, '') &&
			event.search === request.search
		);
	} catch {
		return false;
	}
}

/**
 * The resume webhook of a paused Start Call. Only a genuine session.ended of the very call
 * this execution waits for resumes it: signed with the credential's secret, for the session id
 * the node started, and carrying this execution's resume URL. Anything else is refused and the
 * execution keeps waiting.
 */
export async function resumeWhenCallEnded(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const refuse = (status: number, error: string): IWebhookResponseData => {
		this.logger.warn(`Agntix "${this.getNode().name}": did not resume the paused call: ${error}`);
		this.getResponseObject().status(status).json({ error });
		return { noWebhookResponse: true };
	};
	// Only a paused Start Call waits for a call's end; a step waiting for calling hours resumes by time.
	if (this.getNodeParameter('operation', 'start') !== 'start')
		return refuse(404, 'this step does not wait for the end of a call');
	const verified = await readVerifiedWebhook.call(this);
	if (!verified.ok) return refuse(verified.status, verified.error);
	const { event } = verified;
	if (event.eventType !== 'session.ended')
		return refuse(422, "only the call's session.ended resumes it");
	const waitsFor = sessionIdOfWait.call(this);
	if (waitsFor === undefined || String(event.id ?? '') !== waitsFor) {
		return refuse(403, 'the event is not the end of the call this execution waits for');
	}
	const target = resumeUrlOf(event);
	const request = this.getRequestObject();
	if (!target || !isThisExecution(target, request.originalUrl ?? request.url)) {
		return refuse(403, 'the event was not sent for this execution');
	}

	const readMessages = () => fetchAllMessages.call(this, String(event.id));
	// A failed or slow read must not cost the call's result: n8n fails the whole waiting
	// execution when this webhook throws, and the trigger handing the event on waits for it.
	const {
		output: json,
		messages,
		readError,
	} = await withOutcome(simplifySession(withoutResumeUrl(event)), {
		timedOut: false,
		readMessages,
		limitMs: RESUME_READ_LIMIT_MS,
	});
	json.waitTimedOut = false;
	if (json.reachedUnknownReason) {
		this.logger.warn(`Agntix "${this.getNode().name}": ${String(json.reachedUnknownReason)}`);
	}
	if (this.getNodeParameter('waitOptions.includeTranscript', false) === true) {
		if (messages) {
			json.transcript = transcriptText(messages);
			json.messages = messages;
		} else {
			json.transcriptError = readError;
		}
	}
	return { workflowData: [[{ json, pairedItem: { item: 0 } }]] };
}
