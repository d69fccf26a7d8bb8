/**
 * A failed item of Call → Start, as one value: what failed, what became of the person's call
 * (not placed, started, or may have been placed), its session id, and what to do. It is built
 * once, where the item failed, and rendered once into the error the user reads, at the
 * item-loop boundary (renderFailure). Nothing rewrites a message in between.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { InputProblem } from '../../helpers/inputProblem';
import { mayHaveHadEffect } from '../../../shared/transport/errors';
import { descriptionOf, itemError } from '../items';

/** What became of the person's call when the item failed. */
export type CallFate = 'notPlaced' | 'started' | 'mayHaveBeenPlaced';

export class CallFailure extends Error {
	constructor(
		readonly itemIndex: number,
		/** What the user reads first, without the item: e.g. "Could not start the call: …". */
		readonly headline: string,
		readonly fate: CallFate,
		readonly extra: { description?: string; sessionId?: string; cause?: Error } = {},
	) {
		super(headline);
		this.name = 'CallFailure';
	}
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/**
 * The one converter: a CallFailure as it is; anything else happened before a call was sent
 * (an input problem, a refusal of the whole run), so nobody was called. Every step after a
 * call start wraps its own errors in a CallFailure saying the call was started.
 */
export function asCallFailure(error: unknown, itemIndex: number): CallFailure {
	if (error instanceof CallFailure) return error;
	const cause = error instanceof Error && !(error instanceof InputProblem) ? error : undefined;
	return new CallFailure(itemIndex, messageOf(error), 'notPlaced', {
		description: descriptionOf(error),
		cause,
	});
}

/**
 * A call start that failed: Agntix refused it (nobody was called), or gave no clear answer
 * (it may have been placed). `refusal` is a plainer headline for a refusal, when known.
 */
export function failureOfStart(
	error: unknown,
	itemIndex: number,
	refusal?: { headline: string; hint: string },
): CallFailure {
	const fate = mayHaveHadEffect(error) ? 'mayHaveBeenPlaced' : 'notPlaced';
	const description = [refusal?.hint, descriptionOf(error)].filter(Boolean).join('\n');
	return new CallFailure(itemIndex, refusal?.headline ?? messageOf(error), fate, {
		description,
		cause: error instanceof Error ? error : undefined,
	});
}

/** Waiting for the end of a call that was started failed: the call itself is under way. */
export function failureWhileWaiting(
	error: unknown,
	itemIndex: number,
	sessionId: string,
	toPhoneNumber: string,
): CallFailure {
	return new CallFailure(
		itemIndex,
		`The call to ${toPhoneNumber} was started (session ${sessionId}), but waiting for its end failed: ${messageOf(error)}`,
		'started',
		{
			sessionId,
			description: [
				descriptionOf(error),
				'Do not run this item again, or the person is called a second time: get the result later with Session → Get.',
			]
				.filter(Boolean)
				.join('\n'),
			cause: error instanceof Error ? error : undefined,
		},
	);
}

/** The error the user reads for a failure, with "[item N]" and any notes about the whole run. */
export function renderFailure(
	this: IExecuteFunctions,
	failure: CallFailure,
	notes: string[] = [],
): Error {
	const description = [failure.extra.description, ...notes].filter(Boolean).join('\n');
	return itemError.call(this, failure.extra.cause ?? failure, failure.itemIndex, {
		headline: failure.headline,
		description,
	});
}
