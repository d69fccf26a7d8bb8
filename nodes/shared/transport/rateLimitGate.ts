/**
 * Pacing to the organization's rate limit, shared by every request of one node run. Agntix
 * says on each answer how many requests are left in its window (X-RateLimit-Remaining) and
 * when the window resets (X-RateLimit-Reset, unix seconds). When none are left, requests wait
 * for the reset instead of each collecting a 429. Answers without those headers change
 * nothing: requests then go as before, and a 429 is retried after its Retry-After.
 */
import { clock } from '../clock';
import { headerValue } from '../values';

/**
 * A reset further ahead than this says the server's clock and ours disagree (Agntix's windows
 * are a minute long): such an answer is not used, so a skewed clock cannot hold requests back
 * for long. Requests then go as without the headers.
 */
const MAX_RESET_AHEAD_MS = 120_000;

export class RateLimitGate {
	/** Requests this run may still send in the current window, as far as it knows. */
	private remaining?: number;
	private resetAtMs?: number;
	/** Requests sent so far; each request's number orders what the answers say. */
	private sent = 0;
	/** The number of the latest-sent request whose answer set `remaining`. */
	private knownFrom = -1;

	/** Waits until the window has room, then counts the request as sent; returns its number. */
	async enter(): Promise<number> {
		for (;;) {
			if (this.remaining === undefined || this.resetAtMs === undefined) break;
			const wait = this.resetAtMs - clock.now();
			if (wait <= 0) {
				// A new window: how much room it has is known again from its first answer.
				this.remaining = undefined;
				this.resetAtMs = undefined;
				break;
			}
			if (this.remaining > 0) break;
			await clock.wait(wait);
		}
		if (this.remaining !== undefined) this.remaining--;
		return this.sent++;
	}

	/**
	 * Learns the window from the answer to request `number`, when it has the headers. The
	 * server counted the requests sent before it, not those sent after: they are taken off.
	 */
	leave(number: number, headers?: Record<string, unknown>): void {
		const remaining = Number(headerValue(headers, 'X-RateLimit-Remaining'));
		const resetAtMs = Number(headerValue(headers, 'X-RateLimit-Reset')) * 1000;
		if (!Number.isFinite(remaining) || !Number.isFinite(resetAtMs) || resetAtMs <= 0) return;
		if (resetAtMs - clock.now() > MAX_RESET_AHEAD_MS) return;
		const newWindow = this.resetAtMs === undefined || resetAtMs > this.resetAtMs;
		// An answer about an earlier window, or older than what is known, says nothing new.
		if (!newWindow && (resetAtMs < this.resetAtMs! || number < this.knownFrom)) return;
		this.resetAtMs = resetAtMs;
		this.knownFrom = number;
		this.remaining = remaining - (this.sent - number - 1);
	}
}
