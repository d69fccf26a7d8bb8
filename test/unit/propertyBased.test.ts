/**
 * Property-based tests over thousands of generated inputs: normalisation and session
 * variables never throw; valid numbers, however written, give the same E.164; anything with
 * letters is always an item error.
 */
import fc from 'fast-check';
import examples from 'libphonenumber-js/examples.mobile.json';
import { getExampleNumber, getCountries } from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';

import { InputProblem } from '../../nodes/Agntix/helpers/inputProblem';
import { normalizePhoneNumber } from '../../nodes/Agntix/helpers/calleeNumber';
import { variablesFromJson, variablesFromPairs } from '../../nodes/Agntix/helpers/sessionVariables';

const RUNS = 3000;
const numbers = getCountries()
	.map((country) => ({ country, example: getExampleNumber(country, examples) }))
	.filter((entry) => entry.example !== undefined && entry.example.isValid());

const separators = fc.constantFrom(' ', '-', '.', '', ' - ');

/** Writes an international number the ways people do: +, 00, spaces, dashes, dots, parentheses. */
const writtenInternationally = fc
	.record({
		entry: fc.constantFrom(...numbers),
		separator: separators,
		prefix: fc.constantFrom('+', '00', '+ '),
		paren: fc.boolean(),
	})
	.map(({ entry, separator, prefix, paren }) => {
		const example = entry.example!;
		const national = String(example.nationalNumber);
		const split = Math.min(3, national.length - 1);
		const head = paren ? `(${national.slice(0, split)})` : national.slice(0, split);
		const rest = national
			.slice(split)
			.match(/.{1,3}/g)!
			.join(separator);
		return {
			written: `${prefix}${example.countryCallingCode}${separator}${head}${separator}${rest}`,
			expected: example.number,
		};
	});

/** Writes a number nationally, to be read with its Default Country. */
const writtenNationally = fc
	.record({ entry: fc.constantFrom(...numbers), separator: separators })
	.map(({ entry, separator }) => ({
		written: entry.example!.formatNational().replace(/\s/g, separator === '' ? ' ' : separator),
		country: entry.country as CountryCode,
		expected: entry.example!.number,
	}));

describe('phone numbers', () => {
	test(`never throws, whatever the input (${RUNS} runs)`, () => {
		fc.assert(
			fc.property(
				fc.oneof(
					fc.string(),
					fc.string({ unit: 'grapheme' }),
					fc.stringMatching(/^\+?[0-9 ()\-.]{0,20}$/),
					fc.integer(),
					fc.double(),
					fc.anything(),
				),
				fc.option(fc.constantFrom(...getCountries())),
				(input, country) => {
					const result = normalizePhoneNumber(input, country ?? undefined);
					return result.ok
						? /^\+[1-9]\d{6,14}$/.test(result.e164)
						: result.reason.length > 0 && result.fix.length > 0;
				},
			),
			{ numRuns: RUNS },
		);
	});

	test(`valid numbers written internationally give the same E.164 (${RUNS} runs)`, () => {
		fc.assert(
			fc.property(writtenInternationally, ({ written, expected }) => {
				const result = normalizePhoneNumber(written);
				return result.ok && result.e164 === expected;
			}),
			{ numRuns: RUNS },
		);
	});

	test(`valid numbers written nationally give the same E.164 with their Default Country (${RUNS} runs)`, () => {
		fc.assert(
			fc.property(writtenNationally, ({ written, country, expected }) => {
				const result = normalizePhoneNumber(written, country);
				return result.ok && result.e164 === expected;
			}),
			{ numRuns: RUNS },
		);
	});

	test(`a normalised number normalises to itself (${RUNS} runs)`, () => {
		fc.assert(
			fc.property(writtenInternationally, ({ written }) => {
				const once = normalizePhoneNumber(written);
				if (!once.ok) return false;
				const twice = normalizePhoneNumber(once.e164);
				return twice.ok && twice.e164 === once.e164;
			}),
			{ numRuns: RUNS },
		);
	});

	test(`letters anywhere always give an item error (${RUNS} runs)`, () => {
		fc.assert(
			fc.property(
				writtenInternationally,
				fc.stringMatching(/^[A-Za-zÀ-ÿ]{1,4}$/),
				fc.nat(),
				({ written }, letters, at) => {
					const position = at % (written.length + 1);
					const result = normalizePhoneNumber(
						written.slice(0, position) + letters + written.slice(position),
					);
					return !result.ok;
				},
			),
			{ numRuns: RUNS },
		);
	});
});

describe('session variables', () => {
	const name = fc
		.string({ minLength: 1, maxLength: 20 })
		.filter((text) => text.trim() !== '' && !text.trim().toLowerCase().startsWith('system.'));
	const scalar = fc.oneof(
		fc.string(),
		fc.integer(),
		fc.boolean(),
		fc.constant(null),
		fc.double({ noNaN: true, noDefaultInfinity: true }),
	);

	test(`never throws anything but an InputProblem (${RUNS} runs)`, () => {
		fc.assert(
			fc.property(
				fc.array(fc.record({ name: fc.anything(), value: fc.anything() }), { maxLength: 8 }),
				fc.anything(),
				(pairs, json) => {
					for (const run of [
						() => variablesFromPairs(pairs),
						() => variablesFromJson(json),
						() => variablesFromJson(JSON.stringify(json) ?? ''),
					]) {
						try {
							run();
						} catch (error) {
							if (!(error instanceof InputProblem)) return false;
						}
					}
					return true;
				},
			),
			{ numRuns: RUNS },
		);
	});

	test(`distinct names with single values are kept as given (${RUNS} runs)`, () => {
		fc.assert(
			fc.property(
				fc.uniqueArray(fc.record({ name, value: scalar }), {
					selector: (pair) => pair.name.trim(),
					maxLength: 10,
				}),
				(pairs) => {
					const variables = variablesFromPairs(pairs);
					return pairs.every(
						(pair) => variables[pair.name.trim()] === (pair.value === null ? '' : pair.value),
					);
				},
			),
			{ numRuns: RUNS },
		);
	});

	test(`objects and lists as values are always refused (${RUNS} runs)`, () => {
		fc.assert(
			fc.property(name, fc.oneof(fc.object(), fc.array(fc.anything())), (key, value) => {
				try {
					variablesFromPairs([{ name: key, value }]);
					return false;
				} catch (error) {
					return error instanceof InputProblem;
				}
			}),
			{ numRuns: RUNS },
		);
	});
});
