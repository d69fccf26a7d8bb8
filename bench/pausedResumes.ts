/**
 * npm run bench:resumes: how far the paused wait scales in a real n8n. Prints figures; nothing
 * is asserted.
 *
 * For each mode and each count N: N executions are started by the CRM-lead example's webhook
 * and pause until their call ends; then each call's signed session.ended is posted to the
 * Agntix Trigger, B at a time (as Svix does for a busy endpoint), and the trigger hands each
 * one on to its paused execution; a delivery not answered 2xx is sent again 5 s later, as Svix
 * retries. Modes (benchN8n.ts, startN8n): regular (one process on
 * SQLite) and queue (PostgreSQL and Redis, main, a webhook process that takes the leads and
 * the deliveries, and W workers of concurrency 10). Measured: the time
 * until every execution finished, resumes per second, how long the trigger held each delivery
 * (median, slowest, how many past Agntix's 15 s), and the resident memory of n8n's processes
 * before, while waiting and after.
 *
 * BENCH_CALLS=100,500 BENCH_BATCHES=10,50 BENCH_MODES=regular,queue BENCH_WORKERS=1,2 choose
 * what runs;
 * BENCH_TRIGGER_RUNS=on turns on the trigger's "Run for Events Handed to a Paused Call" (off
 * by default), so its own workflow runs for each resume too.
 */
import { N8N_VERSIONS } from '../tools/n8n/n8nProcess';
import { TRIGGER_WEBHOOK_ID, credentialFor, triggerWorkflow } from '../test/e2e/workflows';
import { SANDBOX_API_KEY } from '../tools/sandbox/data';
import { startSandbox } from '../tools/sandbox/server';
import type { Sandbox } from '../tools/sandbox/server';
import { newWebhookSecret, signedRequest } from '../tools/sandbox/webhooks';
import { exampleCopy, list, startN8n, until } from './benchN8n';
import type { Running } from './benchN8n';

const COUNTS = list(process.env.BENCH_CALLS, '100,500').map(Number);
const BATCHES = list(process.env.BENCH_BATCHES, '10,50').map(Number);
const MODES = list(process.env.BENCH_MODES, 'regular,queue');
const WORKERS = list(process.env.BENCH_WORKERS, '1,2').map(Number);
const TRIGGER_RUNS = process.env.BENCH_TRIGGER_RUNS === 'on';
/** How many times a delivery not answered 2xx is sent again, as Svix retries. */
const REDELIVERIES = 5;
const SECRET = newWebhookSecret();
const WORKFLOW_ID = 'benchPausedLead';
const PATH = 'bench-paused-lead';

/** The CRM-lead example, waiting up to an hour: no deadline passes during a run. */
function pausedLeadWorkflow() {
	return exampleCopy(
		'crm-lead-call-pause-until-it-ends.json',
		{
			id: WORKFLOW_ID,
			name: 'Bench: CRM lead, paused call',
			from: 'agntix-crm-lead-outcome',
			path: PATH,
		},
		(text) => text.replace('"waitOptions": {}', '"waitOptions": {"maxWait": 3600}'),
	);
}

async function runLimited<T>(
	items: T[],
	limit: number,
	work: (item: T) => Promise<void>,
): Promise<void> {
	let next = 0;
	await Promise.all(
		Array.from({ length: Math.min(limit, items.length) }, async () => {
			while (next < items.length) await work(items[next++]);
		}),
	);
}

const percentile = (sorted: number[], p: number) =>
	sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))];

async function measure(
	{ n8n, webhookUrl, memory }: Running,
	sandbox: Sandbox,
	calls: number,
	batch: number,
	mode: string,
): Promise<string> {
	sandbox.reset({ callDurationMs: 3_600_000 });
	const before = memory();
	const startedAt = Date.now();
	const waitingBefore = await n8n.countExecutions(WORKFLOW_ID, 'waiting');
	const finishedBefore =
		(await n8n.countExecutions(WORKFLOW_ID, 'success')) +
		(await n8n.countExecutions(WORKFLOW_ID, 'error'));
	const errorsBefore = await n8n.countExecutions(WORKFLOW_ID, 'error');
	await runLimited([...Array(calls).keys()], 10, async (i) => {
		const answer = await fetch(`${webhookUrl}/webhook/${PATH}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				phone: `+1415555${String(1000 + i).padStart(4, '0')}`,
				name: `Lead ${i}`,
				id: `B-${i}`,
			}),
		});
		await answer.text();
		if (answer.status !== 200) throw new Error(`Lead ${i}: HTTP ${answer.status}`);
	});
	// Waiting, or failed in n8n before they paused (counted apart below).
	await until(
		`${calls} executions waiting`,
		async () =>
			(await n8n.countExecutions(WORKFLOW_ID, 'waiting')) -
				waitingBefore +
				(await n8n.countExecutions(WORKFLOW_ID, 'error')) -
				errorsBefore >=
			calls,
		600_000,
	);
	const failedBeforePause = (await n8n.countExecutions(WORKFLOW_ID, 'error')) - errorsBefore;
	const pausedIn = (Date.now() - startedAt) / 1000;
	const waiting = memory();

	const held: number[] = [];
	const statuses = new Map<string, number>();
	let redelivered = 0;
	const resumeStart = Date.now();
	await runLimited(sandbox.calls.slice(), batch, async (call) => {
		const event = {
			id: call.sessionId,
			eventType: 'session.ended',
			direction: 'OUTBOUND',
			state: 'CLOSED',
			agentId: call.agentId,
			metadata: {
				customerPhoneNumber: call.toPhoneNumber,
				sessionVariables: call.sessionVariables,
			},
			analysis: { summary: 'Confirmed.', resolution: { classification: 'RESOLVED' } },
		};
		// As Svix does: a delivery not answered 2xx is sent again (the same message), 5 s later.
		const messageId = `msg_bench_${call.sessionId}`;
		for (let attempt = 1; attempt <= REDELIVERIES + 1; attempt++) {
			if (attempt > 1) {
				redelivered++;
				await new Promise((r) => setTimeout(r, 5000));
			}
			const request = signedRequest(
				{ secret: SECRET, forgery: 'none', headerStyle: 'svix', rotation: false },
				event,
				messageId,
			);
			const sent = Date.now();
			const answer = await fetch(`${webhookUrl}/webhook/${TRIGGER_WEBHOOK_ID}/webhook`, {
				method: 'POST',
				headers: request.headers,
				body: request.body,
			});
			await answer.text();
			held.push(Date.now() - sent);
			statuses.set(String(answer.status), (statuses.get(String(answer.status)) ?? 0) + 1);
			if (answer.ok) break;
		}
	});
	// Finished either way: n8n's SQLite can fail an execution under load (SQLITE_BUSY), which is counted apart.
	await until(
		`${calls} executions finished`,
		async () =>
			(await n8n.countExecutions(WORKFLOW_ID, 'success')) +
				(await n8n.countExecutions(WORKFLOW_ID, 'error')) -
				finishedBefore >=
			calls,
		900_000,
	);
	const failed = (await n8n.countExecutions(WORKFLOW_ID, 'error')) - errorsBefore;
	const seconds = (Date.now() - resumeStart) / 1000;
	held.sort((a, b) => a - b);
	const late = held.filter((ms) => ms > 15_000).length;
	const answers =
		[...statuses].map(([status, n]) => `${n}×${status}`).join(' ') +
		(redelivered ? ` (${redelivered} sent again)` : '') +
		(failed ? `, ${failed} execution(s) failed in n8n (${failedBeforePause} before pausing)` : '');
	return `| ${mode} | ${calls} | ${batch} | ${pausedIn.toFixed(0)} s | ${seconds.toFixed(1)} s | ${(calls / seconds).toFixed(1)} | ${(percentile(held, 0.5) / 1000).toFixed(2)} s | ${(held[held.length - 1] / 1000).toFixed(2)} s | ${late} | ${answers} | ${before} → ${waiting} → ${memory()} |`;
}

async function main() {
	const rows: string[] = [];
	const runs = MODES.flatMap((mode) =>
		mode === 'queue' ? WORKERS.map((workers) => ({ mode, workers })) : [{ mode, workers: 0 }],
	);
	for (const { mode, workers } of runs) {
		const label = mode === 'queue' ? `queue, PostgreSQL, ${workers} worker(s)` : mode;
		const sandbox = await startSandbox({ callDurationMs: 3_600_000 });
		try {
			const running = await startN8n(
				mode,
				async (n8n) => {
					await n8n.importCredential(credentialFor(sandbox.url, SANDBOX_API_KEY, SECRET));
					const trigger = triggerWorkflow();
					Object.assign((trigger.nodes[0] as { parameters: object }).parameters, {
						runForForwarded: TRIGGER_RUNS,
					});
					await n8n.importWorkflows([pausedLeadWorkflow(), trigger]);
					await n8n.activateWorkflow(WORKFLOW_ID);
					await n8n.activateWorkflow('agntixE2eTrigger');
				},
				{ workers, concurrency: 10 },
			);
			try {
				// n8n's memory settles some seconds after start.
				await new Promise((r) => setTimeout(r, 15_000));
				for (const calls of COUNTS) {
					for (const batch of BATCHES) {
						const row = await measure(running, sandbox, calls, batch, label);
						console.log(row);
						rows.push(row);
					}
				}
			} finally {
				await running.stop();
			}
		} finally {
			await sandbox.close();
		}
	}
	console.log(
		`\nPaused calls resumed through the Agntix Trigger, n8n ${N8N_VERSIONS.dev}; the trigger's own workflow runs for each: ${TRIGGER_RUNS ? 'yes' : 'no'}`,
	);
	console.log(
		'| mode | paused executions | deliveries at a time | time to pause all | time until all resumed and finished | resumes per second | delivery held, median | slowest | held past 15 s | answers | memory: before → waiting → after |',
	);
	console.log('|---|---|---|---|---|---|---|---|---|---|---|');
	for (const row of rows) console.log(row);
}

void main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
