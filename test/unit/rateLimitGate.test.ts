import { clock } from '../../nodes/shared/clock';
import { RateLimitGate } from '../../nodes/shared/transport/rateLimitGate';
import { clockAt, clockThatSkipsWaits } from '../clock';

// The gate decides at fixed instants: its waits take no real time (see each test).
const NOON = '2026-12-01T12:00:00.000Z';
beforeEach(() => clockAt(NOON));

/** Headers as Agntix sends them: what is left, and the reset in unix seconds. */
const window = (remaining: number, resetAtMs: number) => ({
	'x-ratelimit-limit': '100',
	'x-ratelimit-remaining': String(remaining),
	'x-ratelimit-reset': String(Math.ceil(resetAtMs / 1000)),
});

/** Whether `enter` goes through at once, or would wait first (the wait is not taken). */
async function entersAtOnce(gate: RateLimitGate): Promise<boolean> {
	let waited = false;
	const realWait = clock.wait;
	clock.wait = () => {
		waited = true;
		return Promise.reject(new Error('would wait'));
	};
	try {
		await gate.enter();
	} catch {
		// It would have waited for the reset.
	} finally {
		clock.wait = realWait;
	}
	return !waited;
}

describe('the rate-limit gate', () => {
	test('without the headers it never holds a request back', async () => {
		const gate = new RateLimitGate();
		for (let i = 0; i < 5; i++) {
			const number = await gate.enter();
			gate.leave(number, { 'retry-after': '1' });
		}
		expect(await entersAtOnce(gate)).toBe(true);
	});

	test('when the window is spent, the next request waits for its reset', async () => {
		const waits = clockThatSkipsWaits(NOON);
		const gate = new RateLimitGate();
		gate.leave(await gate.enter(), window(0, clock.now() + 1000));
		await gate.enter();
		expect(waits).toEqual([1000]);
		expect(new Date(clock.now()).toISOString()).toBe('2026-12-01T12:00:01.000Z');
	});

	test('requests sent after the one answered are taken off what is left; an older answer changes nothing', async () => {
		const gate = new RateLimitGate();
		const resetAt = clock.now() + 1500;
		const first = await gate.enter();
		const second = await gate.enter();
		await gate.enter();
		// The first answer was counted before the two others were sent: 2 left means none.
		gate.leave(second, window(1, resetAt));
		expect(await entersAtOnce(gate)).toBe(false);
		// An answer to the first request, older, does not bring room back.
		gate.leave(first, window(5, resetAt));
		expect(await entersAtOnce(gate)).toBe(false);
	});

	test('an answer about a later window replaces what was known, whichever request it answers', async () => {
		const gate = new RateLimitGate();
		const first = await gate.enter();
		const second = await gate.enter();
		gate.leave(second, window(0, clock.now() + 1000));
		expect(await entersAtOnce(gate)).toBe(false);
		gate.leave(first, window(50, clock.now() + 3000));
		expect(await entersAtOnce(gate)).toBe(true);
	});

	test('a reset further ahead than two minutes (a server clock ahead of ours) holds nothing back', async () => {
		const gate = new RateLimitGate();
		gate.leave(await gate.enter(), window(0, clock.now() + 3600_000));
		expect(await entersAtOnce(gate)).toBe(true);
		// A reset within the next seconds is used again.
		gate.leave(await gate.enter(), window(0, clock.now() + 1500));
		expect(await entersAtOnce(gate)).toBe(false);
	});
});
