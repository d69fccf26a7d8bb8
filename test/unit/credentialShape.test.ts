import { NodeHelpers, resetSafeRegexEngine, setSafeRegexEngine } from 'n8n-workflow';

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

	test.each([
		['formatNotice', { apiKey: JWT }, true],
		['formatNotice', { apiKey: `Bearer ${JWT}` }, true],
		['formatNotice', { apiKey: `  ${JWT}` }, true],
		['formatNotice', { apiKey: 'pk_live_abc' }, false],
		['formatNotice', { apiKey: 'Bearer pk_live_abc' }, false],
		['prefixNotice', { apiKey: 'Bearer pk_live_abc' }, true],
		['prefixNotice', { apiKey: ' bearer  pk_live_abc' }, true],
		['prefixNotice', { apiKey: 'pk_live_abc' }, false],
		['prefixNotice', { apiKey: `Bearer ${JWT}` }, false],
		['methodNotice', { authentication: 'bearerToken', token: 'pk_live_abc' }, true],
		['methodNotice', { authentication: 'bearerToken', token: 'Bearer pk_live_abc' }, true],
		['methodNotice', { authentication: 'bearerToken', token: JWT }, false],
		['methodNotice', { authentication: 'apiKey', token: 'pk_live_abc' }, false],
	])('%s for %j: %s', (notice, values, expected) => {
		expect(shown(notice, values)).toBe(expected);
	});

	// n8n decides every condition each time an execution loads the credential, and runs a regex
	// in a vm whose 250 ms wall-clock limit a saturated machine can exceed.
	test.each([
		['an API key and the default Base URL', { authentication: 'apiKey', apiKey: 'pk_live_abc' }],
		[
			'a token and an https gateway',
			{ authentication: 'bearerToken', token: JWT, baseUrl: 'https://api.eu.example.com' },
		],
	])('%s are loaded without a regular expression', (_, values) => {
		let runs = 0;
		const counting = (run: () => unknown) => {
			runs++;
			return run();
		};
		setSafeRegexEngine({
			exec: (p, i, f) => counting(() => new RegExp(p, f).exec(i)) as RegExpExecArray | null,
			test: (p, i, f) => counting(() => new RegExp(p, f).test(i)) as boolean,
			replace: (p, i, f, r) => counting(() => i.replace(new RegExp(p, f), r)) as string,
			matchAll: (p, i, f) =>
				counting(() => [...i.matchAll(new RegExp(p, `${f ?? ''}g`))]) as RegExpExecArray[],
			split: (p, i, f) => counting(() => i.split(new RegExp(p, f))) as string[],
		});
		try {
			NodeHelpers.getNodeParameters(properties, values, true, false, null, null);
			expect(runs).toBe(0);
			// The counter counts: a local http:// gateway does run the pattern.
			NodeHelpers.getNodeParameters(
				properties,
				{ ...values, baseUrl: 'http://127.0.0.1:4010' },
				true,
				false,
				null,
				null,
			);
			expect(runs).toBeGreaterThan(0);
		} finally {
			resetSafeRegexEngine();
		}
	});
});
