/**
 * Queue mode as it runs in production: PostgreSQL and Redis, a main process, a webhook
 * process that takes the CRM's leads and Agntix's webhooks, and two workers. A paused call
 * resumes when its end reaches the webhook process, a lead waiting for its calling hours
 * resumes on a worker and is called once (and again when not reached), a burst of leads is
 * paced across the workers with nobody called twice, and a delivery that reaches two
 * processes is let through once.
 */
import { signedRequest } from '../../tools/sandbox/webhooks';
import { done, eventually, notYet } from '../../tools/n8n/eventually';
import { startRedis } from '../../tools/n8n/services';
import type { Service } from '../../tools/n8n/services';
import { DEDUP_TRIGGER_WEBHOOK_ID, TRIGGER_WEBHOOK_ID } from './workflows';
import {
	BURST_EXAMPLE,
	BURST_PATH,
	PAUSE_EXAMPLE,
	PAUSE_PATH,
	RETRY_FAST,
	RETRY_PATH,
	VERSIONS,
	WEBHOOK_EXAMPLE,
	WEBHOOK_PATH,
	signedWebhooks,
	useN8n,
} from './setup';

const WORKERS = ['worker', 'worker2'];
/** "HH:MM:SS" in UTC, `offsetMs` from now. */
const utcClock = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString().slice(11, 19);

describe.each(VERSIONS)('n8n %s in queue mode on PostgreSQL', (version) => {
	const e2e = useN8n(version, {
		start: false,
		postgres: true,
		activate: [
			WEBHOOK_EXAMPLE.id,
			PAUSE_EXAMPLE.id,
			RETRY_FAST.id,
			BURST_EXAMPLE.id,
			'agntixE2eTrigger',
			'agntixE2eTriggerDedup',
		],
	});

	const WAITING_PATH = 'agntix-waiting';
	let webhookProcessUrl = '';
	let redis: Service | undefined;
	beforeAll(async () => {
		redis = await startRedis();
		const queue = {
			...redis.env,
			// Waiting executions at a path of this setup's choosing: the trigger reads it from n8n.
			N8N_ENDPOINT_WEBHOOK_WAIT: WAITING_PATH,
		};
		await e2e.n8n.start(queue);
		// Every n8n process must name the same webhook address, as in any queue-mode setup:
		// the worker builds a paused call's resume URL from it.
		const shared = { ...queue, WEBHOOK_URL: `http://localhost:${e2e.n8n.port}/` };
		for (const name of WORKERS) await e2e.n8n.startWorker(shared, { name, concurrency: 5 });
		webhookProcessUrl = await e2e.n8n.startWebhookProcess(shared);
		e2e.lap('start queue mode');
	});

	afterAll(async () => {
		await e2e.n8n.stopAll();
		await redis?.stop();
	});

	/** Posts to a production webhook of the webhook process, as a CRM behind a load balancer does. */
	async function post(path: string, body: object): Promise<{ status: number; json: unknown }> {
		return await eventually(
			`The webhook ${path} registered on the webhook process`,
			async () => {
				const answer = await fetch(`${webhookProcessUrl}/webhook/${path}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(body),
				});
				const text = await answer.text();
				if (answer.status === 404) return notYet(`404 ${text.slice(0, 200)}`);
				return done({ status: answer.status, json: text ? JSON.parse(text) : undefined });
			},
			30_000,
		);
	}

	/** Which worker logged that it finished the execution, `times` times in all. */
	async function finishedBy(executionId: string, times = 1): Promise<string[]> {
		const line = `Worker finished execution ${executionId} `;
		return await eventually(
			`Execution ${executionId} finished ${times} time(s) on the workers`,
			async () => {
				const by = WORKERS.flatMap((name) =>
					Array.from({ length: e2e.n8n.log(name).split(line).length - 1 }, () => name),
				);
				return by.length >= times ? done(by) : notYet(by.join(', ') || 'not yet');
			},
			30_000,
		);
	}

	const triggerOnWebhookProcess = () =>
		`${webhookProcessUrl}/webhook/${TRIGGER_WEBHOOK_ID}/webhook`;

	test('a worker runs Start Call for a lead the webhook process takes', async () => {
		const response = await post(WEBHOOK_PATH, {
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
		const execution = await e2e.n8n.newestExecutionWithStatus(WEBHOOK_EXAMPLE.id, 'success');
		expect(await finishedBy(execution.id)).toHaveLength(1);
		e2e.lap('queue mode webhook');
	});

	test("a paused call frees its worker while it waits; its end, delivered to the webhook process's trigger, resumes it on a worker", async () => {
		e2e.sandbox.configure({
			callDurationMs: 4000,
			webhook: signedWebhooks(triggerOnWebhookProcess()),
		});
		const response = await post(PAUSE_PATH, {
			phone: '+1 415 555 0152',
			name: 'Alan',
			id: 'C-304',
		});
		expect(response.status).toBe(200);
		const waiting = await e2e.n8n.newestExecutionWithStatus(PAUSE_EXAMPLE.id, 'waiting');
		expect(String(e2e.sandbox.calls[0].sessionVariables?.n8nResumeUrl)).toContain(
			`/${WAITING_PATH}/${waiting.id}`,
		);
		// A worker is done with it while it waits: its slot is free.
		await finishedBy(waiting.id, 1);
		const runData = await e2e.n8n.executionWithStatus(waiting.id, 'success');
		expect(await finishedBy(waiting.id, 2)).toHaveLength(2);
		expect(
			e2e.sandbox.deliveries.map((delivery) => `${delivery.url} ${delivery.status}`),
		).toContain(`${triggerOnWebhookProcess()} 200`);
		expect(runData['Outcome for the CRM']?.[0]?.data?.main?.[0]?.[0]?.json).toEqual(
			expect.objectContaining({
				'Contact ID': 'C-304',
				'Call state': 'CLOSED',
				'Timed out': false,
			}),
		);
		expect(e2e.sandbox.calls).toHaveLength(1);
		e2e.lap('queue mode pause');
	});

	test('a lead outside its calling hours waits and resumes on a worker when they open; not reached, it is called once more, and reached', async () => {
		e2e.sandbox.configure({
			callDurationMs: 1000,
			webhook: signedWebhooks(triggerOnWebhookProcess()),
		});
		const opensIn = 20_000;
		const response = await post(RETRY_PATH, {
			phone: '+1 415 555 0195',
			name: 'Ada',
			id: 'C-501',
			hoursFrom: utcClock(opensIn),
			hoursTo: utcClock(opensIn + 3600_000),
		});
		expect(response.status).toBe(200);
		const execution = await e2e.n8n.newestExecutionWithStatus(RETRY_FAST.id, 'waiting');
		expect(e2e.sandbox.calls).toHaveLength(0);
		// n8n's main process looks for waits that are due about once a minute, then a worker runs it.
		const runData = await e2e.n8n.executionWithStatus(execution.id, 'success', 180_000);
		expect(e2e.sandbox.calls.map((call) => call.sessionVariables?.attempt)).toEqual([1, 2]);
		expect(runData['Record: reached']?.[0]?.data?.main?.[0]?.[0]?.json).toEqual(
			expect.objectContaining({ 'Contact ID': 'C-501', Reached: true, Attempts: 2 }),
		);
		expect((await finishedBy(execution.id)).every((name) => WORKERS.includes(name))).toBe(true);
		e2e.lap('queue mode calling hours and a retry');
	});

	test('a burst of 60 leads at 10 requests a window, across two workers: everyone called once, no execution lost', async () => {
		e2e.sandbox.configure({ rateLimit: { limit: 10, windowMs: 2000 } });
		const leads = Array.from({ length: 60 }, (_, i) => ({
			phone: `+1415555${String(2000 + i).padStart(4, '0')}`,
			name: `Lead ${i}`,
			id: `B-${i}`,
		}));
		const count = (status: string) => e2e.n8n.countExecutions(BURST_EXAMPLE.id, status);
		// All at once, as a CRM import fires them; the webhook answers each on arrival.
		const answers = await Promise.all(leads.map((lead) => post(BURST_PATH, lead)));
		expect(answers.map((answer) => answer.status)).toEqual(leads.map(() => 200));
		await eventually(
			'Every execution of the burst finished',
			async () => {
				const finished = (await count('success')) + (await count('error'));
				return finished >= leads.length ? done(true) : notYet(`${finished} finished`);
			},
			120_000,
		);
		expect(await e2e.n8n.executionErrors(BURST_EXAMPLE.id)).toEqual([]);
		expect(await count('success')).toBe(leads.length);
		expect(e2e.sandbox.calls.map((call) => call.toPhoneNumber).sort()).toEqual(
			leads.map((lead) => lead.phone).sort(),
		);
		const limited = e2e.sandbox.apiRequests('/calls/start').filter((r) => r.status === 429);
		const windows = new Set(e2e.sandbox.apiRequests('/calls/start').map((r) => r.rateWindow));
		console.log(
			`n8n ${version} queue-mode burst: 60 leads, ${windows.size} windows, ${limited.length} answers 429`,
		);
		// Paced per process: far fewer 429s than calls (each execution on its own drew several per call).
		expect(limited.length).toBeLessThan(leads.length / 2);
		e2e.lap('queue mode burst');
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
