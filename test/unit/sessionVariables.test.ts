import { InputProblem } from '../../nodes/Agntix/helpers/inputProblem';
import { variablesFromJson, variablesFromPairs } from '../../nodes/Agntix/helpers/sessionVariables';

function problemOf(run: () => unknown): InputProblem {
	try {
		run();
	} catch (error) {
		if (error instanceof InputProblem) return error;
		throw error;
	}
	throw new Error('expected an InputProblem');
}

describe('variablesFromPairs', () => {
	test('keeps text, numbers and booleans; trims names; empty values become ""', () => {
		expect(
			variablesFromPairs([
				{ name: ' customerName ', value: 'Ada' },
				{ name: 'orderId', value: 1042 },
				{ name: 'vip', value: true },
				{ name: 'note', value: null },
				{ name: 'middleName', value: undefined },
			]),
		).toEqual({ customerName: 'Ada', orderId: 1042, vip: true, note: '', middleName: '' });
	});

	test('a name like __proto__ becomes a key and does not change the object', () => {
		const variables = variablesFromPairs([{ name: '__proto__', value: 'x' }]);
		expect(Object.keys(variables)).toEqual(['__proto__']);
		expect(JSON.stringify(variables)).toBe('{"__proto__":"x"}');
		expect(Object.getPrototypeOf(variables)).toBe(Object.prototype);
	});

	test('no rows give an empty object', () => {
		expect(variablesFromPairs([])).toEqual({});
	});

	test.each([
		[[{ name: '', value: 'x' }], 'Session variable 1 has no name'],
		[
			[
				{ name: 'a', value: '1' },
				{ name: '  ', value: 'x' },
			],
			'Session variable 2 has no name',
		],
		[
			[
				{ name: 'a', value: '1' },
				{ name: 'a', value: '2' },
			],
			'Session variable "a" is set twice',
		],
		[
			[{ name: 'system.now', value: 'x' }],
			'Session variable "system.now" uses the reserved prefix "system."',
		],
		[
			[{ name: 'System.customer.phonenumber', value: 'x' }],
			'Session variable "System.customer.phonenumber" uses the reserved prefix "system."',
		],
		[
			[{ name: 'contact', value: { first: 'Ada' } }],
			'Session variable "contact" is an object ({"first":"Ada"}), not a single value',
		],
		[
			[{ name: 'tags', value: ['a', 'b'] }],
			'Session variable "tags" is a list (["a","b"]), not a single value',
		],
		[
			[{ name: 'score', value: Number.NaN }],
			'Session variable "score" is not a usable number: NaN',
		],
	])('%j is refused', (pairs, message) => {
		const problem = problemOf(() => variablesFromPairs(pairs));
		expect(problem.message).toBe(message);
		expect(problem.description).toBeTruthy();
	});
});

describe('variablesFromJson', () => {
	test('reads text and objects', () => {
		expect(variablesFromJson('{"customerName":"Ada","orderId":7}')).toEqual({
			customerName: 'Ada',
			orderId: 7,
		});
		expect(variablesFromJson({ customerName: 'Ada' })).toEqual({ customerName: 'Ada' });
		expect(variablesFromJson('')).toEqual({});
		expect(variablesFromJson(null)).toEqual({});
	});

	test.each([
		['{"a": ', /^Session Variables \(JSON\) is not valid JSON: /],
		['[1,2]', /^Session Variables \(JSON\) must be an object of names and values, not \[1,2\]$/],
		['"text"', /^Session Variables \(JSON\) must be an object of names and values, not "text"$/],
		['{"system.now":"x"}', /reserved prefix/],
		['{"contact":{"first":"Ada"}}', /is an object/],
		['{"":"x"}', /has no name/],
	])('%s is refused', (input, message) => {
		expect(problemOf(() => variablesFromJson(input)).message).toMatch(message);
	});
});
