/** Call → Start never dials twice: what is resent, what is not, and what the error says then. */
import { SANDBOX_API_KEY } from '../../tools/sandbox/data';
import { NOON, START, useStartCalls } from './startCallFixtures';

const { sandbox, startCalls, sharedClock } = useStartCalls();

describe('Call → Start', () => {
	describe('never dials twice', () => {
		test('a 429 is resent after Retry-After, and the person is called once', async () => {
			sandbox.inject({
				kind: 'status',
				match: START,
				status: 429,
				headers: { 'Retry-After': '1' },
			});
			const time = sharedClock();
			const result = await startCalls([{ phone: '+14155550100' }]);
			expect(result.error).toBeUndefined();
			expect(sandbox.apiRequests(START)).toHaveLength(2);
			expect(sandbox.calls).toHaveLength(1);
			// Retry-After: 1, and a little spread so that parallel resends do not all arrive at once.
			expect(time.waits).toHaveLength(1);
			expect(time.waits[0]).toBeGreaterThanOrEqual(1000);
			expect(time.waits[0]).toBeLessThan(1250);
		});

		test('under the organization rate limit the lanes wait for the window to reset: every item ends with exactly one call, with at most one 429 per window', async () => {
			const time = sharedClock();
			sandbox.configure({ rateLimit: { limit: 4, windowMs: 1000 } });
			const contacts = Array.from({ length: 10 }, (_, i) => ({
				phone: `+1415555${String(300 + i).padStart(4, '0')}`,
			}));
			const result = await startCalls(contacts, { options: { concurrency: 3 } });
			expect(result.error).toBeUndefined();
			const dialled = sandbox.calls.map((c) => c.toPhoneNumber).sort();
			expect(dialled).toEqual(contacts.map((c) => c.phone).sort());
			expect(result.output('Agntix').map((item) => item.json.toPhoneNumber)).toEqual(
				contacts.map((c) => c.phone),
			);
			// 10 calls at 4 per window need 3 windows: the last starts two seconds in.
			expect(sandbox.apiRequests(START).filter((r) => r.status === 429).length).toBeLessThanOrEqual(
				3,
			);
			expect(time.now() - Date.parse(NOON)).toBeGreaterThanOrEqual(2000);
		});

		test('a server that sends no rate-limit headers: each 429 is resent after its Retry-After, as before', async () => {
			sharedClock();
			sandbox.configure({ rateLimit: { limit: 4, windowMs: 1000, headers: false } });
			const contacts = Array.from({ length: 10 }, (_, i) => ({
				phone: `+1415555${String(300 + i).padStart(4, '0')}`,
			}));
			const result = await startCalls(contacts, { options: { concurrency: 3 } });
			expect(result.error).toBeUndefined();
			expect(sandbox.apiRequests(START).some((r) => r.status === 429)).toBe(true);
			expect(sandbox.calls.map((c) => c.toPhoneNumber).sort()).toEqual(
				contacts.map((c) => c.phone).sort(),
			);
		});

		test.each([
			['an hour ahead of', 3600_000],
			['an hour behind', -3600_000],
		])(
			'a server whose clock is %s ours: its X-RateLimit-Reset holds nothing back for long, and each 429 is resent after its Retry-After',
			async (_, clockSkewMs) => {
				const time = sharedClock();
				sandbox.configure({ rateLimit: { limit: 4, windowMs: 1000, clockSkewMs } });
				const contacts = Array.from({ length: 10 }, (_, i) => ({
					phone: `+1415555${String(300 + i).padStart(4, '0')}`,
				}));
				const result = await startCalls(contacts, { options: { concurrency: 3 } });
				expect(result.error).toBeUndefined();
				expect(sandbox.calls.map((c) => c.toPhoneNumber).sort()).toEqual(
					contacts.map((c) => c.phone).sort(),
				);
				// Never held for the hour the server's clock is off: only Retry-After's seconds.
				expect(Math.max(...time.waits)).toBeLessThan(2000);
			},
		);

		test.each([500, 502, 503, 504])(
			'a %i after Agntix accepted the call is not resent',
			async (status) => {
				sandbox.inject({ kind: 'status', match: START, status, afterProcessing: true });
				const result = await startCalls(
					[{ phone: '+14155550100' }, { phone: '+14155550101' }],
					{},
					{ continueOnFail: true },
				);
				expect(result.error).toBeUndefined();
				expect(sandbox.apiRequests(START)).toHaveLength(2);
				expect(sandbox.calls).toHaveLength(2);
				const output = result.output('Agntix');
				const failed = output.filter((item) => item.json.error);
				expect(failed).toHaveLength(1);
				// The headline (what the table and an AI agent read first) carries the safety fact.
				expect(failed[0].json.error).toMatch(
					new RegExp(
						`^Could not confirm the call to \\+1415555010[01]: it may have been placed; not sent again \\(Agntix server error ${status}: Injected failure\\) \\[item [01]\\]$`,
					),
				);
				expect(failed[0].json.description).toContain(
					'Agntix may have placed the call, so it was not sent again',
				);
			},
		);

		test('a connection reset is not resent', async () => {
			sandbox.inject({ kind: 'reset', match: START, afterProcessing: true });
			const result = await startCalls([{ phone: '+14155550100' }], {}, { continueOnFail: true });
			expect(sandbox.apiRequests(START)).toHaveLength(1);
			expect(sandbox.calls).toHaveLength(1);
			expect(result.output('Agntix')[0].json.error).toBe(
				'Could not confirm the call to +14155550100: it may have been placed; not sent again (the connection was cut) [item 0]',
			);
		});

		test('a 200 whose body cannot be read is not resent and says the call may have been placed', async () => {
			sandbox.inject({ kind: 'malformed', match: START, afterProcessing: true });
			const result = await startCalls([{ phone: '+14155550100' }], {}, { continueOnFail: true });
			expect(sandbox.apiRequests(START)).toHaveLength(1);
			expect(sandbox.calls).toHaveLength(1);
			expect(result.output('Agntix')[0].json).toEqual({
				error:
					"Could not confirm the call to +14155550100: it may have been placed; not sent again (Agntix's answer could not be read) [item 0]",
				description: expect.stringContaining(
					'Agntix may have placed the call, so it was not sent again',
				),
			});
		});

		test('a timeout is not resent', async () => {
			sandbox.inject({ kind: 'hang', match: START });
			const result = await startCalls(
				[{ phone: '+14155550100' }],
				{ options: { timeout: 1 } },
				{ continueOnFail: true },
			);
			expect(sandbox.apiRequests(START)).toHaveLength(1);
			expect(result.output('Agntix')[0].json).toEqual({
				error:
					'Could not confirm the call to +14155550100: it may have been placed; not sent again (no answer in time) [item 0]',
				description: expect.stringContaining(
					'Agntix may have placed the call, so it was not sent again',
				),
			});
		});

		test('a failure without Continue On Fail says how many calls were already started', async () => {
			sandbox.inject({ kind: 'status', match: START, status: 500 });
			const result = await startCalls(
				[{ phone: '+14155550100' }, { phone: '+14155550101' }, { phone: '+14155550102' }],
				{
					options: { concurrency: 1 },
				},
			);
			expect(result.error?.message).toMatch(
				/^Could not confirm the call to \+14155550100: it may have been placed/,
			);
			expect(result.error?.description).toContain(
				'0 call(s) of this run were started, 1 call(s) may have been placed without Agntix confirming them (item 0), and 2 item(s) were not run.',
			);
			expect(sandbox.apiRequests(START)).toHaveLength(1);
		});

		test.each([301, 302, 307, 308])(
			'a %i redirect is not followed: the key stays here and the start is not resent',
			async (status) => {
				const elsewhere = `${sandbox.url}/elsewhere/calls/start`;
				sandbox.inject({
					kind: 'status',
					match: START,
					status,
					headers: { Location: elsewhere },
					body: {},
				});
				const result = await startCalls([{ phone: '+14155550100' }], {}, { continueOnFail: true });
				expect(
					sandbox.requests.map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/, 'ID')}`),
				).toEqual(['POST /api/v1/phone-numbers/ID/calls/start']);
				expect(sandbox.calls).toHaveLength(0);
				expect(result.output('Agntix')[0].json).toEqual({
					error: `Could not start the call: Agntix answered with a redirect (${status}) to ${elsewhere}, which is not followed [item 0]`,
					description: expect.stringMatching(
						/^The request was not sent again\.\nThis node never follows redirects/,
					),
				});
			},
		);

		test('a redirect whose Location echoes the key shows it nowhere (the harness checks the whole run)', async () => {
			sandbox.inject({
				kind: 'status',
				match: START,
				status: 302,
				headers: {
					Location: `${sandbox.url}/login?key=${encodeURIComponent(SANDBOX_API_KEY)}&k2=${SANDBOX_API_KEY}`,
				},
				body: {},
			});
			const result = await startCalls([{ phone: '+14155550100' }]);
			expect(result.error?.message).toBe(
				`Could not start the call: Agntix answered with a redirect (302) to ${sandbox.url}/login?key=***&k2=***, which is not followed [item 0]`,
			);
			expect(
				(result.error as unknown as { context?: unknown; errorResponse?: unknown }).errorResponse,
			).toEqual({
				status: 302,
				message: `redirect to ${sandbox.url}/login?key=***&k2=***`,
			});
		});

		test('several calls that may have been placed, under concurrency: the stop note names every one', async () => {
			sandbox.inject({
				kind: 'status',
				match: START,
				status: 502,
				afterProcessing: true,
				times: 3,
			});
			sandbox.configure({ latencyMs: 200 });
			const result = await startCalls(
				[
					{ phone: '+14155550100' },
					{ phone: '+14155550101' },
					{ phone: '+14155550102' },
					{ phone: '+14155550103' },
				],
				{
					options: { concurrency: 3 },
				},
			);
			expect(sandbox.apiRequests(START)).toHaveLength(3);
			expect(result.error?.description).toContain(
				'0 call(s) of this run were started, 3 call(s) may have been placed without Agntix confirming them (item 0, item 1, item 2), and 1 item(s) were not run.',
			);
		});

		test('a Default Country that is not a country code, e.g. __proto__ from an expression, is an item error', async () => {
			for (const value of ['__proto__', 'constructor', 'XX', 'us']) {
				const result = await startCalls([{ phone: '(415) 555-0100', country: value }], {
					options: { defaultCountry: '={{ $json.country }}' },
				});
				expect(result.error?.message).toBe(
					`"Default Country" "${value}" is not a country code [item 0]`,
				);
			}
			const list = await startCalls([{ phone: '+14155550100' }], {
				options: { allowedCountries: ['US', '__proto__'] },
			});
			expect(list.error?.message).toBe(
				'"Allowed Countries" holds "__proto__", which is not a country code [item 0]',
			);
			expect(sandbox.apiRequests(START)).toHaveLength(0);
		});

		// n8n's NodeApiError swaps a message that names a network error code for generic text,
		// some of it advising "Retry On Fail". No headline of this package may be swapped.
		describe.each([
			['connect ETIMEDOUT 10.0.0.5:443', 'ETIMEDOUT'],
			['socket hang up ECONNRESET', 'ECONNRESET'],
			['getaddrinfo ENOTFOUND voice.internal', 'GENERIC_ERROR'],
		])('an Agntix message "%s" (code %s)', (message, code) => {
			test.each([400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504])(
				'keeps its own headline for status %i',
				async (status) => {
					const fault = {
						kind: 'status' as const,
						match: START,
						status,
						headers: { 'Retry-After': '0' },
						body: { error: { code, message, requestId: 'req_x' } },
					};
					sandbox.inject({ ...fault, times: 10 });
					const result = await startCalls(
						[{ phone: '+14155550100' }],
						{},
						{ continueOnFail: true },
					);
					const error = String(result.output('Agntix')[0].json.error);
					expect(error).toMatch(/^Could not (start|confirm) the call/);
					expect(error).toContain(message);
					expect(error).not.toMatch(/retry|try again/i);
					expect(sandbox.calls).toHaveLength(0);
				},
			);
		});

		test('"Retry On Fail" is refused before anyone is called', async () => {
			const result = await startCalls([{ phone: '+14155550100' }], {}, { retryOnFail: true });
			expect(result.error?.message).toBe(
				'Turn off "Retry On Fail" in this node\'s settings [item 0]',
			);
			expect(result.error?.description).toMatch(/^Nobody was called\./);
			expect(sandbox.apiRequests()).toHaveLength(0);
		});
	});
});
