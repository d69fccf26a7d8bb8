/** Call → Start: the request it sends, what it outputs, numbers set by expressions, repeated numbers. */
import type { INodeParameters } from 'n8n-workflow';

import { SANDBOX_API_KEY } from '../../tools/sandbox/data';
import { START, useStartCalls } from './startCallFixtures';

const { sandbox, startCalls, voiceAgent } = useStartCalls();

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
});
