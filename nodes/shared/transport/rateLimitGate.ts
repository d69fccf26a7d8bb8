/**
 * Pacing to the organization's rate limit, shared by every request of one node run. Agntix
 * says on each answer how many requests are left in its window (X-RateLimit-Remaining) and
 * when the window resets (X-RateLimit-Reset, unix seconds). When none are left, requests wait
 * for the reset instead of each collecting a 429. Answers without those headers change
 * nothing: requests then go as before, and a 429 is retried after its Retry-After.
 */
import { sleep } from 'n8n-workflow';

import { headerValue } from '../values';

export class RateLimitGate {
	/** Requests this run may still send in the current window, as far as it knows. */
	private remaining?: number;
	private resetAtMs?: number;
	/** Sent and not answered yet: the server may not have counted them in what it said. */
	private inFlight = 0;

	/** Waits until the window has room, then counts the request as sent. */
	async enter(): Promise<void> {
		for (;;) {
			if (this.remaining === undefined || this.resetAtMs === undefined) break;
			const wait = this.resetAtMs - Date.now();
			if (wait <= 0) {
				// A new window: how much room it has is known again from its first answer.
				this.remaining = undefined;
				this.resetAtMs = undefined;
				break;
			}
			if (this.remaining > 0) break;
			await sleep(wait);
		}
		if (this.remaining !== undefined) this.remaining--;
		this.inFlight++;
	}

	/** Counts the request as answered and learns the window from the answer's headers, if any. */
	leave(headers?: Record<string, unknown>): void {
		this.inFlight = Math.max(0, this.inFlight - 1);
		const remaining = Number(headerValue(headers, 'X-RateLimit-Remaining'));
		const resetAtMs = Number(headerValue(headers, 'X-RateLimit-Reset')) * 1000;
		if (!Number.isFinite(remaining) || !Number.isFinite(resetAtMs) || resetAtMs <= 0) return;
		const left = remaining - this.inFlight;
		if (this.resetAtMs === undefined || resetAtMs > this.resetAtMs) {
			this.resetAtMs = resetAtMs;
			this.remaining = left;
		} else if (resetAtMs === this.resetAtMs) {
			this.remaining = Math.min(this.remaining ?? left, left);
		}
		// An answer about an earlier window says nothing about this one.
	}
}
