/**
 * Runs the sandbox on a fixed port until stopped: `npm run sandbox [-- --port 4010]`.
 * With SANDBOX_WEBHOOK_URL (and SANDBOX_WEBHOOK_SECRET, the credential's signing secret) it
 * sends signed session.created / session.ended for every call to that URL, as Agntix does
 * to an endpoint: npm run dev points it at its Agntix Trigger workflow's Production URL.
 */
import { SANDBOX_API_KEY, SANDBOX_WEBHOOK_SECRET } from './data';
import { startSandbox } from './server';

const portArg = process.argv.indexOf('--port');
const port =
	portArg > -1 ? Number(process.argv[portArg + 1]) : Number(process.env.SANDBOX_PORT ?? 4010);
const webhookUrl = process.env.SANDBOX_WEBHOOK_URL;

void startSandbox(
	{
		latencyMs: Number(process.env.SANDBOX_LATENCY_MS ?? 0),
		callDurationMs: Number(process.env.SANDBOX_CALL_DURATION_MS ?? 3000),
		...(webhookUrl
			? {
					webhook: {
						url: webhookUrl,
						secret: process.env.SANDBOX_WEBHOOK_SECRET ?? SANDBOX_WEBHOOK_SECRET,
						redeliveries: 0,
						forgery: 'none',
						headerStyle: 'svix',
						rotation: false,
						// Svix tries again when an endpoint does not answer 2xx (shortened here).
						retryDelaysMs: [5000, 30_000],
					},
				}
			: {}),
	},
	port,
).then((sandbox) => {
	console.log(`Agntix sandbox listening on ${sandbox.url} (API key: ${SANDBOX_API_KEY})`);
	if (webhookUrl) console.log(`Agntix sandbox sends signed webhooks to ${webhookUrl}`);
	const stop = () => void sandbox.close().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
});
