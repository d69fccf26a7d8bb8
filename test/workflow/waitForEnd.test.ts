import type { INode, INodeParameters } from 'n8n-workflow';

import { runAgntix, startCallParameters, useSandbox } from '../fixtures';

const sandbox = useSandbox();

const run = (parameters: INodeParameters, inputs?: object[], settings?: Partial<INode>) =>
	runAgntix(sandbox, parameters, inputs, settings);

describe('Call → Start → Wait for Call to End', () => {
	function startAndWait(
		contacts: object[],
		waitOptions: INodeParameters = {},
		options: INodeParameters = {},
		settings = {},
	) {
		const parameters = startCallParameters(sandbox, {
			ttl: 60,
			sessionVariables: { variable: [{ name: 'customerName', value: '={{ $json.name }}' }] },
			waitForEnd: true,
			waitOptions: { pollInterval: 1, ...waitOptions },
			options,
		});
		return run(parameters, contacts, settings);
	}

	beforeEach(() => sandbox.configure({ callDurationMs: 1200 }));

	test('outputs the simplified result once the call is CLOSED', async () => {
		const result = await startAndWait([{ phone: '+14155550100', name: 'Ada' }]);
		expect(result.error).toBeUndefined();
		const [item] = result.output('Agntix');
		expect(item.json).toEqual(
			expect.objectContaining({
				sessionId: sandbox.calls[0].sessionId,
				state: 'CLOSED',
				ended: true,
				summary: 'Ada confirmed the appointment and asked for a reminder the day before.',
				resolution: 'RESOLVED',
				appointmentConfirmed: true,
				phoneNumberId: sandbox.phoneNumberRecords[0].id,
			}),
		);
		expect(item.json).not.toHaveProperty('waitTimedOut');
		expect(Object.keys(item.json)[0]).toBe('outcome');
		expect(item.json).toEqual(expect.objectContaining({ outcome: 'reached', reached: true }));
		expect(sandbox.apiRequests('POST')).toHaveLength(1);
		expect(
			sandbox.apiRequests(`GET /api/v1/chat/sessions/${sandbox.calls[0].sessionId}`).length,
		).toBeGreaterThanOrEqual(1);
	});

	test('an EXPIRED call ends the wait too, and the transcript can be included', async () => {
		const result = await startAndWait(
			[
				{ phone: '+14155550199', name: 'Ada' },
				{ phone: '+14155550100', name: 'Grace' },
			],
			{ includeTranscript: true },
		);
		const [expired, closed] = result.output('Agntix').map((item) => item.json);
		expect(expired).toEqual(
			expect.objectContaining({ state: 'EXPIRED', ended: true, messages: expect.any(Array) }),
		);
		expect(expired).not.toHaveProperty('summary');
		expect(closed.transcript).toMatch(/^Agent: Hi Grace, this is the clinic/);
		expect(closed.messages).toHaveLength(6);
		// The transcript was read once per call, for both the transcript and `reached`.
		expect(sandbox.apiRequests('/messages')).toHaveLength(2);
	});

	test('a call that ended without a word from the customer is not reached; the outcome says so for a Switch', async () => {
		const result = await startAndWait([
			{ phone: '+14155550196', name: 'Ada' },
			{ phone: '+14155550100', name: 'Grace' },
		]);
		const [unanswered, answered] = result.output('Agntix').map((item) => item.json);
		expect(unanswered).toEqual(
			expect.objectContaining({ outcome: 'notReached', state: 'CLOSED', reached: false }),
		);
		expect(answered).toEqual(expect.objectContaining({ outcome: 'reached', reached: true }));
	});

	test("an agent's extracted fields named like the package's own never replace them; a voicemail is not reached", async () => {
		const result = await startAndWait([{ phone: '+14155550194' }, { phone: '+14155550193' }], {
			includeTranscript: true,
		});
		const [spoofing, voicemail] = result.output('Agntix').map((item) => item.json);
		expect(spoofing).toEqual(
			expect.objectContaining({
				outcome: 'reached',
				reached: true,
				sessionId: sandbox.calls[0].sessionId,
				state: 'CLOSED',
				phoneNumberId: sandbox.phoneNumberRecords[0].id,
				transcript:
					'Agent: Hi, this is the clinic calling about your appointment.\nCustomer: Yes, that works for me.',
			}),
		);
		expect(spoofing).not.toHaveProperty('waitTimedOut');
		expect(spoofing).not.toHaveProperty('customerPhoneNumber');
		expect(voicemail).toEqual(
			expect.objectContaining({ outcome: 'notReached', reached: false, endedReason: 'voicemail' }),
		);
	});

	test('a wait that times out outputs the current state with a flag', async () => {
		const result = await startAndWait([{ phone: '+14155550197', name: 'Ada' }], { maxWait: 2 });
		expect(result.output('Agntix')[0].json).toEqual(
			expect.objectContaining({
				outcome: 'timedOut',
				state: 'OPEN',
				ended: false,
				waitTimedOut: true,
			}),
		);
		expect(result.output('Agntix')[0].json).not.toHaveProperty('reached');
	});

	test('or fails the item, saying the call was started', async () => {
		const result = await startAndWait(
			[{ phone: '+14155550197', name: 'Ada' }],
			{ maxWait: 2, onTimeout: 'fail' },
			{},
			{ continueOnFail: true },
		);
		const { json } = result.output('Agntix')[0];
		const { sessionId } = sandbox.calls[0];
		expect(json.error).toBe(
			`The call to +14155550197 was started (session ${sessionId}), but waiting for its end failed: it did not end within 2 s (it is still OPEN) [item 0]`,
		);
		expect(json.sessionId).toBe(sessionId);
		// The session id once in the headline, and what to do in the description.
		expect(String(json.error).split(sessionId)).toHaveLength(2);
		expect(json.description).toContain('Session → Get');
	});

	test('a failure while polling says the call itself was started', async () => {
		sandbox.inject({ kind: 'status', match: 'GET /api/v1/chat/sessions/', status: 403 });
		const result = await startAndWait(
			[{ phone: '+14155550100', name: 'Ada' }],
			{},
			{},
			{ continueOnFail: true },
		);
		const { json } = result.output('Agntix')[0];
		const { sessionId } = sandbox.calls[0];
		expect(json.error).toBe(
			`The call to +14155550100 was started (session ${sessionId}), but waiting for its end failed: Could not get the session: Forbidden - Injected failure [item 0]`,
		);
		expect(json.description).toContain(
			'Do not run this item again, or the person is called a second time',
		);
		expect(String(json.error).split(sessionId)).toHaveLength(2);
		expect(json.sessionId).toBe(sessionId);
		expect(sandbox.calls).toHaveLength(1);
	});

	test('stopping mid-run counts every call that was started, with its item and session id, even when its wait failed', async () => {
		// Item 0's call starts, then reading its session is refused; item 1 is started meanwhile.
		sandbox.inject({ kind: 'status', match: 'GET /api/v1/chat/sessions/', status: 403 });
		const contacts = [
			{ phone: '+14155550100', name: 'Ada' },
			{ phone: '+14155550101', name: 'Grace' },
			{ phone: '+14155550102', name: 'Alan' },
			{ phone: '+14155550103', name: 'Edsger' },
		];
		const result = await startAndWait(contacts, { pollInterval: 1 }, { concurrency: 2 });
		const sessionOf = (phone: string) =>
			sandbox.calls.find((c) => c.toPhoneNumber === phone)!.sessionId;
		expect(sandbox.calls.map((c) => c.toPhoneNumber).sort()).toEqual([
			'+14155550100',
			'+14155550101',
		]);
		expect(result.error?.message).toMatch(
			/^The call to \+1415555010[01] was started \(session [0-9a-f-]{36}\), but waiting for its end failed/,
		);
		expect(result.error?.description).toContain(
			`2 call(s) of this run were started (item 0: session ${sessionOf('+14155550100')}, item 1: session ${sessionOf('+14155550101')}) and 2 item(s) were not run.`,
		);
	});

	test('many items wait side by side within the concurrency limit', async () => {
		const contacts = Array.from({ length: 6 }, (_, i) => ({
			phone: `+1415555${String(400 + i).padStart(4, '0')}`,
			name: `P${i}`,
		}));
		const result = await startAndWait(contacts, {}, { concurrency: 3 });
		expect(result.output('Agntix').map((item) => item.json.customerPhoneNumber)).toEqual(
			contacts.map((c) => c.phone),
		);
		expect(result.output('Agntix').every((item) => item.json.state === 'CLOSED')).toBe(true);
		// Three calls start before the first poll answers; the other three only once a lane is free.
		const starts = sandbox.apiRequests('POST').map((r) => r.receivedAt);
		const firstPoll = Math.min(
			...sandbox
				.apiRequests('GET /api/v1/chat/sessions/')
				.filter((r) => r.status === 200)
				.map((r) => r.receivedAt),
		);
		expect(starts.slice(0, 3).every((at) => at < firstPoll)).toBe(true);
		expect(starts.slice(3).every((at) => at >= firstPoll)).toBe(true);
	});
});
