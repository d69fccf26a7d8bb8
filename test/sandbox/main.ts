/** Runs the sandbox on a fixed port until stopped: `npm run sandbox [-- --port 4010]`. */
import { SANDBOX_API_KEY } from './data';
import { startSandbox } from './server';

const portArg = process.argv.indexOf('--port');
const port =
	portArg > -1 ? Number(process.argv[portArg + 1]) : Number(process.env.SANDBOX_PORT ?? 4010);

void startSandbox({ latencyMs: Number(process.env.SANDBOX_LATENCY_MS ?? 0) }, port).then(
	(sandbox) => {
		console.log(`Agntix sandbox listening on ${sandbox.url} (API key: ${SANDBOX_API_KEY})`);
		const stop = () => void sandbox.close().then(() => process.exit(0));
		process.on('SIGINT', stop);
		process.on('SIGTERM', stop);
	},
);
