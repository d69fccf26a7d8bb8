import { RateLimitGate } from '../../nodes/shared/transport/rateLimitGate';

/** Headers as Agntix sends them: what is left, and the reset in unix seconds. */
const window = (remaining: number, resetAtMs: number) => ({
	'x-ratelimit-limit': '100',
	'x-ratelimit-remaining': String(remaining),
	'x-ratelimit-reset': String(Math.ceil(resetAtMs / 1000)),
});

/** Requests still held back when their test ended: each goes through at its window's reset. */
const held: Array<Promise<unknown>> = [];
afterAll(async () => await Promise.all(held));

/** Whether `enter` goes through before the reset (it resolves at once when there is room). */
async function entersAtOnce(gate: RateLimitGate): Promise<boolean> {
	const entered = gate.enter().then(() => true);
	held.push(entered);
	const later = new Promise<boolean>((resolve) => setImmediate(() => resolve(false)));
	return await Promise.race([entered, later]);
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
		const gate = new RateLimitGate();
		const resetAt = Date.now() + 1000;
		gate.leave(await gate.enter(), window(0, resetAt));
		const before = Date.now();
		await gate.enter();
		expect(Date.now()).toBeGreaterThanOrEqual(Math.ceil(resetAt / 1000) * 1000);
		expect(Date.now() - before).toBeGreaterThan(0);
	});

	test('requests sent after the one answered are taken off what is left; an older answer changes nothing', async () => {
		const gate = new RateLimitGate();
		const resetAt = Date.now() + 1500;
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
		gate.leave(second, window(0, Date.now() + 1000));
		expect(await entersAtOnce(gate)).toBe(false);
		gate.leave(first, window(50, Date.now() + 3000));
		expect(await entersAtOnce(gate)).toBe(true);
	});

	test('a reset further ahead than two minutes (a server clock ahead of ours) holds nothing back', async () => {
		const gate = new RateLimitGate();
		gate.leave(await gate.enter(), window(0, Date.now() + 3600_000));
		expect(await entersAtOnce(gate)).toBe(true);
		// A reset within the next seconds is used again.
		gate.leave(await gate.enter(), window(0, Date.now() + 1500));
		expect(await entersAtOnce(gate)).toBe(false);
	});
});
