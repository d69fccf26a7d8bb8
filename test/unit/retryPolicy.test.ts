import {
	MAX_ATTEMPTS,
	MAX_RATE_LIMITED_ATTEMPTS,
	parseRetryAfter,
	retryDelayMs,
} from '../../nodes/shared/transport/retryPolicy';

const noJitter = () => 0;
const fullJitter = () => 0.999;

describe('call start: resent only when Agntix proves it was not processed (429)', () => {
	test.each([500, 502, 503, 504, 408, 400, 401, 403, 404, 409, 422])(
		'status %i is never resent',
		(status) => {
			expect(retryDelayMs(false, 1, { status })).toBeUndefined();
		},
	);

	test('a network failure (timeout, reset) is never resent', () => {
		expect(retryDelayMs(false, 1, {})).toBeUndefined();
	});

	test('429 waits for Retry-After, plus at most a small spread', () => {
		expect(retryDelayMs(false, 1, { status: 429, retryAfter: '2' }, noJitter)).toBe(2000);
		const spread = retryDelayMs(false, 1, { status: 429, retryAfter: '2' }, fullJitter)!;
		expect(spread).toBeGreaterThan(2000);
		expect(spread).toBeLessThanOrEqual(2000 + 250);
	});

	test('429 without Retry-After backs off exponentially', () => {
		const first = retryDelayMs(false, 1, { status: 429 }, fullJitter)!;
		const third = retryDelayMs(false, 3, { status: 429 }, fullJitter)!;
		expect(third).toBeGreaterThan(first * 3);
	});

	test(`429 gives up after ${MAX_RATE_LIMITED_ATTEMPTS} attempts or a Retry-After over two minutes`, () => {
		expect(
			retryDelayMs(false, MAX_RATE_LIMITED_ATTEMPTS - 1, { status: 429, retryAfter: '1' }),
		).toBeDefined();
		expect(
			retryDelayMs(false, MAX_RATE_LIMITED_ATTEMPTS, { status: 429, retryAfter: '1' }),
		).toBeUndefined();
		expect(retryDelayMs(false, 1, { status: 429, retryAfter: '121' })).toBeUndefined();
	});
});

describe('reads: Agntix retry table', () => {
	test.each([408, 429, 500, 502, 503, 504])('status %i is retried', (status) => {
		expect(retryDelayMs(true, 1, { status })).toBeGreaterThan(0);
	});

	test.each([400, 401, 403, 404, 409, 422])('status %i is not retried', (status) => {
		expect(retryDelayMs(true, 1, { status })).toBeUndefined();
	});

	test('network failures are retried', () => {
		expect(retryDelayMs(true, 1, {})).toBeGreaterThan(0);
	});

	test(`stops after ${MAX_ATTEMPTS} attempts`, () => {
		expect(retryDelayMs(true, MAX_ATTEMPTS - 1, { status: 503 })).toBeDefined();
		expect(retryDelayMs(true, MAX_ATTEMPTS, { status: 503 })).toBeUndefined();
	});

	test('backoff grows, is capped at 10 s and never drops below half its ceiling', () => {
		const delays = [1, 2, 3, 4, 5, 6, 7, 8].map((attempt) =>
			retryDelayMs(true, attempt, { status: 503 }, noJitter),
		);
		expect(delays.slice(0, 4)).toEqual([250, 500, 1000, 2000]);
		for (let attempt = 1; attempt < 20; attempt++) {
			expect(retryDelayMs(true, 1, { status: 503 }, fullJitter)!).toBeLessThanOrEqual(10_000);
		}
	});

	test('a 503 with Retry-After waits at least that long', () => {
		expect(retryDelayMs(true, 1, { status: 503, retryAfter: '3' }, noJitter)).toBe(3000);
	});
});

describe('parseRetryAfter', () => {
	test('seconds, fractions and HTTP dates', () => {
		expect(parseRetryAfter('5')).toBe(5000);
		expect(parseRetryAfter('0.5')).toBe(500);
		const now = Date.parse('2026-11-29T10:00:00Z');
		expect(parseRetryAfter('Sun, 29 Nov 2026 10:00:07 GMT', now)).toBe(7000);
		expect(parseRetryAfter('Sun, 29 Nov 2026 09:00:00 GMT', now)).toBe(0);
	});

	test('absent or unreadable values give undefined', () => {
		expect(parseRetryAfter(undefined)).toBeUndefined();
		expect(parseRetryAfter('')).toBeUndefined();
		expect(parseRetryAfter('soon')).toBeUndefined();
	});
});
