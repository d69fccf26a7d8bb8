/** What the benchmarks that drive a real n8n share: options, waiting, counting, the examples. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { N8N_VERSIONS, N8n, ROOT } from '../tools/n8n/n8nProcess';
import { startPostgres, startRedis } from '../tools/n8n/services';
import type { Service } from '../tools/n8n/services';

/** A comma-separated setting, e.g. BENCH_LEADS=400,1000. */
export const list = (value: string | undefined, fallback: string) =>
	(value ?? fallback).split(',').map((part) => part.trim());

/** Checks once a second until `check` holds; fails naming `what` after `ms`. */
export async function until(
	what: string,
	check: () => Promise<boolean>,
	ms: number,
): Promise<void> {
	for (
		const deadline = Date.now() + ms;
		!(await check());
		await new Promise((r) => setTimeout(r, 1000))
	) {
		if (Date.now() > deadline) throw new Error(`${what}: not within ${ms / 1000} s`);
	}
}

/** An example workflow with its own id, name and webhook path (`from` is the example's path). */
export function exampleCopy(
	file: string,
	{ id, name, from, path }: { id: string; name: string; from: string; path: string },
	edit: (text: string) => string = (text) => text,
) {
	const text = readFileSync(join(ROOT, 'examples', file), 'utf8');
	const workflow = JSON.parse(edit(text.replaceAll(from, path)));
	workflow.id = id;
	workflow.name = name;
	for (const node of workflow.nodes) if (node.webhookId) node.webhookId = `${id}-hook`;
	return workflow;
}

/**
 * The CRM example (a webhook → Call → Start), answering the CRM as soon as the lead arrives:
 * a burst then measures the executions, not n8n's path for answering thousands of held posts.
 */
export function crmWebhookWorkflow(id: string, path: string) {
	return exampleCopy(
		'crm-webhook-starts-a-call.json',
		{ id, name: 'Bench: CRM lead, one call', from: 'agntix-crm-contact', path },
		(text) => text.replace('"responseMode": "lastNode"', '"responseMode": "onReceived"'),
	);
}

/** A running n8n: where production webhooks go, its processes' memory, and how to stop it all. */
export interface Running {
	n8n: N8n;
	webhookUrl: string;
	/** The resident memory of each process, e.g. "main 812, webhook 402 MB". */
	memory(): string;
	stop(): Promise<void>;
}

/**
 * Starts n8n as `mode` says: "regular" is one process on SQLite (what npm run dev and most
 * installs run); "queue" is n8n's production topology: PostgreSQL and Redis, a main process,
 * a webhook process that takes the production webhooks, and `workers` workers of
 * `concurrency`. `prepare` stages the package and imports what the run needs, before start.
 */
export async function startN8n(
	mode: string,
	prepare: (n8n: N8n) => Promise<void>,
	{ workers = 2, concurrency = 10 }: { workers?: number; concurrency?: number } = {},
): Promise<Running> {
	const n8n = new N8n(N8N_VERSIONS.dev);
	const services: Service[] = [];
	const stop = async () => {
		await n8n.stopAll();
		for (const service of services.reverse()) await service.stop();
	};
	try {
		const env: Record<string, string> = { EXECUTIONS_DATA_PRUNE: 'false' };
		if (mode === 'queue') {
			const postgres = await startPostgres();
			services.push(postgres);
			n8n.database = postgres.env;
			const redis = await startRedis();
			services.push(redis);
			Object.assign(env, redis.env);
		}
		n8n.stagePackage();
		await prepare(n8n);
		await n8n.start(env);
		if (mode !== 'queue')
			return { n8n, webhookUrl: n8n.url, memory: () => `main ${n8n.mainMemoryMb()} MB`, stop };
		const shared = { ...env, WEBHOOK_URL: `${n8n.url}/` };
		const names = Array.from({ length: workers }, (_, i) => (i ? `worker${i + 1}` : 'worker'));
		for (const name of names) await n8n.startWorker(shared, { name, concurrency });
		const webhookUrl = await n8n.startWebhookProcess(shared);
		const memory = () =>
			['main', 'webhook', ...names].map((name) => `${name} ${n8n.memoryMb(name)}`).join(', ') +
			' MB';
		return { n8n, webhookUrl, memory, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}
