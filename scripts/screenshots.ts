/**
 * Regenerates the README screenshots: `npm run screenshots`.
 * Starts the sandbox and n8n 2.41.1 with the package, opens the editor in headless Chromium
 * (Debian's chromium) and saves PNGs to docs/screenshots/.
 */
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Page } from 'playwright-core';

import { SANDBOX_API_KEY } from '../test/sandbox/data';
import { startSandbox } from '../test/sandbox/server';
import { N8n, ROOT } from '../test/e2e/n8nProcess';
import { credentialFor } from '../test/e2e/workflows';

const OUT = join(ROOT, 'docs/screenshots');
const EXAMPLE = require('../examples/daily-appointment-reminders.json');
const NODE = 'Call with reminder agent';
const RUN_EXAMPLE = require('../examples/call-contacts-from-a-list.json');
const RUN_NODE = 'Start Call';

async function shot(page: Page, name: string) {
	await page.waitForTimeout(600);
	await page.screenshot({ path: join(OUT, `${name}.png`) });
	console.log(`saved docs/screenshots/${name}.png`);
}

/** Opens the value list of a resource locator (not its mode selector). */
async function openLocatorList(page: Page, parameter: string) {
	const field = page.locator(`[data-test-id="parameter-input-${parameter}"]`);
	const input = field.locator('[data-test-id="rlc-input"]');
	await ((await input.count()) ? input.first() : field.locator('input').nth(1)).click();
	await page.waitForTimeout(1500);
}

async function main() {
	const sandbox = await startSandbox({ callDurationMs: 1000 });
	const n8n = new N8n('2.41.1');
	const browser = await chromium.launch({
		executablePath: '/usr/bin/chromium',
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
	});
	try {
		n8n.stagePackage();
		await n8n.importCredential(credentialFor(sandbox.url, SANDBOX_API_KEY));
		// Pick from the lists in the editor, as a user would.
		const call = EXAMPLE.nodes.find((n: { name: string }) => n.name === NODE);
		call.parameters.phoneNumberId = { __rl: true, mode: 'list', value: sandbox.phoneNumberRecords[0].id, cachedResultName: '+14155550101' };
		call.parameters.agentId = { __rl: true, mode: 'list', value: sandbox.agentRecords[0].id, cachedResultName: 'Appointment Reminder' };
		await n8n.importWorkflows([EXAMPLE, RUN_EXAMPLE]);
		await n8n.start();

		const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
		await page.goto(`${n8n.url}/signin`);
		await page.fill('input[type="email"]', 'e2e@example.com');
		await page.fill('input[type="password"]', 'Agntix-e2e-1');
		await page.keyboard.press('Enter');
		await page.waitForURL((url) => !url.pathname.includes('signin'), { timeout: 30_000 });

		await page.goto(`${n8n.url}/workflow/${EXAMPLE.id}`);
		const node = page.locator(`[data-test-id="canvas-node"][data-node-name="${NODE}"]`);
		await node.waitFor({ timeout: 30_000 });
		await page.waitForTimeout(1500);
		await node.dblclick();
		const fromNumber = page.locator('[data-test-id="parameter-input-phoneNumberId"]');
		await fromNumber.waitFor({ timeout: 30_000 });
		await shot(page, 'start-call-node');

		await openLocatorList(page, 'phoneNumberId');
		await shot(page, 'from-number-dropdown');
		await page.keyboard.press('Escape');

		await openLocatorList(page, 'agentId');
		await shot(page, 'agent-dropdown');
		await page.keyboard.press('Escape');

		const variables = page.locator('[data-test-id="parameter-input-sessionVariables"], [data-test-id="fixed-collection-sessionVariables"]').first();
		await variables.scrollIntoViewIfNeeded().catch(() => undefined);
		await shot(page, 'session-variables');

		await page.goto(`${n8n.url}/workflow/${RUN_EXAMPLE.id}`);
		const runNode = page.locator(`[data-test-id="canvas-node"][data-node-name="${RUN_NODE}"]`);
		await runNode.waitFor({ timeout: 30_000 });
		await page.waitForTimeout(1500);
		await page.locator('[data-test-id="execute-workflow-button"]').first().click();
		await page.waitForTimeout(5000);
		await runNode.dblclick();
		await page.waitForTimeout(1500);
		await shot(page, 'execution-output');
	} finally {
		await browser.close();
		await n8n.stopAll();
		await sandbox.close();
	}
}

void main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
