/**
 * The trigger's part in a paused Start Call: handing a verified session.ended on to the paused
 * execution that placed the call (its resume URL came back in the session variables).
 *
 * What the answer means, and what the trigger then tells Agntix:
 * - 2xx: handed on. The trigger's own workflow runs for it only with "Also Run for Paused Calls".
 * - a server error, no answer in time, or n8n's 409 "is running already" (the end came before
 *   the execution was saved as waiting): failed, and Agntix is asked to deliver again (503).
 *   After MAX_FAILURES failed hand-ons of one call's end, the failure is final: the trigger
 *   answers 200 so that Agntix does not retry for a day (and may disable the endpoint for
 *   every workflow), logs an error, and runs its own workflow for the event as for any call,
 *   so the end is not lost; the paused execution goes on at its deadline, as timed out.
 * - 404 or 409 "finished": the execution no longer waits. When an earlier hand-on of the same
 *   call got no answer (it may have been taken), it was handed on; otherwise (it went on at
 *   its deadline) the event is the trigger's own.
 * - 401/403/422: that execution refused it (not its call): the event is the trigger's own.
 *
 * What is remembered of failed hand-ons is kept per process (as the delivery memory is).
 */
import type { IWebhookFunctions } from 'n8n-workflow';

import { clock } from '../../shared/clock';
import type { VerifiedWebhook } from '../../shared/verifiedWebhook';
import { handOnTarget, resumeUrlOf } from './resumeUrl';

/** Agntix counts a delivery as failed after 15 s: a hand-on gets less, so the answer is in time. */
const HAND_ON_TIMEOUT_MS = 10_000;
/** Failed hand-ons of one call's end before the failure is final (Svix's 3rd try is ~5 min in). */
export const MAX_FAILURES = 3;
/** Svix retries for up to a day; what is remembered of a call's hand-ons lasts a little longer. */
const REMEMBER_FOR_MS = 25 * 3600_000;
const REMEMBERED = 10_000;

export type HandOn = 'handed' | 'failed' | 'none';

interface Attempts {
	failures: number;
	/** A hand-on got no answer: the paused execution may have taken it. */
	unconfirmed: boolean;
	at: number;
}

/** Session id → failed hand-ons of its end; a Map keeps insertion order, oldest first. */
const attemptsBySession = new Map<string, Attempts>();

function recordFailure(session: string, unconfirmed: boolean, now = clock.now()): Attempts {
	const earlier = attemptsBySession.get(session);
	attemptsBySession.delete(session);
	const attempts = {
		failures: (earlier?.failures ?? 0) + 1,
		unconfirmed: unconfirmed || (earlier?.unconfirmed ?? false),
		at: now,
	};
	attemptsBySession.set(session, attempts);
	for (const [oldest, { at }] of attemptsBySession) {
		if (attemptsBySession.size <= REMEMBERED && now - at < REMEMBER_FOR_MS) break;
		attemptsBySession.delete(oldest);
	}
	return attempts;
}

/** An answer's body as text, however the HTTP helper handed it over. */
function bodyText(body: unknown): string {
	if (typeof body === 'string') return body;
	if (Buffer.isBuffer(body)) return body.toString('utf8');
	return JSON.stringify(body ?? '');
}

/**
 * n8n's base URL for waiting executions, as configured (WEBHOOK_URL, N8N_ENDPOINT_WEBHOOK_WAIT):
 * $execution.resumeUrl is that base followed by an execution id, here a placeholder.
 */
function waitingBaseOf(this: IWebhookFunctions): string {
	try {
		const url = new URL(String(this.evaluateExpression('{{ $execution.resumeUrl }}', 0)));
		return `${url.origin}${url.pathname.replace(/\/[^/]*$/, '')}`;
	} catch {
		return '';
	}
}

/** What one hand-on's answer says, before what earlier ones of the same call add to it. */
type Answer = 'taken' | 'retry' | 'noAnswer' | 'noLongerWaits' | 'refused';

async function send(
	this: IWebhookFunctions,
	target: string,
	verified: VerifiedWebhook & { ok: true },
): Promise<{ answer: Answer; detail: string }> {
	try {
		const response = (await this.helpers.httpRequest({
			method: 'POST',
			url: target,
			body: verified.rawBody,
			headers: { ...verified.headers, 'content-type': 'application/json' },
			json: false,
			timeout: HAND_ON_TIMEOUT_MS,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			disableFollowRedirect: true,
		})) as { statusCode: number; body?: unknown };
		const status = response.statusCode;
		const detail = `status ${status}`;
		if (status >= 200 && status < 300) return { answer: 'taken', detail };
		if (status >= 500 || (status === 409 && /running/i.test(bodyText(response.body))))
			return { answer: 'retry', detail };
		if (status === 404 || status === 409) return { answer: 'noLongerWaits', detail };
		return { answer: 'refused', detail };
	} catch (error) {
		// A refused connection never reached the execution; a timeout or a reset may have.
		const refused = (error as { code?: unknown }).code === 'ECONNREFUSED';
		return { answer: refused ? 'retry' : 'noAnswer', detail: (error as Error).message };
	}
}

/**
 * Hands a verified session.ended on to the paused Start Call that placed the call, unchanged:
 * the raw body and the signature headers, so that the paused node verifies it again. Only to
 * this n8n's own resume URLs, rebuilt from their parts, never to another host or path.
 */
export async function handOnToPausedCall(
	this: IWebhookFunctions,
	verified: VerifiedWebhook & { ok: true },
): Promise<HandOn> {
	const claimed = resumeUrlOf(verified.event);
	if (!claimed) return 'none';
	const name = `Agntix Trigger "${this.getNode().name}"`;
	const target = handOnTarget(claimed, waitingBaseOf.call(this));
	if (!target) {
		this.logger.warn(`${name}: did not hand on an event whose resume URL is not one of this n8n's`);
		return 'none';
	}
	const session = String(verified.event.id);
	const { answer, detail } = await send.call(this, target, verified);
	if (answer === 'taken' || answer === 'refused') {
		attemptsBySession.delete(session);
		this.logger.info(`${name}: handed session ${session} to its paused execution (${detail})`);
		return answer === 'taken' ? 'handed' : 'none';
	}
	if (answer === 'noLongerWaits') {
		const earlier = attemptsBySession.get(session);
		attemptsBySession.delete(session);
		// An earlier hand-on without an answer may have resumed it: then this end was handed on.
		this.logger.info(
			`${name}: the paused execution of session ${session} no longer waits (${detail})${earlier?.unconfirmed ? ', resumed by an earlier hand-on' : ''}`,
		);
		return earlier?.unconfirmed ? 'handed' : 'none';
	}
	const attempts = recordFailure(session, answer === 'noAnswer');
	if (attempts.failures >= MAX_FAILURES) {
		attemptsBySession.delete(session);
		this.logger.error(
			`${name}: gave up handing session ${session} to its paused execution after ${attempts.failures} failed tries (${detail}); this workflow runs for it instead, and the paused execution goes on at its deadline`,
		);
		return 'none';
	}
	this.logger.warn(
		`${name}: could not hand session ${session} to its paused execution (${detail}); Agntix will deliver it again`,
	);
	return 'failed';
}
