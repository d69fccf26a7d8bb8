import type { IDataObject } from 'n8n-workflow';

function textOf(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** Why a number cannot place calls, or undefined when it can. */
export function phoneNumberProblem(number: IDataObject): 'no number yet' | 'inactive' | undefined {
	if (!textOf(number.phone_number)) return 'no number yet';
	if (number.is_active === false) return 'inactive';
	return undefined;
}

export function phoneNumberLabel(number: IDataObject): string {
	// The documented shape has a label; the gateway's has a region instead.
	const parts = [textOf(number.phone_number) ?? '(no number yet)', textOf(number.label) ?? textOf(number.region)];
	// "(no number yet)" already says why; an inactive number says it here.
	const problem = phoneNumberProblem(number);
	if (problem) parts.push(problem === 'inactive' ? 'inactive: cannot place calls' : 'cannot place calls');
	return parts.filter(Boolean).join(' · ');
}
