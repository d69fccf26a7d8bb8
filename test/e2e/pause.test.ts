/**
 * Start Call pausing the execution until Agntix reports the end of the call: the resume, the
 * events that must resume nothing, the deadline, a restart while waiting, an end reported
 * before the execution waits, and an unreadable transcript.
 */
import { deliver } from '../../tools/sandbox/webhooks';
import { done, eventually, notYet } from '../../tools/n8n/eventually';
import type { ExecuteResult } from '../../tools/n8n/n8nProcess';
import { TRIGGER_WEBHOOK_ID } from './workflows';
import {
	PAUSE_DEADLINE,
	PAUSE_EXAMPLE,
	PAUSE_NODE,
	PAUSE_PATH,
	PAUSE_TRANSCRIPT,
	RESUME_URL_TRACE,
	VERSIONS,
	signedWebhooks,
	triggerUrl,
	useN8n,
} from './setup';

describe.each(VERSIONS)('n8n %s, pausing until Agntix reports the end of the call', (version) => {
	const e2e = useN8n(version, {
		activate: [PAUSE_EXAMPLE.id, PAUSE_DEADLINE.id, PAUSE_TRANSCRIPT.id, 'agntixE2eTrigger'],
	});

	const sendWebhooksToTrigger = (callDurationMs: number) =>
		e2e.sandbox.configure({ callDurationMs, webhook: signedWebhooks(triggerUrl(e2e.n8n)) });
	/** Posts a CRM lead and returns the execution, once it waits. */
	const leadWaiting = async (id: string) => {
		const response = await e2e.n8n.webhook(PAUSE_PATH, {
			phone: '+1 415 555 0150',
			name: 'Ada',
			id,
		});
		expect(response.status).toBe(200);
		return await e2e.n8n.newestExecutionWithStatus(PAUSE_EXAMPLE.id, 'waiting');
	};
	const outcomeOf = (runData: ExecuteResult['runData']) =>
		runData['Outcome for the CRM']?.[0]?.data?.main?.[0]?.[0]?.json;

	test('a CRM lead is called; the execution waits, then finishes with the outcome when the call ends', async () => {
		sendWebhooksToTrigger(4000);
		const execution = await leadWaiting('C-300');
		const runData = await e2e.n8n.executionWithStatus(execution.id, 'success');
		expect(outcomeOf(runData)).toEqual(
			expect.objectContaining({
				'Contact ID': 'C-300',
				'Call state': 'CLOSED',
				Outcome: 'RESOLVED',
				'Timed out': false,
			}),
		);
		expect(e2e.sandbox.calls).toHaveLength(1);
		const resumeUrl = String(e2e.sandbox.calls[0].sessionVariables?.n8nResumeUrl);
		expect(resumeUrl).toContain(`/webhook-waiting/${execution.id}`);
		// Neither the resumed workflow nor the trigger's own run shows the URL, nor does the log.
		expect(JSON.stringify(runData)).not.toMatch(RESUME_URL_TRACE);
		// The trigger's run may be saved after the execution it resumed has finished.
		const triggerRun = await e2e.n8n.newestExecutionWithStatus('agntixE2eTrigger', 'success');
		expect(JSON.stringify(await e2e.n8n.executionWithStatus(triggerRun.id, 'success'))).not.toMatch(
			RESUME_URL_TRACE,
		);
		expect(e2e.n8n.log('main')).not.toContain(new URL(resumeUrl).search || resumeUrl);
		e2e.lap('pause: call ends');
	});

	test("forged, tampered, replayed or another call's events posted to the resume URL resume nothing", async () => {
		sendWebhooksToTrigger(3_600_000);
		const execution = await leadWaiting('C-301');
		const resumeUrl = String(e2e.sandbox.calls[0].sessionVariables?.n8nResumeUrl).replace(
			'//localhost:',
			'//127.0.0.1:',
		);
		const ended = {
			id: e2e.sandbox.calls[0].sessionId,
			eventType: 'session.ended',
			state: 'CLOSED',
			metadata: { sessionVariables: e2e.sandbox.calls[0].sessionVariables },
		};
		const straight = signedWebhooks(resumeUrl);
		for (const forgery of ['wrongSecret', 'tamperedBody', 'oldTimestamp', 'unsigned'] as const) {
			const [sent] = await deliver({ ...straight, forgery }, ended);
			expect(`${forgery} ${sent.status}`).toBe(`${forgery} 401`);
		}
		const another = {
			...ended,
			id: 'another-session',
			metadata: { sessionVariables: { n8nResumeUrl: `${e2e.n8n.url}/webhook-waiting/999999` } },
		};
		const [other] = await deliver(straight, another);
		expect(other.status).toBe(403);
		// Another call of the organization carrying this execution's resume URL, straight and through the trigger.
		const impostor = { ...ended, id: 'another-call-of-the-org' };
		expect((await deliver(straight, impostor))[0].status).toBe(403);
		const viaTrigger = signedWebhooks(triggerUrl(e2e.n8n));
		expect(
			(await deliver(viaTrigger, { ...impostor, id: 'another-call-via-trigger' }))[0].status,
		).toBe(200);
		await e2e.n8n.waitForLog(
			'main',
			'the event is not the end of the call this execution waits for',
			2,
		);
		// A resume URL that only ends like n8n's is not handed on.
		const lookalike = `${e2e.n8n.url}/webhook/${TRIGGER_WEBHOOK_ID}/webhook-waiting/${execution.id}`;
		const lookalikeEvent = {
			...ended,
			id: 'lookalike-call',
			metadata: { sessionVariables: { n8nResumeUrl: lookalike } },
		};
		expect((await deliver(viaTrigger, lookalikeEvent))[0].status).toBe(200);
		await e2e.n8n.waitForLog(
			'main',
			"did not hand on an event whose resume URL is not one of this n8n's",
		);
		expect((await e2e.n8n.executions(PAUSE_EXAMPLE.id))[0]).toEqual(
			expect.objectContaining({ id: execution.id, status: 'waiting' }),
		);
		// The genuine end resumes it; the same event again finds nothing waiting.
		e2e.sandbox.configure({ callDurationMs: 1 });
		const [genuine] = await deliver(straight, ended);
		expect(genuine.status).toBe(200);
		await e2e.n8n.executionWithStatus(execution.id, 'success');
		const before = await e2e.n8n.executions(PAUSE_EXAMPLE.id);
		const [replayed] = await deliver(straight, ended);
		expect(replayed.status).toBe(409);
		expect(await e2e.n8n.executions(PAUSE_EXAMPLE.id)).toEqual(before);
		e2e.lap('pause: forged events');
	});

	test('no end reported before the deadline: the execution continues with the started call, marked timed out', async () => {
		e2e.sandbox.configure({ callDurationMs: 3_600_000 });
		const response = await e2e.n8n.webhook('agntix-e2e-pause-deadline', {
			phone: '+1 415 555 0151',
			name: 'Grace',
			id: 'C-303',
		});
		expect(response.status).toBe(200);
		const execution = await e2e.n8n.newestExecutionWithStatus(PAUSE_DEADLINE.id, 'waiting');
		// n8n looks for waits that are due about once a minute.
		const runData = await e2e.n8n.executionWithStatus(execution.id, 'success', 100_000);
		expect(outcomeOf(runData)).toEqual(
			expect.objectContaining({ 'Contact ID': 'C-303', 'Timed out': true }),
		);
		expect(runData[PAUSE_NODE]?.[0]?.data?.main?.[0]?.[0]?.json).toEqual(
			expect.objectContaining({
				sessionId: e2e.sandbox.calls[0].sessionId,
				ended: false,
				waitTimedOut: true,
			}),
		);
		e2e.lap('pause: deadline');
	});

	test('n8n stopped and started again while the execution waits: it still finishes with the outcome', async () => {
		sendWebhooksToTrigger(3_600_000);
		const execution = await leadWaiting('C-302');
		await e2e.n8n.stopAll();
		await e2e.n8n.start({}, { samePort: true });
		// The trigger answers 401 to an unsigned request once its webhook is registered again.
		await eventually(
			"The trigger's webhook registered again",
			async () => {
				const status = (await fetch(triggerUrl(e2e.n8n), { method: 'POST', body: '{}' })).status;
				return status !== 404 ? done(status) : notYet(`${status}`);
			},
			30_000,
		);
		// The call ends while n8n runs again; Agntix reports it.
		e2e.sandbox.configure({ callDurationMs: 1 });
		const [delivery] = await e2e.sandbox.sendCallEnded();
		expect(delivery.status).toBe(200);
		const runData = await e2e.n8n.executionWithStatus(execution.id, 'success');
		expect(outcomeOf(runData)).toEqual(
			expect.objectContaining({
				'Contact ID': 'C-302',
				'Call state': 'CLOSED',
				'Timed out': false,
			}),
		);
		e2e.lap('pause: restart');
	});

	test("the end reported before the execution waits is answered 503 and not remembered: Agntix's retry resumes it", async () => {
		// The call ends at once and Agntix reports it before it answers the call start.
		e2e.sandbox.configure({
			callDurationMs: 1,
			answerAfterCallEnded: true,
			webhook: signedWebhooks(triggerUrl(e2e.n8n), { retryDelaysMs: [5000, 5000] }),
		});
		const response = await e2e.n8n.webhook(PAUSE_PATH, {
			phone: '+1 415 555 0153',
			name: 'Ada',
			id: 'C-305',
		});
		expect(response.status).toBe(200);
		const execution = await e2e.n8n.newestExecutionWithStatus(PAUSE_EXAMPLE.id, 'waiting');
		const runData = await e2e.n8n.executionWithStatus(execution.id, 'success');
		expect(outcomeOf(runData)).toEqual(
			expect.objectContaining({
				'Contact ID': 'C-305',
				'Call state': 'CLOSED',
				'Timed out': false,
			}),
		);
		await e2e.sandbox.webhooksSettled();
		const ended = e2e.sandbox.deliveries.filter((d) => d.eventType === 'session.ended');
		expect(ended.map((d) => d.status)).toEqual([503, 200]);
		expect(ended.every((d) => d.heldMs < 15_000)).toBe(true);
		e2e.lap('pause: end before waiting, retried');
	});

	test('a transcript that cannot be read when the call ends: the execution still finishes with the outcome', async () => {
		sendWebhooksToTrigger(3_600_000);
		const response = await e2e.n8n.webhook('agntix-e2e-pause-transcript', {
			phone: '+1 415 555 0154',
			name: 'Ada',
			id: 'C-306',
		});
		expect(response.status).toBe(200);
		const execution = await e2e.n8n.newestExecutionWithStatus(PAUSE_TRANSCRIPT.id, 'waiting');
		e2e.sandbox.inject({
			kind: 'status',
			match: '/messages',
			status: 404,
			body: { error: { code: 'SESSION_NOT_FOUND', message: 'No messages yet' } },
		});
		e2e.sandbox.configure({ callDurationMs: 1 });
		const [delivery] = await e2e.sandbox.sendCallEnded();
		expect(delivery.status).toBe(200);
		const runData = await e2e.n8n.executionWithStatus(execution.id, 'success');
		expect(runData[PAUSE_NODE]?.[0]?.data?.main?.[0]?.[0]?.json).toEqual(
			expect.objectContaining({
				state: 'CLOSED',
				transcriptError: expect.stringContaining('No messages yet'),
			}),
		);
		e2e.lap('pause: transcript unreadable');
	});
});
