import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { fromNumberProblem } from '../../../shared/fromNumbers';
import { collectPages } from '../../../shared/transport/pagination';
import { PHONE_NUMBER_PAGE_SIZE, fetchPhoneNumberPage } from '../../../shared/transport/agntixApi';

/** Statuses with which Agntix refuses a call start it did not process, for a reason of its own. */
const REFUSALS = ['400', '409', '422'];

/** The From Numbers already read in this run: a list of refused calls reads each number once. */
const numbersByRun = new WeakMap<
	IExecuteFunctions,
	Map<string, Promise<IDataObject | undefined>>
>();

/** The phone number record with this id, or undefined when it cannot be read. */
function readNumber(
	this: IExecuteFunctions,
	phoneNumberId: string,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	let numbers = numbersByRun.get(this);
	if (!numbers) numbersByRun.set(this, (numbers = new Map()));
	let number = numbers.get(phoneNumberId);
	if (!number) {
		number = collectPages(
			(page) => fetchPhoneNumberPage.call(this, { page, size: PHONE_NUMBER_PAGE_SIZE, itemIndex }),
			PHONE_NUMBER_PAGE_SIZE,
			{ keep: (n) => String(n.id).toLowerCase() === phoneNumberId, stopAfter: 1 },
		).then(
			({ items }) => items[0],
			() => undefined,
		);
		numbers.set(phoneNumberId, number);
	}
	return number;
}

/**
 * When Agntix refuses a call start, reads the From Number (a safe lookup, once per run) and,
 * if it is inactive or has no number yet, says so: Agntix's own wording for this is not
 * documented. Undefined when the error is no such refusal, or the lookup does not explain it.
 */
export async function fromNumberRefusal(
	this: IExecuteFunctions,
	error: unknown,
	phoneNumberId: string,
	itemIndex: number,
): Promise<{ headline: string; hint: string } | undefined> {
	const httpCode = (error as { httpCode?: unknown })?.httpCode;
	if (!(error instanceof Error) || typeof httpCode !== 'string' || !REFUSALS.includes(httpCode))
		return undefined;
	const number = await readNumber.call(this, phoneNumberId, itemIndex);
	const problem = number && fromNumberProblem(number);
	if (!number || !problem) return undefined;
	const shown =
		typeof number.phone_number === 'string' && number.phone_number ? `${number.phone_number} ` : '';
	const why = problem === 'inactive' ? 'is inactive' : 'has no phone number yet';
	return {
		headline: `Could not start the call: the From Number ${shown}${why}, so it cannot place calls`,
		hint: 'Agntix refused the call, and nobody was called. Pick an active number in "From Number" (numbers that cannot call are listed last, marked "cannot place calls"), or activate this one in the Agntix dashboard.',
	};
}
