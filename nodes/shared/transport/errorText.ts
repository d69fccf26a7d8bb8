/**
 * The words of an error: what Agntix's answer says (its envelope or FastAPI's 422 details),
 * the advice for each status, and the redaction of secrets. errors.ts builds the errors.
 */
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

export const STATUS_TITLES: Record<number, string> = {
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

export function hintFor(
	status: number,
	details: AgntixErrorDetails,
	context: FailureContext,
): string {
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
			return `Agntix's rate limit for your organization was still reached after ${context.attempts ?? 1} tries: something else uses the same limit (another n8n process or tool with this key). Start fewer at once, or spread the work over time.`;
		default:
			if (isUnconfirmed(status) && context.unconfirmed) return context.unconfirmed.hint;
			return `Agntix had a problem (status ${status}) and still had it after ${context.attempts ?? 1} tries. Try again later.`;
	}
}

export function redact(value: string, secrets: string[] = []): string {
	let result = value;
	for (const secret of secrets) {
		// As sent, and as it reads inside a URL (e.g. a redirect's Location).
		for (const form of new Set([secret, encodeURIComponent(secret)])) {
			if (form.length >= 4) result = result.split(form).join('***');
		}
	}
	return result;
}

export function joinLines(lines: Array<string | undefined>, secrets?: string[]): string {
	return redact(lines.filter(Boolean).join('\n'), secrets);
}

/** Statuses after which a request that is never resent may still have had its effect. */
export function isUnconfirmed(status: number): boolean {
	return status >= 500 || status === 408;
}
