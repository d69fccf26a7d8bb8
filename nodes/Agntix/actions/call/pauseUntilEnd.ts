/**
 * Call → Start with "Pause the Workflow Until Agntix Reports the End": the call is started
 * with the execution's resume URL as a session variable, and the execution is saved as
 * waiting, holding no process. Agntix echoes the URL back in session.ended; the Agntix Trigger
 * hands the event on to it, and the node's resume webhook below checks it and continues the
 * execution with the call's result. What binds the two is in shared/pausedCall.ts.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { OUTCOMES, withOutcome } from '../../../shared/callOutcome';
import { clock } from '../../../shared/clock';
import { dateTimeText } from '../../helpers/callingHours';
import { InputProblem } from '../../helpers/inputProblem';
import { RESUME_URL_VARIABLE, resumeUrlOf, withoutResumeUrl } from '../../../shared/pausedCall';
import { simplifySession, transcriptText } from '../../../shared/sessionOutput';
import { secretKey } from '../../../shared/signature';
import { fetchAllMessages } from '../../../shared/transport/agntixApi';
import { CREDENTIAL_TYPE } from '../../../shared/transport/request';
import { readVerifiedWebhook, webhookSecretOf } from '../../../shared/verifiedWebhook';
import { failureWhileWaiting } from './callFailure';
import type { CallPlan } from './callPlan';
import { isToolCall } from '../toolCall';
import { placeCall } from './placeCall';
import type { WaitSettings } from './waitForEnd';

/** The trigger hands the end on with 10 s to spare; reading the transcript gets part of it. */
const RESUME_READ_LIMIT_MS = 5_000;

/**
 * Whether this run pauses rather than keeps checking, from its item count and the wait that
 * its items ask for; a pause it cannot do is an InputProblem, before anyone is called.
 */
export async function pausesUntilEnd(
	this: IExecuteFunctions,
	itemCount: number,
	wait: WaitSettings | undefined,
): Promise<boolean> {
	if (!wait || wait.mode === 'poll') return false;
	// An AI agent's tool call must answer within the agent's run: it always keeps checking.
	if (isToolCall(this)) return false;
	const secret = webhookSecretOf(await this.getCredentials(CREDENTIAL_TYPE));
	const canVerify = secret !== '' && secretKey(secret) !== undefined;
	if (wait.mode === 'auto') return itemCount === 1 && canVerify;
	if (!canVerify) {
		throw new InputProblem(
			'Pausing needs the webhook signing secret in the Agntix credential',
			`Nobody was called. ${
				secret === ''
					? 'The credential has no signing secret'
					: 'The signing secret in the credential is not a whsec_... secret'
			}, so the end of the call could not be verified and the execution would wait until its deadline. Copy the Signing Secret of the Agntix Trigger's endpoint (Agntix dashboard → Developer) into the credential, or set "How to Wait" to "Keep Checking (Polling)".`,
		);
	}
	if (itemCount !== 1) {
		throw new InputProblem(
			`Pausing waits for one call per execution, and ${itemCount} items came in`,
			'Nobody was called. Set "How to Wait" to "Keep Checking (Polling)" for lists, or call a sub-workflow with this node once per item (Execute Workflow, Mode: Run once for each item): each call then pauses in its own execution.',
		);
	}
	return true;
}

/**
 * Starts the one call of this execution, carrying the execution's resume URL, and saves the
 * execution as waiting until the deadline. A failure to start is a CallFailure.
 */
export async function startAndPause(
	this: IExecuteFunctions,
	item: INodeExecutionData,
	plan: CallPlan,
	wait: WaitSettings,
): Promise<IDataObject> {
	const resumeUrl = String(this.evaluateExpression('{{ $execution.resumeUrl }}', 0));
	const body = {
		...plan.body,
		session_variables: { ...plan.body.session_variables, [RESUME_URL_VARIABLE]: resumeUrl },
	};
	// An error that echoes the request must not show the URL or its token (see pausedCall.ts).
	const redact = [resumeUrl, new URL(resumeUrl).searchParams.get('signature') ?? ''];
	const started = await placeCall.call(this, { ...plan, body, redact }, 0);
	// From here on the call is under way: whatever fails is reported with its session id.
	try {
		// n8n saves this node's input item with the waiting execution: it is what the execution
		// continues with if the deadline passes, and where the resume webhook reads its session id.
		item.json = {
			outcome: OUTCOMES.timedOut,
			...withoutResumeUrl({ ...started }),
			ended: false,
			waitTimedOut: true,
		};
		const deadline = clock.now() + wait.maxWaitMs;
		await this.putExecutionToWait(new Date(deadline));
		// Shown above the output while the execution waits, where n8n itself only says "Waiting".
		this.addExecutionHints({
			message: waitingHint(started.toPhoneNumber, started.sessionId, deadline, this.getTimezone()),
			type: 'info',
			location: 'outputPane',
		});
	} catch (error) {
		throw failureWhileWaiting(error, 0, started.sessionId, started.toPhoneNumber);
	}
	return item.json;
}

/** What the output panel says about a paused call: that it started, and until when it waits. */
function waitingHint(
	toPhoneNumber: string,
	sessionId: string,
	deadline: number,
	timeZone: string,
): string {
	return (
		`The call to ${toPhoneNumber} was started (session ${sessionId}). This execution waits for ` +
		`Agntix to report the end of the call, then continues with its outcome; if no end is ` +
		`reported, it continues at ${dateTimeText(deadline, timeZone)} with the call marked as timed out.`
	);
}

/** The session id of the call this execution waits for, from the item saved by startAndPause. */
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
