import { NodeHelpers } from 'n8n-workflow';

import { AgntixApi } from '../../credentials/AgntixApi.credentials';
import { cleanSecret, credentialMismatchHint } from '../../nodes/shared/credentialShape';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln';

test('cleanSecret trims and drops a pasted "Bearer " prefix', () => {
	expect(cleanSecret('  pk_live_abc \n')).toBe('pk_live_abc');
	expect(cleanSecret('Bearer pk_live_abc')).toBe('pk_live_abc');
	expect(cleanSecret(`bearer  ${JWT}`)).toBe(JWT);
	expect(cleanSecret(undefined)).toBe('');
});

describe('credentialMismatchHint', () => {
	test('a JWT in the API key field points to Bearer Token', () => {
		expect(credentialMismatchHint('apiKey', JWT)).toContain('"Bearer Token"');
		expect(credentialMismatchHint('apiKey', `Bearer ${JWT}`)).toContain('"Bearer Token"');
	});

	test('a pk_ key in the token field points to API Key', () => {
		expect(credentialMismatchHint('bearerToken', 'pk_live_abc')).toContain('"API Key"');
	});

	test('a "Bearer " prefix on a key is named', () => {
		expect(credentialMismatchHint('apiKey', 'Bearer pk_live_abc')).toContain('Bearer ');
	});

	test('an empty secret and a key without pk_ are named', () => {
		expect(credentialMismatchHint('apiKey', '')).toContain('no key');
		expect(credentialMismatchHint('apiKey', 'live_abc')).toContain('start with pk_');
	});

	test('a well-formed secret gets no hint', () => {
		expect(credentialMismatchHint('apiKey', 'pk_live_abc')).toBeUndefined();
		expect(credentialMismatchHint('bearerToken', JWT)).toBeUndefined();
	});
});

describe('the secret check every test run goes through', () => {
	// Imported here so the check itself is shown to fail when a secret leaks.
	const { assertNoSecrets, rememberSecrets } = jest.requireActual(
		'../harness/secrets',
	) as typeof import('../harness/secrets');

	test('finds a remembered key, token or webhook secret anywhere in a value', () => {
		rememberSecrets({
			agntixApi: {
				apiKey: 'pk_test_leakcheck_123',
				token: 'Bearer eyJleak.check.token',
				webhookSecret: 'whsec_bGVha2NoZWNr',
			},
		});
		expect(() =>
			assertNoSecrets({ error: new Error('bad key pk_test_leakcheck_123') }, 'a test value'),
		).toThrow('appears in a test value');
		expect(() => assertNoSecrets(['x', { deep: 'eyJleak.check.token' }], 'a list')).toThrow();
		expect(() => assertNoSecrets('signed with bGVha2NoZWNr', 'a log')).toThrow();
		expect(() => assertNoSecrets({ fine: 'pk_test_…' }, 'a value')).not.toThrow();
	});
});

describe('the credential notices, as n8n decides to show them', () => {
	const properties = new AgntixApi().properties;
	const shown = (name: string, values: Record<string, string>) =>
		NodeHelpers.displayParameter(
			{ authentication: 'apiKey', apiKey: 'pk_live_abc', ...values },
			properties.find((p) => p.name === name)!,
			null,
			null,
		);

	test.each([
		['http://api.agntix.example', true],
		['HTTP://10.0.0.5:8080/', true],
		[' http://localhost.evil.example', true],
		['http://127.0.0.1.nip.example', true],
		['https://api.agntix.ai', false],
		['http://localhost:4010', false],
		['http://127.0.0.1:4010/', false],
		['http://[::1]:4010', false],
	])('a Base URL %s warns that the key travels unencrypted: %s', (baseUrl, warns) => {
		expect(shown('insecureNotice', { baseUrl })).toBe(warns);
	});
});
