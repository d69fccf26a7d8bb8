/**
 * Queue mode: main, a worker and a webhook process on Redis. The worker runs Start Call, a
 * paused call frees it, and a delivery reaching two webhook processes is deduplicated.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

import { signedRequest } from '../../tools/sandbox/webhooks';
import { done, eventually, notYet } from '../../tools/n8n/eventually';
import { freePort } from '../../tools/n8n/n8nProcess';
import { DEDUP_TRIGGER_WEBHOOK_ID } from './workflows';
import {
	PAUSE_EXAMPLE,
	PAUSE_PATH,
	VERSIONS,
	WEBHOOK_EXAMPLE,
	WEBHOOK_PATH,
	signedWebhooks,
	triggerUrl,
	useN8n,
} from './setup';

describe.each(VERSIONS)('n8n %s in queue mode', (version) => {
	const e2e = useN8n(version, {
		start: false,
		activate: [WEBHOOK_EXAMPLE.id, PAUSE_EXAMPLE.id, 'agntixE2eTrigger', 'agntixE2eTriggerDedup'],
	});

	const WAITING_PATH = 'agntix-waiting';
	let webhookProcessUrl = '';
	let redis: ChildProcess | undefined;
	beforeAll(async () => {
		const redisPort = await freePort();
		redis = spawn(
			'redis-server',
			['--bind', '127.0.0.1', '--port', String(redisPort), '--save', '', '--appendonly', 'no'],
			{
				stdio: 'ignore',
			},
		);
		const queue = {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redisPort),
			// Waiting executions at a path of this setup's choosing: the trigger reads it from n8n.
			N8N_ENDPOINT_WEBHOOK_WAIT: WAITING_PATH,
		};
		await e2e.n8n.start(queue);
		// Every n8n process must name the same webhook address, as in any queue-mode setup:
		// the worker builds a paused call's resume URL from it.
		const shared = { ...queue, WEBHOOK_URL: `http://localhost:${e2e.n8n.port}/` };
		await e2e.n8n.startWorker(shared);
		webhookProcessUrl = await e2e.n8n.startWebhookProcess(shared);
		e2e.lap('start queue mode');
	});

	afterAll(async () => {
		await e2e.n8n.stopAll();
		redis?.kill('SIGTERM');
	});

	test('the worker runs Start Call for a webhook', async () => {
		const response = await e2e.n8n.webhook(WEBHOOK_PATH, {
			phone: '+1 415 555 0123',
			name: 'Grace',
			id: 'C-78',
		});
		expect(response.status).toBe(200);
		expect(e2e.sandbox.calls).toHaveLength(1);
		expect(response.json).toEqual(
			expect.objectContaining({
				sessionId: e2e.sandbox.calls[0].sessionId,
				toPhoneNumber: '+14155550123',
			}),
		);
		const executionId = /Enqueued execution (\d+)/.exec(e2e.n8n.log('main'))?.[1];
		expect(executionId).toBeDefined();
		await e2e.n8n.waitForLog('worker', `Worker finished execution ${executionId} `);
		e2e.lap('queue mode webhook');
	});

	test('a paused call frees the worker while it waits; a worker finishes it after the call ends', async () => {
		e2e.sandbox.configure({
			callDurationMs: 4000,
			webhook: signedWebhooks(triggerUrl(e2e.n8n)),
		});
		const response = await e2e.n8n.webhook(PAUSE_PATH, {
			phone: '+1 415 555 0152',
			name: 'Alan',
			id: 'C-304',
		});
		expect(response.status).toBe(200);
		const waiting = await e2e.n8n.newestExecutionWithStatus(PAUSE_EXAMPLE.id, 'waiting');
		expect(String(e2e.sandbox.calls[0].sessionVariables?.n8nResumeUrl)).toContain(
			`/${WAITING_PATH}/${waiting.id}`,
		);
		// The worker is done with it while it waits: its slot is free.
		const finishedLine = `Worker finished execution ${waiting.id} `;
		await e2e.n8n.waitForLog('worker', finishedLine, 1);
		await e2e.n8n.executionWithStatus(waiting.id, 'success');
		await e2e.n8n.waitForLog('worker', finishedLine, 2);
		expect(e2e.n8n.log('worker').split(finishedLine).length - 1).toBe(2);
		e2e.lap('queue mode pause');
	});

	test("one delivery reaching two webhook processes runs the trigger's workflow twice; Remove Duplicates on deliveryId lets one through", async () => {
		const call = e2e.sandbox.addCall(
			'+14155550170',
			{ crmContactId: 'C-400' },
			Date.now() - 60_000,
		);
		const event = {
			id: call.sessionId,
			eventType: 'session.ended',
			state: 'CLOSED',
			metadata: { sessionVariables: { crmContactId: 'C-400' } },
		};
		const request = signedRequest(signedWebhooks(''), event);
		// Svix's redelivery of one message, load-balanced once to main and once to the webhook process.
		for (const base of [e2e.n8n.url, webhookProcessUrl]) {
			const answer = await fetch(`${base}/webhook/${DEDUP_TRIGGER_WEBHOOK_ID}/webhook`, {
				method: 'POST',
				headers: request.headers,
				body: request.body,
			});
			expect(`${base} ${answer.status}`).toBe(`${base} 200`);
			expect(await answer.text()).not.toContain('duplicate');
		}
		const runs = await eventually(
			'Two finished runs of the dedup workflow',
			async () => {
				const list = await e2e.n8n.executions('agntixE2eTriggerDedup');
				return list.length >= 2 && list.every((r) => r.status === 'success')
					? done(list)
					: notYet(JSON.stringify(list));
			},
			30_000,
		);
		const updated = await Promise.all(
			runs.map(
				async (run) =>
					(await e2e.n8n.executionWithStatus(run.id, 'success'))['Update CRM record']?.[0]?.data
						?.main?.[0] ?? [],
			),
		);
		expect(updated.map((items) => items.length).sort()).toEqual([0, 1]);
		expect(updated.flat()[0].json).toEqual(expect.objectContaining({ contactId: 'C-400' }));
		e2e.lap('queue mode: repeats dropped across processes');
	});
});
