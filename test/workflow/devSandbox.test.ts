/**
 * The sandbox as `npm run dev` runs it: its signed webhooks go to the Production URL of the
 * dev trigger, and `npm run sandbox:call-ended -- <Test URL>` adds the Test URL beside it
 * instead of replacing it, so a paused call keeps getting its end; the end it sends at once
 * goes to the Test URL only, so the production trigger's workflow does not run twice.
 */
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Webhook } from 'svix';

import { SANDBOX_API_KEY, SANDBOX_WEBHOOK_SECRET } from '../../tools/sandbox/data';
import { startSandbox } from '../../tools/sandbox/server';
import type { Sandbox } from '../../tools/sandbox/server';

interface Received {
	eventType: string;
	verified: boolean;
}

/** An endpoint that records the events it gets and whether their signature verifies. */
async function endpoint(): Promise<{ url: string; received: Received[]; server: Server }> {
	const received: Received[] = [];
	const server = createServer((req, res) => {
		let body = '';
		req.on('data', (chunk) => (body += String(chunk)));
		req.on('end', () => {
			let verified = true;
			try {
				new Webhook(SANDBOX_WEBHOOK_SECRET).verify(body, req.headers as Record<string, string>);
			} catch {
				verified = false;
			}
			received.push({ eventType: (JSON.parse(body) as { eventType: string }).eventType, verified });
			res.end('ok');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
		received,
		server,
	};
}

const ROOT = join(__dirname, '../..');
let sandbox: Sandbox;
let production: Awaited<ReturnType<typeof endpoint>>;
let testUrl: Awaited<ReturnType<typeof endpoint>>;

beforeAll(async () => {
	production = await endpoint();
	testUrl = await endpoint();
	sandbox = await startSandbox({
		callDurationMs: 60_000,
		webhook: {
			url: production.url,
			secret: SANDBOX_WEBHOOK_SECRET,
			redeliveries: 0,
			forgery: 'none',
			headerStyle: 'svix',
			rotation: false,
		},
	});
});

afterAll(async () => {
	await sandbox.close();
	production.server.close();
	testUrl.server.close();
});

test('a Test URL is added beside the Production URL: both get the end now and every later event', async () => {
	const port = new URL(sandbox.url).port;
	const { stdout } = await promisify(execFile)(
		process.execPath,
		[
			join(ROOT, 'node_modules/ts-node/dist/bin.js'),
			'--transpile-only',
			'scripts/send-call-ended.ts',
			testUrl.url,
		],
		{ cwd: ROOT, env: { ...process.env, SANDBOX_PORT: port } },
	);
	// The end goes to the Test URL only: the Production URL's workflow must not run again.
	expect(stdout).toContain(`→ ${testUrl.url}: 200`);
	expect(stdout).not.toContain(production.url);

	// A call started afterwards reports to both endpoints.
	const from = sandbox.phoneNumberRecords[0].id;
	const response = await fetch(`${sandbox.url}/api/v1/phone-numbers/${from}/calls/start`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-api-key': SANDBOX_API_KEY },
		body: JSON.stringify({
			agent_id: sandbox.agentRecords[0].id,
			to_phone_number: '+14155550142',
		}),
	});
	expect(response.status).toBeLessThan(300);
	await sandbox.webhooksSettled();
	expect(testUrl.received).toEqual([
		{ eventType: 'session.ended', verified: true },
		{ eventType: 'session.created', verified: true },
	]);
	expect(production.received).toEqual([{ eventType: 'session.created', verified: true }]);
});
