import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import { durationText } from '../durationText';
import {
	STATUS_TITLES,
	hintFor,
	isUnconfirmed,
	joinLines,
	readErrorBody,
	redact,
} from './errorText';
import type { FailureContext } from './errorText';
import type { RateLimitWaitExpired } from './rateLimitGate';

/**
 * The one way this package builds a NodeApiError. n8n replaces a message that mentions a
 * network error code (ETIMEDOUT, ECONNRESET…) or a known status with generic text, some of
 * which advises "Retry On Fail": that could call a person twice, so the message is set back.
 */
function agntixError(
	node: INode,
	response: JsonObject,
	options: {
		message: string;
		description: string;
		httpCode?: string;
		itemIndex?: number;
		unconfirmed?: boolean;
	},
): NodeApiError {
	const { unconfirmed, ...errorOptions } = options;
	const error = new NodeApiError(node, response, errorOptions);
	error.message = options.message;
	if (unconfirmed) unconfirmedErrors.add(error);
	return error;
}

/**
 * The same Agntix answer (status, body for n8n's error view) with the text an operation
 * rendered for its item, e.g. a call's failure with its item and what became of the call.
 */
export function apiErrorWithText(
	node: INode,
	error: NodeApiError,
	text: { message: string; description: string; itemIndex?: number },
): NodeApiError {
	return agntixError(node, (error.errorResponse ?? {}) as JsonObject, {
		...text,
		httpCode: error.httpCode ?? undefined,
		unconfirmed: mayHaveHadEffect(error),
	});
}

/** Errors of requests that are not idempotent and may have had their effect (see Unconfirmed). */
const unconfirmedErrors = new WeakSet<object>();

/** Whether the error says that its request may have had its effect (e.g. a call may have been placed). */
export function mayHaveHadEffect(error: unknown): boolean {
	return typeof error === 'object' && error !== null && unconfirmedErrors.has(error);
}

/**
 * The error's headline: for a request that may have had its effect (context.unconfirmed), what
 * that means first and `what` happened in brackets; otherwise "Could not <action>: <plain>".
 */
function headline(context: FailureContext, what: string, plain = what): string {
	return redact(
		context.unconfirmed
			? `${context.unconfirmed.headline} (${what})`
			: `Could not ${context.action}: ${plain}`,
		context.secrets,
	);
}

/** The error for an answer with a non-2xx status. */
export function apiError(
	node: INode,
	status: number,
	body: unknown,
	context: FailureContext,
): NodeApiError {
	const details = readErrorBody(status, body, context.fieldLabels);
	const title =
		STATUS_TITLES[status] ?? (status >= 500 ? 'Agntix server error' : `Error ${status}`);
	const reference = [
		details.code && `Error code: ${details.code}`,
		details.requestId && `Request ID: ${details.requestId} (quote it to Agntix support)`,
	]
		.filter(Boolean)
		.join(' · ');
	const safe: JsonObject = { status, message: redact(details.message, context.secrets) };
	if (details.code) safe.code = redact(details.code, context.secrets);
	if (details.requestId) safe.requestId = redact(details.requestId, context.secrets);
	// Refusals (4xx) prove the request was not processed: only 408 and 5xx get the unconfirmed headline.
	const message = isUnconfirmed(status)
		? headline(context, `${title} ${status}: ${details.message}`, `${title} - ${details.message}`)
		: headline({ ...context, unconfirmed: undefined }, `${title} - ${details.message}`);
	return agntixError(node, safe, {
		message,
		description: joinLines([hintFor(status, details, context), reference], context.secrets),
		httpCode: String(status),
		itemIndex: context.itemIndex,
		unconfirmed: isUnconfirmed(status) && context.unconfirmed !== undefined,
	});
}

/**
 * The error for a 3xx: redirects are never followed, since that would send the credential
 * to another address and could turn a call start into a different request.
 */
export function redirectError(
	node: INode,
	status: number,
	location: string | undefined,
	context: FailureContext,
): NodeApiError {
	const target = redact(location ? `to ${location}` : 'without an address', context.secrets);
	return agntixError(node, { status, message: `redirect ${target}` } as JsonObject, {
		message: headline(
			{ ...context, unconfirmed: undefined },
			`Agntix answered with a redirect (${status}) ${target}, which is not followed`,
		),
		description: joinLines(
			[
				context.unconfirmed ? 'The request was not sent again.' : undefined,
				'This node never follows redirects: that would send your key to another address. Check the Base URL in the Agntix credential: it must be the Agntix API (https://api.agntix.ai or your gateway), not a web page.',
			],
			context.secrets,
		),
		httpCode: String(status),
		itemIndex: context.itemIndex,
	});
}

const NETWORK_MESSAGES: Record<string, string> = {
	ECONNABORTED: 'no answer in time',
	ETIMEDOUT: 'no answer in time',
	ESOCKETTIMEDOUT: 'no answer in time',
	ECONNRESET: 'the connection was cut',
	EPIPE: 'the connection was cut',
	ECONNREFUSED: 'the server refused the connection',
	ENOTFOUND: 'the server name could not be found',
	EAI_AGAIN: 'the server name could not be looked up',
	CERT_HAS_EXPIRED: "the server's certificate has expired",
	// The answer started but its body stopped coming (e.g. the timeout hit mid-body).
	ERR_BAD_RESPONSE: 'the answer was cut off before it was complete',
};

/** The error for a request that got no usable answer (timeout, reset, refused). */
export function networkError(node: INode, error: unknown, context: FailureContext): NodeApiError {
	// n8n wraps the HTTP client's error; the socket's own code is on the cause.
	const cause = (error as { cause?: unknown })?.cause;
	const source = (
		typeof cause === 'object' && cause !== null && 'code' in cause ? cause : error
	) as {
		code?: unknown;
		message?: unknown;
	};
	const codeText = typeof source?.code === 'string' ? source.code : undefined;
	const what =
		(codeText && NETWORK_MESSAGES[codeText]) ??
		(/timeout/i.test(String(source?.message)) ? 'no answer in time' : 'the request failed');
	const hint =
		context.unconfirmed?.hint ??
		`Check the Base URL in the Agntix credential and your network. Tried ${context.attempts ?? 1} times.`;
	return agntixError(node, { message: what } as JsonObject, {
		message: headline(context, what),
		description: joinLines([hint, codeText && `Network error code: ${codeText}`], context.secrets),
		itemIndex: context.itemIndex,
		unconfirmed: context.unconfirmed !== undefined,
	});
}

/**
 * The error for a 2xx answer that is not Agntix's JSON, e.g. a web page: the Base URL points
 * somewhere else (the dashboard answers 200 to any path).
 */
export function notAgntixError(
	node: INode,
	baseUrl: string,
	context: FailureContext,
): NodeApiError {
	const what = 'the answer did not come from the Agntix API';
	return agntixError(node, { message: what } as JsonObject, {
		message: headline(context, what, 'the Base URL does not look like the Agntix API'),
		description: joinLines(
			[
				`${baseUrl} answered, but not the way the Agntix API does (it may be a web page, such as the Agntix dashboard). Set "Base URL" in the Agntix credential to https://api.agntix.ai, or to the address Agntix gave you for your gateway.`,
			],
			context.secrets,
		),
		itemIndex: context.itemIndex,
		unconfirmed: context.unconfirmed !== undefined,
	});
}

/** The error for a 2xx answer that cannot be used: `what` says why, e.g. "Agntix's answer had no session id". */
export function unreadableAnswerError(
	node: INode,
	what: string,
	context: FailureContext,
): NodeApiError {
	const hint =
		context.unconfirmed?.hint ??
		'Try again; if it keeps happening, check the Base URL in the Agntix credential.';
	return agntixError(node, { message: what } as JsonObject, {
		message: headline(context, what),
		description: joinLines([hint], context.secrets),
		itemIndex: context.itemIndex,
		unconfirmed: context.unconfirmed !== undefined,
	});
}

/**
 * The error for a request that waited its turn under the organization's rate limit for as
 * long as it may, and was never sent: nothing happened (for a call start: nobody was called).
 */
export function rateLimitWaitError(
	node: INode,
	expired: RateLimitWaitExpired,
	allowedMs: number,
	context: FailureContext,
): NodeApiError {
	const what = `no room under Agntix's rate limit within ${durationText(allowedMs)}; not sent`;
	return agntixError(node, { status: 429, message: what } as JsonObject, {
		message: headline({ ...context, unconfirmed: undefined }, what),
		description: joinLines(
			[
				context.unconfirmed
					? 'Nobody was called: the call start was never sent.'
					: 'The request was never sent.',
				`${expired.queued} requests with this Agntix credential were waiting their turn in this n8n process. Start fewer at once (e.g. Loop Over Items with a Wait), raise "Max Wait for Rate Limit" in the options where the node has it, or ask Agntix for a higher rate limit.`,
			],
			context.secrets,
		),
		httpCode: '429',
		itemIndex: context.itemIndex,
	});
}
