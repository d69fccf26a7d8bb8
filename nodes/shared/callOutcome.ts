/**
 * Whether the person was reached, and one plain word a Switch node can route on. Agntix does
 * not say why a call ended; whether the customer said something is in the transcript.
 */
import { sleep } from 'n8n-workflow';
import type { IDataObject } from 'n8n-workflow';

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

/** Reads within the time left, or fails saying so (a webhook must answer Agntix in time). */
async function withinTime<T>(read: Promise<T>, limitMs: number | undefined): Promise<T> {
	if (limitMs === undefined) return await read;
	const late = Symbol('late');
	const first = await Promise.race([read, sleep(limitMs).then(() => late)]);
	if (first === late)
		throw new Error(`the transcript did not arrive within ${Math.round(limitMs / 1000)} seconds`);
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
 * with outcome "unknown" and the reason in `reachedUnknownReason`.
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
	try {
		const messages = await withinTime(readMessages(), limitMs);
		const reached = customerSpoke(messages);
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
