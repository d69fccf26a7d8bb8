import type { IDataObject } from 'n8n-workflow';

function textOf(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** Why a number cannot place calls, or undefined when it can. */
export function phoneNumberProblem(number: IDataObject): string | undefined {
	if (!textOf(number.phone_number)) return 'no number yet: cannot place calls';
	if (number.is_active === false) return 'inactive: cannot place calls';
	return undefined;
}

export function phoneNumberLabel(number: IDataObject): string {
	// The documented shape has a label; the gateway's has a region instead.
	const parts = [textOf(number.phone_number) ?? '(no number yet)', textOf(number.label) ?? textOf(number.region)];
	const problem = phoneNumberProblem(number);
	if (problem) parts.push(problem);
	return parts.filter(Boolean).join(' · ');
}
