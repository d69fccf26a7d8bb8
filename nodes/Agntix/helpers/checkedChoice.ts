/**
 * Options, multi-options and switches as the user set them, maybe through an expression, and
 * anything that is not one of the choices fails its item, naming the field, the value and what
 * is allowed. Never a silent default: only an option that is not set at all gives the default.
 * - An options field takes its exact value: n8n shows and hides the fields that depend on it by
 *   that value, so "Set" for "set" would run with the hours fields hidden.
 * - A multi-options list is read the way people write one: a list, or text such as "US, CA" or
 *   " us ; ca ", each entry by its value or its name, in any case.
 */
import { InputProblem, showValue } from './inputProblem';

export interface Choice {
	name: string;
	value: string;
}

export interface ChoiceField {
	label: string;
	choices: readonly Choice[];
	/** What one choice is, for messages: "a country code", "a day of the week". */
	what?: string;
	/** What to do, when the list of choices is too long to show. */
	hint?: string;
}

/** Choices shown in a message; a longer list is left to the field's hint. */
const SHOWN = 8;

function allowedText(field: ChoiceField): string {
	if (field.hint) return field.hint;
	const shown = field.choices
		.slice(0, SHOWN)
		.map((choice) =>
			choice.name.toLowerCase() === choice.value.toLowerCase()
				? `"${choice.value}"`
				: `"${choice.value}" (${choice.name})`,
		);
	return `Pick one from the list, or map one of: ${shown.join(', ')}${field.choices.length > SHOWN ? ', …' : ''}`;
}

/** The choice an entry of a list stands for: its value or its name, in any case and spacing. */
function choiceOf(text: string, field: ChoiceField): string | undefined {
	const wanted = text.trim().toLowerCase();
	return (
		field.choices.find((choice) => choice.value.toLowerCase() === wanted) ??
		field.choices.find((choice) => choice.name.toLowerCase() === wanted)
	)?.value;
}

/** One choice of an options field, by its exact value; `undefined` (not set) gives `fallback`. */
export function checkedChoice(value: unknown, field: ChoiceField & { fallback: string }): string {
	if (value === undefined) return field.fallback;
	const choice = field.choices.find((known) => known.value === value)?.value;
	if (choice === undefined) {
		throw new InputProblem(
			`"${field.label}" ${showValue(value)} is not ${field.what ?? 'one of its choices'}`,
			allowedText(field),
		);
	}
	return choice;
}

/**
 * The choices of a multi-options field: a list, or text with entries separated by commas or
 * semicolons. An empty list stays empty (the field's own "none"); text with no entry, or
 * nothing at all from an expression (null), is refused, since it says nothing.
 */
export function checkedChoices(
	value: unknown,
	field: ChoiceField & { fallback: string[] },
): string[] {
	if (value === undefined) return field.fallback;
	const entries: unknown[] = Array.isArray(value)
		? value
		: typeof value === 'string'
			? value.split(/[,;\n]/).filter((entry) => entry.trim() !== '')
			: [value];
	if (value === null || (typeof value === 'string' && entries.length === 0)) {
		throw new InputProblem(`"${field.label}" is empty`, allowedText(field));
	}
	const chosen: string[] = [];
	for (const entry of entries) {
		const choice = typeof entry === 'string' ? choiceOf(entry, field) : undefined;
		if (choice === undefined) {
			throw new InputProblem(
				`"${field.label}" holds ${showValue(typeof entry === 'string' ? entry.trim() : entry)}, which is not ${field.what ?? 'one of its choices'}`,
				allowedText(field),
			);
		}
		if (!chosen.includes(choice)) chosen.push(choice);
	}
	return chosen;
}

const TRUE_TEXT = ['true', 'yes', 'on', '1'];
const FALSE_TEXT = ['false', 'no', 'off', '0', ''];

/** A switch: true or false, or text or a number that says so; `undefined` gives `fallback`. */
export function checkedBoolean(value: unknown, label: string, fallback: boolean): boolean {
	if (value === undefined) return fallback;
	if (typeof value === 'boolean') return value;
	const text = typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
	const normal = text?.trim().toLowerCase();
	if (normal !== undefined && TRUE_TEXT.includes(normal)) return true;
	if (normal !== undefined && FALSE_TEXT.includes(normal)) return false;
	throw new InputProblem(
		`"${label}" ${showValue(value)} is neither on nor off`,
		'Turn it on or off, or map true or false',
	);
}
