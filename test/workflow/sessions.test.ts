import type { INode, INodeParameters } from 'n8n-workflow';

import { runAgntix, useSandbox } from '../fixtures';
import { SPOOFING_EXTRACTED_DATA } from '../../tools/sandbox/sessions';

const sandbox = useSandbox();

const LONG_AGO = Date.now() - 3600_000;

const run = (parameters: INodeParameters, inputs?: object[], settings?: Partial<INode>) =>
	runAgntix(sandbox, parameters, inputs, settings);

describe('Session → Get', () => {
	test('Simplify puts the result of a finished call at the top level', async () => {
		const call = sandbox.addCall(
			'+14155550100',
			{ customerName: 'Ada', crmContactId: 'C-1' },
			LONG_AGO,
		);
		const result = await run(
			{ resource: 'session', operation: 'get', sessionId: '={{ $json.id }}' },
			[{ id: call.sessionId }],
		);
		expect(result.error).toBeUndefined();
		expect(result.output('Agntix')).toEqual([
			{
				json: {
					outcome: 'reached',
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
					recordingUrl: `${sandbox.url}/__sandbox/recordings/${call.sessionId}`,
					reached: true,
				},
				pairedItem: { item: 0 },
			},
		]);
		// A sandbox call's recording is a page of the sandbox that says why there is none.
		const recording = await fetch(`${sandbox.url}/__sandbox/recordings/${call.sessionId}`);
		expect(await recording.text()).toContain('nobody was dialled, so there is no recording');
		// The session, then its transcript: whether the customer said something.
		expect(sandbox.apiRequests('GET /api/v1/chat/sessions/').map((r) => r.path)).toEqual([
			`/api/v1/chat/sessions/${call.sessionId}`,
			`/api/v1/chat/sessions/${call.sessionId}/messages`,
		]);
	});

	test('Simplify says whether the person was reached: not for a call without a word from them, in progress for a running call, unknown when the transcript cannot be read', async () => {
		const unanswered = sandbox.addCall('+14155550196', {}, LONG_AGO);
		const running = sandbox.addCall('+14155550100', {}, Date.now());
		const unreadable = sandbox.addCall('+14155550100', {}, LONG_AGO);
		sandbox.inject({
			kind: 'status',
			match: `${unreadable.sessionId}/messages`,
			status: 500,
			times: 10,
			body: { error: { code: 'MESSAGES_HISTORY_ERROR', message: 'History unavailable' } },
		});
		const result = await run(
			{ resource: 'session', operation: 'get', sessionId: '={{ $json.id }}' },
			[unanswered, running, unreadable].map((call) => ({ id: call.sessionId })),
		);
		const [notReached, inProgress, unknown] = result.output('Agntix').map((item) => item.json);
		expect(notReached).toEqual(
			expect.objectContaining({ outcome: 'notReached', state: 'CLOSED', reached: false }),
		);
		expect(Object.keys(notReached)[0]).toBe('outcome');
		expect(inProgress).toEqual(expect.objectContaining({ outcome: 'inProgress', ended: false }));
		expect(inProgress).not.toHaveProperty('reached');
		expect(unknown).toEqual(
			expect.objectContaining({
				outcome: 'unknown',
				state: 'CLOSED',
				summary: expect.any(String),
				reachedUnknownReason: expect.stringMatching(
					/^The transcript could not be read, so whether the person was reached is not known: .*History unavailable/,
				),
			}),
		);
		expect(unknown).not.toHaveProperty('reached');
		// Only the ended calls' transcripts were read.
		expect(sandbox.apiRequests(`${running.sessionId}/messages`)).toHaveLength(0);
	});

	test("an agent's extracted fields named like the package's own never replace them; each stays under extractedData", async () => {
		const call = sandbox.addCall('+14155550194', { crmContactId: 'C-7' }, LONG_AGO);
		const result = await run(
			{ resource: 'session', operation: 'get', sessionId: '={{ $json.id }}' },
			[{ id: call.sessionId }],
		);
		const [{ json }] = result.output('Agntix');
		expect(json).toEqual(
			expect.objectContaining({
				outcome: 'reached',
				reached: true,
				sessionId: call.sessionId,
				state: 'CLOSED',
				ended: true,
				extractedData: SPOOFING_EXTRACTED_DATA,
			}),
		);
		// Agntix sent no customer number: none is made up from the extracted data.
		for (const field of ['customerPhoneNumber', 'eventType', 'deliveryId', 'waitTimedOut'])
			expect(json).not.toHaveProperty(field);
		for (const field of ['phoneNumberId', 'transcript', 'status', 'allowedHours'])
			expect(json).not.toHaveProperty(field);
	});

	test('an end reason that says nobody was reached decides over the transcript (a voicemail greeting is not the customer)', async () => {
		const call = sandbox.addCall('+14155550193', {}, LONG_AGO);
		const result = await run(
			{ resource: 'session', operation: 'get', sessionId: '={{ $json.id }}' },
			[{ id: call.sessionId }],
		);
		expect(result.output('Agntix')[0].json).toEqual(
			expect.objectContaining({ outcome: 'notReached', reached: false, endedReason: 'voicemail' }),
		);
	});

	test('without Simplify, the session comes as Agntix returns it', async () => {
		const call = sandbox.addCall('+14155550100', {}, LONG_AGO);
		const result = await run({
			resource: 'session',
			operation: 'get',
			sessionId: call.sessionId,
			simplify: false,
		});
		const session = result.output('Agntix')[0].json;
		expect(session.id).toBe(call.sessionId);
		expect(session.metadata).toEqual(
			expect.objectContaining({ customerPhoneNumber: '+14155550100' }),
		);
		expect(session.analysis).toEqual(expect.objectContaining({ summary: expect.any(String) }));
	});

	test("a paused call's resume URL is never shown, simplified or not (the harness checks every run for it)", async () => {
		const call = sandbox.addCall(
			'+14155550100',
			{
				crmContactId: 'C-1',
				n8nResumeUrl: 'http://localhost:5678/webhook-waiting/12?signature=abc',
			},
			LONG_AGO,
		);
		for (const simplify of [true, false]) {
			const result = await run({
				resource: 'session',
				operation: 'get',
				sessionId: call.sessionId,
				simplify,
			});
			const session = result.output('Agntix')[0].json as {
				sessionVariables?: object;
				metadata?: { sessionVariables?: object };
			};
			expect(simplify ? session.sessionVariables : session.metadata?.sessionVariables).toEqual({
				crmContactId: 'C-1',
			});
		}
	});

	test('absent analysis parts are absent, not errors; a running call is OPEN', async () => {
		const noAnalysis = sandbox.addCall('+14155550198', {}, LONG_AGO);
		const expired = sandbox.addCall('+14155550199', {}, LONG_AGO);
		const running = sandbox.addCall('+14155550100');
		const result = await run(
			{ resource: 'session', operation: 'get', sessionId: '={{ $json.id }}' },
			[{ id: noAnalysis.sessionId }, { id: expired.sessionId }, { id: running.sessionId }],
		);
		const [closed, gone, open] = result.output('Agntix').map((item) => item.json);
		expect(closed).toEqual(
			expect.objectContaining({ state: 'CLOSED', ended: true, durationSeconds: 3 }),
		);
		for (const key of ['summary', 'resolution', 'sentiment', 'intent', 'extractedData'])
			expect(closed).not.toHaveProperty(key);
		expect(gone).toEqual(expect.objectContaining({ state: 'EXPIRED', ended: true }));
		expect(gone).not.toHaveProperty('recordingUrl');
		expect(open).toEqual(expect.objectContaining({ state: 'OPEN', ended: false }));
		expect(open).not.toHaveProperty('endedAt');
		expect(open).not.toHaveProperty('durationSeconds');
	});

	test('a dashboard link ending in the ID is accepted', async () => {
		const call = sandbox.addCall('+14155550100', {}, LONG_AGO);
		const result = await run({
			resource: 'session',
			operation: 'get',
			sessionId: `https://app.agntix.ai/en/sessions/${call.sessionId}`,
		});
		expect(result.output('Agntix')[0].json.sessionId).toBe(call.sessionId);
	});

	test('an unknown session is a 404 that says where the id comes from', async () => {
		const id = '00000000-0000-4000-a000-000000000001';
		const result = await run({ resource: 'session', operation: 'get', sessionId: id });
		expect(result.error?.message).toBe(
			`Could not get the session: Not found - Session ${id} not found [item 0]`,
		);
		expect(result.error?.description).toContain("Use the sessionId from Start Call's output");
		expect(result.error?.description).toContain('Error code: SESSION_NOT_FOUND');
	});

	test('a malformed id is an item error before any request', async () => {
		const result = await run(
			{ resource: 'session', operation: 'get', sessionId: '={{ $json.id }}' },
			[{ id: 'abc' }, { id: '' }],
			{
				continueOnFail: true,
			},
		);
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
		const result = await run({
			resource: 'session',
			operation: 'getTranscript',
			sessionId: call.sessionId,
		});
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
		expect((item.json.messages as object[])[1]).toEqual(
			expect.objectContaining({ role: 'USER', content: 'Yes, Tuesday at ten works for me.' }),
		);
	});

	test('only the agent and the customer enter the text, whatever other roles a message has', async () => {
		const call = sandbox.addCall('+14155550194', {}, LONG_AGO);
		const result = await run(
			{ resource: 'session', operation: 'getTranscript', sessionId: '={{ $json.id }}' },
			[{ id: call.sessionId }],
		);
		expect(result.output('Agntix')[0].json.transcript).toBe(
			'Agent: Hi, this is the clinic calling about your appointment.\nCustomer: Yes, that works for me.',
		);
	});

	test('one item per message, across every page', async () => {
		sandbox.configure({ messageCount: 250 });
		const call = sandbox.addCall('+14155550100', {}, LONG_AGO);
		const result = await run({
			resource: 'session',
			operation: 'getTranscript',
			sessionId: call.sessionId,
			output: 'messages',
		});
		const messages = result.output('Agntix');
		expect(messages).toHaveLength(250);
		expect(messages[249].json.id).toBe(`${call.sessionId.slice(0, 8)}-m0250`);
		expect(messages.every((m) => JSON.stringify(m.pairedItem) === '{"item":0}')).toBe(true);
		expect(sandbox.apiRequests('/messages').map((r) => `${r.query.page}/${r.query.limit}`)).toEqual(
			['1/100', '2/100', '3/100'],
		);
	});
});
