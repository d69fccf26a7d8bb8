/**
 * Pacing to the organization's rate limit: one gate per Agntix organization (base URL and
 * key) in this n8n process, shared by every request the package sends with it: every node
 * run and execution, the dropdowns and the trigger alike. Agntix says on each answer how many
 * requests are left in its window (X-RateLimit-Remaining) and when the window resets
 * (X-RateLimit-Reset, unix seconds). A request that cannot go now waits its turn, first come
 * first served, instead of collecting a 429. The queue is the waiting requests themselves.
 *
 * - At the start and at each new window, one request goes alone: its answer says how much
 *   room the window has (another process may already have used some).
 * - At most half of the room known is in flight at once: other n8n processes (queue-mode
 *   workers) read the same window from their answers and keep their half too, so together
 *   they overshoot little.
 * - The reset comes in whole seconds, rounded up: the window may have ended up to a second
 *   before it. When this process's probe opened the window (its answer left all but one
 *   request of the limit), the window's true end is known to within the probe's round trip,
 *   if windows last whole seconds as Agntix's minute does: the next probe goes then. A 429 to
 *   such an early probe ends the guessing for good. Without it, a server whose windows start
 *   at their first request would make every window a second longer than it is.
 * - Answers without the headers change nothing: requests then go as they come, and a 429 is
 *   resent after its Retry-After (retryPolicy).
 */
import { createHash } from 'crypto';

import { clock } from '../clock';
import { headerValue } from '../values';
import { parseRetryAfter } from './retryPolicy';

/**
 * A reset further ahead than this says the server's clock and ours disagree (Agntix's windows
 * are a minute long): such an answer is not used, so a skewed clock cannot hold requests back
 * for long. Requests then go as without the headers.
 */
const MAX_RESET_AHEAD_MS = 120_000;
/** After a 429 whose reset has already passed by our clock: how long the window stays closed. */
const MIN_CLOSED_AFTER_429_MS = 1000;

/** A request that could not go within its longest wait: it was not sent. */
export class RateLimitWaitExpired extends Error {
	constructor(
		/** How many requests with this credential were waiting when it gave up. */
		readonly queued: number,
	) {
		super('The rate limit had no room in time');
		this.name = 'RateLimitWaitExpired';
	}
}

interface Waiter {
	deadlineMs: number;
	admit: (number: number) => void;
	expire: (error: RateLimitWaitExpired) => void;
}

/** What an answer said, for the gate. */
export interface Answer {
	status: number;
	headers?: Record<string, unknown>;
}

export class RateLimitGate {
	/** Requests still allowed in the current window, less those sent since that was said. */
	private remaining?: number;
	private resetAtMs?: number;
	/** Whether the latest answer carried the headers; unknown until the first answer. */
	private paced?: boolean;
	/** Requests sent so far; each request's number orders what the answers say. */
	private sent = 0;
	/** The number of the latest-sent request whose answer set `remaining`. */
	private knownFrom = -1;
	private inFlight = 0;
	/** The number of the request sent alone to learn a new window's room, until it is answered. */
	private probe?: number;
	private probeSentAtMs = 0;
	/** Whether the probe went before the reset the server had given (see opensAtMs). */
	private probeEarly = false;
	/** The reset of the window last taken as over (an early probe goes before it). */
	private passedResetAtMs?: number;
	/** When the window with this reset really ends, as learnt from the probe that opened it. */
	private trueEnd?: { resetAtMs: number; atMs: number };
	/** Cleared by a 429 to an early probe: the server's windows are not as assumed. */
	private earlyProbes = true;
	private readonly waiting: Waiter[] = [];
	/** Whether a wake-up at the window's reset is already planned. */
	private wakeUpPlanned = false;

	/** Whether the latest answer said where the window stands (a 429 then closes the gate). */
	get knowsWindow(): boolean {
		return this.paced === true;
	}

	/** Whether nothing waits or is in flight: the gate can be dropped. */
	get idle(): boolean {
		return this.inFlight === 0 && this.waiting.length === 0;
	}

	/**
	 * Waits its turn until the window has room, then counts the request as sent and returns its
	 * number (give it to `leave`). Past `deadlineMs` it throws RateLimitWaitExpired, unsent.
	 * A request sent again (after a 429) keeps its place at the head of the queue.
	 */
	enter(deadlineMs: number, again = false): Promise<number> {
		if (this.waiting.length === 0 && this.hasRoom()) return Promise.resolve(this.send());
		return new Promise<number>((admit, expire) => {
			const waiter = { deadlineMs, admit, expire };
			if (again) this.waiting.unshift(waiter);
			else this.waiting.push(waiter);
			this.letIn();
		});
	}

	/**
	 * The answer to request `number`, or none (no answer came). The server counted the requests
	 * sent before it, not those sent after: they are taken off what it says is left.
	 */
	leave(number: number, answer?: Answer): void {
		this.inFlight--;
		const wasProbe = number === this.probe;
		if (wasProbe) this.probe = undefined;
		if (answer) this.learn(number, answer, wasProbe);
		this.letIn();
	}

	private learn(number: number, { status, headers }: Answer, wasProbe: boolean): void {
		const remaining = Number(headerValue(headers, 'X-RateLimit-Remaining'));
		const resetAtMs = Number(headerValue(headers, 'X-RateLimit-Reset')) * 1000;
		const now = clock.now();
		if (!Number.isFinite(remaining) || !Number.isFinite(resetAtMs) || resetAtMs <= 0) {
			this.paced = false;
			return;
		}
		this.paced = true;
		if (resetAtMs - now > MAX_RESET_AHEAD_MS) {
			this.paced = false;
			return;
		}
		if (status === 429) {
			// The window is spent now, whatever was known (the server may have restarted its
			// window or changed the limit); it opens at its reset, or after Retry-After when our
			// clock already thinks it has reset.
			if (wasProbe && this.probeEarly) this.earlyProbes = false;
			this.trueEnd = undefined;
			const retryAfter = parseRetryAfter(headerValue(headers, 'Retry-After'), now);
			this.resetAtMs = Math.max(resetAtMs, now + (retryAfter ?? MIN_CLOSED_AFTER_429_MS));
			this.remaining = 0;
			this.knownFrom = Math.max(this.knownFrom, number);
			return;
		}
		const newWindow = this.resetAtMs === undefined || resetAtMs > this.resetAtMs;
		// The answer to a later request is the server's latest word, even about an earlier
		// reset (a restarted window); an older request's answer counts only for a later window.
		if (!newWindow && number < this.knownFrom) return;
		this.resetAtMs = resetAtMs;
		this.knownFrom = number;
		this.remaining = remaining - (this.sent - number - 1);
		const limit = Number(headerValue(headers, 'X-RateLimit-Limit'));
		if (newWindow && wasProbe && remaining === limit - 1) {
			// The probe opened this window between its send and now; in whole seconds from then,
			// the window ends no later than now + (the whole seconds between its send and the reset).
			const wholeSeconds = Math.floor((resetAtMs - this.probeSentAtMs) / 1000) * 1000;
			this.trueEnd = { resetAtMs, atMs: Math.min(resetAtMs, now + wholeSeconds) };
		}
	}

	/** When the current window is over: its reset, or its true end when that is known. */
	private opensAtMs(): number | undefined {
		if (this.resetAtMs === undefined) return undefined;
		return this.earlyProbes && this.trueEnd?.resetAtMs === this.resetAtMs
			? this.trueEnd.atMs
			: this.resetAtMs;
	}

	private hasRoom(): boolean {
		if (this.paced === false) return true;
		const opensAtMs = this.opensAtMs();
		if (opensAtMs !== undefined && clock.now() >= opensAtMs) {
			// A new window: how much room it has is learnt again from its first answer.
			this.passedResetAtMs = this.resetAtMs;
			this.remaining = undefined;
			this.resetAtMs = undefined;
		}
		// One request learns the room of a window nothing is known about; answers still due from
		// the window before do not hold it back.
		if (this.remaining === undefined) return this.probe === undefined;
		return this.remaining > this.inFlight;
	}

	private send(): number {
		this.inFlight++;
		if (this.remaining !== undefined) this.remaining--;
		else if (this.paced !== false) {
			this.probe = this.sent;
			this.probeSentAtMs = clock.now();
			this.probeEarly = this.probeSentAtMs < (this.passedResetAtMs ?? 0);
		}
		return this.sent++;
	}

	/** Lets waiting requests go in order while there is room; plans a wake-up at the reset. */
	private letIn(): void {
		while (this.waiting.length > 0 && this.hasRoom()) {
			const waiter = this.waiting.shift()!;
			if (clock.now() > waiter.deadlineMs) this.expire(waiter);
			else waiter.admit(this.send());
		}
		if (this.waiting.length === 0) return;
		// Those that cannot go before the window opens, and must have gone by then, give up now.
		const opensAtMs = this.opensAtMs();
		if (opensAtMs === undefined || this.remaining === undefined || this.remaining > 0) return;
		for (const waiter of [...this.waiting]) {
			if (waiter.deadlineMs < opensAtMs) {
				this.waiting.splice(this.waiting.indexOf(waiter), 1);
				this.expire(waiter);
			}
		}
		// The answers still due may say more (a 429, a later reset): the wake-up is planned once
		// they are in. A round trip is short beside a window; a request that hangs holds the
		// next window back by at most its timeout.
		if (this.waiting.length === 0 || this.wakeUpPlanned || this.inFlight > 0) return;
		this.wakeUpPlanned = true;
		void clock.wait(Math.max(0, opensAtMs - clock.now())).then(() => {
			this.wakeUpPlanned = false;
			this.letIn();
		});
	}

	private expire(waiter: Waiter): void {
		waiter.expire(new RateLimitWaitExpired(this.waiting.length + 1));
	}
}

const gates = new Map<string, RateLimitGate>();
/** Beyond this many organizations, gates with nothing waiting or in flight are dropped. */
const MAX_IDLE_GATES = 100;

/**
 * The gate of the organization that `secret` (the key or token) opens at `baseUrl`. The map
 * keeps a hash of the two, never the key itself.
 */
export function gateOf(baseUrl: string, secret: string): RateLimitGate {
	const key = createHash('sha256').update(`${baseUrl}\n${secret}`).digest('hex');
	let gate = gates.get(key);
	if (!gate) {
		if (gates.size >= MAX_IDLE_GATES) {
			for (const [other, known] of gates) if (known.idle) gates.delete(other);
		}
		gate = new RateLimitGate();
		gates.set(key, gate);
	}
	return gate;
}

/** Forgets every window (a fresh process), e.g. between tests that each start a new server. */
export function forgetRateLimitWindows(): void {
	gates.clear();
}
