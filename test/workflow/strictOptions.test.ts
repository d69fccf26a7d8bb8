/**
 * Options set by an expression are read strictly: text lists are lists ("US, CA"), names and
 * values are read in any case, and anything else fails its item naming the field, the value
 * and what is allowed. Nothing falls back to a default in silence, and nobody is called then.
 */
import type { INodeParameters } from 'n8n-workflow';

import { runAgntix, startCallParameters, useSandbox } from '../fixtures';

const sandbox = useSandbox();

const US = '+14155550100';
const CANADA = '+16135550100';
const UK = '+442079460958';

function calledNumbers(): string[] {
	return sandbox
		.apiRequests('POST')
		.map((request) => (request.body as { to_phone_number: string }).to_phone_number);
}

async function errorsOf(overrides: INodeParameters, contacts: object[] = [{ phone: US }]) {
	const result = await runAgntix(sandbox, startCallParameters(sandbox, overrides), contacts, {
		continueOnFail: true,
	});
	return result.output('Agntix').map((item) => item.json);
}

describe('Allowed Countries set by an expression', () => {
	test.each([
		['"US"', 'US', [US]],
		['"US,CA"', 'US,CA', [US, CANADA]],
		['" us ; ca "', ' us ; ca ', [US, CANADA]],
		['a list', ['US', 'CA'], [US, CANADA]],
	])('%s restricts the calls to those countries', async (_, allowed, called) => {
		const output = await errorsOf(
			{ options: { allowedCountries: `={{ ${JSON.stringify(allowed)} }}` } },
			[{ phone: US }, { phone: CANADA }, { phone: UK }],
		);
		expect(calledNumbers()).toEqual(called);
		expect(String(output[2].error)).toMatch(
			/^"To Phone Number" \+442079460958 is in United Kingdom, which is not in "Allowed Countries" \[item 2\]$/,
		);
	});

	test('a code that is not a country, or nothing at all, fails the item: it is never "no restriction"', async () => {
		const unknown = await errorsOf({ options: { allowedCountries: '={{ "US, Narnia" }}' } });
		expect(unknown[0].error).toBe(
			'"Allowed Countries" holds "Narnia", which is not a country code [item 0]',
		);
		expect(unknown[0].description).toMatch(/US, GB or AE/);
		const empty = await errorsOf({ options: { allowedCountries: '={{ " " }}' } });
		expect(empty[0].error).toBe('"Allowed Countries" is empty [item 0]');
		const nothing = await errorsOf({ options: { allowedCountries: '={{ null }}' } });
		expect(nothing[0].error).toBe('"Allowed Countries" is empty [item 0]');
		expect(calledNumbers()).toEqual([]);
	});
});

describe('options and switches set by an expression', () => {
	const outsideHours = {
		callingDays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
		callingFrom: '00:00',
		callingTo: '00:01',
		contactTimeZone: 'given',
		timeZone: 'Pacific/Kiritimati',
	};

	test.each([
		// Calling Hours takes no expression in the editor; an imported workflow can hold any text.
		['Calling Hours', { callingHours: 'Set' }, '"Calling Hours" "Set" is not one of its choices'],
		['Calling Hours', { callingHours: 'true' }, '"Calling Hours" "true" is not one of its choices'],
		[
			"Contact's Time Zone",
			{ callingHours: 'set', ...outsideHours, contactTimeZone: '={{ "theirs" }}' },
			`"Contact's Time Zone" "theirs" is not one of its choices`,
		],
		[
			'Calling Days',
			{ callingHours: 'set', ...outsideHours, callingDays: '={{ "mon, funday" }}' },
			'"Calling Days" holds "funday", which is not a day of the week',
		],
		[
			'How to Wait',
			{ waitForEnd: true, waitMode: '={{ "later" }}' },
			'"How to Wait" "later" is not one of its choices',
		],
		[
			'When the Wait Times Out',
			{ waitForEnd: true, waitMode: 'poll', waitOptions: { onTimeout: '={{ "retry" }}' } },
			'"When the Wait Times Out" "retry" is not one of its choices',
		],
		[
			'Wait for Call to End',
			{ waitForEnd: '={{ "perhaps" }}' },
			'"Wait for Call to End" "perhaps" is neither on nor off',
		],
		[
			'Specify Session Variables',
			{ sessionVariablesMode: '={{ "yaml" }}' },
			'"Specify Session Variables" "yaml" is not one of its choices',
		],
	])(
		'%s: an unknown value fails the item, naming the field and the value',
		async (_, overrides, headline) => {
			const [item] = await errorsOf(overrides as INodeParameters);
			expect(item.error).toBe(`${headline} [item 0]`);
			expect(String(item.description)).toMatch(
				/^Pick one from the list, or map one of: "|^Turn it on or off/,
			);
			expect(calledNumbers()).toEqual([]);
		},
	);

	test('the entries of Calling Days are read by value or name, in any case', async () => {
		const days = await errorsOf({
			callingHours: 'set',
			...outsideHours,
			callingDays: '={{ "Monday; TUE" }}',
		});
		expect(String(days[0].error)).toMatch(/calls allowed Mon, Tue 00:00–00:01/);
		expect(calledNumbers()).toEqual([]);
	});

	test('a switch set by text reads as it says: "false" does not wait, "true" allows repeats', async () => {
		const output = await errorsOf(
			{ waitForEnd: '={{ "false" }}', options: { allowRepeatedNumbers: '={{ "true" }}' } },
			[{ phone: US }, { phone: US }],
		);
		expect(output.map((json) => json.status)).toEqual(['started', 'started']);
		expect(calledNumbers()).toEqual([US, US]);
	});
});
