// The only module that touches libphonenumber-js, so the library can be swapped in one place.
// The build bundles the library into this module's compiled file
// (scripts/bundle-dependencies.mjs): the installed package has no dependencies.
// The "max" metadata validates number ranges, not just lengths: a wrong number is refused
// before anyone is dialled.
import {
	getCountries,
	parseIncompletePhoneNumber,
	parsePhoneNumber,
	parsePhoneNumberWithError,
	validatePhoneNumberLength,
	type CountryCode,
} from 'libphonenumber-js/max';

export type PhoneNumberResult =
	| {
			ok: true;
			e164: string;
			country?: string;
			/** Set for numbers that cost the caller extra, e.g. "a premium-rate number". */
			costly?: string;
	  }
	| { ok: false; reason: string; fix: string };

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

export function countryName(code: string): string {
	try {
		return regionNames.of(code) ?? code;
	} catch {
		return code;
	}
}

const COUNTRY_CODES = new Set<string>(getCountries());

/** Whether the value is a country code libphonenumber knows (not merely a key of some object). */
export function isCountryCode(value: unknown): value is string {
	return typeof value === 'string' && COUNTRY_CODES.has(value);
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

/** International networks and satellite phones (+870, +881…), billed at premium rates. */
const INTERNATIONAL_NETWORKS = new Set(['808', '870', '881', '882', '883', '979']);

/** Text as copied from anywhere: full-width forms, invisible direction marks, digits of any script. */
function plainText(input: string): string {
	return (
		input
			.normalize('NFKC')
			// Direction marks and other invisible format characters (right-to-left apps add them).
			.replace(/\p{Cf}/gu, '')
			// Arabic-Indic, Devanagari… digits: libphonenumber knows their values.
			.replace(/\p{Nd}/gu, (digit) =>
				/[0-9]/.test(digit) ? digit : parseIncompletePhoneNumber(digit) || digit,
			)
			.replace(/[\u00a0\u2000-\u200b\u202f]/g, ' ')
			.replace(/[\u2010-\u2015\u2212]/g, '-')
			.trim()
	);
}

function costOf(type: string | undefined, callingCode: string): string | undefined {
	if (INTERNATIONAL_NETWORKS.has(callingCode))
		return 'an international network or satellite number';
	if (type === 'PREMIUM_RATE') return 'a premium-rate number';
	if (type === 'SHARED_COST') return 'a shared-cost number';
	// Personal numbers (UK 070, "follow me" numbers) are billed to the caller at premium rates.
	if (type === 'PERSONAL_NUMBER') return 'a personal number, billed at premium rates';
	return undefined;
}

/**
 * Countries whose mobile numbers belong to an area (libphonenumber's GEO_MOBILE_COUNTRIES:
 * Mexico, Argentina, Brazil, Indonesia, China). Elsewhere a mobile number can be anywhere in
 * its country, outside North America where numbers are FIXED_LINE_OR_MOBILE by area code.
 */
const GEO_MOBILE_CALLING_CODES = new Set(['52', '54', '55', '62', '86']);

/**
 * A valid E.164 number's calling code, and whether its type ties it to an area (a landline, a
 * North American number, a mobile where mobiles have areas), as libphonenumber's
 * isNumberGeographical decides. Undefined for a number it cannot read.
 */
export function numberArea(e164: string): { callingCode: string; geographic: boolean } | undefined {
	const parsed = parsePhoneNumber(e164);
	if (!parsed) return undefined;
	const type = parsed.getType();
	const geographic =
		type === 'FIXED_LINE' ||
		type === 'FIXED_LINE_OR_MOBILE' ||
		(type === 'MOBILE' && GEO_MOBILE_CALLING_CODES.has(parsed.countryCallingCode));
	return { callingCode: parsed.countryCallingCode, geographic };
}

/**
 * Parses one reading of the number: international, or national in `country`. Each refusal says
 * what is wrong in its own words, and advice that fits it (never to add a country code that
 * is already there).
 */
function parseCandidate(candidate: string, country: CountryCode | undefined): PhoneNumberResult {
	const national = country !== undefined;
	const where = national ? ` for ${countryName(country)}` : ' for its country';
	const lengthProblem = validatePhoneNumberLength(candidate, country);
	if (lengthProblem === 'INVALID_COUNTRY') {
		return fail(
			'the digits after + do not start with a country code',
			'The number starts with its country code after the +, e.g. +1 for the US or +44 for the UK: check those digits',
		);
	}
	if (lengthProblem === 'TOO_SHORT') {
		return fail(
			`it has too few digits${where}`,
			national
				? `Check that no digit is missing, and that it is a number of ${countryName(country)}: if not, write it with its country code`
				: 'Check that no digit is missing',
		);
	}
	if (lengthProblem === 'TOO_LONG') {
		return fail(
			`it has too many digits${where}`,
			'Check for an extra digit, or two numbers written together',
		);
	}
	if (lengthProblem === 'NOT_A_NUMBER') return fail('it is not a phone number');

	let parsed;
	try {
		parsed = parsePhoneNumberWithError(candidate, country);
	} catch {
		return fail('it is not a phone number');
	}
	if (!parsed.isValid()) {
		const region = parsed.country ?? country;
		const place = region
			? `in ${countryName(region)}`
			: `under the country code +${parsed.countryCallingCode}`;
		return fail(
			`its digits are not a number in use ${place}`,
			national
				? `Check the digits for a typo. For a number outside ${countryName(country)}, write it with its country code, e.g. +44 20 7946 0958`
				: `Check the digits after +${parsed.countryCallingCode} for a typo, or ask the contact for the number again`,
		);
	}
	const costly = costOf(parsed.getType(), parsed.countryCallingCode);
	return { ok: true, e164: parsed.number, country: parsed.country, ...(costly ? { costly } : {}) };
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
	const text = plainText(String(input));
	if (text === '') return fail('it is empty');
	if (EXTENSION.test(text)) {
		return fail(
			'it has an extension, which cannot be dialled',
			'Remove the extension part, e.g. "ext. 12"',
		);
	}
	if (/\p{L}/u.test(text)) return fail('it contains letters');
	if (!ALLOWED.test(text)) {
		return fail('it contains characters that are not part of a phone number');
	}

	// Readings to try, in order. With a Default Country, libphonenumber applies that country's
	// own international prefix (011 in the US, 0011 in Australia). "00" is the international
	// prefix of most countries: a number starting with it is also read that way.
	const readings: Array<{ candidate: string; country?: CountryCode }> = [];
	if (text.startsWith('+')) readings.push({ candidate: text });
	else {
		if (defaultCountry) readings.push({ candidate: text, country: defaultCountry as CountryCode });
		const digitsOnly = text.replace(/\D/g, '');
		if (digitsOnly.startsWith('00')) readings.push({ candidate: `+${digitsOnly.slice(2)}` });
	}
	if (readings.length === 0) {
		return fail(
			'it has no country code',
			'Start it with + and the country code (e.g. +14155550100), or set "Default Country" in the options',
		);
	}
	const results = readings.map(({ candidate, country }) => parseCandidate(candidate, country));
	return results.find((result) => result.ok) ?? results[0];
}
