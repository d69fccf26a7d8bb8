/**
 * Whether the person was reached, and one plain word a Switch node can route on. Agntix does
 * not say why a call ended; whether the customer said something is in the transcript.
 */
import type { IDataObject } from 'n8n-workflow';

import { clock } from './clock';
import { durationText } from './durationText';
import { asObject } from './values';

/** The values of `outcome`, as a Switch node's rules name them. */
export const OUTCOMES = {
	reached: 'reached',
	notReached: 'notReached',
	timedOut: 'timedOut',
	inProgress: 'inProgress',
	unknown: 'unknown',
} as const;
export type Outcome = (typeof OUTCOMES)[keyof typeof OUTCOMES];

/** Whether the customer said something: a USER message with words in it. */
export function customerSpoke(messages: IDataObject[]): boolean {
	return messages.some(
		(message) => message.role === 'USER' && String(message.content ?? '').trim() !== '',
	);
}

/**
 * End reasons and call statuses that say nobody was reached (voicemail, no answer, busy…), as
 * Agntix's unreleased session read names them. The public API reports none; when an answer
 * carries one, it decides over the transcript, where a voicemail greeting reads as words.
 */
const NOBODY_REACHED =
	/voicemail|machine|no[_ -]?answer|busy|fail|cancel|declin|reject|unreachable/i;

function nobodyReachedReason(simple: IDataObject): string | undefined {
	const reasons = [simple.endedReason, asObject(simple.callInfo)?.status];
	return reasons.find(
		(reason): reason is string => typeof reason === 'string' && NOBODY_REACHED.test(reason),
	);
}

/** Reads within the time left, or fails saying so (a webhook must answer Agntix in time). */
async function withinTime<T>(read: Promise<T>, limitMs: number | undefined): Promise<T> {
	if (limitMs === undefined) return await read;
	const late = Symbol('late');
	const first = await Promise.race([read, clock.wait(limitMs).then(() => late)]);
	if (first === late)
		throw new Error(`the transcript did not arrive within ${durationText(limitMs)}`);
	return first as T;
}

export interface WithOutcome {
	output: IDataObject;
	/** The transcript when it was read (for Include Transcript: no second read). */
	messages?: IDataObject[];
	/** Why the transcript could not be read. */
	readError?: string;
}

/**
 * Adds `outcome` (first key) and, for an ended call, `reached` to a simplified session. The
 * transcript is read only for an ended call; when that read fails the result still goes on,
 * with outcome "unknown" and the reason in `reachedUnknownReason`. An end reason that says
 * nobody was reached (voicemail, no answer…) decides over the transcript.
 */
export async function withOutcome(
	simple: IDataObject,
	{
		timedOut,
		readMessages,
		limitMs,
	}: { timedOut: boolean; readMessages: () => Promise<IDataObject[]>; limitMs?: number },
): Promise<WithOutcome> {
	if (timedOut) return { output: { outcome: OUTCOMES.timedOut, ...simple } };
	if (simple.ended !== true) return { output: { outcome: OUTCOMES.inProgress, ...simple } };
	const endedUnreached = nobodyReachedReason(simple) !== undefined;
	try {
		const messages = await withinTime(readMessages(), limitMs);
		const reached = !endedUnreached && customerSpoke(messages);
		return {
			output: {
				outcome: reached ? OUTCOMES.reached : OUTCOMES.notReached,
				...simple,
				reached,
			},
			messages,
		};
	} catch (error) {
		const readError = (error as Error).message;
		if (endedUnreached)
			return { output: { outcome: OUTCOMES.notReached, ...simple, reached: false }, readError };
		return {
			output: {
				outcome: OUTCOMES.unknown,
				...simple,
				reachedUnknownReason: `The transcript could not be read, so whether the person was reached is not known: ${readError}`,
			},
			readError,
		};
	}
}
