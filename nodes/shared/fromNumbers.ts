/** The organization's own numbers, that calls are placed from (the From Number): which can call, and how they read. */
import type { IDataObject } from 'n8n-workflow';

import { nonBlankText } from './values';

/** Why a number cannot place calls, or undefined when it can. */
export function fromNumberProblem(number: IDataObject): 'no number yet' | 'inactive' | undefined {
	if (!nonBlankText(number.phone_number)) return 'no number yet';
	if (number.is_active === false) return 'inactive';
	return undefined;
}

/** How a From Number reads in the dropdown: its number, its label or region, and why it cannot call. */
export function fromNumberLabel(number: IDataObject): string {
	// The documented shape has a label; the gateway's has a region instead.
	const parts = [
		nonBlankText(number.phone_number) ?? '(no number yet)',
		nonBlankText(number.label) ?? nonBlankText(number.region),
	];
	// "(no number yet)" already says why; an inactive number says it here.
	const problem = fromNumberProblem(number);
	if (problem)
		parts.push(problem === 'inactive' ? 'inactive: cannot place calls' : 'cannot place calls');
	return parts.filter(Boolean).join(' · ');
}
