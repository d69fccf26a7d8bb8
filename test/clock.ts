/**
 * The package's clock (nodes/shared/clock.ts) held at fixed instants, so that a decision that
 * depends on the time (calling hours, a window that closes) is tested at the instant it is
 * about, whatever the time of the run. Each test gets the real clock back afterwards.
 */
import { clock } from '../nodes/shared/clock';

const real = { ...clock };
afterEach(() => Object.assign(clock, real));

/**
 * Sets the package's clock to `iso`. Held: it stays there (for decisions made at once).
 * Running: it goes on from there at the real pace (for a run in which time must pass).
 */
export function clockAt(iso: string, mode: 'held' | 'running' = 'held'): number {
	const at = Date.parse(iso);
	if (Number.isNaN(at)) throw new Error(`Not an instant: ${iso}`);
	const started = Date.now();
	clock.now = mode === 'held' ? () => at : () => at + (Date.now() - started);
	return at;
}

/**
 * A clock for the package and a server alike, from `iso` on, where a wait takes no real time:
 * it moves the clock to where the wait ends (waits side by side end together). Give `now` to
 * the sandbox (`sandbox.now`) so that its rate-limit window follows the same time.
 */
export function sharedClockThatSkipsWaits(iso: string): { now: () => number; waits: number[] } {
	let now = clockAt(iso);
	const waits: number[] = [];
	clock.now = () => now;
	clock.wait = async (ms: number) => {
		waits.push(ms);
		const end = clock.now() + ms;
		// Let the other lanes run first, as a real wait would.
		await new Promise((resolve) => setImmediate(resolve));
		now = Math.max(now, end);
	};
	return { now: () => now, waits };
}

/**
 * The package's clock held at `iso`, where a wait takes no real time: it moves the clock on
 * by what was waited. Returns the waits, in order.
 */
export function clockThatSkipsWaits(iso: string): number[] {
	let now = clockAt(iso);
	const waits: number[] = [];
	clock.now = () => now;
	clock.wait = async (ms: number) => {
		waits.push(ms);
		now += ms;
	};
	return waits;
}
