/**
 * npm run bench:burst: a burst of CRM leads, one execution per lead, against the
 * organization's rate limit, in a real n8n. Prints figures; nothing is asserted.
 *
 * The CRM example (a webhook → Call → Start, here answering each post on arrival) gets every
 * lead posted at once, as a CRM import fires them; Agntix's fake allows 30 requests per 3-second window and sends the rate-limit
 * headers on every answer (only the ratio of leads to the per-window limit matters, not the
 * window's length). Measured: leads called once, twice and never, failed executions, the 429
 * answers (in all and in the worst window), and the last call against the floor the limit
 * allows ((windows needed - 1) × the window).
 *
 * Modes: regular (one n8n process on SQLite, as npm run dev and most installs run it) and
 * queue (PostgreSQL and Redis, a main process, a webhook process that takes the leads, and two
 * workers of concurrency 10). BENCH_LEADS=400,1000 BENCH_MODES=regular,queue choose what runs.
 */
import { N8N_VERSIONS } from '../tools/n8n/n8nProcess';
import { credentialFor } from '../test/e2e/workflows';
import { SANDBOX_API_KEY } from '../tools/sandbox/data';
import { startSandbox } from '../tools/sandbox/server';
import type { Sandbox } from '../tools/sandbox/server';
import { crmWebhookWorkflow, list, startN8n, until } from './benchN8n';
import type { Running } from './benchN8n';

const LEADS = list(process.env.BENCH_LEADS, '400,1000').map(Number);
const MODES = list(process.env.BENCH_MODES, 'regular,queue');
const LIMIT = 30;
const WINDOW_MS = 3000;
const LATENCY_MS = 50;
const WORKFLOW_ID = 'benchLeadBurst';
const PATH = 'bench-lead-burst';

const phoneOf = (i: number) => `+1415555${String(1000 + i).padStart(4, '0')}`;

async function measure(
	{ n8n, webhookUrl, memory }: Running,
	sandbox: Sandbox,
	leads: number,
	mode: string,
): Promise<string> {
	sandbox.reset({ latencyMs: LATENCY_MS, rateLimit: { limit: LIMIT, windowMs: WINDOW_MS } });
	const finishedBefore =
		(await n8n.countExecutions(WORKFLOW_ID, 'success')) +
		(await n8n.countExecutions(WORKFLOW_ID, 'error'));
	const failedBefore = await n8n.countExecutions(WORKFLOW_ID, 'error');
	const posted = Date.now();
	// Every lead at once, as a CRM import fires them; each answer comes when its call started.
	const answers = await Promise.all(
		Array.from({ length: leads }, (_, i) =>
			fetch(`${webhookUrl}/webhook/${PATH}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ phone: phoneOf(i), name: `Lead ${i}`, id: `L-${i}` }),
			}).then(
				async (answer) => {
					await answer.text();
					return answer.status;
				},
				() => 0,
			),
		),
	);
	// Each accepted post starts one execution; a post n8n refused started none.
	const accepted = answers.filter((status) => status === 200).length;
	let finished = 0;
	await until(
		`${accepted} executions finished`,
		async () => {
			finished =
				(await n8n.countExecutions(WORKFLOW_ID, 'success')) +
				(await n8n.countExecutions(WORKFLOW_ID, 'error')) -
				finishedBefore;
			return finished >= accepted;
		},
		900_000,
	);
	const executions = finished;
	const failed = (await n8n.countExecutions(WORKFLOW_ID, 'error')) - failedBefore;
	const callsPer = new Map<string, number>();
	for (const call of sandbox.calls)
		callsPer.set(call.toPhoneNumber, (callsPer.get(call.toPhoneNumber) ?? 0) + 1);
	const once = [...callsPer.values()].filter((n) => n === 1).length;
	const twice = [...callsPer.values()].filter((n) => n > 1).length;
	const never = leads - callsPer.size;
	const starts = sandbox.apiRequests('/calls/start');
	const limited = starts.filter((r) => r.status === 429);
	const perWindow = new Map<number, number>();
	for (const r of limited) perWindow.set(r.rateWindow!, (perWindow.get(r.rateWindow!) ?? 0) + 1);
	const windowsWith429 = perWindow.size;
	const worstWindow = Math.max(0, ...perWindow.values());
	const called = sandbox.calls.map((c) => c.startedAt).sort((a, b) => a - b);
	const spanS = called.length ? (called[called.length - 1] - called[0]) / 1000 : 0;
	const floorS = ((Math.ceil(callsPer.size / LIMIT) - 1) * WINDOW_MS) / 1000;
	const statuses = new Map<number, number>();
	for (const status of answers) statuses.set(status, (statuses.get(status) ?? 0) + 1);
	const notOk = [...statuses]
		.filter(([status]) => status !== 200)
		.map(([status, n]) => `${n}× ${status || 'no answer'}`)
		.join(', ');
	// How late each window was opened after the one before had reset, and how long it took to fill.
	const windows = [...new Set(starts.map((r) => r.rateWindow!))].sort((a, b) => a - b);
	const late = windows.slice(1).map((start, i) => start - (windows[i] + WINDOW_MS));
	const fill = windows.map((start) => {
		const counted = starts.filter((r) => r.rateWindow === start && r.status === 200);
		return Math.max(0, ...counted.map((r) => r.receivedAt)) - counted[0]?.receivedAt;
	});
	const median = (values: number[]) =>
		values.length ? values.sort((a, b) => a - b)[Math.floor(values.length / 2)] : 0;
	return `| ${mode} | ${leads} | ${executions} | ${once} | ${never} | ${twice} | ${failed}${notOk ? ` (CRM posts answered: ${notOk})` : ''} | ${limited.length} in ${windowsWith429} windows, worst ${worstWindow} | ${spanS.toFixed(1)} s vs ${floorS.toFixed(0)} s (${floorS ? (spanS / floorS).toFixed(2) : '-'}×) | ${windows.length} | ${median(late)} ms / ${median(fill)} ms | ${((Date.now() - posted) / 1000).toFixed(0)} s | ${memory()} |`;
}

async function main() {
	const rows: string[] = [];
	for (const mode of MODES) {
		const sandbox = await startSandbox();
		try {
			const running = await startN8n(mode, async (n8n) => {
				await n8n.importCredential(credentialFor(sandbox.url, SANDBOX_API_KEY));
				await n8n.importWorkflows([crmWebhookWorkflow(WORKFLOW_ID, PATH)]);
				await n8n.activateWorkflow(WORKFLOW_ID);
			});
			try {
				for (const leads of LEADS) {
					const row = await measure(running, sandbox, leads, mode);
					console.log(row);
					rows.push(row);
				}
			} finally {
				await running.stop();
			}
		} finally {
			await sandbox.close();
		}
	}
	console.log(
		`\nA burst of CRM leads, one execution each, n8n ${N8N_VERSIONS.dev}; ${LIMIT} requests per ${WINDOW_MS / 1000}-second window, ${LATENCY_MS} ms latency`,
	);
	console.log(
		'| mode | leads posted at once | executions | called once | never called | called twice | failed executions | 429 answers | last call vs the floor | windows used | window opened after the reset / filled in (medians) | until all finished | memory after |',
	);
	console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
	for (const row of rows) console.log(row);
}

void main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
