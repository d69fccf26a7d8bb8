import { NodeApiError } from 'n8n-workflow';
import type { INode, JsonObject } from 'n8n-workflow';

import { nonBlankText } from '../values';

/**
 * What to say when a request that is not idempotent got no clear answer (a 408 or 5xx, a
 * timeout, a cut connection, an unreadable body): it may have had its effect, and it was not
 * sent again. The operation that sends it knows what that effect is.
 */
export interface Unconfirmed {
	/** The error's headline, e.g. "Could not confirm …: it may have …; not sent again". */
	headline: string;
	/** What to do now, for the error's description. */
	hint: string;
}

/** What the failing request was doing, in words for the user. */
export interface FailureContext {
	/** e.g. "list phone numbers" */
	action: string;
	itemIndex?: number;
	/** Extra advice for a 404, naming the id the user chose. */
	notFoundHint?: string;
	/** Advice when the credential's secret does not look like its authentication type. */
	credentialHint?: string;
	/** Names the editor shows for the request's fields (in 422 details). */
	fieldLabels?: Record<string, string>;
	/** Set for requests that are not idempotent. */
	unconfirmed?: Unconfirmed;
	attempts?: number;
	/** Values that must never appear in a message (the API key or token). */
	secrets?: string[];
}

export interface AgntixErrorDetails {
	message: string;
	code?: string;
	requestId?: string;
	/** FastAPI 422 details, as "Field: message" lines. */
	fieldErrors: string[];
}

const STATUS_TITLES: Record<number, string> = {
	400: 'Bad request',
	401: 'Authorization failed',
	403: 'Forbidden',
	404: 'Not found',
	408: 'Request timeout',
	409: 'Conflict',
	422: 'Invalid value',
	429: 'Rate limit reached',
};

function fieldError(entry: unknown, labels: Record<string, string>): string | undefined {
	if (typeof entry !== 'object' || entry === null) return nonBlankText(entry);
	const { loc, msg } = entry as { loc?: unknown; msg?: unknown };
	const path = Array.isArray(loc) ? loc.filter((part) => part !== 'body').map(String) : [];
	const field = path.length
		? (labels[path[0]] ?? path[0]) +
			path
				.slice(1)
				.map((p) => ` › ${p}`)
				.join('')
		: '';
	const message = nonBlankText(msg) ?? 'is not valid';
	return field ? `${field}: ${message}` : message;
}

/** Reads Agntix's error envelope, FastAPI's `detail`, or whatever text came back. */
export function readErrorBody(
	status: number,
	body: unknown,
	fieldLabels: Record<string, string> = {},
): AgntixErrorDetails {
	let parsed = body;
	if (typeof body === 'string') {
		try {
			parsed = JSON.parse(body);
		} catch {
			parsed = body;
		}
	}
	const fieldErrors: string[] = [];
	if (typeof parsed === 'object' && parsed !== null) {
		const record = parsed as Record<string, unknown>;
		const envelope = (
			typeof record.error === 'object' && record.error !== null ? record.error : record
		) as Record<string, unknown>;
		if (Array.isArray(record.detail)) {
			for (const entry of record.detail) {
				const line = fieldError(entry, fieldLabels);
				if (line) fieldErrors.push(line);
			}
		}
		const message =
			nonBlankText(envelope.message) ??
			nonBlankText(record.detail) ??
			nonBlankText(record.error) ??
			(fieldErrors.length ? fieldErrors.join('; ') : undefined) ??
			`Agntix answered with status ${status}`;
		return {
			message,
			code: nonBlankText(envelope.code),
			requestId: nonBlankText(envelope.requestId) ?? nonBlankText(record.requestId),
			fieldErrors,
		};
	}
	const raw = nonBlankText(parsed);
	const short = raw && raw.length <= 200 && !raw.startsWith('<') ? raw : undefined;
	return { message: short ?? `Agntix answered with status ${status}`, fieldErrors };
}

function hintFor(status: number, details: AgntixErrorDetails, context: FailureContext): string {
	switch (status) {
		case 400:
			return 'Agntix could not read the request. Check the values in this node.';
		case 401:
			return [
				'Agntix did not accept the credential. Check the key in the Agntix credential, and that its "Authentication" matches it: organization API keys (pk_...) use "API Key", tokens from a signed-in session use "Bearer Token".',
				context.credentialHint,
			]
				.filter(Boolean)
				.join(' ');
		case 403:
			return 'The key was accepted but is not allowed to do this. Use a key with the needed permission (create one in the Agntix dashboard).';
		case 404:
			return (
				context.notFoundHint ??
				'The id does not belong to this Agntix organization, or it was deleted.'
			);
		case 409:
			return 'Agntix reported a conflict with the current state. Try again in a moment.';
		case 422:
			return details.fieldErrors.length
				? `Change these values: ${details.fieldErrors.join('; ')}.`
				: 'Agntix refused one of the values. Check the fields of this node.';
		case 429:
			return `Agntix's rate limit for your organization was still reached after ${context.attempts ?? 1} tries. Lower "Max Concurrent Requests" in the options, or spread the work over time.`;
		default:
			if (isUnconfirmed(status) && context.unconfirmed) return context.unconfirmed.hint;
			return `Agntix had a problem (status ${status}) and still had it after ${context.attempts ?? 1} tries. Try again later.`;
	}
}

function redact(value: string, secrets: string[] = []): string {
	let result = value;
	for (const secret of secrets) {
		// As sent, and as it reads inside a URL (e.g. a redirect's Location).
		for (const form of new Set([secret, encodeURIComponent(secret)])) {
			if (form.length >= 4) result = result.split(form).join('***');
		}
	}
	return result;
}

function joinLines(lines: Array<string | undefined>, secrets?: string[]): string {
	return redact(lines.filter(Boolean).join('\n'), secrets);
}

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

/** Statuses after which a request that is never resent may still have had its effect. */
function isUnconfirmed(status: number): boolean {
	return status >= 500 || status === 408;
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
