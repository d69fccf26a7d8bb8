/**
 * `npm run sandbox:call-ended -- <Agntix Trigger URL>`: makes the running sandbox (npm run dev)
 * also send its webhooks to that URL (e.g. a trigger's Test URL), signed with the dev
 * credential's secret, and sends a session.ended for the latest call right away to that URL
 * only (the Production URL already had it: sending it again would run its workflow again).
 * Calls started afterwards send theirs to every endpoint.
 */
import { SANDBOX_WEBHOOK_SECRET } from '../tools/sandbox/data';

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
	// Added beside the endpoints the sandbox already sends to (npm run dev's Production URL).
	const endpoint = {
		url,
		secret: SANDBOX_WEBHOOK_SECRET,
		redeliveries: 0,
		forgery: 'none',
		headerStyle: 'svix',
		rotation: false,
	};
	const current = (await post('/__sandbox/config', {})) as {
		moreWebhooks?: Array<{ url: string }>;
	};
	const others = (current.moreWebhooks ?? []).filter((other) => other.url !== url);
	await post('/__sandbox/config', { moreWebhooks: [...others, endpoint] });
	const deliveries = (await post('/__sandbox/webhooks/call-ended', { url })) as Array<{
		url: string;
		sessionId: string;
		status: number | string;
	}>;
	for (const delivery of deliveries) {
		console.log(
			`session.ended for session ${delivery.sessionId} → ${delivery.url}: ${delivery.status}`,
		);
	}
	console.log('Calls started from now on also send session.created and session.ended to this URL.');
}

main().catch((error: Error) => {
	console.error(
		`Could not reach the sandbox on ${sandbox} (is npm run dev running?): ${error.message}`,
	);
	process.exitCode = 1;
});
