// Prints the n8n credential (import format) that points at the local sandbox.
import { SANDBOX_API_KEY, SANDBOX_WEBHOOK_SECRET } from '../tools/sandbox/data';

const baseUrl = process.argv[2] ?? 'http://127.0.0.1:4010';
process.stdout.write(
	JSON.stringify([
		{
			id: 'agntixSandboxCred',
			name: 'Agntix sandbox',
			type: 'agntixApi',
			data: {
				authentication: 'apiKey',
				apiKey: SANDBOX_API_KEY,
				baseUrl,
				webhookSecret: SANDBOX_WEBHOOK_SECRET,
			},
		},
	]),
);
