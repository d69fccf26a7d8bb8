/** The sandbox's knobs, its faults, and what it records of each request. */
import type { IncomingHttpHeaders } from 'node:http';

import type { WebhookSettings } from './webhooks';

export interface SandboxConfig {
	/** Delay before every API answer. */
	latencyMs: number;
	/** A random extra delay of up to this much, so concurrent answers come back out of order. */
	latencyJitterMs: number;
	phoneNumberCount: number;
	/** "gateway": { items, total, page, size } with the spec's fields; "docs": { items } only. */
	phoneNumberShape: 'gateway' | 'docs';
	extraAgents: number;
	/** "paged": { data, pagination }; "bare": a bare array. */
	agentShape: 'paged' | 'bare';
	/**
	 * Requests per window for the whole organization; `headers: false` leaves out the
	 * X-RateLimit-* headers (a 429 still says Retry-After), as a server that does not send them;
	 * `clockSkewMs` sets this server's clock ahead (or behind, negative) of the caller's, as
	 * X-RateLimit-Reset then shows.
	 */
	rateLimit: { limit: number; windowMs: number; headers?: boolean; clockSkewMs?: number };
	/** How long a call lasts before its session is CLOSED or EXPIRED (see sessions.ts). */
	callDurationMs: number;
	/** Messages in the transcript of a finished call. */
	messageCount: number;
	/** Where and how to send signed session.created / session.ended webhooks; off when absent. */
	webhook?: WebhookSettings;
	/**
	 * More endpoints that get every event too, as an Agntix organization can have several:
	 * `npm run sandbox:call-ended` adds a Test URL here, beside the Production URL of `webhook`.
	 */
	moreWebhooks: WebhookSettings[];
	randomFaults?: RandomFaults;
	/** How long a slowBody fault takes to send its body. */
	slowBodyMs: number;
	/** Paging the docs leave open: a server that answers page 1 to any page, or caps the page size. */
	ignoresPage: boolean;
	maxPageSize?: number;
	/**
	 * Answer a call start only once the call's session.ended has been delivered (its first
	 * attempt answered): nothing orders Agntix's answer and its webhooks, so a short call's end
	 * can arrive before the answer. At most 30 s.
	 */
	answerAfterCallEnded: boolean;
}

export type FaultKind =
	| 'status' // answer with `status` (and `body`)
	| 'reset' // destroy the connection without an answer
	| 'hang' // never answer (the client times out)
	| 'malformed' // 200 with a body that is not JSON
	| 'slowBody'; // 200 whose body trickles in over `slowBodyMs`

/** Faults drawn at random (seeded, so a run can be repeated) for requests that match. */
export interface RandomFaults {
	rate: number;
	seed: number;
	faults: Fault[];
	match?: string;
}

export interface Fault {
	kind: FaultKind;
	/** Only requests whose "METHOD /path" contains this text. */
	match?: string;
	status?: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** Do the work (e.g. dial) first, then fail: the client cannot know it happened. */
	afterProcessing?: boolean;
	/** How many matching requests it hits; default 1. */
	times?: number;
}

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: IncomingHttpHeaders;
	body: unknown;
	status?: number;
	fault?: FaultKind;
	receivedAt: number;
	/** When the rate-limit window it was counted in began (the sandbox's clock). */
	rateWindow?: number;
}

export const DEFAULT_CONFIG: SandboxConfig = {
	latencyMs: 0,
	latencyJitterMs: 0,
	phoneNumberCount: 7,
	phoneNumberShape: 'gateway',
	extraAgents: 0,
	agentShape: 'paged',
	rateLimit: { limit: 100_000, windowMs: 60_000 },
	callDurationMs: 3000,
	messageCount: 6,
	slowBodyMs: 5000,
	ignoresPage: false,
	answerAfterCallEnded: false,
	moreWebhooks: [],
};

/** mulberry32: a small seeded generator, so random faults repeat for the same seed. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
