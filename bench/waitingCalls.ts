/**
 * npm run bench:waiting: what 20 calls waiting for their end hold in a real n8n, in each way
 * of waiting. Prints figures; nothing is asserted.
 *  - Pause: 20 executions started by a CRM webhook, each paused until Agntix reports the end.
 *  - Keep Checking: the same 20, each execution running and polling Agntix.
 * For each: executions running (in queue mode, each holds one of a worker's slots) and
 * waiting, and the resident memory of n8n's main process.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { N8N_VERSIONS, N8n, ROOT } from '../tools/n8n/n8nProcess';
import { credentialFor } from '../test/e2e/workflows';
import { SANDBOX_API_KEY } from '../tools/sandbox/data';
import { startSandbox } from '../tools/sandbox/server';
import { newWebhookSecret } from '../tools/sandbox/webhooks';

const CALLS = 20;
const example = readFileSync(join(ROOT, 'examples/crm-lead-call-pause-until-it-ends.json'), 'utf8');

function variant(id: string, path: string, waitMode: string) {
	const workflow = JSON.parse(
		example
			.replaceAll('agntix-crm-lead-outcome', path)
			.replace('"waitMode": "pause"', `"waitMode": "${waitMode}"`),
	);
	workflow.id = id;
	workflow.name = `Bench: ${CALLS} calls, ${waitMode}`;
	for (const node of workflow.nodes) if (node.webhookId) node.webhookId = `${id}-hook`;
	return workflow;
}

async function main() {
	// Calls last 10 minutes: every execution is still waiting when it is measured.
	const sandbox = await startSandbox({ callDurationMs: 600_000 });
	const n8n = new N8n(N8N_VERSIONS.dev);
	try {
		n8n.stagePackage();
		await n8n.importCredential(credentialFor(sandbox.url, SANDBOX_API_KEY, newWebhookSecret()));
		await n8n.importWorkflows([
			variant('benchPause', 'bench-pause', 'pause'),
			variant('benchPoll', 'bench-poll', 'poll'),
		]);
		await n8n.activateWorkflow('benchPause');
		await n8n.activateWorkflow('benchPoll');
		await n8n.start();
		// n8n's memory settles some seconds after start.
		await new Promise((r) => setTimeout(r, 20_000));
		const idle = n8n.mainMemoryMb();
		const rows: string[] = [];
		for (const [label, id, path] of [
			['Pause the Workflow Until Agntix Reports the End', 'benchPause', 'bench-pause'],
			['Keep Checking (Polling)', 'benchPoll', 'bench-poll'],
		]) {
			for (let i = 0; i < CALLS; i++) {
				const phone = `+1415555${String(2000 + rows.length * 100 + i).padStart(4, '0')}`;
				await n8n.webhook(path, { phone, name: `Lead ${i}`, id: `B-${i}` });
			}
			await new Promise((r) => setTimeout(r, 10_000));
			const executions = await n8n.executions(id);
			const count = (status: string) => executions.filter((e) => e.status === status).length;
			rows.push(
				`| ${label} | ${count('running')} | ${count('waiting')} | ${n8n.mainMemoryMb()} MB |`,
			);
		}
		console.log(
			`\n${CALLS} calls waiting for their end, n8n ${N8N_VERSIONS.dev} (main process idle: ${idle} MB; the second row adds to the first):`,
		);
		console.log(
			'| How to Wait | executions running (worker slots in queue mode) | executions waiting, saved | main process memory |',
		);
		console.log('|---|---|---|---|');
		for (const row of rows) console.log(row);
	} finally {
		await n8n.stopAll();
		await sandbox.close();
	}
}

void main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
