/**
 * The resume webhook of a paused Start Call: what resumes it, with what, and what it refuses.
 */

import { SPOOFING_EXTRACTED_DATA } from '../../tools/sandbox/sessions';
import type { Forgery } from '../../tools/sandbox/webhooks';
import { usePause } from './pauseFixtures';

const { sandbox, endedEventOf, pausedCall, resumeWith } = usePause();

describe('the resume webhook', () => {
	test("a genuine session.ended of this call resumes it with the call's result", async () => {
		const paused = await pausedCall();
		const outcome = await resumeWith(paused, endedEventOf(paused.call));
		expect(outcome.items?.map((item) => item.json)).toEqual([
			expect.objectContaining({
				sessionId: paused.call.sessionId,
				state: 'CLOSED',
				ended: true,
				summary: 'Ada confirmed.',
				resolution: 'RESOLVED',
				waitTimedOut: false,
				outcome: 'reached',
				reached: true,
			}),
		]);
	});

	test('a call that ended without a word from the customer resumes with reached: false', async () => {
		const paused = await pausedCall({}, '+14155550196');
		const outcome = await resumeWith(paused, endedEventOf(paused.call));
		expect(outcome.items?.[0].json).toEqual(
			expect.objectContaining({ outcome: 'notReached', reached: false, waitTimedOut: false }),
		);
	});

	test("an agent's extracted fields named like the package's own never replace them", async () => {
		const paused = await pausedCall({}, '+14155550194');
		const event = endedEventOf(paused.call, {
			analysis: { summary: 'Ada confirmed.', extractedData: SPOOFING_EXTRACTED_DATA },
			metadata: { sessionVariables: paused.call.sessionVariables },
		});
		const outcome = await resumeWith(paused, event);
		const [{ json }] = outcome.items ?? [];
		expect(json).toEqual(
			expect.objectContaining({
				outcome: 'reached',
				reached: true,
				sessionId: paused.call.sessionId,
				state: 'CLOSED',
				waitTimedOut: false,
				extractedData: SPOOFING_EXTRACTED_DATA,
			}),
		);
		expect(json).not.toHaveProperty('customerPhoneNumber');
	});

	test('with Include Transcript, the transcript is read from Agntix', async () => {
		const paused = await pausedCall({ includeTranscript: true });
		const outcome = await resumeWith(paused, endedEventOf(paused.call));
		expect(String(outcome.items?.[0].json.transcript)).toMatch(/^Agent: /);
	});

	test('a transcript that cannot be read does not cost the result: it resumes, saying why the transcript is missing', async () => {
		const paused = await pausedCall({ includeTranscript: true });
		sandbox.inject({
			kind: 'status',
			match: '/messages',
			status: 404,
			body: { error: { code: 'SESSION_NOT_FOUND', message: 'No messages yet' } },
		});
		const outcome = await resumeWith(paused, endedEventOf(paused.call));
		expect(outcome.items?.[0].json).toEqual(
			expect.objectContaining({
				outcome: 'unknown',
				state: 'CLOSED',
				summary: 'Ada confirmed.',
				transcriptError: expect.stringMatching(/^Could not get the transcript.*No messages yet/),
				reachedUnknownReason: expect.stringContaining('No messages yet'),
			}),
		);
		expect(outcome.items?.[0].json.transcript).toBeUndefined();
		expect(outcome.items?.[0].json).not.toHaveProperty('reached');
	});

	test.each<Forgery>(['wrongSecret', 'tamperedBody', 'oldTimestamp', 'unsigned'])(
		'a %s event resumes nothing (401)',
		async (forgery) => {
			const paused = await pausedCall();
			const outcome = await resumeWith(paused, endedEventOf(paused.call), forgery);
			expect(outcome.status).toBe(401);
			expect(outcome.items).toBeUndefined();
		},
	);

	test("another call that carries this execution's resume URL resumes nothing (403)", async () => {
		const paused = await pausedCall();
		// Anyone who can start a call in the organization can put any URL into its session variables.
		const other = sandbox.addCall(
			'+14155550199',
			{ n8nResumeUrl: paused.resumeUrl },
			Date.now() - 60_000,
		);
		const outcome = await resumeWith(paused, endedEventOf(other));
		expect(outcome.status).toBe(403);
		expect(outcome.body).toEqual({
			error: 'the event is not the end of the call this execution waits for',
		});
		expect(outcome.items).toBeUndefined();
	});

	test('the late end of an earlier call resumes nothing when the same execution pauses again (403)', async () => {
		const first = await pausedCall();
		const second = await pausedCall();
		// One execution pausing twice has one resume URL (on n8n 1.x, with no token at all).
		const late = await resumeWith(
			second,
			endedEventOf({ ...first.call, sessionVariables: { n8nResumeUrl: second.resumeUrl } }),
		);
		expect(late.status).toBe(403);
		const own = await resumeWith(second, endedEventOf(second.call));
		expect(own.items?.[0].json.sessionId).toBe(second.call.sessionId);
	});

	test('the end of this call sent for another execution, or with no saved call, resumes nothing (403)', async () => {
		const paused = await pausedCall();
		const elsewhere = {
			...paused.call,
			sessionVariables: { n8nResumeUrl: 'http://localhost:5678/webhook-waiting/another-execution' },
		};
		expect((await resumeWith(paused, endedEventOf(elsewhere))).status).toBe(403);
		const withoutUrl = { ...paused.call, sessionVariables: {} };
		expect((await resumeWith(paused, endedEventOf(withoutUrl))).status).toBe(403);
		const noSavedCall = await resumeWith(paused, endedEventOf(paused.call), 'none', {
			...paused.execution,
			executionData: undefined,
		});
		expect(noSavedCall.status).toBe(403);
	});

	test("a step waiting for calling hours is never resumed by a call's end, even of a call it carries (404)", async () => {
		// In a retry loop the item waiting for calling hours is the previous call's result, and
		// that call's end (delivered again) carries this execution's resume URL.
		const paused = await pausedCall();
		const waitingForHours = {
			...paused,
			node: {
				...paused.node,
				parameters: { ...paused.node.parameters, operation: 'waitForCallingHours' },
			},
		};
		const outcome = await resumeWith(waitingForHours, endedEventOf(paused.call));
		expect(outcome.status).toBe(404);
		expect(outcome.items).toBeUndefined();
	});

	test('a session.created resumes nothing (422)', async () => {
		const paused = await pausedCall();
		const outcome = await resumeWith(
			paused,
			endedEventOf(paused.call, { eventType: 'session.created' }),
		);
		expect(outcome.status).toBe(422);
		expect(outcome.items).toBeUndefined();
	});
});
