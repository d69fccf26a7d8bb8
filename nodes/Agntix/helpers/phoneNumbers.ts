// The only module that touches libphonenumber-js, so the library can be swapped in one place.
// The "max" metadata validates number ranges, not just lengths: a wrong number is refused
// before anyone is dialled.
// eslint-disable-next-line @n8n/community-nodes/no-restricted-imports -- the package's one runtime dependency
import { getCountries, parsePhoneNumberWithError, validatePhoneNumberLength, type CountryCode } from 'libphonenumber-js/max';

export type PhoneNumberResult =
	| { ok: true; e164: string; country?: string }
	| { ok: false; reason: string; fix: string };

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

export function countryName(code: string): string {
	try {
		return regionNames.of(code) ?? code;
	} catch {
		return code;
	}
}

const supported = new Set<string>(getCountries());

export function isSupportedCountry(code: string): boolean {
	return supported.has(code);
}

/** Every country libphonenumber knows, as dropdown options sorted by name. */
export function countryOptions(): Array<{ name: string; value: string }> {
	return getCountries()
		.map((code) => ({ name: `${countryName(code)} (${code})`, value: code as string }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

const EXAMPLE = 'Write it with the country code, e.g. +14155550100 or +971 50 123 4567';
const EXTENSION = /(?:ext\.?|extension|x|#)\s*\d+\s*$/i;
const ALLOWED = /^\+?[\d\s().\-/]+$/;

function fail(reason: string, fix = EXAMPLE): PhoneNumberResult {
	return { ok: false, reason, fix };
}

/**
 * Turns the ways people write phone numbers into E.164, or says why it can't.
 * `defaultCountry` is used only for numbers written without a country code.
 */
export function normalizePhoneNumber(input: unknown, defaultCountry?: string): PhoneNumberResult {
	if (input === null || input === undefined) return fail('it is empty');
	if (typeof input !== 'string' && typeof input !== 'number') {
		return fail(`it is ${Array.isArray(input) ? 'a list' : `of type ${typeof input}`}, not text`);
	}
	const text = String(input)
		.replace(/[\u00a0\u2000-\u200b\u202f]/g, ' ')
		.replace(/[\u2010-\u2015\u2212]/g, '-')
		.trim();
	if (text === '') return fail('it is empty');
	if (EXTENSION.test(text)) {
		return fail('it has an extension, which cannot be dialled', 'Remove the extension part, e.g. "ext. 12"');
	}
	if (/\p{L}/u.test(text)) return fail('it contains letters');
	if (!ALLOWED.test(text)) {
		return fail('it contains characters that are not part of a phone number');
	}

	let candidate = text;
	const digitsOnly = candidate.replace(/\D/g, '');
	if (!candidate.startsWith('+') && digitsOnly.startsWith('00')) {
		candidate = `+${digitsOnly.slice(2)}`;
	}
	const international = candidate.startsWith('+');
	if (!international && !defaultCountry) {
		return fail(
			'it has no country code',
			'Start it with + and the country code (e.g. +14155550100), or set "Default Country" in the options',
		);
	}
	const country = international ? undefined : (defaultCountry as CountryCode);
	const where = country ? ` for ${countryName(country)}` : '';

	const lengthProblem = validatePhoneNumberLength(candidate, country);
	if (lengthProblem === 'INVALID_COUNTRY') return fail('its country code is unknown');
	if (lengthProblem === 'TOO_SHORT') return fail(`it is too short${where}`);
	if (lengthProblem === 'TOO_LONG') return fail(`it is too long${where}`);
	if (lengthProblem === 'NOT_A_NUMBER') return fail('it is not a phone number');

	let parsed;
	try {
		parsed = parsePhoneNumberWithError(candidate, country);
	} catch {
		return fail('it is not a phone number');
	}
	if (!parsed.isValid()) {
		const of = parsed.country ? ` for ${countryName(parsed.country)}` : where;
		return fail(`it is not a valid number${of}`);
	}
	return { ok: true, e164: parsed.number, country: parsed.country };
}
