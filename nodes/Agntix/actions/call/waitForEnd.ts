/** Wait for Call to End on Call → Start: its settings as read for an item, and the polling. */
import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { withOutcome } from '../../../shared/callOutcome';
import { clock } from '../../../shared/clock';
import { durationText } from '../../../shared/durationText';
import { ENDED_STATES, simplifySession, transcriptText } from '../../../shared/sessionOutput';
import { fetchAllMessages, fetchSession } from '../../../shared/transport/agntixApi';
import { checkedBoolean, checkedChoice } from '../../helpers/checkedChoice';
import { withoutResumeUrl } from '../../pause';
import { checkedNumber } from '../../helpers/inputProblem';
import {
	MAX_WAIT_SECONDS,
	ON_TIMEOUT,
	POLL_FLOOR_SECONDS,
	POLL_MAX_SECONDS,
	WAIT_MARGIN_SECONDS,
	WAIT_MODES,
} from './waitFields';

const POLL_CEILING_MS = 30_000;
const POLL_BACKOFF = 1.5;

export interface WaitSettings {
	mode: 'auto' | 'pause' | 'poll';
	maxWaitMs: number;
	pollIntervalMs: number;
	includeTranscript: boolean;
	failOnTimeout: boolean;
}

export function readWaitSettings(
	this: IExecuteFunctions,
	itemIndex: number,
	ttl: number,
): WaitSettings | undefined {
	const waits = checkedBoolean(
		this.getNodeParameter('waitForEnd', itemIndex, false),
		'Wait for Call to End',
		false,
	);
	if (!waits) return undefined;
	const options = this.getNodeParameter('waitOptions', itemIndex, {}) as IDataObject;
	const maxWait = checkedNumber(options.maxWait, {
		label: 'Max Wait (Seconds)',
		min: 0,
		max: MAX_WAIT_SECONDS,
		fallback: 0,
		example: `How long to wait for the call to end, e.g. 900; 0 waits for the Max Call Duration plus ${WAIT_MARGIN_SECONDS} seconds`,
	});
	const pollInterval = checkedNumber(options.pollInterval, {
		label: 'Poll Interval (Seconds)',
		min: POLL_FLOOR_SECONDS,
		max: POLL_MAX_SECONDS,
		fallback: 5,
		example: 'How long to wait before first asking whether the call has ended, e.g. 5',
	});
	return {
		mode: checkedChoice(this.getNodeParameter('waitMode', itemIndex, 'auto'), {
			label: 'How to Wait',
			choices: WAIT_MODES,
			fallback: 'auto',
		}) as WaitSettings['mode'],
		maxWaitMs: (maxWait > 0 ? maxWait : ttl + WAIT_MARGIN_SECONDS) * 1000,
		pollIntervalMs: pollInterval * 1000,
		includeTranscript: checkedBoolean(options.includeTranscript, 'Include Transcript', false),
		failOnTimeout:
			checkedChoice(options.onTimeout, {
				label: 'When the Wait Times Out',
				choices: ON_TIMEOUT,
				fallback: 'output',
			}) === 'fail',
	};
}

async function poll(
	this: IExecuteFunctions,
	sessionId: string,
	settings: WaitSettings,
	itemIndex: number,
) {
	const deadline = clock.now() + settings.maxWaitMs;
	let interval = settings.pollIntervalMs;
	for (;;) {
		await clock.wait(Math.max(0, Math.min(interval, deadline - clock.now())));
		const session = withoutResumeUrl(await fetchSession.call(this, sessionId, itemIndex));
		if (ENDED_STATES.includes(String(session.state))) return { session, timedOut: false };
		if (clock.now() >= deadline) return { session, timedOut: true };
		interval = Math.min(
			interval * POLL_BACKOFF,
			Math.max(POLL_CEILING_MS, settings.pollIntervalMs),
		);
	}
}

/**
 * Polls the session until the call is CLOSED or EXPIRED, then returns its simplified result.
 * Its errors say what failed; the caller adds that the call itself was started.
 */
export async function waitForEnd(
	this: IExecuteFunctions,
	sessionId: string,
	settings: WaitSettings,
	itemIndex: number,
): Promise<IDataObject> {
	const { session, timedOut } = await poll.call(this, sessionId, settings, itemIndex);
	if (timedOut && settings.failOnTimeout) {
		throw new NodeOperationError(
			this.getNode(),
			`it did not end within ${durationText(settings.maxWaitMs)} (it is still ${String(session.state)})`,
			{
				itemIndex,
				description:
					'It may still be running. To wait longer, raise "Max Wait" in the Wait Options.',
			},
		);
	}
	const readMessages = () => fetchAllMessages.call(this, sessionId, itemIndex);
	const { output, messages } = await withOutcome(simplifySession(session), {
		timedOut,
		readMessages,
	});
	if (timedOut) output.waitTimedOut = true;
	if (settings.includeTranscript) {
		const transcript = messages ?? (await readMessages());
		output.transcript = transcriptText(transcript);
		output.messages = transcript;
	}
	return output;
}
