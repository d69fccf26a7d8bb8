/**
 * Regenerates the README screenshots: `npm run screenshots`.
 * Starts the sandbox and n8n (the dev version of n8n/versions.json) with the package, then walks the same editor journeys as
 * the end-to-end suite (test/e2e/journeys.ts) in headless Chromium, saving every step's
 * picture to docs/screenshots/.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import { SANDBOX_API_KEY } from '../test/sandbox/data';
import { startSandbox } from '../test/sandbox/server';
import { newWebhookSecret } from '../test/sandbox/webhooks';
import { Editor } from '../test/e2e/editor';
import {
	firstStepPanel,
	nextStepAndToolPanels,
	runExample,
	startCallFromPanel,
	triggerFromPanel,
} from '../test/e2e/journeys';
import { N8N_VERSIONS, N8n, ROOT } from '../test/e2e/n8nProcess';
import { credentialFor } from '../test/e2e/workflows';

const OUT = join(ROOT, 'docs/screenshots');

async function main() {
	const sandbox = await startSandbox({ callDurationMs: 1000 });
	const n8n = new N8n(N8N_VERSIONS.dev);
	const secret = newWebhookSecret();
	let editor: Editor | undefined;
	try {
		n8n.stagePackage();
		await n8n.importCredential(credentialFor(sandbox.url, SANDBOX_API_KEY, secret));
		const examples = readdirSync(join(ROOT, 'examples'))
			.filter((file) => file.endsWith('.json'))
			.map((file) => JSON.parse(readFileSync(join(ROOT, 'examples', file), 'utf8')));
		await n8n.importWorkflows(examples);
		await n8n.start();

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
		await nextStepAndToolPanels(editor, 'Start a call', ['Agntix']);
		await triggerFromPanel(editor, 'On call ended', async (testUrl) => {
			const url = testUrl.replace('//localhost:', '//127.0.0.1:');
			sandbox.configure({
				webhook: {
					url,
					secret,
					redeliveries: 0,
					forgery: 'none',
					headerStyle: 'svix',
					rotation: false,
				},
			});
			await sandbox.sendCallEnded();
		});
		await runExample(editor, 'agntixExampleList', 'Start Call');
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
