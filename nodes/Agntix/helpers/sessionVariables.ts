import type { IDataObject } from 'n8n-workflow';

import { InputProblem, showValue } from './inputProblem';

export type SessionVariableValue = string | number | boolean;

const RESERVED_PREFIX = 'system.';

const MAP_A_FIELD =
	'Session variables hold text, numbers or true/false. Map a single field, e.g. {{ $json.contact.firstName }}, or turn the value into text with JSON.stringify()';

function checkValue(name: string, value: unknown): SessionVariableValue {
	if (value === null || value === undefined) return '';
	if (typeof value === 'string' || typeof value === 'boolean') return value;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) {
			throw new InputProblem(
				`Session variable "${name}" is not a usable number: ${showValue(value)}`,
				'Check the field mapped into it: a calculation may have failed',
			);
		}
		return value;
	}
	const kind = Array.isArray(value) ? 'a list' : 'an object';
	throw new InputProblem(
		`Session variable "${name}" is ${kind} (${showValue(value)}), not a single value`,
		MAP_A_FIELD,
	);
}

function checkName(rawName: unknown, position: number, seen: Set<string>): string {
	const name = typeof rawName === 'string' ? rawName.trim() : rawName;
	if (typeof name !== 'string' || name === '') {
		throw new InputProblem(
			`Session variable ${position} has no name`,
			"Give every variable a name, e.g. customerName; the agent's prompt uses it as {{customerName}}",
		);
	}
	if (name.toLowerCase().startsWith(RESERVED_PREFIX)) {
		throw new InputProblem(
			`Session variable "${name}" uses the reserved prefix "system."`,
			'Agntix fills system.* variables itself (e.g. system.now). Rename the variable, e.g. to customerPhone',
		);
	}
	if (seen.has(name)) {
		throw new InputProblem(
			`Session variable "${name}" is set twice`,
			'Each name can be used once. Remove or rename one of them',
		);
	}
	seen.add(name);
	return name;
}

/** From the "name / value" rows of the editor. */
export function variablesFromPairs(pairs: Array<{ name?: unknown; value?: unknown }>): IDataObject {
	const result: IDataObject = {};
	const seen = new Set<string>();
	pairs.forEach((pair, index) => {
		const name = checkName(pair.name, index + 1, seen);
		// defineProperty: a name like "__proto__" must become a key, not change the object.
		Object.defineProperty(result, name, {
			value: checkValue(name, pair.value),
			enumerable: true,
			writable: true,
			configurable: true,
		});
	});
	return result;
}

/** From a JSON object, given as text or as an object mapped by an expression. */
export function variablesFromJson(input: unknown): IDataObject {
	let parsed = input;
	if (typeof input === 'string') {
		if (input.trim() === '') return {};
		let syntaxError: string | undefined;
		try {
			parsed = JSON.parse(input);
		} catch (error) {
			syntaxError = (error as Error).message;
		}
		if (syntaxError !== undefined) {
			throw new InputProblem(
				`Session Variables (JSON) is not valid JSON: ${syntaxError}`,
				'Use an object of names and values, e.g. {"customerName": "Ada", "orderId": 1042}',
			);
		}
	}
	if (parsed === null || parsed === undefined) return {};
	if (typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new InputProblem(
			`Session Variables (JSON) must be an object of names and values, not ${showValue(parsed)}`,
			'Use an object, e.g. {"customerName": "Ada", "orderId": 1042}',
		);
	}
	return variablesFromPairs(
		Object.entries(parsed as IDataObject).map(([name, value]) => ({ name, value })),
	);
}
