import type { INodeParameters } from 'n8n-workflow';

import { runWorkflow } from '../harness/runWorkflow';
import { agntixNode, apiKeyCredential, contactsWorkflow, startCallParameters, useSandbox } from '../fixtures';

const sandbox = useSandbox();

const LONG_AGO = Date.now() - 3600_000;

async function run(parameters: INodeParameters, inputs: object[] = [{}], settings = {}) {
	const node = agntixNode(parameters, settings);
	const result = await runWorkflow(contactsWorkflow(inputs, node), apiKeyCredential(sandbox));
	return result;
}

describe('Session → Get', () => {
	test('Simplify puts the result of a finished call at the top level', async () => {
		const call = sandbox.addCall('+14155550100', { customerName: 'Ada', crmContactId: 'C-1' }, LONG_AGO);
		const result = await run({ resource: 'session', operation: 'get', sessionId: '={{ $json.id }}' }, [{ id: call.sessionId }]);
		expect(result.error).toBeUndefined();
		expect(result.output('Agntix')).toEqual([
			{
				json: {
					sessionId: call.sessionId,
					state: 'CLOSED',
					ended: true,
					direction: 'OUTBOUND',
					agentId: call.agentId,
					customerPhoneNumber: '+14155550100',
					createdAt: new Date(LONG_AGO).toISOString(),
					endedAt: new Date(LONG_AGO + 3000).toISOString(),
					durationSeconds: 3,
					summary: 'Ada confirmed the appointment and asked for a reminder the day before.',
					resolution: 'RESOLVED',
					resolutionExplanation: 'The appointment was confirmed.',
					resolutionConfidence: 0.9,
					sentiment: 'POSITIVE',
					sentimentScore: 0.72,
					intent: 'confirm_appointment',
					intentConfidence: 0.93,
					extractedData: { appointmentConfirmed: true, preferredReminder: 'day before' },
					appointmentConfirmed: true,
					preferredReminder: 'day before',
					sessionVariables: { customerName: 'Ada', crmContactId: 'C-1' },
					recordingUrl: `https://app.agntix.ai/en/sessions/${call.sessionId}`,
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(sandbox.apiRequests('GET /api/v1/chat/sessions/')[0].path).toBe(`/api/v1/chat/sessions/${call.sessionId}`);
	});

	test('without Simplify, the session comes as Agntix returns it', async () => {
		const call = sandbox.addCall('+14155550100', {}, LONG_AGO);
		const result = await run({ resource: 'session', operation: 'get', sessionId: call.sessionId, simplify: false });
		const session = result.output('Agntix')[0].json;
		expect(session.id).toBe(call.sessionId);
		expect(session.metadata).toEqual(expect.objectContaining({ customerPhoneNumber: '+14155550100' }));
		expect(session.analysis).toEqual(expect.objectContaining({ summary: expect.any(String) }));
	});

	test('absent analysis parts are absent, not errors; a running call is OPEN', async () => {
		const noAnalysis = sandbox.addCall('+14155550198', {}, LONG_AGO);
		const expired = sandbox.addCall('+14155550199', {}, LONG_AGO);
		const running = sandbox.addCall('+14155550100');
		const result = await run({ resource: 'session', operation: 'get', sessionId: '={{ $json.id }}' }, [
			{ id: noAnalysis.sessionId },
			{ id: expired.sessionId },
			{ id: running.sessionId },
		]);
		const [closed, gone, open] = result.output('Agntix').map((item) => item.json);
		expect(closed).toEqual(expect.objectContaining({ state: 'CLOSED', ended: true, durationSeconds: 3 }));
		for (const key of ['summary', 'resolution', 'sentiment', 'intent', 'extractedData']) expect(closed).not.toHaveProperty(key);
		expect(gone).toEqual(expect.objectContaining({ state: 'EXPIRED', ended: true }));
		expect(gone).not.toHaveProperty('recordingUrl');
		expect(open).toEqual(expect.objectContaining({ state: 'OPEN', ended: false }));
		expect(open).not.toHaveProperty('endedAt');
		expect(open).not.toHaveProperty('durationSeconds');
	});

	test('a dashboard link ending in the ID is accepted', async () => {
		const call = sandbox.addCall('+14155550100', {}, LONG_AGO);
		const result = await run({ resource: 'session', operation: 'get', sessionId: `https://app.agntix.ai/en/sessions/${call.sessionId}` });
		expect(result.output('Agntix')[0].json.sessionId).toBe(call.sessionId);
	});

	test('an unknown session is a 404 that says where the id comes from', async () => {
		const id = '00000000-0000-4000-a000-000000000001';
		const result = await run({ resource: 'session', operation: 'get', sessionId: id });
		expect(result.error?.message).toBe(`Could not get the session: Not found - Session ${id} not found`);
		expect(result.error?.description).toContain("Use the sessionId from Start Call's output");
		expect(result.error?.description).toContain('Error code: SESSION_NOT_FOUND');
	});

	test('a malformed id is an item error before any request', async () => {
		const result = await run({ resource: 'session', operation: 'get', sessionId: '={{ $json.id }}' }, [{ id: 'abc' }, { id: '' }], {
			continueOnFail: true,
		});
		expect(result.output('Agntix').map((item) => item.json.error)).toEqual([
			'"Session ID" "abc" is not a valid ID [item 0]',
			'"Session ID" is empty [item 1]',
		]);
		expect(sandbox.apiRequests()).toHaveLength(0);
	});
});

describe('Session → Get Transcript', () => {
	test('one item with the conversation as text and the messages', async () => {
		const call = sandbox.addCall('+14155550100', { customerName: 'Ada' }, LONG_AGO);
		const result = await run({ resource: 'session', operation: 'getTranscript', sessionId: call.sessionId });
		const [item] = result.output('Agntix');
		expect(item.json.transcript).toBe(
			[
				'Agent: Hi Ada, this is the clinic calling about your appointment.',
				'Customer: Yes, Tuesday at ten works for me.',
				'Agent: Thank you. Message 3.',
				'Customer: Okay. Message 4.',
				'Agent: Thank you. Message 5.',
				'Customer: Okay. Message 6.',
			].join('\n'),
		);
		expect(item.json.messageCount).toBe(6);
		expect((item.json.messages as object[])[1]).toEqual(expect.objectContaining({ role: 'USER', content: 'Yes, Tuesday at ten works for me.' }));
	});

	test('one item per message, across every page', async () => {
		sandbox.configure({ messageCount: 250 });
		const call = sandbox.addCall('+14155550100', {}, LONG_AGO);
		const result = await run({ resource: 'session', operation: 'getTranscript', sessionId: call.sessionId, output: 'messages' });
		const messages = result.output('Agntix');
		expect(messages).toHaveLength(250);
		expect(messages[249].json.id).toBe(`${call.sessionId.slice(0, 8)}-m0250`);
		expect(messages.every((m) => JSON.stringify(m.pairedItem) === '{"item":0}')).toBe(true);
		expect(sandbox.apiRequests('/messages').map((r) => `${r.query.page}/${r.query.limit}`)).toEqual(['1/100', '2/100', '3/100']);
	});
});

describe('Agent → List', () => {
	test('voice-enabled, active agents by default, each with its dashboard link', async () => {
		const result = await run({ resource: 'agent', operation: 'list', returnAll: true });
		const agents = result.output('Agntix').map((item) => item.json);
		expect(agents.map((a) => a.fullName)).toEqual(['Appointment Reminder', 'Sales Qualifier', 'Recepción']);
		expect(agents[0].dashboardUrl).toBe(`https://app.agntix.ai/en/agents/${agents[0].id}`);
		expect(sandbox.apiRequests('/v1/chat/agents')[0].query.isActive).toBe('true');
	});

	test('all agents, inactive included, when asked', async () => {
		const result = await run({ resource: 'agent', operation: 'list', returnAll: true, voiceEnabledOnly: false, filters: { includeInactive: true } });
		expect(result.output('Agntix')).toHaveLength(5);
		expect(sandbox.apiRequests('/v1/chat/agents')[0].query.isActive).toBeUndefined();
	});

	test('search is sent to Agntix from 3 characters, matched locally below', async () => {
		const long = await run({ resource: 'agent', operation: 'list', returnAll: true, filters: { search: 'remind' } });
		expect(long.output('Agntix').map((item) => item.json.fullName)).toEqual(['Appointment Reminder']);
		expect(sandbox.apiRequests('/v1/chat/agents')[0].query.search).toBe('remind');
		const short = await run({ resource: 'agent', operation: 'list', returnAll: true, filters: { search: 'Sa' } });
		expect(short.output('Agntix').map((item) => item.json.fullName)).toEqual(['Sales Qualifier']);
	});

	test('an answer that ignores isActive and search (bare array) is filtered here', async () => {
		sandbox.configure({ agentShape: 'bare' });
		const active = await run({ resource: 'agent', operation: 'list', returnAll: true, voiceEnabledOnly: false });
		expect(active.output('Agntix').map((item) => item.json.fullName)).toEqual(['Appointment Reminder', 'Sales Qualifier', 'Website Chat Helper', 'Recepción']);
		const searched = await run({ resource: 'agent', operation: 'list', returnAll: true, filters: { search: 'remind' } });
		expect(searched.output('Agntix').map((item) => item.json.fullName)).toEqual(['Appointment Reminder']);
	});

	test('Limit, across pages of the bare-array shape', async () => {
		sandbox.configure({ agentShape: 'bare', extraAgents: 150 });
		const result = await run({ resource: 'agent', operation: 'list', returnAll: false, limit: 120 });
		expect(result.output('Agntix')).toHaveLength(120);
		expect(sandbox.apiRequests('/v1/chat/agents')).toHaveLength(2);
	});
});

describe('Call → Start → Wait for Call to End', () => {
	function startAndWait(contacts: object[], waitOptions: INodeParameters = {}, options: INodeParameters = {}, settings = {}) {
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
		expect(sandbox.apiRequests('POST')).toHaveLength(1);
		expect(sandbox.apiRequests(`GET /api/v1/chat/sessions/${sandbox.calls[0].sessionId}`).length).toBeGreaterThanOrEqual(1);
	});

	test('an EXPIRED call ends the wait too, and the transcript can be included', async () => {
		const result = await startAndWait([{ phone: '+14155550199', name: 'Ada' }, { phone: '+14155550100', name: 'Grace' }], { includeTranscript: true });
		const [expired, closed] = result.output('Agntix').map((item) => item.json);
		expect(expired).toEqual(expect.objectContaining({ state: 'EXPIRED', ended: true, messages: expect.any(Array) }));
		expect(expired).not.toHaveProperty('summary');
		expect(closed.transcript).toMatch(/^Agent: Hi Grace, this is the clinic/);
		expect(closed.messages).toHaveLength(6);
	});

	test('a wait that times out outputs the current state with a flag', async () => {
		const result = await startAndWait([{ phone: '+14155550197', name: 'Ada' }], { maxWait: 2 });
		expect(result.output('Agntix')[0].json).toEqual(expect.objectContaining({ state: 'OPEN', ended: false, waitTimedOut: true }));
	});

	test('or fails the item, saying the call was started', async () => {
		const result = await startAndWait([{ phone: '+14155550197', name: 'Ada' }], { maxWait: 2, onTimeout: 'fail' }, {}, { continueOnFail: true });
		const { json } = result.output('Agntix')[0];
		const { sessionId } = sandbox.calls[0];
		expect(json.error).toBe(
			`The call to +14155550197 was started (session ${sessionId}), but waiting for its end failed: The call did not end within 2 seconds (session ${sessionId} is OPEN) [item 0]`,
		);
		expect(json.sessionId).toBe(sessionId);
		expect(json.description).toContain('Session → Get');
	});

	test('a failure while polling says the call itself was started', async () => {
		sandbox.inject({ kind: 'status', match: 'GET /api/v1/chat/sessions/', status: 403 });
		const result = await startAndWait([{ phone: '+14155550100', name: 'Ada' }], {}, {}, { continueOnFail: true });
		const { json } = result.output('Agntix')[0];
		const { sessionId } = sandbox.calls[0];
		expect(json.error).toBe(
			`The call to +14155550100 was started (session ${sessionId}), but waiting for its end failed: Could not get the session: Forbidden - Injected failure`,
		);
		expect(json.description).toContain(`The call was started (session ${sessionId})`);
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
		const sessionOf = (phone: string) => sandbox.calls.find((c) => c.toPhoneNumber === phone)!.sessionId;
		expect(sandbox.calls.map((c) => c.toPhoneNumber).sort()).toEqual(['+14155550100', '+14155550101']);
		expect(result.error?.message).toMatch(/^The call to \+1415555010[01] was started \(session [0-9a-f-]{36}\), but waiting for its end failed/);
		expect(result.error?.description).toContain(
			`2 call(s) of this run were started (item 0: session ${sessionOf('+14155550100')}, item 1: session ${sessionOf('+14155550101')}) and 2 item(s) were not run.`,
		);
	});

	test('many items wait side by side within the concurrency limit', async () => {
		const contacts = Array.from({ length: 6 }, (_, i) => ({ phone: `+1415555${String(400 + i).padStart(4, '0')}`, name: `P${i}` }));
		const result = await startAndWait(contacts, {}, { concurrency: 3 });
		expect(result.output('Agntix').map((item) => item.json.customerPhoneNumber)).toEqual(contacts.map((c) => c.phone));
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
