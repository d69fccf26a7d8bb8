/**
 * Regenerates the README screenshots: `npm run screenshots`.
 * Starts the sandbox and n8n (the dev version of n8n/versions.json) with the package, then walks the same editor journeys as
 * the end-to-end suite (test/e2e/journeys.ts) in headless Chromium, saving every step's
 * picture to docs/screenshots/.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { SANDBOX_API_KEY } from '../tools/sandbox/data';
import { startSandbox } from '../tools/sandbox/server';
import { Editor } from '../test/e2e/editor';
import {
	callingHoursInEditor,
	firstStepPanel,
	nextStepAndToolPanels,
	runExample,
	zoneAtNight,
	startCallFromPanel,
	triggerFromPanel,
} from '../test/e2e/journeys';
import { N8N_VERSIONS, N8n, ROOT } from '../tools/n8n/n8nProcess';
import { WEBHOOK_SECRET, signedWebhooks } from '../test/e2e/setup';
import { TRIGGER_WEBHOOK_ID, credentialFor, triggerWorkflow } from '../test/e2e/workflows';

const OUT = join(ROOT, 'docs/screenshots');

async function main() {
	const sandbox = await startSandbox({ callDurationMs: 1000 });
	const n8n = new N8n(N8N_VERSIONS.dev);
	let editor: Editor | undefined;
	try {
		n8n.stagePackage();
		await n8n.importCredential(credentialFor(sandbox.url, SANDBOX_API_KEY, WEBHOOK_SECRET));
		const examples = readdirSync(join(ROOT, 'examples'))
			.filter((file) => file.endsWith('.json'))
			.map((file) => JSON.parse(readFileSync(join(ROOT, 'examples', file), 'utf8')));
		// As npm run dev sets it up: an active trigger that Agntix's (the sandbox's) webhooks reach.
		await n8n.importWorkflows([...examples, triggerWorkflow()]);
		await n8n.activateWorkflow('agntixE2eTrigger');
		await n8n.start();
		sandbox.configure({
			callDurationMs: 4000,
			webhook: signedWebhooks(`${n8n.url}/webhook/${TRIGGER_WEBHOOK_ID}/webhook`),
		});

		for (const file of readdirSync(OUT).filter((f) => f.endsWith('.png'))) rmSync(join(OUT, file));
		editor = await Editor.open(n8n.url, OUT);
		await firstStepPanel(editor, ['Agntix']);
		await startCallFromPanel(editor, {
			numberSearch: '',
			number: '+14155550101',
			agent: 'Appointment Reminder',
			toPhoneNumber: '+1 415 555 0142',
			variable: { name: 'customerName', value: 'Ada' },
		});
		await nextStepAndToolPanels(editor, 'agntixExampleWebhook', 'Call the new lead', ['Agntix']);
		await triggerFromPanel(editor, 'On call ended', async (testUrl) => {
			const url = testUrl.replace('//localhost:', '//127.0.0.1:');
			sandbox.configure({ webhook: signedWebhooks(url) });
			await sandbox.sendCallEnded();
		});
		await runExample(editor, 'agntixExampleList', 'Start Call');
		// Last: it leaves the workflow with unsaved changes.
		await callingHoursInEditor(editor, 'agntixExampleList', 'Start Call', zoneAtNight());
		console.log(`Saved: ${readdirSync(OUT).join(', ')}`);
	} finally {
		await editor?.close();
		await n8n.stopAll();
		await sandbox.close();
	}
}

void main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
