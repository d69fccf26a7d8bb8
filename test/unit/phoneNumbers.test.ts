import { countryOptions, normalizePhoneNumber } from '../../nodes/Agntix/helpers/phoneNumbers';

describe('normalizePhoneNumber', () => {
	test.each([
		['+971 50 123 4567', undefined, '+971501234567'],
		['00971501234567', undefined, '+971501234567'],
		['00 971 50 123 4567', undefined, '+971501234567'],
		['(415) 555-0100', 'US', '+14155550100'],
		['415.555.0100', 'US', '+14155550100'],
		['415 555 0100', 'US', '+14155550100'],
		['+1-415-555-0100', undefined, '+14155550100'],
		['+1 (415) 555-0100', 'GB', '+14155550100'],
		['020 7946 0958', 'GB', '+442079460958'],
		['+44 (0)20 7946 0958', undefined, '+442079460958'],
		['+49 30 901820', undefined, '+4930901820'],
		['\u00a0+971\u00a050 123 4567 ', undefined, '+971501234567'],
		['+1\u2011415\u2011555\u20110100', undefined, '+14155550100'],
		[14155550100, 'US', '+14155550100'],
	])('%j (default country %s) becomes %s', (input, country, expected) => {
		expect(normalizePhoneNumber(input, country)).toEqual(expect.objectContaining({ ok: true, e164: expected }));
	});

	test.each([
		['', undefined, 'it is empty'],
		['   ', undefined, 'it is empty'],
		[null, undefined, 'it is empty'],
		['4155550100', undefined, 'it has no country code'],
		['(415) 555-0100', undefined, 'it has no country code'],
		['+971 50 123 456', undefined, 'it is not a valid number for United Arab Emirates'],
		['+1 415 555 01000', undefined, 'it is too long'],
		['+44 20', undefined, 'it is too short'],
		['555', 'US', 'it is too short for United States'],
		['+999 1234567', undefined, 'its country code is unknown'],
		['+1 800 FLOWERS', undefined, 'it contains letters'],
		['call me', undefined, 'it contains letters'],
		['+1 415 555 0100 ext. 12', undefined, 'it has an extension, which cannot be dialled'],
		['+1 415 555 0100 x12', undefined, 'it has an extension, which cannot be dialled'],
		['+1 415 555 0100 #12', undefined, 'it has an extension, which cannot be dialled'],
		['+1 415*555*0100', undefined, 'it contains characters that are not part of a phone number'],
		['+1 415 +555 0100', undefined, 'it contains characters that are not part of a phone number'],
		[{ phone: '+14155550100' }, undefined, 'it is of type object, not text'],
		[['+14155550100'], undefined, 'it is a list, not text'],
	])('%j (default country %s) is refused: %s', (input, country, reason) => {
		const result = normalizePhoneNumber(input, country);
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.reason).toBe(reason);
			expect(result.fix.length).toBeGreaterThan(10);
		}
	});

	test('a number without country code asks for Default Country', () => {
		const result = normalizePhoneNumber('4155550100');
		expect(result).toEqual(expect.objectContaining({ ok: false, fix: expect.stringContaining('Default Country') }));
	});

	test('reports the country of the number', () => {
		expect(normalizePhoneNumber('+971501234567')).toEqual({ ok: true, e164: '+971501234567', country: 'AE' });
	});
});

test('country options are named, sorted and unique', () => {
	const options = countryOptions();
	expect(options.length).toBeGreaterThan(200);
	expect(options.find((o) => o.value === 'AE')?.name).toBe('United Arab Emirates (AE)');
	const names = options.map((o) => o.name);
	expect([...names].sort((a, b) => a.localeCompare(b))).toEqual(names);
	expect(new Set(options.map((o) => o.value)).size).toBe(options.length);
});
