/**
 * npm run bench: prints the figures recorded in BENCHMARKS.md. Nothing here is asserted.
 *  1. 1,000 Start Call items against a sandbox with 50 ms latency, in real n8n 2.41.1: the
 *     Agntix node (default concurrency and 10) beside n8n's HTTP Request node doing the same
 *     request (sequential, and batches of 10).
 *  2. The same 1,000 items under a rate limit of 100 requests per window (60 s scaled to 5 s).
 *  3. The node's own work per item (number normalisation, session variables), in-process.
 *  4. Cold load of the built package, packed size, and libphonenumber-js's share.
 */
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';

import { normalizePhoneNumber } from '../nodes/Agntix/helpers/calleeNumber';
import { variablesFromPairs } from '../nodes/Agntix/helpers/sessionVariables';
import { N8N_VERSIONS, N8n, ROOT } from '../tools/n8n/n8nProcess';
import type { ExecuteResult } from '../tools/n8n/n8nProcess';
import { credentialFor } from '../test/e2e/workflows';
import { SANDBOX_API_KEY } from '../tools/sandbox/data';
import { startSandbox } from '../tools/sandbox/server';
import type { Sandbox } from '../tools/sandbox/server';

const ITEMS = 1000;
const LATENCY_MS = 50;
const WINDOW_MS = 5000;
const CREDENTIAL = { agntixApi: { id: 'agntixSandboxCred', name: 'Agntix sandbox' } };
const phones = Array.from(
	{ length: ITEMS },
	(_, i) => `+1415555${String(1000 + i).padStart(4, '0')}`,
);

function bulkWorkflow(id: string, node: object) {
	const nodes = [
		{
			id: `${id}-t`,
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: `${id}-c`,
			name: 'Contacts',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			position: [200, 0],
			parameters: {
				mode: 'raw',
				jsonOutput: JSON.stringify({ contacts: phones.map((phone) => ({ phone })) }),
				options: {},
			},
		},
		{
			id: `${id}-s`,
			name: 'Split',
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			position: [400, 0],
			parameters: { fieldToSplitOut: 'contacts', options: {} },
		},
		{ id: `${id}-n`, name: 'Call', position: [600, 0], onError: 'continueRegularOutput', ...node },
	];
	const chain = ['Start', 'Contacts', 'Split', 'Call'];
	const connections = Object.fromEntries(
		chain
			.slice(0, -1)
			.map((name, i) => [name, { main: [[{ node: chain[i + 1], type: 'main', index: 0 }]] }]),
	);
	return { id, name: id, nodes, connections, settings: { executionOrder: 'v1' }, active: false };
}

function agntixNode(sandbox: Sandbox, concurrency?: number) {
	return {
		type: 'n8n-nodes-agntix.agntix',
		typeVersion: 1,
		credentials: CREDENTIAL,
		parameters: {
			resource: 'call',
			operation: 'start',
			phoneNumberId: { __rl: true, mode: 'id', value: sandbox.phoneNumberRecords[0].id },
			agentId: { __rl: true, mode: 'id', value: sandbox.agentRecords[0].id },
			toPhoneNumber: '={{ $json.phone }}',
			ttl: 300,
			options: concurrency ? { concurrency } : {},
		},
	};
}

/**
 * n8n's HTTP Request node starts every batch without waiting for the one before, so only the
 * interval limits how many requests are open: `batchSize` per `batchInterval` ms.
 */
function httpRequestNode(sandbox: Sandbox, batchSize?: number, batchInterval = 0) {
	return {
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		parameters: {
			method: 'POST',
			url: `${sandbox.url}/api/v1/phone-numbers/${sandbox.phoneNumberRecords[0].id}/calls/start`,
			sendHeaders: true,
			headerParameters: { parameters: [{ name: 'x-api-key', value: SANDBOX_API_KEY }] },
			sendBody: true,
			specifyBody: 'json',
			jsonBody: `={{ JSON.stringify({ to_phone_number: $json.phone, agent_id: "${sandbox.agentRecords[0].id}", ttl: 300 }) }}`,
			options: batchSize ? { batching: { batch: { batchSize, batchInterval } } } : {},
		},
	};
}

interface Row {
	scenario: string;
	seconds: number;
	ok: number;
	failed: number;
	dialled: number;
	maxDialsPerPerson: number;
	status429: number;
}

async function measure(
	n8n: N8n,
	sandbox: Sandbox,
	scenario: string,
	workflowId: string,
): Promise<Row> {
	const result: ExecuteResult = await n8n.execute(workflowId);
	const run = result.runData.Call?.[0] as { executionTime?: number } | undefined;
	const items = result.output('Call');
	const dials = new Map<string, number>();
	for (const call of sandbox.calls)
		dials.set(call.toPhoneNumber, (dials.get(call.toPhoneNumber) ?? 0) + 1);
	return {
		scenario,
		seconds: (run?.executionTime ?? Number.NaN) / 1000,
		ok: items.filter((item) => !item.error).length,
		failed: items.filter((item) => item.error).length,
		dialled: sandbox.calls.length,
		maxDialsPerPerson: Math.max(0, ...dials.values()),
		status429: sandbox.requests.filter((r) => r.status === 429).length,
	};
}

function table(rows: Row[], ideal: string) {
	console.log(
		`\n| Scenario | Node time (s) | OK items | Failed items | Calls placed | Most calls to one person | 429s |  (${ideal})`,
	);
	console.log('|---|---|---|---|---|---|---|');
	for (const r of rows) {
		console.log(
			`| ${r.scenario} | ${r.seconds.toFixed(2)} | ${r.ok} | ${r.failed} | ${r.dialled} | ${r.maxDialsPerPerson} | ${r.status429} |`,
		);
	}
}

function perItemOverhead() {
	const count = 100_000;
	const written = ['+1 415 555 0100', '(415) 555-0101', '00971501234567', '+44 20 7946 0958'];
	const pairs = [
		{ name: 'customerName', value: 'Ada' },
		{ name: 'crmContactId', value: 'C-1042' },
		{ name: 'attempt', value: 2 },
	];
	for (let i = 0; i < 2000; i++) normalizePhoneNumber(written[i % 4], 'US');
	const phoneStart = process.hrtime.bigint();
	for (let i = 0; i < count; i++) normalizePhoneNumber(written[i % 4], 'US');
	const phoneNs = Number(process.hrtime.bigint() - phoneStart);
	const varsStart = process.hrtime.bigint();
	for (let i = 0; i < count; i++) variablesFromPairs(pairs);
	const varsNs = Number(process.hrtime.bigint() - varsStart);
	console.log(`\nPer-item work over ${count.toLocaleString('en')} items (in-process, no HTTP):`);
	console.log(`  phone number normalisation: ${(phoneNs / count / 1000).toFixed(2)} µs per item`);
	console.log(`  session variables (3 pairs): ${(varsNs / count / 1000).toFixed(2)} µs per item`);
	console.log(`  heap used after: ${(process.memoryUsage().heapUsed / 1e6).toFixed(1)} MB`);
}

function coldLoadAndSize() {
	// n8n-workflow is already loaded in n8n; it is loaded first so the figure is the package's own.
	const load = (module: string) => {
		const script = `require('n8n-workflow');const t=process.hrtime.bigint();require(${JSON.stringify(module)});console.log(Number(process.hrtime.bigint()-t)/1e6)`;
		const runs = Array.from({ length: 5 }, () =>
			Number(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' })),
		);
		return runs.sort((a, b) => a - b)[2];
	};
	console.log(
		'\nCold load, n8n-workflow already loaded (median of 5 fresh processes, Node ' +
			process.version +
			'):',
	);
	console.log(
		`  dist/nodes/Agntix/Agntix.node.js: ${load('./dist/nodes/Agntix/Agntix.node.js').toFixed(1)} ms`,
	);
	console.log(
		`  dist/nodes/AgntixTrigger/AgntixTrigger.node.js: ${load('./dist/nodes/AgntixTrigger/AgntixTrigger.node.js').toFixed(1)} ms`,
	);
	console.log(`  libphonenumber-js/max alone: ${load('libphonenumber-js/max').toFixed(1)} ms`);
	const [pack] = JSON.parse(
		execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: ROOT, encoding: 'utf8' }),
	);
	const metadata = statSync(join(ROOT, 'node_modules/libphonenumber-js/metadata.max.json')).size;
	const libSize = Number(
		execFileSync('du', ['-sb', join(ROOT, 'node_modules/libphonenumber-js')], {
			encoding: 'utf8',
		}).split('\t')[0],
	);
	console.log('\nSize:');
	console.log(
		`  npm pack: ${(pack.size / 1024).toFixed(1)} KB packed, ${(pack.unpackedSize / 1024).toFixed(1)} KB unpacked, ${pack.entryCount} files`,
	);
	console.log(
		`  libphonenumber-js as installed with it: ${(libSize / 1024 / 1024).toFixed(1)} MB; its "max" metadata ${(metadata / 1024).toFixed(0)} KB`,
	);
	console.log(
		`  share of an install (package unpacked + libphonenumber-js) taken by libphonenumber-js: ${((100 * libSize) / (libSize + pack.unpackedSize)).toFixed(1)}%`,
	);
}

async function main() {
	perItemOverhead();
	coldLoadAndSize();

	const sandbox = await startSandbox({ latencyMs: LATENCY_MS });
	const n8n = new N8n(N8N_VERSIONS.dev);
	try {
		n8n.stagePackage();
		await n8n.importCredential(credentialFor(sandbox.url, SANDBOX_API_KEY));
		const workflows = [
			bulkWorkflow('benchAgntixDefault', agntixNode(sandbox)),
			bulkWorkflow('benchAgntix10', agntixNode(sandbox, 10)),
			bulkWorkflow('benchHttpSequential', httpRequestNode(sandbox, 1, LATENCY_MS)),
			bulkWorkflow('benchHttpBatch10', httpRequestNode(sandbox, 10, LATENCY_MS)),
			bulkWorkflow('benchHttpDefault', httpRequestNode(sandbox)),
		];
		await n8n.importWorkflows(workflows);

		const speed: Row[] = [];
		for (const [scenario, id] of [
			['Agntix node, default concurrency (5)', 'benchAgntixDefault'],
			['Agntix node, concurrency 10', 'benchAgntix10'],
			['HTTP Request node, 1 per 50 ms (sequential pace)', 'benchHttpSequential'],
			['HTTP Request node, 10 per 50 ms (concurrency 10)', 'benchHttpBatch10'],
			['HTTP Request node, default (no batching: all at once)', 'benchHttpDefault'],
		]) {
			sandbox.reset({ latencyMs: LATENCY_MS });
			speed.push(await measure(n8n, sandbox, scenario, id));
		}
		console.log(
			`\n1. ${ITEMS} Start Call items, ${LATENCY_MS} ms sandbox latency, n8n ${N8N_VERSIONS.dev}:`,
		);
		table(speed, `ideal at concurrency 10: ${(ITEMS * LATENCY_MS) / 10 / 1000} s`);

		const limited: Row[] = [];
		// The same server without X-RateLimit-* headers: the node is then paced by each 429's
		// Retry-After alone, as it was before it read those headers.
		for (const [scenario, id, headers] of [
			['Agntix node, concurrency 10', 'benchAgntix10', true],
			['Agntix node, concurrency 10, server without X-RateLimit headers', 'benchAgntix10', false],
			['HTTP Request node, default (no batching: all at once)', 'benchHttpDefault', true],
			['HTTP Request node, 10 per 50 ms', 'benchHttpBatch10', true],
		] as const) {
			sandbox.reset({
				latencyMs: LATENCY_MS,
				rateLimit: { limit: 100, windowMs: WINDOW_MS, headers },
			});
			limited.push(await measure(n8n, sandbox, scenario, id));
		}
		const minimum = (Math.ceil(ITEMS / 100) - 1) * (WINDOW_MS / 1000);
		console.log(
			`\n2. The same items under a limit of 100 requests per ${WINDOW_MS / 1000} s window (60 s scaled down 12x):`,
		);
		table(limited, `minimum the limit allows: about ${minimum} s`);
	} finally {
		await n8n.stopAll();
		await sandbox.close();
	}
}

void main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
