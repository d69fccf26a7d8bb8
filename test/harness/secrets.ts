/**
 * Every secret a test credential holds is remembered here, and every run's output, error and
 * captured log line is checked against all of them: no test can forget the check.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

const secrets = new Set<string>();

export function rememberSecrets(credentials: Record<string, ICredentialDataDecryptedObject>): void {
	for (const data of Object.values(credentials)) {
		for (const field of ['apiKey', 'token', 'webhookSecret']) {
			const value =
				typeof data[field] === 'string'
					? (data[field] as string).trim().replace(/^bearer\s+/i, '')
					: '';
			if (value.length >= 8) {
				secrets.add(value);
				if (value.startsWith('whsec_')) secrets.add(value.slice(6));
			}
		}
	}
}

function serialise(value: unknown): string {
	const seen = new WeakSet<object>();
	return (
		JSON.stringify(value, (_key, item: unknown) => {
			if (item instanceof Error) {
				return {
					...item,
					message: item.message,
					stack: item.stack,
					description: (item as { description?: unknown }).description,
				};
			}
			if (typeof item === 'object' && item !== null) {
				if (seen.has(item)) return '[seen]';
				seen.add(item);
			}
			if (typeof item === 'bigint') return String(item);
			return item;
		}) ?? ''
	);
}

/**
 * A paused execution's resume URL (n8n's key to it, on 2.x with its token) travels only to
 * Agntix and back to the trigger: no output, error or log line shows it.
 */
const RESUME_URL_MARKS = [/webhook-waiting\//, /[?&]signature=/];

/** Throws, naming where, when any remembered secret or a resume URL appears in the value. */
export function assertNoSecrets(value: unknown, where: string): void {
	const text = typeof value === 'string' ? value : serialise(value);
	for (const secret of secrets) {
		if (text.includes(secret))
			throw new Error(`A credential secret (${secret.slice(0, 6)}…) appears in ${where}`);
	}
	const mark = RESUME_URL_MARKS.find((pattern) => pattern.test(text));
	if (mark) throw new Error(`A resume URL (${mark.source}) appears in ${where}`);
}
