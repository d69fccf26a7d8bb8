import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { checkedNumber } from '../../helpers/inputProblem';
import { runWithConcurrency } from '../items';
import { countryOptions } from '../../helpers/phoneNumbers';
import { mayHaveHadEffect, unreadableAnswerError } from '../../../shared/transport/errors';
import type { Unconfirmed } from '../../../shared/transport/errors';
import { agntixRequest } from '../../../shared/transport/request';
import { agentLocator, phoneNumberLocator } from '../../../shared/descriptions';
import { addNote, errorItem, itemError } from '../items';
import { RESUME_URL_VARIABLE } from '../../../shared/pausedCall';
import { explainFromNumberRefusal } from './fromNumberRefusal';
import { pauseExecution, pausesUntilEnd, resumeUrlOfExecution } from './pauseUntilEnd';
import { MAX_TIMEOUT_SECONDS, TTL_MAX, TTL_MIN, planCall, refuseRepeatedNumber } from './callPlan';
import type { CallPlan } from './callPlan';
import { waitFields, waitForEnd } from './waitForEnd';

export const DEFAULT_CONCURRENCY = 5;
const MAX_CONCURRENCY = 50;


const properties: INodeProperties[] = [
	phoneNumberLocator,
	agentLocator,
	{
		displayName: 'To Phone Number',
		name: 'toPhoneNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: '+14155550100',
		description: 'The number to call',
		hint: 'With the country code, e.g. +971 50 123 4567 or 00971501234567. Numbers without it, e.g. (415) 555-0100, need "Default Country" in the options.',
	},
	{
		displayName: 'Max Call Duration (Seconds)',
		name: 'ttl',
		type: 'number',
		default: 600,
		typeOptions: { minValue: TTL_MIN, maxValue: TTL_MAX },
		description: 'Agntix ends the call when this time has passed',
		hint: `Between ${TTL_MIN} and ${TTL_MAX} seconds, e.g. 300 for five minutes`,
	},
	{
		displayName: 'Specify Session Variables',
		name: 'sessionVariablesMode',
		type: 'options',
		options: [
			{ name: 'Using Fields Below', value: 'fields' },
			{ name: 'Using JSON', value: 'json' },
		],
		default: 'fields',
		description:
			'Session variables give the agent context for this call. Each name becomes {{name}} in the agent\'s prompt and comes back in Agntix webhooks, so IDs like crmContactId work for matching results.',
	},
	{
		displayName: 'Session Variables',
		name: 'sessionVariables',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Variable',
		default: {},
		displayOptions: { show: { sessionVariablesMode: ['fields'] } },
		options: [
			{
				displayName: 'Variable',
				name: 'variable',
				values: [
					{
						displayName: 'Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'customerName',
						description: 'Used as {{customerName}} in the agent\'s prompt. Names starting with "system." are reserved.',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'Ada Lovelace',
						description: 'Text, a number or true/false',
						hint: 'Map a field from an earlier node, e.g. {{ $json.firstName }}',
					},
				],
			},
		],
	},
	{
		displayName: 'Session Variables (JSON)',
		name: 'sessionVariablesJson',
		type: 'json',
		default: '{\n  "customerName": "Ada Lovelace",\n  "crmContactId": "C-1042"\n}',
		description: 'An object of names and values',
		hint: 'Map a whole object, e.g. {{ { customerName: $json.name, crmContactId: $json.id } }}',
		displayOptions: { show: { sessionVariablesMode: ['json'] } },
	},
	...waitFields,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Allow Premium-Rate Numbers',
				name: 'allowPremiumRate',
				type: 'boolean',
				default: false,
				description:
					'Whether to call numbers that cost the caller extra: premium-rate (e.g. +1 900), shared-cost, and international networks and satellite phones (+870, +881, +882, +883, +808, +979). Off: such numbers fail for their item.',
			},
			{
				displayName: 'Allow Repeated Numbers',
				name: 'allowRepeatedNumbers',
				type: 'boolean',
				default: false,
				description:
					'Whether to call a number again when it appears in several items of one run. Off: the later items fail, so nobody is called twice by mistake.',
			},
			{
				displayName: 'Allowed Countries',
				name: 'allowedCountries',
				type: 'multiOptions',
				options: countryOptions(),
				default: [],
				description:
					'Only numbers in these countries are called; others fail for their item. Guards against expensive or unintended calls, e.g. when an AI agent uses this node.',
			},
			{
				displayName: 'Default Country',
				name: 'defaultCountry',
				type: 'options',
				options: [{ name: 'None (Numbers Must Start With +)', value: '' }, ...countryOptions()],
				default: '',
				description: 'Country of numbers written without a country code, e.g. (415) 555-0100 with United States',
			},
			{
				displayName: 'Max Concurrent Requests',
				name: 'concurrency',
				type: 'number',
				default: DEFAULT_CONCURRENCY,
				typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
				description:
					'How many calls are started at the same time when many items come in. Lower it if Agntix reports its rate limit.',
			},
			{
				displayName: 'Request Timeout (Seconds)',
				name: 'timeout',
				type: 'number',
				default: 60,
				typeOptions: { minValue: 1, maxValue: MAX_TIMEOUT_SECONDS },
				description:
					'How long to wait for Agntix to confirm the call. A call that times out is not sent again, so nobody is called twice.',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['call'], operation: ['start'] } }, properties);

/** What to do when Agntix may have placed a call without confirming it: one wording everywhere. */
const MAY_HAVE_BEEN_PLACED =
	'Agntix may have placed the call, so it was not sent again (that could call the person twice). Check the calls in the Agntix dashboard before running this item again.';

/** What an item's error says when Agntix may have placed its call without confirming it. */
function unconfirmed(plan: CallPlan): Unconfirmed {
	return {
		headline: `Could not confirm the call to ${plan.body.to_phone_number}: it may have been placed; not sent again`,
		hint: MAY_HAVE_BEEN_PLACED,
	};
}

/** Names the editor shows for the fields of the call start, in Agntix's validation errors. */
const FIELD_LABELS = {
	to_phone_number: 'To Phone Number',
	agent_id: 'Agent',
	ttl: 'Max Call Duration',
	session_variables: 'Session Variables',
	phone_number_id: 'From Number',
};

async function startCall(this: IExecuteFunctions, plan: CallPlan, itemIndex: number): Promise<IDataObject> {
	const action = 'start the call';
	let response: IDataObject | undefined;
	try {
		response = (await agntixRequest.call(this, {
			method: 'POST',
			path: `/api/v1/phone-numbers/${encodeURIComponent(plan.phoneNumberId)}/calls/start`,
			body: plan.body,
			// No idempotency key: sent twice, it would call the person twice.
			idempotent: false,
			action,
			fieldLabels: FIELD_LABELS,
			itemIndex,
			timeoutMs: plan.timeoutMs,
			notFoundHint: `The From Number (${plan.phoneNumberId}) or the Agent (${plan.body.agent_id}) does not belong to this Agntix organization. Pick both from their lists.`,
			unconfirmed: unconfirmed(plan),
			redact: plan.redact,
		})) as IDataObject | undefined;
	} catch (error) {
		throw await explainFromNumberRefusal.call(this, error, plan.phoneNumberId, itemIndex);
	}
	if (typeof response?.sessionId !== 'string' || response.sessionId === '') {
		throw unreadableAnswerError(this.getNode(), "Agntix's answer had no session id", { action, itemIndex, unconfirmed: unconfirmed(plan) });
	}
	if (plan.wait) {
		const sessionId = response.sessionId;
		try {
			return { ...(await waitForEnd.call(this, sessionId, plan.wait, itemIndex)), phoneNumberId: plan.phoneNumberId };
		} catch (error) {
			throw startedCallError(error, sessionId, plan.body.to_phone_number);
		}
	}
	return {
		sessionId: response.sessionId,
		phoneNumberId: plan.phoneNumberId,
		agentId: plan.body.agent_id,
		toPhoneNumber: plan.body.to_phone_number,
		ttl: plan.body.ttl,
		sessionVariables: plan.body.session_variables,
	};
}

/** Session ids of calls that were started although their item then failed (while waiting). */
const startedSessions = new WeakMap<object, string>();

/** Marks an error as coming after the call was placed: its headline says so first. */
function startedCallError(error: unknown, sessionId: string, toPhoneNumber: string): unknown {
	if (typeof error !== 'object' || error === null) return error;
	startedSessions.set(error, sessionId);
	if (error instanceof Error) {
		error.message = `The call to ${toPhoneNumber} was started (session ${sessionId}), but waiting for its end failed: ${error.message}`;
	}
	return error;
}

/** The session id of a failed item whose call was started, if any. */
function startedSessionOf(error: unknown): string | undefined {
	return typeof error === 'object' && error !== null ? startedSessions.get(error) : undefined;
}

/** One call, then the execution pauses until Agntix reports its end (see pauseUntilEnd.ts). */
async function startAndPause(
	this: IExecuteFunctions,
	item: INodeExecutionData,
	plan: CallPlan,
	continueOnFail: boolean,
): Promise<INodeExecutionData[]> {
	const resumeUrl = resumeUrlOfExecution.call(this);
	const body = { ...plan.body, session_variables: { ...plan.body.session_variables, [RESUME_URL_VARIABLE]: resumeUrl } };
	// An error that echoes the request must not show the URL or its token (see pausedCall.ts).
	const redact = [resumeUrl, new URL(resumeUrl).searchParams.get('signature') ?? ''];
	let started: IDataObject;
	try {
		started = await startCall.call(this, { ...plan, body, wait: undefined, redact }, 0);
	} catch (error) {
		const failure = itemError.call(this, error, 0);
		if (!continueOnFail) throw failure;
		return [errorItem(failure, 0)];
	}
	return await pauseExecution.call(this, item, started, plan.wait!);
}

/** Max Concurrent Requests is one setting for the whole node: it is read from the first item. */
function concurrencyOf(this: IExecuteFunctions): number {
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	try {
		return checkedNumber(options.concurrency, {
			label: 'Max Concurrent Requests',
			min: 1,
			max: MAX_CONCURRENCY,
			wholeNumber: true,
			fallback: DEFAULT_CONCURRENCY,
			example: `How many calls to start at the same time, e.g. ${DEFAULT_CONCURRENCY}`,
		});
	} catch (error) {
		throw itemError.call(this, error, 0);
	}
}

/** A call of this run that was started, or may have been placed without Agntix confirming it. */
interface CallMade {
	index: number;
	sessionId?: string;
}

/**
 * Says, on the error that stops the node, what was already done, so nobody re-runs blindly:
 * every call that was started (whatever happened after), with its item and session id, and
 * every call that may have been placed without a confirmation.
 */
function explainPartialRun(error: Error, calls: CallMade[], notRun: number): Error {
	if (calls.length === 0 && notRun === 0) return error;
	const started = calls.filter((call) => call.sessionId !== undefined);
	const unconfirmed = calls.filter((call) => call.sessionId === undefined);
	const startedList = started.map((call) => `item ${call.index}: session ${call.sessionId}`).join(', ');
	const unconfirmedText = unconfirmed.length
		? `, ${unconfirmed.length} call(s) may have been placed without Agntix confirming them (${unconfirmed.map((call) => `item ${call.index}`).join(', ')}),`
		: '';
	return addNote(
		error,
		`${started.length} call(s) of this run were started${startedList ? ` (${startedList})` : ''}${unconfirmedText} and ${notRun} item(s) were not run. ` +
			'Running the node again would call those people again. Set "On Error" to "Continue" in the node settings to get one result per item.',
	);
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	if (this.getNode().retryOnFail) {
		throw new NodeOperationError(this.getNode(), 'Turn off "Retry On Fail" in this node\'s settings', {
			description:
				'"Retry On Fail" runs the whole node again, so everyone already called would be called a second time. This node already resends what Agntix rate-limited, and never a call that may have been placed. To keep going past a failed item, use "On Error: Continue" instead.',
		});
	}
	const continueOnFail = this.continueOnFail();
	// Every item is checked before anyone is called, so one bad row cannot stop a half-done run.
	const firstItemOf = new Map<string, number>();
	const plans = items.map((_, itemIndex) => {
		try {
			const plan = planCall.call(this, itemIndex);
			refuseRepeatedNumber(plan, itemIndex, firstItemOf);
			return plan;
		} catch (error) {
			return itemError.call(this, error, itemIndex);
		}
	});
	if (!continueOnFail) {
		const firstProblem = plans.find((plan): plan is Error => plan instanceof Error);
		if (firstProblem) throw firstProblem;
	}

	const first = plans[0];
	if (!(first instanceof Error) && (await pausesUntilEnd.call(this, items.length, first.wait))) {
		return await startAndPause.call(this, items[0], first, continueOnFail);
	}

	const runnable = plans.flatMap((plan, index) => (plan instanceof Error ? [] : [index]));
	const outcomes = await runWithConcurrency(
		runnable,
		concurrencyOf.call(this),
		(index) => startCall.call(this, plans[index] as CallPlan, index),
		!continueOnFail,
	);

	if (!continueOnFail) {
		const failed = outcomes.find((outcome) => outcome.status === 'failed');
		if (failed?.status === 'failed') {
			const calls = outcomes.flatMap((outcome): CallMade[] => {
				if (outcome.status === 'done') return [{ index: outcome.index, sessionId: String(outcome.value.sessionId) }];
				if (outcome.status !== 'failed') return [];
				const sessionId = startedSessionOf(outcome.error);
				if (sessionId) return [{ index: outcome.index, sessionId }];
				return mayHaveHadEffect(outcome.error) ? [{ index: outcome.index }] : [];
			});
			const notRun = outcomes.filter((outcome) => outcome.status === 'skipped').length;
			throw explainPartialRun(itemError.call(this, failed.error, failed.index), calls, notRun);
		}
	}

	const outcomeOf = new Map(outcomes.map((outcome) => [outcome.index, outcome]));
	return plans.map((plan, index) => {
		const outcome = outcomeOf.get(index);
		if (outcome?.status === 'done') return { json: outcome.value, pairedItem: { item: index } };
		if (outcome?.status === 'failed') {
			const item = errorItem(itemError.call(this, outcome.error, index), index);
			const sessionId = startedSessionOf(outcome.error);
			return sessionId ? { ...item, json: { ...item.json, sessionId } } : item;
		}
		return errorItem(plan as Error, index);
	});
}
