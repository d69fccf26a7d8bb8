import { runWorkflow } from '../harness/runWorkflow';
import {
	agntixNode,
	apiKeyCredential,
	bearerCredential,
	contactsWorkflow,
	startCallParameters,
	useSandbox,
} from '../fixtures';
import {
	SANDBOX_API_KEY,
	SANDBOX_BEARER_TOKEN,
	SANDBOX_READONLY_API_KEY,
} from '../../tools/sandbox/data';
import { AgntixApi } from '../../credentials/AgntixApi.credentials';

const sandbox = useSandbox();

function startOne(credentials: ReturnType<typeof apiKeyCredential>) {
	const node = agntixNode(startCallParameters(sandbox));
	return runWorkflow(contactsWorkflow([{ phone: '+14155550100' }], node), credentials);
}

test('API Key sends x-api-key only', async () => {
	const result = await startOne(apiKeyCredential(sandbox, `  ${SANDBOX_API_KEY}\n`));
	expect(result.error).toBeUndefined();
	const [request] = sandbox.apiRequests();
	expect(request.headers['x-api-key']).toBe(SANDBOX_API_KEY);
	expect(request.headers.authorization).toBeUndefined();
});

test('Bearer Token sends Authorization: Bearer only, even when pasted with its prefix', async () => {
	const result = await startOne(bearerCredential(sandbox, `Bearer ${SANDBOX_BEARER_TOKEN}`));
	expect(result.error).toBeUndefined();
	const [request] = sandbox.apiRequests();
	expect(request.headers.authorization).toBe(`Bearer ${SANDBOX_BEARER_TOKEN}`);
	expect(request.headers['x-api-key']).toBeUndefined();
});

test('a wrong key is a 401 with a hint, and the key is not in the error', async () => {
	const wrongKey = 'pk_live_not_a_real_key_42';
	const result = await startOne(apiKeyCredential(sandbox, wrongKey));
	expect(result.error?.message).toBe(
		'Could not start the call: Authorization failed - Invalid API key [item 0]',
	);
	expect(result.error?.description).toContain('Check the key in the Agntix credential');
	expect(sandbox.apiRequests()).toHaveLength(1);
});

test('a session token in the API Key field gets a hint to switch to Bearer Token', async () => {
	const result = await startOne(apiKeyCredential(sandbox, SANDBOX_BEARER_TOKEN));
	expect(result.error?.message).toMatch(/Authorization failed/);
	expect(result.error?.description).toContain('set "Authentication" to "Bearer Token"');
});

test('an API key sent as a Bearer token gets a hint to switch to API Key', async () => {
	const result = await startOne(bearerCredential(sandbox, SANDBOX_API_KEY));
	expect(result.error?.message).toBe(
		'Could not start the call: Authorization failed - Invalid or expired token [item 0]',
	);
	expect(result.error?.description).toContain('set "Authentication" to "API Key"');
});

test('a key without the needed scope is a 403 explained as such', async () => {
	const result = await startOne(apiKeyCredential(sandbox, SANDBOX_READONLY_API_KEY));
	expect(result.error?.message).toBe(
		'Could not start the call: Forbidden - This key does not have the calls:write scope [item 0]',
	);
	expect(result.error?.description).toContain('not allowed to do this');
	expect(sandbox.calls).toHaveLength(0);
});

test.each([400, 404, 500])(
	'a key echoed back in the error code or request id (status %i) is removed from the error',
	async (status) => {
		sandbox.inject({
			kind: 'status',
			status,
			match: '/calls/start',
			body: {
				error: {
					code: `BAD_${SANDBOX_API_KEY}`,
					message: `key ${SANDBOX_API_KEY} refused`,
					requestId: `req_${SANDBOX_API_KEY}`,
				},
			},
		});
		// The harness fails the run when the key appears anywhere in it; the fields are checked here too.
		const result = await startOne(apiKeyCredential(sandbox));
		const error = result.error as unknown as {
			message: string;
			description: string;
			errorResponse?: Record<string, unknown>;
		};
		expect(error.description).toContain('Error code: BAD_*** · Request ID: req_***');
		expect(JSON.stringify(error.errorResponse ?? {})).not.toContain(SANDBOX_API_KEY);
		expect(error.message).toContain('key *** refused');
	},
);

describe('the credential test the editor runs', () => {
	const credential = new AgntixApi();

	test('asks for one phone number, at the Base URL without its trailing slash', () => {
		expect(credential.test.request.url).toBe('/api/v1/phone-numbers');
		expect(credential.test.request.qs).toEqual({ page: 1, size: 1 });
		expect(credential.test.request.baseURL).toContain('.replace(/\\/+$/, "")');
	});

	test.each([
		['apiKey', SANDBOX_API_KEY, 200],
		['apiKey', 'pk_test_wrong', 401],
		['bearerToken', SANDBOX_BEARER_TOKEN, 200],
		['bearerToken', SANDBOX_API_KEY, 401],
	])('%s %s answers %i', async (authentication, secret, status) => {
		const options = await credential.authenticate(
			{ authentication, apiKey: secret, token: secret, baseUrl: sandbox.url },
			{ url: `${sandbox.url}${credential.test.request.url}?page=1&size=1`, headers: {} },
		);
		const response = await fetch(options.url, {
			headers: options.headers as Record<string, string>,
		});
		expect(response.status).toBe(status);
	});
});
