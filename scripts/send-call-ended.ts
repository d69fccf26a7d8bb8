/**
 * `npm run sandbox:call-ended -- <Agntix Trigger URL>`: makes the running sandbox (npm run dev)
 * send its webhooks to that URL, signed with the dev credential's secret, and sends a
 * session.ended for the latest call right away. Calls started afterwards send theirs too.
 */
import { SANDBOX_WEBHOOK_SECRET } from '../test/sandbox/data';

const url = process.argv[2];
const sandbox = `http://127.0.0.1:${process.env.SANDBOX_PORT ?? 4010}`;

async function post(path: string, body: object): Promise<unknown> {
	const response = await fetch(`${sandbox}${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	const answer = await response.json();
	if (!response.ok) throw new Error(`${path}: ${JSON.stringify(answer)}`);
	return answer;
}

async function main() {
	if (!url || !/^https?:\/\//.test(url)) {
		console.error(
			"Usage: npm run sandbox:call-ended -- <the Agntix Trigger node's Test or Production URL>",
		);
		process.exitCode = 2;
		return;
	}
	const webhook = {
		url,
		secret: SANDBOX_WEBHOOK_SECRET,
		redeliveries: 0,
		forgery: 'none',
		headerStyle: 'svix',
		rotation: false,
	};
	await post('/__sandbox/config', { webhook });
	const deliveries = (await post('/__sandbox/webhooks/call-ended', {})) as Array<{
		sessionId: string;
		status: number | string;
	}>;
	for (const delivery of deliveries) {
		console.log(`session.ended for session ${delivery.sessionId} → ${url}: ${delivery.status}`);
	}
	console.log('Calls started from now on also send session.created and session.ended to this URL.');
}

main().catch((error: Error) => {
	console.error(
		`Could not reach the sandbox on ${sandbox} (is npm run dev running?): ${error.message}`,
	);
	process.exitCode = 1;
});
