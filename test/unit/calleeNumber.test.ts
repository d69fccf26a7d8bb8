import { countryOptions, normalizePhoneNumber } from '../../nodes/Agntix/helpers/calleeNumber';

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
		// The country's own international prefix, applied by libphonenumber.
		['0011 44 7911 123456', 'AU', '+447911123456'],
		['011 971 50 123 4567', 'US', '+971501234567'],
		// 00 is read as the international prefix also where the country's own is another.
		['00971501234567', 'US', '+971501234567'],
		// Full-width forms, Arabic-Indic and Eastern Arabic-Indic digits, direction marks.
		['＋９７１ ５０ １２３ ４５６７', undefined, '+971501234567'],
		['+٩٧١٥٠١٢٣٤٥٦٧', undefined, '+971501234567'],
		['+۹۷۱۵۰۱۲۳۴۵۶۷', undefined, '+971501234567'],
		['\u202a+971 50 123 4567\u202c', undefined, '+971501234567'],
		['\u200f+971\u200e 50 123 4567\u2069', undefined, '+971501234567'],
		['\ufeff+1 415 555 0100\u200b', undefined, '+14155550100'],
	])('%j (default country %s) becomes %s', (input, country, expected) => {
		expect(normalizePhoneNumber(input, country)).toEqual(
			expect.objectContaining({ ok: true, e164: expected }),
		);
	});

	test.each([
		['', undefined, 'it is empty'],
		['   ', undefined, 'it is empty'],
		[null, undefined, 'it is empty'],
		['4155550100', undefined, 'it has no country code'],
		['(415) 555-0100', undefined, 'it has no country code'],
		['+971 50 123 456', undefined, 'its digits are not a number in use in United Arab Emirates'],
		['+1 415 555 01000', undefined, 'it has too many digits for its country'],
		['+44 20', undefined, 'it has too few digits for its country'],
		['555', 'US', 'it has too few digits for United States'],
		['+999 1234567', undefined, 'the digits after + do not start with a country code'],
		// Fictional ranges stay refused, in any script.
		['+1 555 555 0100', undefined, 'its digits are not a number in use under the country code +1'],
		['+١ ٥٥٥ ٥٥٥ ٠١٠٠', undefined, 'its digits are not a number in use under the country code +1'],
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

	// Every refusal in its own words: no phrase said twice, and no advice that cannot apply.
	test.each([
		['+1 555 555 0100', undefined],
		['+971 50 123 456', undefined],
		['+44 20', undefined],
		['+1 415 555 01000', undefined],
		['+999 1234567', undefined],
		['00 1 555 555 0100', undefined],
		['555 555 0100', 'US'],
		['555', 'US'],
		['20 7946', 'GB'],
	])('%j (default country %s): the refusal and its advice fit the number', (input, country) => {
		const result = normalizePhoneNumber(input, country);
		if (result.ok) throw new Error(`${input} was accepted`);
		const message = `"To Phone Number" "${input}" is not a valid phone number: ${result.reason}. ${result.fix}`;
		const words = message.toLowerCase().match(/[a-z]+/g)!;
		const phrases = words.slice(0, -2).map((word, i) => `${word} ${words[i + 1]} ${words[i + 2]}`);
		expect(phrases.filter((phrase, i) => phrases.indexOf(phrase) !== i)).toEqual([]);
		const hasCountryCode = /^\s*(\+|00)/.test(input);
		if (hasCountryCode)
			expect(result.fix).not.toMatch(/write it with (the|its) country code|start it with \+/i);
		if (country) expect(result.fix).not.toMatch(/digits after \+/);
	});

	test('a number without country code asks for Default Country', () => {
		const result = normalizePhoneNumber('4155550100');
		expect(result).toEqual(
			expect.objectContaining({ ok: false, fix: expect.stringContaining('Default Country') }),
		);
	});

	test.each([
		['+1 900 555 0100', 'a premium-rate number'],
		['+44 909 123 4567', 'a premium-rate number'],
		['+49 900 1 123456', 'a premium-rate number'],
		['+33 8 99 12 34 56', 'a premium-rate number'],
		['+61 1900 123 456', 'a premium-rate number'],
		// UK 070 "personal numbers" are billed at premium rates.
		['+44 70 1234 5678', 'a personal number, billed at premium rates'],
		['+881 6 1234 5678', 'an international network or satellite number'],
		['+882 34 5123 4567', 'an international network or satellite number'],
		['+870 773 111 632', 'an international network or satellite number'],
		['+808 1234 5678', 'an international network or satellite number'],
	])('%s is marked as %s', (input, costly) => {
		expect(normalizePhoneNumber(input)).toEqual(expect.objectContaining({ ok: true, costly }));
	});

	test('national premium numbers are recognised with Default Country too', () => {
		expect(normalizePhoneNumber('0899 12 34 56', 'FR')).toEqual(
			expect.objectContaining({ e164: '+33899123456', costly: 'a premium-rate number' }),
		);
		expect(normalizePhoneNumber('1900 123 456', 'AU')).toEqual(
			expect.objectContaining({ e164: '+611900123456', costly: 'a premium-rate number' }),
		);
		expect(normalizePhoneNumber('+971501234567')).not.toHaveProperty('costly');
	});

	test('reports the country of the number', () => {
		expect(normalizePhoneNumber('+971501234567')).toEqual({
			ok: true,
			e164: '+971501234567',
			country: 'AE',
		});
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
