import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IWebhookFunctions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';

import { clock } from '../clock';
import { cleanSecret, credentialMismatchHint } from '../credentialShape';
import {
	apiError,
	networkError,
	rateLimitWaitError,
	notAgntixError,
	redirectError,
	unreadableAnswerError,
} from './errors';
import type { FailureContext, Unconfirmed } from './errorText';
import { gateOf } from './rateLimitGate';
import type { RateLimitWaitExpired } from './rateLimitGate';
import { retryDelayMs } from './retryPolicy';
import { headerValue } from '../values';

export const CREDENTIAL_TYPE = 'agntixApi';

export type AgntixContext = IExecuteFunctions | ILoadOptionsFunctions | IWebhookFunctions;

export interface AgntixRequest {
	method: IHttpRequestMethods;
	/** Path below the base URL, e.g. /api/v1/phone-numbers */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	/** Whether sending it twice does no harm; if not, it is resent only after a 429 (see retryPolicy). */
	idempotent: boolean;
	/** What the request does, for error messages: "list phone numbers". */
	action: string;
	itemIndex?: number;
	notFoundHint?: string;
	/** Names the editor shows for the request's fields, used in Agntix's validation errors. */
	fieldLabels?: Record<string, string>;
	/** Whether a 2xx answer has the shape this request expects; anything else is not the Agntix API. */
	expectShape?: (body: unknown) => boolean;
	/** For a request that is not idempotent: what to say when it got no clear answer. */
	unconfirmed?: Unconfirmed;
	timeoutMs?: number;
	/** Values sent in the request that no error may show, as the key is never shown. */
	redact?: string[];
	/**
	 * Checked right before each send, after any wait for the rate limit or a resend: it throws to
	 * stop the request unsent (e.g. a call whose calling hours closed while it waited).
	 */
	beforeEachSend?: () => void;
	/**
	 * How long it may wait its turn under the organization's rate limit, in all; past it, it
	 * fails unsent. By default as long as its caller can wait (see longestWaitMs).
	 */
	maxRateLimitWaitMs?: number;
}

/**
 * How long an execution's request may wait its turn: a burst of 1,000 leads on a 100-a-minute
 * plan. Start Call's "Max Wait for Rate Limit" defaults to it.
 */
export const DEFAULT_RATE_LIMIT_WAIT_MINUTES = 15;
const DEFAULT_RATE_LIMIT_WAIT_MS = DEFAULT_RATE_LIMIT_WAIT_MINUTES * 60_000;
/** A webhook's reads (a transcript) get at most 5 seconds: Agntix wants its answer within 15. */
const WEBHOOK_RATE_LIMIT_WAIT_MS = 5_000;
/** Someone is looking at a dropdown. */
const DROPDOWN_RATE_LIMIT_WAIT_MS = 20_000;

/** How long a request may wait its turn, by who waits for it. */
function longestWaitMs(context: AgntixContext, request: AgntixRequest): number {
	if (request.maxRateLimitWaitMs !== undefined) return request.maxRateLimitWaitMs;
	if ('getRequestObject' in context) return WEBHOOK_RATE_LIMIT_WAIT_MS;
	if ('getCurrentNodeParameter' in context) return DROPDOWN_RATE_LIMIT_WAIT_MS;
	return DEFAULT_RATE_LIMIT_WAIT_MS;
}

const DEFAULT_TIMEOUT_MS = 30_000;

function normalizeBaseUrl(value: unknown): string {
	const url = typeof value === 'string' ? value.trim() : '';
	return (url || 'https://api.agntix.ai').replace(/\/+$/, '');
}

/**
 * The credential, decrypted once per node run rather than once per request: n8n reads it
 * from its database on every call, which costs more than the request itself on a fast API.
 */
const credentialsByRun = new WeakMap<AgntixContext, Promise<ICredentialDataDecryptedObject>>();

function credentialsOf(context: AgntixContext): Promise<ICredentialDataDecryptedObject> {
	let credentials = credentialsByRun.get(context);
	if (!credentials) {
		credentials = context.getCredentials(CREDENTIAL_TYPE);
		credentialsByRun.set(context, credentials);
		// A failed read is not kept: the next request asks again.
		credentials.catch(() => credentialsByRun.delete(context));
	}
	return credentials;
}

/**
 * The one way this package talks to Agntix: authentication through the credential,
 * retries by the policy of the request's kind, and every failure mapped to a NodeApiError.
 */
export async function agntixRequest<T = unknown>(
	this: AgntixContext,
	request: AgntixRequest,
): Promise<T> {
	const credentials = await credentialsOf(this);
	const reference = this.getNode().credentials?.[CREDENTIAL_TYPE];
	const decrypted = {
		id: reference?.id ?? '',
		name: reference?.name ?? '',
		type: CREDENTIAL_TYPE,
		data: credentials,
	};
	const rawSecret =
		credentials.authentication === 'bearerToken' ? credentials.token : credentials.apiKey;
	const context: FailureContext = {
		action: request.action,
		itemIndex: request.itemIndex,
		notFoundHint: request.notFoundHint,
		fieldLabels: request.fieldLabels,
		unconfirmed: request.unconfirmed,
		secrets: [cleanSecret(rawSecret), ...(request.redact ?? [])],
	};
	const baseUrl = normalizeBaseUrl(credentials.baseUrl);
	const url = `${baseUrl}${request.path}`;
	// One pacing per organization in this process: every run and execution with this key.
	const gate = gateOf(baseUrl, cleanSecret(rawSecret));
	const allowedWaitMs = longestWaitMs(this, request);
	const deadlineMs = clock.now() + allowedWaitMs;

	for (let attempt = 1; ; attempt++) {
		context.attempts = attempt;
		let response: IN8nHttpFullResponse;
		// The gate refuses only with RateLimitWaitExpired: the request waited as long as it may.
		const number = await gate
			.enter(deadlineMs, attempt > 1)
			.catch((expired: RateLimitWaitExpired) => {
				throw rateLimitWaitError(this.getNode(), expired, allowedWaitMs, context);
			});
		let checked = false;
		try {
			request.beforeEachSend?.();
			checked = true;
		} finally {
			// Stopped unsent: its place is given back.
			if (!checked) gate.leave(number);
		}
		try {
			response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL_TYPE,
				{
					method: request.method,
					url,
					qs: request.qs,
					body: request.body,
					json: true,
					timeout: request.timeoutMs ?? DEFAULT_TIMEOUT_MS,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					disableFollowRedirect: true,
				},
				{ credentialsDecrypted: decrypted },
			)) as IN8nHttpFullResponse;
		} catch (error) {
			gate.leave(number);
			const delay = retryDelayMs(request.idempotent, attempt, {});
			if (delay === undefined) throw networkError(this.getNode(), error, context);
			await clock.wait(delay);
			continue;
		}
		gate.leave(number, { status: response.statusCode, headers: response.headers });

		const status = response.statusCode;
		if (status >= 200 && status < 300) {
			// Agntix answers JSON objects or arrays. Text marked as JSON is a broken answer;
			// other text (e.g. a web page), or JSON of another shape, means another server.
			const body = response.body;
			if (typeof body !== 'object' || body === null) {
				if (/json/i.test(headerValue(response.headers, 'content-type') ?? '')) {
					throw unreadableAnswerError(this.getNode(), "Agntix's answer could not be read", context);
				}
				throw notAgntixError(this.getNode(), baseUrl, context);
			}
			if (request.expectShape && !request.expectShape(body))
				throw notAgntixError(this.getNode(), baseUrl, context);
			return body as T;
		}
		if (status >= 300 && status < 400)
			throw redirectError(
				this.getNode(),
				status,
				headerValue(response.headers, 'location'),
				context,
			);

		const delay = retryDelayMs(request.idempotent, attempt, {
			status,
			retryAfter: headerValue(response.headers, 'retry-after'),
		});
		if (delay === undefined) {
			if (status === 401)
				context.credentialHint = credentialMismatchHint(credentials.authentication, rawSecret);
			throw apiError(this.getNode(), status, response.body, context);
		}
		// A 429 with the window's headers closed the gate until the reset: the wait is its turn there.
		if (status === 429 && gate.knowsWindow) continue;
		await clock.wait(delay);
	}
}
