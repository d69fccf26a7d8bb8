/**
 * Verification of Agntix webhooks, signed with the Svix scheme: the signed content is
 * `${id}.${timestamp}.${raw body}`, HMAC-SHA256 with the key inside `whsec_<base64>`,
 * sent as space-separated `v1,<base64>` entries (several during a secret rotation).
 * Svix's white-label header names (`webhook-*`) are accepted too.
 *
 * Exactly as strict as the svix library's own verify: the timestamp is read as svix reads it
 * (a decimal integer at the start of the header), and a signature must be the standard base64
 * text of the HMAC, character for character (no base64url, nothing after it).
 */
import { createHmac, timingSafeEqual } from 'crypto';

import { clock } from './clock';
import { headerValue } from './values';

/** How far a signature's timestamp may be from now (replay protection). */
export const TOLERANCE_SECONDS = 5 * 60;

export type Verification =
	{ ok: true; id: string; timestamp: number } | { ok: false; reason: string };

type Headers = Record<string, string | string[] | undefined>;

/** The key bytes of a `whsec_…` secret, or undefined when it is not one. */
export function secretKey(secret: string): Buffer | undefined {
	const base64 = secret.trim().replace(/^whsec_/, '');
	if (base64 === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return undefined;
	const key = Buffer.from(base64, 'base64');
	return key.length > 0 ? key : undefined;
}

export function verifySignature(
	headers: Headers,
	rawBody: Buffer,
	secret: string,
	nowSeconds = Math.floor(clock.now() / 1000),
): Verification {
	const id = headerValue(headers, 'svix-id', 'webhook-id');
	const timestampText = headerValue(headers, 'svix-timestamp', 'webhook-timestamp');
	const signatures = headerValue(headers, 'svix-signature', 'webhook-signature');
	if (!id || !timestampText || !signatures) {
		return {
			ok: false,
			reason: 'missing signature headers (svix-id, svix-timestamp, svix-signature)',
		};
	}
	const timestamp = parseInt(timestampText, 10);
	if (Number.isNaN(timestamp)) return { ok: false, reason: 'the timestamp header is not a number' };
	if (Math.abs(nowSeconds - timestamp) > TOLERANCE_SECONDS) {
		return {
			ok: false,
			reason: `the timestamp is ${nowSeconds - timestamp} s away from now (more than 5 minutes): a replay or a wrong clock`,
		};
	}
	const key = secretKey(secret);
	if (!key)
		return { ok: false, reason: 'the signing secret in the credential is not a whsec_… secret' };

	const expected = Buffer.from(
		createHmac('sha256', key)
			.update(Buffer.concat([Buffer.from(`${id}.${timestamp}.`), rawBody]))
			.digest('base64'),
	);
	for (const entry of signatures.split(' ')) {
		const [version, signature] = entry.split(',');
		if (version !== 'v1' || !signature) continue;
		const given = Buffer.from(signature);
		if (given.length === expected.length && timingSafeEqual(given, expected))
			return { ok: true, id, timestamp };
	}
	return {
		ok: false,
		reason: "no signature matches: the body was changed, or the secret is not this endpoint's",
	};
}
