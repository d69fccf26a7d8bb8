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
