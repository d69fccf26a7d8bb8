/**
 * A problem with what the user entered for one item. Operations turn it into a
 * NodeOperationError carrying the item index; helpers stay free of n8n types.
 */
export class InputProblem extends Error {
	constructor(
		message: string,
		readonly description?: string,
	) {
		super(message);
		this.name = 'InputProblem';
	}
}

/** Shows a user value inside a message: quoted, shortened, never multi-line. */
export function showValue(value: unknown): string {
	let text: string;
	if (typeof value === 'string') text = `"${value}"`;
	else if (value === undefined) text = 'nothing';
	else if (typeof value === 'number') text = String(value);
	else {
		try {
			text = JSON.stringify(value) ?? String(value);
		} catch {
			text = String(value);
		}
	}
	text = text.replace(/\s+/g, ' ');
	return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * A number the user set, maybe through an expression, checked against its range: text such
 * as "30" is read, anything else out of range is refused rather than quietly replaced.
 * `undefined` (the option is not set) gives the default.
 */
export function checkedNumber(
	value: unknown,
	field: {
		label: string;
		min: number;
		max: number;
		wholeNumber?: boolean;
		fallback: number;
		example: string;
	},
): number {
	if (value === undefined) return field.fallback;
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	const fits =
		typeof number === 'number' &&
		Number.isFinite(number) &&
		number >= field.min &&
		number <= field.max &&
		(!field.wholeNumber || Number.isInteger(number));
	if (!fits) {
		throw new InputProblem(
			`"${field.label}" ${showValue(value)} is not a ${field.wholeNumber ? 'whole ' : ''}number ${
				field.max === Infinity ? `of ${field.min} or more` : `between ${field.min} and ${field.max}`
			}`,
			field.example,
		);
	}
	return number as number;
}
