import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { withOutcome } from '../../../shared/callOutcome';
import { clock } from '../../../shared/clock';
import { ENDED_STATES, simplifySession, transcriptText } from '../../../shared/sessionOutput';
import { fetchAllMessages, fetchSession } from '../../../shared/transport/agntixApi';
import { checkedBoolean, checkedChoice } from '../../helpers/checkedChoice';
import { withoutResumeUrl } from '../../pause';
import { checkedNumber } from '../../helpers/inputProblem';

const POLL_FLOOR_SECONDS = 1;
const POLL_MAX_SECONDS = 600;
/** A day: longer than any call, and far below what a timer can hold. */
const MAX_WAIT_SECONDS = 86_400;
const POLL_CEILING_MS = 30_000;
const POLL_BACKOFF = 1.5;
/** Added to the call's TTL for the default maximum wait: analysis takes a moment after hang-up. */
const WAIT_MARGIN_SECONDS = 120;

const WAIT_MODES = [
	{
		name: 'Pause if the Credential Has a Webhook Signing Secret',
		value: 'auto',
		description:
			'Pause for one item when the Agntix Trigger is set up (the credential has its signing secret); otherwise keep checking',
	},
	{
		name: 'Pause the Workflow Until Agntix Reports the End',
		value: 'pause',
		description:
			'The execution is saved and waits without holding n8n or a worker, and survives a restart. Needs the Agntix Trigger set up. One item per execution.',
	},
	{
		name: 'Keep Checking (Polling)',
		value: 'poll',
		description:
			'The execution keeps running and asks Agntix every few seconds. Works for lists of many items and without the Agntix Trigger.',
	},
];

const ON_TIMEOUT = [
	{
		name: 'Output the Current State',
		value: 'output',
		description: 'The item gets the call as it is at that moment, marked with waitTimedOut: true',
	},
	{ name: 'Fail the Item', value: 'fail', description: 'The item fails with an error' },
];

export const waitFields: INodeProperties[] = [
	{
		displayName: 'Wait for Call to End',
		name: 'waitForEnd',
		type: 'boolean',
		default: false,
		description:
			'Whether to wait until the call is over and output its result (state, summary, resolution, sentiment, extracted data) instead of only the session ID',
	},
	{
		displayName: 'How to Wait',
		name: 'waitMode',
		type: 'options',
		default: 'auto',
		displayOptions: { show: { waitForEnd: [true] } },
		options: WAIT_MODES,
	},
	{
		displayName:
			"Pausing needs the Agntix Trigger: an active workflow with it, its Production URL as an endpoint in Agntix (with Call Ended), and its signing secret in this credential. The trigger hands each call's end to the paused execution.",
		name: 'pauseNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { waitForEnd: [true], waitMode: ['auto', 'pause'] } },
	},
	{
		displayName: 'Wait Options',
		name: 'waitOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { waitForEnd: [true] } },
		options: [
			{
				displayName: 'Include Transcript',
				name: 'includeTranscript',
				type: 'boolean',
				default: false,
				description:
					'Whether to add the conversation as text ("Agent: … / Customer: …") and as a list of messages',
			},
			{
				displayName: 'Max Wait (Seconds)',
				name: 'maxWait',
				type: 'number',
				default: 0,
				typeOptions: { minValue: 0, maxValue: MAX_WAIT_SECONDS },
				description: `How long to wait for the call to end. 0 waits for the Max Call Duration plus ${WAIT_MARGIN_SECONDS} seconds.`,
			},
			{
				displayName: 'Poll Interval (Seconds)',
				name: 'pollInterval',
				type: 'number',
				default: 5,
				typeOptions: { minValue: POLL_FLOOR_SECONDS, maxValue: POLL_MAX_SECONDS },
				description:
					'How long to wait before first asking Agntix whether the call has ended. Later checks come less often, up to every 30 seconds, to spare your rate limit.',
			},
			{
				displayName: 'When the Wait Times Out',
				name: 'onTimeout',
				type: 'options',
				default: 'output',
				options: ON_TIMEOUT,
			},
		],
	},
];

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
			`it did not end within ${Math.round(settings.maxWaitMs / 1000)} seconds (it is still ${String(session.state)})`,
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
