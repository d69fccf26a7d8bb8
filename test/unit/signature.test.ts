import { Webhook } from 'svix';

import { secretKey, verifySignature } from '../../nodes/shared/signature';
import { newWebhookSecret, signedRequest } from '../../tools/sandbox/webhooks';
import type { Forgery } from '../../tools/sandbox/webhooks';

const secret = newWebhookSecret();
const payload = {
	id: '5b0c3e4e-6d0a-4f8e-9a51-2f0f7c1d9e42',
	eventType: 'session.ended',
	state: 'CLOSED',
	note: 'Ünïcödé ✓ "quoted"',
};

function verify(
	request: { headers: Record<string, string>; body: string },
	withSecret = secret,
	now?: number,
) {
	return verifySignature(request.headers, Buffer.from(request.body), withSecret, now);
}

/** What the official svix library says about the same request. */
function svixAccepts(request: { headers: Record<string, string>; body: string }): boolean {
	try {
		new Webhook(secret).verify(request.body, request.headers);
		return true;
	} catch {
		return false;
	}
}

describe('verifySignature agrees with the official svix library', () => {
	test.each([
		['svix-* headers', { headerStyle: 'svix' as const, rotation: false }],
		['webhook-* headers', { headerStyle: 'webhook' as const, rotation: false }],
		['two signatures during a secret rotation', { headerStyle: 'svix' as const, rotation: true }],
	])('accepts a genuine request: %s', (_name, style) => {
		for (let i = 0; i < 50; i++) {
			const request = signedRequest(
				{ secret, forgery: 'none', ...style },
				{ ...payload, n: i, pad: 'x'.repeat(i * 7) },
			);
			expect(svixAccepts(request)).toBe(true);
			expect(verify(request)).toEqual({
				ok: true,
				id: request.messageId,
				timestamp: expect.any(Number),
			});
		}
	});

	test.each<[Forgery, RegExp]>([
		['wrongSecret', /no signature matches/],
		['tamperedBody', /no signature matches/],
		['oldTimestamp', /more than 5 minutes/],
		['unsigned', /missing signature headers/],
	])('refuses a forged request: %s', (forgery, reason) => {
		const request = signedRequest(
			{ secret, forgery, headerStyle: 'svix', rotation: false },
			payload,
		);
		expect(svixAccepts(request)).toBe(false);
		const result = verify(request);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.reason).toMatch(reason);
	});

	test('refuses a timestamp more than 5 minutes in the future', () => {
		const request = signedRequest(
			{ secret, forgery: 'none', headerStyle: 'svix', rotation: false },
			payload,
			'msg_f',
			new Date(Date.now() + 6 * 60_000),
		);
		expect(svixAccepts(request)).toBe(false);
		expect(verify(request).ok).toBe(false);
	});

	test('accepts a timestamp within the 5 minutes', () => {
		const request = signedRequest(
			{ secret, forgery: 'none', headerStyle: 'svix', rotation: false },
			payload,
			'msg_p',
			new Date(Date.now() - 4 * 60_000),
		);
		expect(verify(request).ok).toBe(true);
	});

	test('a signature over the raw bytes: re-serialised JSON does not match', () => {
		const request = signedRequest(
			{ secret, forgery: 'none', headerStyle: 'svix', rotation: false },
			payload,
		);
		const reformatted = JSON.stringify(JSON.parse(request.body), null, 2);
		expect(verify({ headers: request.headers, body: reformatted }).ok).toBe(false);
	});

	test('a secret that is not whsec_ base64 is named as the problem', () => {
		const request = signedRequest(
			{ secret, forgery: 'none', headerStyle: 'svix', rotation: false },
			payload,
		);
		const result = verify(request, 'not a secret!');
		expect(result).toEqual({ ok: false, reason: expect.stringContaining('not a whsec_') });
		expect(secretKey('whsec_')).toBeUndefined();
		expect(secretKey(secret)?.length).toBe(24);
	});

	test('as strict as svix on every oddity of the headers: base64url, trailing text, hex or exponent timestamps', () => {
		const request = signedRequest(
			{ secret, forgery: 'none', headerStyle: 'svix', rotation: false },
			payload,
		);
		const signature = request.headers['svix-signature'].slice('v1,'.length);
		const timestamp = request.headers['svix-timestamp'];
		const base64url = signature.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
		const signatures = [
			`v1,${signature}`,
			`v1,${base64url}`,
			`v1,${signature.replace(/=+$/, '')}`,
			`v1,${signature}garbage`,
			`v1,${signature}==`,
			`v1,${signature},extra`,
			`v1,${signature} `,
			` v1,${signature}`,
			`v2,${signature}`,
			`V1,${signature}`,
			`v1,${signature.slice(0, -2)}`,
			`v1,${Buffer.from(signature, 'base64').toString('hex')}`,
			`v1,x v1,${signature}`,
		];
		const seconds = Number(timestamp);
		const timestamps = [
			timestamp,
			`0x${seconds.toString(16)}`,
			`${seconds / 1e9}e9`,
			`${timestamp}.0`,
			`${timestamp}abc`,
			` ${timestamp}`,
			`+${timestamp}`,
			`0${timestamp}`,
			'',
		];
		let compared = 0;
		for (const signatureHeader of signatures) {
			for (const timestampHeader of timestamps) {
				const headers = {
					...request.headers,
					'svix-signature': signatureHeader,
					'svix-timestamp': timestampHeader,
				};
				const odd = { headers, body: request.body };
				expect({ signatureHeader, timestampHeader, ok: verify(odd).ok }).toEqual({
					signatureHeader,
					timestampHeader,
					ok: svixAccepts(odd),
				});
				compared++;
			}
		}
		expect(compared).toBe(signatures.length * timestamps.length);
		// The genuine request passes both, so the comparisons above were not all refusals.
		expect(verify(request).ok).toBe(true);
	});
});
