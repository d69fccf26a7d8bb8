/**
 * When to send a request again, and after how long.
 *
 * - Idempotent requests (lookups, lists) change nothing when sent twice, so they are resent
 *   after 408, 429, 500, 502, 503 and 504 and after network failures, with exponential
 *   backoff and jitter (Agntix's documented retry table). 501 and 505+ are not transient.
 * - A request that is not idempotent is resent only after a 429, which proves it was not
 *   processed; after a 5xx, a timeout or a reset it may already have had its effect.
 */
import { clock } from '../clock';

export interface AttemptOutcome {
	/** HTTP status, absent when no response arrived. */
	status?: number;
	/** The Retry-After header of the response, if any. */
	retryAfter?: string;
}

export const MAX_ATTEMPTS = 5;
export const MAX_RATE_LIMITED_ATTEMPTS = 10;
/** A Retry-After longer than this ends the item rather than holding the workflow. */
const MAX_RETRY_AFTER_MS = 120_000;
const BASE_DELAY_MS = 500;
const MAX_BACKOFF_MS = 10_000;
const RETRYABLE_READ_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

/** Parses Retry-After as seconds or as an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now = clock.now()): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function backoff(attempt: number, random: () => number): number {
	const ceiling = Math.min(MAX_BACKOFF_MS, BASE_DELAY_MS * 2 ** (attempt - 1));
	// "Equal jitter": at least half the ceiling, so retries never bunch up at zero.
	return ceiling / 2 + random() * (ceiling / 2);
}

/**
 * How long to wait before sending again after `attempt` (1-based) ended with `outcome`,
 * or undefined when the request must not be sent again.
 */
export function retryDelayMs(
	idempotent: boolean,
	attempt: number,
	outcome: AttemptOutcome,
	random: () => number = Math.random,
): number | undefined {
	if (outcome.status === 429) {
		if (attempt >= MAX_RATE_LIMITED_ATTEMPTS) return undefined;
		const asked = parseRetryAfter(outcome.retryAfter);
		if (asked === undefined) return backoff(attempt, random);
		if (asked > MAX_RETRY_AFTER_MS) return undefined;
		// A little spread (at most 250 ms) so that parallel requests told the same time do not
		// all arrive in the same millisecond.
		return asked + random() * Math.min(250, asked * 0.1 + 50);
	}
	if (!idempotent || attempt >= MAX_ATTEMPTS) return undefined;
	const retryable = outcome.status === undefined || RETRYABLE_READ_STATUSES.has(outcome.status);
	if (!retryable) return undefined;
	const asked = parseRetryAfter(outcome.retryAfter);
	if (asked !== undefined && asked <= MAX_RETRY_AFTER_MS)
		return Math.max(asked, backoff(attempt, random));
	return backoff(attempt, random);
}
