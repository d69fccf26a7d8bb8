const JWT = /^eyJ[\w-]*\.[\w-]+\.[\w-]*$/;

/** The secret as it should be sent: trimmed, without a pasted "Bearer " prefix. */
export function cleanSecret(value: unknown): string {
	const secret = typeof value === 'string' ? value.trim() : '';
	return secret.replace(/^bearer\s+/i, '').trim();
}

/** Advice when the secret does not look like what the chosen authentication expects. */
export function credentialMismatchHint(
	authentication: unknown,
	rawSecret: unknown,
): string | undefined {
	const raw = typeof rawSecret === 'string' ? rawSecret.trim() : '';
	const secret = cleanSecret(raw);
	if (secret === '') return 'The credential has no key or token: enter one.';
	if (authentication === 'bearerToken') {
		if (secret.startsWith('pk_')) {
			return 'The token looks like an organization API key (pk_...): set "Authentication" to "API Key" in the credential.';
		}
		return undefined;
	}
	if (JWT.test(secret)) {
		return 'The API key looks like a session token (a JWT starting with eyJ): set "Authentication" to "Bearer Token" in the credential, or use an organization API key (pk_...).';
	}
	if (/^bearer\s/i.test(raw)) {
		return 'The API key starts with "Bearer ": paste only the key itself (pk_...).';
	}
	if (!secret.startsWith('pk_'))
		return 'Organization API keys start with pk_: check that the whole key was copied.';
	return undefined;
}
