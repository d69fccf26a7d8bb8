import { clock } from '../../nodes/shared/clock';
import {
	RateLimitGate,
	RateLimitWaitExpired,
	gateOf,
} from '../../nodes/shared/transport/rateLimitGate';
import { clockAt, clockThatSkipsWaits } from '../clock';

// The gate decides at fixed instants: its waits take no real time (see each test).
const NOON = '2026-12-01T12:00:00.000Z';
const LATER = Date.parse(NOON) + 3600_000;
beforeEach(() => clockAt(NOON));

/** An answer as Agntix sends it: what is left, and the reset in unix seconds. */
const answer = (
	remaining: number,
	resetAtMs: number,
	status = 200,
	retryAfter?: string,
	limit = 100,
) => ({
	status,
	headers: {
		'x-ratelimit-limit': String(limit),
		'x-ratelimit-remaining': String(remaining),
		'x-ratelimit-reset': String(Math.ceil(resetAtMs / 1000)),
		...(retryAfter === undefined ? {} : { 'retry-after': retryAfter }),
	},
});

/** Requests that entered so far, by the order in which they were let in. */
function entering(gate: RateLimitGate, count: number, deadlineMs = LATER) {
	const admitted: number[] = [];
	const entries = Array.from({ length: count }, (_, i) =>
		gate.enter(deadlineMs).then((number) => {
			admitted.push(i);
			return number;
		}),
	);
	return { admitted, entries };
}

/** Lets promise callbacks run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the rate-limit gate', () => {
	test('the first request goes alone; without the headers in its answer the others follow at once', async () => {
		const gate = new RateLimitGate();
		const { admitted, entries } = entering(gate, 5);
		await settle();
		expect(admitted).toEqual([0]);
		gate.leave(await entries[0], { status: 200, headers: { 'retry-after': '1' } });
		await settle();
		expect(admitted).toEqual([0, 1, 2, 3, 4]);
	});

	test('with the headers, at most half of the room known is in flight, in the order the requests came', async () => {
		const gate = new RateLimitGate();
		const resetAt = clock.now() + 1000;
		const { admitted, entries } = entering(gate, 10);
		await settle();
		gate.leave(await entries[0], answer(8, resetAt));
		await settle();
		// 8 left: 4 go, 4 stay known as room.
		expect(admitted).toEqual([0, 1, 2, 3, 4]);
		// The answer to the second: 7 left less the 3 sent after it = 4, with 3 in flight.
		gate.leave(await entries[1], answer(7, resetAt));
		await settle();
		expect(admitted).toEqual([0, 1, 2, 3, 4, 5]);
	});

	test('when the window is spent, the next request waits for its reset, then goes alone', async () => {
		const waits = clockThatSkipsWaits(NOON);
		const gate = new RateLimitGate();
		gate.leave(await gate.enter(LATER), answer(0, clock.now() + 1000));
		const { admitted, entries } = entering(gate, 2);
		await settle();
		await settle();
		expect(waits).toEqual([1000]);
		expect(new Date(clock.now()).toISOString()).toBe('2026-12-01T12:00:01.000Z');
		expect(admitted).toEqual([0]);
		gate.leave(await entries[0], answer(5, clock.now() + 1000));
		await settle();
		expect(admitted).toEqual([0, 1]);
	});

	test('a 429 closes the window until its reset, or for its Retry-After when our clock already passed the reset', async () => {
		const waits = clockThatSkipsWaits(NOON);
		const gate = new RateLimitGate();
		gate.leave(await gate.enter(LATER), answer(10, clock.now() + 2000));
		gate.leave(await gate.enter(LATER), answer(0, clock.now() + 2000, 429, '2'));
		await gate.enter(LATER);
		expect(waits).toEqual([2000]);
		// A 429 whose reset has passed for us (the server's clock is behind): its Retry-After.
		const gate2 = new RateLimitGate();
		gate2.leave(await gate2.enter(LATER), answer(0, clock.now() - 1000, 429, '3'));
		await gate2.enter(LATER);
		expect(waits).toEqual([2000, 3000]);
	});

	describe('a reset given in whole seconds, rounded up', () => {
		/** A clock that moves when told to, and by what is waited. */
		function manualClock(iso: string) {
			let now = Date.parse(iso);
			const waits: number[] = [];
			clock.now = () => now;
			clock.wait = async (ms: number) => {
				waits.push(ms);
				now += ms;
			};
			return { waits, advance: (ms: number) => (now += ms) };
		}
		/** A 3-second window opened by a probe sent 300 ms past a second; its reset rounds up. */
		const SENT = '2026-12-01T12:00:00.300Z';
		const ROUNDED_UP = Date.parse('2026-12-01T12:00:04.000Z');

		test('when its probe opened the window, the next probe goes at its true end, not at the rounded-up reset', async () => {
			const time = manualClock(SENT);
			const gate = new RateLimitGate();
			const probe = await gate.enter(LATER);
			time.advance(100);
			// Limit 1, 0 left: the probe was the window's first request. It went at .300 and its
			// answer came at .400, so a 3-second window ends by 03.400, whatever the header rounds to.
			gate.leave(probe, answer(0, ROUNDED_UP, 200, undefined, 1));
			await gate.enter(LATER);
			expect(time.waits).toEqual([3000]);
			expect(new Date(clock.now()).toISOString()).toBe('2026-12-01T12:00:03.400Z');
		});

		test('a 429 to such an early probe ends early probes: later windows wait for their reset', async () => {
			const time = manualClock(SENT);
			const gate = new RateLimitGate();
			const first = await gate.enter(LATER);
			time.advance(100);
			gate.leave(first, answer(0, ROUNDED_UP, 200, undefined, 1));
			const early = await gate.enter(LATER);
			// The server's window had not ended (its windows are not what the probe suggested).
			gate.leave(early, answer(0, ROUNDED_UP, 429, '1', 1));
			const next = await gate.enter(LATER);
			expect(new Date(clock.now()).toISOString()).toBe('2026-12-01T12:00:04.400Z');
			time.advance(100);
			gate.leave(next, answer(0, ROUNDED_UP + 4000, 200, undefined, 1));
			await gate.enter(LATER);
			expect(new Date(clock.now()).toISOString()).toBe('2026-12-01T12:00:08.000Z');
		});

		test('a window another process opened (less than all but one left) waits for its reset', async () => {
			const time = manualClock(SENT);
			const gate = new RateLimitGate();
			const probe = await gate.enter(LATER);
			time.advance(100);
			gate.leave(probe, answer(0, ROUNDED_UP, 200, undefined, 2));
			await gate.enter(LATER);
			expect(new Date(clock.now()).toISOString()).toBe('2026-12-01T12:00:04.000Z');
		});
	});

	test('a request that cannot go before its deadline fails at once, unsent; those that can still go wait', async () => {
		clockThatSkipsWaits(NOON);
		const gate = new RateLimitGate();
		gate.leave(await gate.enter(LATER), answer(0, clock.now() + 60_000));
		const early = gate.enter(clock.now() + 30_000);
		const late = gate.enter(clock.now() + 90_000);
		await expect(early).rejects.toThrow(RateLimitWaitExpired);
		await expect(late).resolves.toEqual(expect.any(Number));
		expect(new Date(clock.now()).toISOString()).toBe('2026-12-01T12:01:00.000Z');
	});

	test('requests sent after the one answered are taken off what is left; an older answer changes nothing', async () => {
		const gate = new RateLimitGate();
		// Short, as the held clock leaves the waiter below waiting for the reset in real time.
		const resetAt = clock.now() + 200;
		gate.leave(await gate.enter(LATER), answer(10, resetAt));
		const [a, b] = await Promise.all(entering(gate, 3).entries);
		// Answered after the third was sent: 2 left means 1, with two in flight: none may go.
		gate.leave(b, answer(2, resetAt));
		const { admitted } = entering(gate, 1);
		await settle();
		expect(admitted).toEqual([]);
		// The answer to an earlier request does not bring room back.
		gate.leave(a, answer(9, resetAt));
		await settle();
		expect(admitted).toEqual([]);
	});

	test("a server that restarted its window (a later request's answer gives an earlier reset) is believed, and so is its 429", async () => {
		const waits = clockThatSkipsWaits(NOON);
		const gate = new RateLimitGate();
		gate.leave(await gate.enter(LATER), answer(99, clock.now() + 60_000));
		const [a, b] = await Promise.all(entering(gate, 2).entries);
		// The server's window now ends in 2 seconds, with 1 left: the two sent meanwhile take it.
		gate.leave(a, answer(1, clock.now() + 2000));
		gate.leave(b, answer(0, clock.now() + 2000, 429, '2'));
		await gate.enter(LATER);
		expect(waits).toEqual([2000]);
	});

	test('a reset further ahead than two minutes (a server clock ahead of ours) holds nothing back', async () => {
		const gate = new RateLimitGate();
		gate.leave(await gate.enter(LATER), answer(0, clock.now() + 3600_000));
		const { admitted } = entering(gate, 3);
		await settle();
		expect(admitted).toEqual([0, 1, 2]);
	});

	test('one gate per organization: the same base URL and key share it, another key or URL has its own', () => {
		const gate = gateOf('https://api.agntix.ai', 'pk_live_one');
		expect(gateOf('https://api.agntix.ai', 'pk_live_one')).toBe(gate);
		expect(gateOf('https://api.agntix.ai', 'pk_live_two')).not.toBe(gate);
		expect(gateOf('https://eu.agntix.ai', 'pk_live_one')).not.toBe(gate);
	});
});
