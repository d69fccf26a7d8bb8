/** The fields of Wait for Call to End on Call → Start, their ranges and their choices. */
import type { INodeProperties } from 'n8n-workflow';

export const POLL_FLOOR_SECONDS = 1;
export const POLL_MAX_SECONDS = 600;
/** A day: longer than any call, and far below what a timer can hold. */
export const MAX_WAIT_SECONDS = 86_400;
/** Added to the call's TTL for the default maximum wait: analysis takes a moment after hang-up. */
export const WAIT_MARGIN_SECONDS = 120;

export const WAIT_MODES = [
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

export const ON_TIMEOUT = [
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
