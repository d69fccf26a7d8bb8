import type { INodeParameters } from 'n8n-workflow';

import { runWorkflow } from '../harness/runWorkflow';
import type { RunResult } from '../harness/runWorkflow';
import {
	agntixNode,
	apiKeyCredential,
	contactsWorkflow,
	startCallParameters,
	useSandbox,
} from '../fixtures';
import { SANDBOX_API_KEY } from '../sandbox/data';

const sandbox = useSandbox();

const START = '/calls/start';

async function startCalls(
	contacts: object[],
	overrides: INodeParameters = {},
	settings: { continueOnFail?: boolean; retryOnFail?: boolean } = {},
): Promise<RunResult> {
	const node = agntixNode(startCallParameters(sandbox, overrides), settings);
	const result = await runWorkflow(contactsWorkflow(contacts, node), apiKeyCredential(sandbox));
	return result;
}

function voiceAgent() {
	return sandbox.agentRecords.find((a) => a.voiceEnabled && a.isActive)!;
}

describe('Call → Start', () => {
	test('sends the documented request and outputs the session id with what was sent', async () => {
		const result = await startCalls([{ phone: '+1 415 555 0100', name: 'Ada', crmId: 'C-1042' }], {
			sessionVariables: {
				variable: [
					{ name: 'customerName', value: '={{ $json.name }}' },
					{ name: 'crmContactId', value: '={{ $json.crmId }}' },
					{ name: 'attempt', value: '={{ 2 }}' },
				],
			},
		});
		expect(result.error).toBeUndefined();

		const [request] = sandbox.apiRequests(START);
		const number = sandbox.phoneNumberRecords[0];
		expect(request.method).toBe('POST');
		expect(request.path).toBe(`/api/v1/phone-numbers/${number.id}/calls/start`);
		expect(request.headers['x-api-key']).toBe(SANDBOX_API_KEY);
		expect(request.headers.authorization).toBeUndefined();
		expect(request.body).toEqual({
			to_phone_number: '+14155550100',
			agent_id: voiceAgent().id,
			ttl: 300,
			session_variables: { customerName: 'Ada', crmContactId: 'C-1042', attempt: 2 },
		});

		const [item] = result.output('Agntix');
		// The first column of the output table says what happened, before the ids.
		expect(Object.keys(item.json)[0]).toBe('status');
		expect(result.output('Agntix')).toEqual([
			{
				json: {
					status: 'started',
					sessionId: sandbox.calls[0].sessionId,
					phoneNumberId: number.id,
					agentId: voiceAgent().id,
					toPhoneNumber: '+14155550100',
					ttl: 300,
					sessionVariables: { customerName: 'Ada', crmContactId: 'C-1042', attempt: 2 },
				},
				pairedItem: { item: 0 },
			},
		]);
	});

	test('normalises every common way of writing a number to E.164', async () => {
		const cases = [
			{ phone: '+971 50 123 4567', country: '', expected: '+971501234567' },
			{ phone: '00971501234567', country: '', expected: '+971501234567' },
			{ phone: '(415) 555-0100', country: 'US', expected: '+14155550100' },
			{ phone: '415.555.0101', country: 'US', expected: '+14155550101' },
			{ phone: '415-555-0102', country: 'US', expected: '+14155550102' },
			{ phone: '020 7946 0958', country: 'GB', expected: '+442079460958' },
			{ phone: '+44 (0)20 7946 0959', country: '', expected: '+442079460959' },
			{ phone: 14155550103, country: 'US', expected: '+14155550103' },
		];
		const result = await startCalls(cases, {
			options: { defaultCountry: '={{ $json.country }}', allowRepeatedNumbers: true },
		});
		expect(result.error).toBeUndefined();
		const sent = sandbox
			.apiRequests(START)
			.map((r) => (r.body as { to_phone_number: string }).to_phone_number);
		expect(sent.sort()).toEqual(cases.map((c) => c.expected).sort());
		expect(result.output('Agntix').map((item) => item.json.toPhoneNumber)).toEqual(
			cases.map((c) => c.expected),
		);
	});

	test('premium-rate and satellite numbers are refused, even in Allowed Countries, unless allowed', async () => {
		const costly = [
			{ phone: '+1 900 555 0100' },
			{ phone: '+44 909 123 4567' },
			{ phone: '+881 6 1234 5678' },
			{ phone: '+14155550100' },
		];
		const options = { allowedCountries: ['US', 'GB'] };
		const result = await startCalls(costly, { options }, { continueOnFail: true });
		expect(
			result.output('Agntix').map((item) => item.json.error ?? item.json.toPhoneNumber),
		).toEqual([
			'"To Phone Number" +19005550100 is a premium-rate number [item 0]',
			'"To Phone Number" +449091234567 is a premium-rate number [item 1]',
			'"To Phone Number" +881612345678 is an international network or satellite number [item 2]',
			'+14155550100',
		]);
		expect(result.output('Agntix')[0].json.description).toContain('"Allow Premium-Rate Numbers"');
		expect(sandbox.calls.map((c) => c.toPhoneNumber)).toEqual(['+14155550100']);

		sandbox.reset();
		const allowed = await startCalls(costly.slice(0, 2), {
			options: { ...options, allowPremiumRate: true },
		});
		expect(allowed.error).toBeUndefined();
		expect(sandbox.calls.map((c) => c.toPhoneNumber).sort()).toEqual([
			'+19005550100',
			'+449091234567',
		]);
	});

	describe('numbers set by an expression are checked like Max Call Duration, before anyone is called', () => {
		test.each([
			[
				'Request Timeout',
				{ options: { timeout: '={{ 3000000 }}' } },
				'"Request Timeout (Seconds)" 3000000 is not a number between 1 and 600',
			],
			[
				'Request Timeout',
				{ options: { timeout: '={{ "soon" }}' } },
				'"Request Timeout (Seconds)" "soon" is not a number between 1 and 600',
			],
			[
				'Max Concurrent Requests',
				{ options: { concurrency: '={{ 0 }}' } },
				'"Max Concurrent Requests" 0 is not a whole number between 1 and 50',
			],
			[
				'Max Concurrent Requests',
				{ options: { concurrency: '={{ 2.5 }}' } },
				'"Max Concurrent Requests" 2.5 is not a whole number between 1 and 50',
			],
			[
				'Poll Interval',
				{ waitForEnd: true, waitOptions: { pollInterval: '={{ -1 }}' } },
				'"Poll Interval (Seconds)" -1 is not a number between 1 and 600',
			],
			[
				'Max Wait',
				{ waitForEnd: true, waitOptions: { maxWait: '={{ 10000000 }}' } },
				'"Max Wait (Seconds)" 10000000 is not a number between 0 and 86400',
			],
			[
				'Max Wait',
				{ waitForEnd: true, waitOptions: { maxWait: '={{ "1 hour" }}' } },
				'"Max Wait (Seconds)" "1 hour" is not a number between 0 and 86400',
			],
		])('%s: %j', async (_name, overrides, message) => {
			const result = await startCalls([{ phone: '+14155550100' }], overrides as INodeParameters);
			expect(result.error?.message).toBe(`${message} [item 0]`);
			expect(result.error?.description).toMatch(/e\.g\. \d+/);
			expect(sandbox.apiRequests()).toHaveLength(0);
		});

		test('text that holds a number in range is read', async () => {
			const result = await startCalls([{ phone: '+14155550100' }], {
				options: { timeout: '={{ "45" }}', concurrency: '={{ "2" }}' },
			});
			expect(result.error).toBeUndefined();
			expect(sandbox.calls).toHaveLength(1);
		});
	});

	describe('the same number twice in one run', () => {
		const sameNumber = [
			{ phone: '+1 415 555 0100' },
			{ phone: '+14155550199' },
			{ phone: '(415) 555-0100' },
			{ phone: '+14155550100' },
		];

		test('is called once: later items fail before anyone is called, naming the first item', async () => {
			const stopped = await startCalls(sameNumber, { options: { defaultCountry: 'US' } });
			expect(stopped.error?.message).toBe(
				'"To Phone Number" +14155550100 is the same number as item 0 in this run [item 2]',
			);
			expect(stopped.error?.description).toContain('"Allow Repeated Numbers"');
			expect(sandbox.apiRequests()).toHaveLength(0);

			const result = await startCalls(
				sameNumber,
				{ options: { defaultCountry: 'US' } },
				{ continueOnFail: true },
			);
			expect(sandbox.calls.map((c) => c.toPhoneNumber).sort()).toEqual([
				'+14155550100',
				'+14155550199',
			]);
			expect(
				result.output('Agntix').map((item) => item.json.error ?? item.json.toPhoneNumber),
			).toEqual([
				'+14155550100',
				'+14155550199',
				'"To Phone Number" +14155550100 is the same number as item 0 in this run [item 2]',
				'"To Phone Number" +14155550100 is the same number as item 0 in this run [item 3]',
			]);
		});

		test('is called each time with "Allow Repeated Numbers"', async () => {
			const result = await startCalls(sameNumber, {
				options: { defaultCountry: 'US', allowRepeatedNumbers: true },
			});
			expect(result.error).toBeUndefined();
			expect(sandbox.calls).toHaveLength(4);
		});
	});

	test('the agent can be given by its dashboard URL, and session variables as JSON', async () => {
		const agent = voiceAgent();
		const result = await startCalls([{ phone: '+14155550100', name: 'Ada', id: 7 }], {
			agentId: { __rl: true, mode: 'url', value: `https://app.agntix.ai/en/agents/${agent.id}` },
			sessionVariablesMode: 'json',
			sessionVariablesJson: '={{ { customerName: $json.name, orderId: $json.id } }}',
		});
		expect(result.error).toBeUndefined();
		expect(sandbox.apiRequests(START)[0].body).toEqual(
			expect.objectContaining({
				agent_id: agent.id,
				session_variables: { customerName: 'Ada', orderId: 7 },
			}),
		);
	});

	describe('bad input is an item error that names the item, field and value, and sends nothing', () => {
		const badItems: Array<[string, object, INodeParameters, RegExp]> = [
			[
				'letters',
				{ phone: '+1 800 FLOWERS' },
				{},
				/^"To Phone Number" "\+1 800 FLOWERS" is not a valid phone number: it contains letters \[item 0\]$/,
			],
			['extension', { phone: '+1 415 555 0100 ext. 12' }, {}, /has an extension/],
			[
				'too short',
				{ phone: '+971 50 123' },
				{},
				/"\+971 50 123" is not a valid phone number: its digits are not a number in use in United Arab Emirates/,
			],
			[
				'unknown country code',
				{ phone: '+999 1234567' },
				{},
				/the digits after \+ do not start with a country code/,
			],
			['no country code', { phone: '4155550100' }, {}, /it has no country code/],
			['empty', { phone: '' }, {}, /"To Phone Number" "" is not a valid phone number: it is empty/],
			[
				'TTL too long',
				{ phone: '+14155550100' },
				{ ttl: 4000 },
				/"Max Call Duration \(Seconds\)" 4000 is not a whole number between 10 and 3600/,
			],
			[
				'TTL not a number',
				{ phone: '+14155550100', ttl: 'soon' },
				{ ttl: '={{ $json.ttl }}' },
				/"Max Call Duration \(Seconds\)" "soon" is not a whole number/,
			],
			[
				'reserved variable',
				{ phone: '+14155550100' },
				{ sessionVariables: { variable: [{ name: 'system.now', value: 'x' }] } },
				/Session variable "system.now" uses the reserved prefix "system." \[item 0\]/,
			],
			[
				'duplicate variable',
				{ phone: '+14155550100' },
				{
					sessionVariables: {
						variable: [
							{ name: 'a', value: '1' },
							{ name: 'a', value: '2' },
						],
					},
				},
				/Session variable "a" is set twice/,
			],
			[
				'empty variable name',
				{ phone: '+14155550100' },
				{ sessionVariables: { variable: [{ name: '', value: '1' }] } },
				/Session variable 1 has no name/,
			],
			[
				'nested variable',
				{ phone: '+14155550100', contact: { first: 'Ada' } },
				{ sessionVariables: { variable: [{ name: 'contact', value: '={{ $json.contact }}' }] } },
				/Session variable "contact" is an object/,
			],
			[
				'invalid JSON variables',
				{ phone: '+14155550100' },
				{ sessionVariablesMode: 'json', sessionVariablesJson: '{"a": ' },
				/Session Variables \(JSON\) is not valid JSON/,
			],
			[
				'From Number not a UUID',
				{ phone: '+14155550100', numberId: '12345' },
				{ phoneNumberId: { __rl: true, mode: 'id', value: '={{ $json.numberId }}' } },
				/^"From Number" ID "12345" is not a valid ID \[item 0\]$/,
			],
			[
				'Agent URL not an agent page',
				{ phone: '+14155550100', agentUrl: 'https://example.com/agents/1' },
				{ agentId: { __rl: true, mode: 'url', value: '={{ $json.agentUrl }}' } },
				/"Agent" URL "https:\/\/example.com\/agents\/1" is not an Agntix agent URL/,
			],
			[
				'Agent empty',
				{ phone: '+14155550100' },
				{ agentId: { __rl: true, mode: 'id', value: '={{ $json.agentId }}' } },
				/"Agent" is empty/,
			],
			[
				'country not allowed',
				{ phone: '+442079460958' },
				{ options: { allowedCountries: ['US', 'CA'] } },
				/"To Phone Number" \+442079460958 is in United Kingdom, which is not in "Allowed Countries"/,
			],
		];

		test.each(badItems)('%s', async (_name, contact, overrides, message) => {
			const result = await startCalls([contact], overrides);
			expect(result.error?.message).toMatch(message);
			expect(result.error?.description).toBeTruthy();
			expect(result.error?.context?.itemIndex).toBe(0);
			expect(sandbox.apiRequests()).toHaveLength(0);
		});

		test('ids typed into the editor are checked by n8n before the run, with our message', async () => {
			const result = await startCalls([{ phone: '+14155550100' }], {
				agentId: { __rl: true, mode: 'url', value: 'https://example.com/agents/1' },
			});
			expect(result.error?.message).toMatch(/node has issues/);
			expect(result.error?.message).toContain('Not an Agntix agent URL');
			expect(sandbox.apiRequests()).toHaveLength(0);
		});

		test('an empty or wrong "By ID" says what an ID looks like, not that the example was typed', async () => {
			for (const value of ['', 'abc']) {
				const result = await startCalls([{ phone: '+14155550100' }], {
					phoneNumberId: { __rl: true, mode: 'id', value },
				});
				expect(result.error?.message).toContain(
					'Enter the phone number ID, or pick it from the list. An ID looks like 3f2b9c1e-8d4a-4c6b-9e2f-1a2b3c4d5e6f',
				);
			}
			expect(sandbox.apiRequests()).toHaveLength(0);
		});

		test('one bad row stops the node before anyone is called', async () => {
			const result = await startCalls([
				{ phone: '+14155550100' },
				{ phone: '+14155550101' },
				{ phone: 'n/a' },
			]);
			expect(result.error?.message).toMatch(/\[item 2\]$/);
			expect(sandbox.apiRequests()).toHaveLength(0);
		});

		test('with Continue On Fail, bad items become error items in place and the rest are called', async () => {
			const result = await startCalls(
				[
					{ phone: '+14155550100' },
					{ phone: '+1 800 FLOWERS' },
					{ phone: '+14155550101' },
					{ phone: '+442079460958' },
				],
				{ options: { allowedCountries: ['US'] } },
				{ continueOnFail: true },
			);
			expect(result.error).toBeUndefined();
			const output = result.output('Agntix');
			expect(output.map((item) => item.pairedItem)).toEqual([
				{ item: 0 },
				{ item: 1 },
				{ item: 2 },
				{ item: 3 },
			]);
			expect(output[0].json.toPhoneNumber).toBe('+14155550100');
			expect(output[1].json.error).toMatch(/it contains letters \[item 1\]/);
			expect(output[2].json.toPhoneNumber).toBe('+14155550101');
			expect(output[3].json.error).toMatch(/not in "Allowed Countries" \[item 3\]/);
			expect(output[3].json.description).toMatch(/Allowed: United States/);
			expect(sandbox.calls.map((c) => c.toPhoneNumber).sort()).toEqual([
				'+14155550100',
				'+14155550101',
			]);
		});
	});

	test('many items keep their order and respect the concurrency limit', async () => {
		// Answers take 50 to 90 ms, so they come back out of order, and the three lanes' first
		// requests are all in flight before any answer.
		sandbox.configure({ latencyMs: 50, latencyJitterMs: 40 });
		const contacts = Array.from({ length: 12 }, (_, i) => ({
			phone: `+1415555${String(200 + i).padStart(4, '0')}`,
		}));
		const result = await startCalls(contacts, { options: { concurrency: 3 } });
		expect(result.error).toBeUndefined();
		expect(result.output('Agntix').map((item) => item.json.toPhoneNumber)).toEqual(
			contacts.map((c) => c.phone),
		);
		expect(result.output('Agntix').map((item) => item.pairedItem)).toEqual(
			contacts.map((_, item) => ({ item })),
		);
		expect(sandbox.peakInFlight).toBe(3);
		expect(sandbox.calls).toHaveLength(12);
	});

	describe('never dials twice', () => {
		test('a 429 is resent after Retry-After, and the person is called once', async () => {
			sandbox.inject({
				kind: 'status',
				match: START,
				status: 429,
				headers: { 'Retry-After': '1' },
			});
			const startedAt = Date.now();
			const result = await startCalls([{ phone: '+14155550100' }]);
			expect(result.error).toBeUndefined();
			expect(sandbox.apiRequests(START)).toHaveLength(2);
			expect(sandbox.calls).toHaveLength(1);
			const [first, second] = sandbox.apiRequests(START);
			expect(second.receivedAt - first.receivedAt).toBeGreaterThanOrEqual(1000);
			expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1000);
		});

		test('under the organization rate limit the lanes wait for the window to reset: every item ends with exactly one call, with at most one 429 per window', async () => {
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
			// 10 calls at 4 per window need 3 windows.
			expect(sandbox.apiRequests(START).filter((r) => r.status === 429).length).toBeLessThanOrEqual(
				3,
			);
		});

		test('a server that sends no rate-limit headers: each 429 is resent after its Retry-After, as before', async () => {
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
				sandbox.configure({ rateLimit: { limit: 4, windowMs: 1000, clockSkewMs } });
				const contacts = Array.from({ length: 10 }, (_, i) => ({
					phone: `+1415555${String(300 + i).padStart(4, '0')}`,
				}));
				const result = await startCalls(contacts, { options: { concurrency: 3 } });
				expect(result.error).toBeUndefined();
				expect(sandbox.calls.map((c) => c.toPhoneNumber).sort()).toEqual(
					contacts.map((c) => c.phone).sort(),
				);
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

	describe('Agntix refusals are explained', () => {
		test('a chat-only agent: the 422 names the field', async () => {
			const chatAgent = sandbox.agentRecords.find((a) => !a.voiceEnabled)!;
			const result = await startCalls([{ phone: '+14155550100' }], {
				agentId: { __rl: true, mode: 'id', value: chatAgent.id },
			});
			expect(result.error?.message).toBe(
				'Could not start the call: Invalid value - Agent: Agent is not voice-enabled [item 0]',
			);
			expect(result.error?.description).toContain(
				'Change these values: Agent: Agent is not voice-enabled.',
			);
		});

		test('a From Number that is inactive or has no number yet: the headline says so, and nobody was called', async () => {
			const inactive = sandbox.phoneNumberRecords.find((n) => !n.is_active)!;
			const pending = sandbox.phoneNumberRecords.find((n) => n.phone_number === null)!;
			const refused = await startCalls([{ phone: '+14155550100' }], {
				phoneNumberId: { __rl: true, mode: 'list', value: inactive.id },
			});
			expect(refused.error?.message).toBe(
				`Could not start the call: the From Number ${inactive.phone_number} is inactive, so it cannot place calls [item 0]`,
			);
			expect(refused.error?.description).toMatch(
				/^Agntix refused the call, and nobody was called\. Pick an active number/,
			);
			const noNumber = await startCalls([{ phone: '+14155550100' }], {
				phoneNumberId: { __rl: true, mode: 'id', value: pending.id },
			});
			expect(noNumber.error?.message).toBe(
				'Could not start the call: the From Number has no phone number yet, so it cannot place calls [item 0]',
			);
			// One refused start each, then one read of the numbers; nothing was resent.
			expect(
				sandbox
					.apiRequests()
					.map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/, 'ID')} ${r.status}`),
			).toEqual([
				'POST /api/v1/phone-numbers/ID/calls/start 409',
				'GET /api/v1/phone-numbers 200',
				'POST /api/v1/phone-numbers/ID/calls/start 409',
				'GET /api/v1/phone-numbers 200',
			]);
			expect(sandbox.calls).toHaveLength(0);
		});

		test('a list refused for the same inactive From Number reads that number once', async () => {
			const inactive = sandbox.phoneNumberRecords.find((n) => !n.is_active)!;
			const contacts = [
				{ phone: '+14155550100' },
				{ phone: '+14155550101' },
				{ phone: '+14155550102' },
			];
			const result = await startCalls(
				contacts,
				{ phoneNumberId: { __rl: true, mode: 'id', value: inactive.id } },
				{ continueOnFail: true },
			);
			expect(result.output('Agntix').map((item) => item.json.error)).toEqual(
				contacts.map(
					(_, index) =>
						`Could not start the call: the From Number ${inactive.phone_number} is inactive, so it cannot place calls [item ${index}]`,
				),
			);
			expect(sandbox.apiRequests('GET /api/v1/phone-numbers')).toHaveLength(1);
			expect(sandbox.apiRequests('/calls/start')).toHaveLength(3);
		});

		test('an id of another organization: the 404 says to pick from the list, with the request id', async () => {
			const result = await startCalls([{ phone: '+14155550100' }], {
				phoneNumberId: { __rl: true, mode: 'id', value: '00000000-0000-4000-a000-000000000000' },
			});
			expect(result.error?.message).toMatch(
				/^Could not start the call: Not found - Phone number 00000000-0000-4000-a000-000000000000 not found \[item 0\]$/,
			);
			expect(result.error?.description).toMatch(/Pick both from their lists/);
			expect(result.error?.description).toMatch(/Request ID: req_sbx_\d+/);
		});
	});
});
