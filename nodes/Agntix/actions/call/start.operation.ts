/**
 * Call → Start, as a pipeline: plan every item (and its guards) before anyone is called;
 * decide once, from all plans, whether the run polls, pauses or is refused; place each call
 * and wait for its end; then the output. Every failure is a CallFailure value, rendered once,
 * in outputOf.
 */
import { updateDisplayOptions } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { InputProblem, checkedNumber } from '../../helpers/inputProblem';
import { runWithConcurrency, settle } from '../concurrency';
import type { Settled } from '../concurrency';
import { errorItem } from '../items';
import { CallFailure, asCallFailure, failureWhileWaiting, renderFailure } from './callFailure';
import { planCall, refuseOutsideCallingHours, refuseRepeatedNumber } from './callPlan';
import type { CallPlan } from './callPlan';
import { hoursSealKey } from './hoursOnItem';
import { pauseUntilEnd, pausesUntilEnd, resumeVariableOf } from '../../pause';
import { placeCall } from './placeCall';
import { properties } from './startFields';
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY } from './startLimits';
import type { WaitSettings } from './waitForEnd';
import { waitForEnd } from './waitForEnd';

export { DEFAULT_CONCURRENCY } from './startLimits';

export const description = updateDisplayOptions(
	{ show: { resource: ['call'], operation: ['start'] } },
	properties,
);

type Planned = CallPlan | CallFailure;

/** Every item is read and checked before anyone is called, so one bad row cannot stop a half-done run. */
function planAll(this: IExecuteFunctions, items: INodeExecutionData[], sealKey: string): Planned[] {
	const firstItemOf = new Map<string, number>();
	return items.map((_, itemIndex) => {
		try {
			const plan = planCall.call(this, itemIndex, sealKey);
			refuseOutsideCallingHours(plan);
			refuseRepeatedNumber(plan, itemIndex, firstItemOf);
			return plan;
		} catch (error) {
			return asCallFailure(error, itemIndex);
		}
	});
}

/** How the run goes, decided once from all its plans. */
type RunMode =
	| { mode: 'poll'; concurrency: number }
	| { mode: 'pause'; wait: WaitSettings }
	/** Nobody is called: every item fails with this problem. */
	| { mode: 'refused'; problem: unknown };

/**
 * Refuses a run that could call someone twice ("Retry On Fail" runs the whole node again) or
 * whose node-wide settings are wrong, and decides between pausing and polling from the wait
 * the items ask for and how many there are (items that failed their plan count too).
 */
async function runModeOf(this: IExecuteFunctions, plans: Planned[]): Promise<RunMode> {
	try {
		if (this.getNode().retryOnFail) {
			throw new InputProblem(
				'Turn off "Retry On Fail" in this node\'s settings',
				'Nobody was called. "Retry On Fail" runs the whole node again, so everyone already called would be called a second time. This node already resends what Agntix rate-limited, and never a call that may have been placed. To keep going past a failed item, use "On Error: Continue" instead.',
			);
		}
		const wait = plans.find((plan): plan is CallPlan => !(plan instanceof CallFailure))?.wait;
		if (wait && (await pausesUntilEnd.call(this, plans.length, wait.mode)))
			return { mode: 'pause', wait };
		return { mode: 'poll', concurrency: concurrencyOf.call(this) };
	} catch (problem) {
		return { mode: 'refused', problem };
	}
}

/** Max Concurrent Requests is one setting for the whole node: it is read from the first item. */
function concurrencyOf(this: IExecuteFunctions): number {
	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	return checkedNumber(options.concurrency, {
		label: 'Max Concurrent Requests',
		min: 1,
		max: MAX_CONCURRENCY,
		wholeNumber: true,
		fallback: DEFAULT_CONCURRENCY,
		example: `How many calls to start at the same time, e.g. ${DEFAULT_CONCURRENCY}`,
	});
}

/**
 * The one call of a pausing run (see pause/index.ts): started with the execution's resume URL
 * as a session variable, then the execution waits for its end.
 */
async function startAndPause(
	this: IExecuteFunctions,
	item: INodeExecutionData,
	plan: CallPlan,
	wait: WaitSettings,
): Promise<IDataObject> {
	const resume = resumeVariableOf.call(this);
	const session_variables = { ...plan.body.session_variables, ...resume.variables };
	const pausing = { ...plan, body: { ...plan.body, session_variables }, redact: resume.redact };
	const started = await placeCall.call(this, pausing, 0);
	try {
		return await pauseUntilEnd.call(this, item, { ...started }, wait.maxWaitMs);
	} catch (error) {
		throw failureWhileWaiting(error, 0, started.sessionId, started.toPhoneNumber);
	}
}

/** The status of a call Agntix accepted: it is dialling; its result comes when it ends. */
const CALL_STARTED = 'started';

/** One item: the call, then (when asked) its end by polling. */
async function callAndWait(
	this: IExecuteFunctions,
	plan: CallPlan,
	itemIndex: number,
): Promise<IDataObject> {
	const started = await placeCall.call(this, plan, itemIndex);
	// status first: the column a reader of the output table sees before the ids.
	if (!plan.wait) return { status: CALL_STARTED, ...started };
	try {
		return {
			...(await waitForEnd.call(this, started.sessionId, plan.wait, itemIndex)),
			phoneNumberId: plan.phoneNumberId,
		};
	} catch (error) {
		throw failureWhileWaiting(error, itemIndex, started.sessionId, started.toPhoneNumber);
	}
}

/**
 * Says, on the error that stops the node, what was already done, so nobody re-runs blindly:
 * every call that was started (whatever happened after), with its item and session id, and
 * every call that may have been placed without a confirmation.
 */
function partialRunNote(outcomes: Array<Settled<IDataObject>>): string | undefined {
	const started: string[] = [];
	const unconfirmed: string[] = [];
	for (const outcome of outcomes) {
		if (outcome.status === 'done')
			started.push(`item ${outcome.index}: session ${String(outcome.value.sessionId)}`);
		if (outcome.status !== 'failed' || !(outcome.error instanceof CallFailure)) continue;
		if (outcome.error.fate === 'started')
			started.push(`item ${outcome.index}: session ${outcome.error.extra.sessionId}`);
		if (outcome.error.fate === 'mayHaveBeenPlaced') unconfirmed.push(`item ${outcome.index}`);
	}
	const notRun = outcomes.filter((outcome) => outcome.status === 'skipped').length;
	if (started.length + unconfirmed.length + notRun === 0) return undefined;
	const unconfirmedText = unconfirmed.length
		? `, ${unconfirmed.length} call(s) may have been placed without Agntix confirming them (${unconfirmed.join(', ')}),`
		: '';
	return (
		`${started.length} call(s) of this run were started${started.length ? ` (${started.join(', ')})` : ''}${unconfirmedText} and ${notRun} item(s) were not run. ` +
		'Running the node again would call those people again. Set "On Error" to "Continue" in the node settings to get one result per item.'
	);
}

/**
 * The one place that turns outcomes into the node's output: one item per input item, in order.
 * With "Continue On Fail" a failed item becomes an error item at its place (with its session
 * id when its call was started); without it, the first failure stops the node, saying what
 * the run already did.
 */
function outputOf(
	this: IExecuteFunctions,
	outcomes: Array<Settled<IDataObject>>,
	continueOnFail: boolean,
): INodeExecutionData[] {
	const failureOf = (outcome: Settled<IDataObject> & { status: 'failed' }) =>
		asCallFailure(outcome.error, outcome.index);
	if (!continueOnFail) {
		const failed = outcomes.find(
			(outcome): outcome is Settled<IDataObject> & { status: 'failed' } =>
				outcome.status === 'failed',
		);
		if (failed) {
			const note = partialRunNote(outcomes);
			throw renderFailure.call(this, failureOf(failed), note ? [note] : []);
		}
	}
	return outcomes.map((outcome) => {
		if (outcome.status === 'done')
			return { json: outcome.value, pairedItem: { item: outcome.index } };
		// Items are skipped only after a failure without Continue On Fail, which threw above.
		const failure =
			outcome.status === 'skipped'
				? new CallFailure(outcome.index, 'Not run: an earlier item failed', 'notPlaced')
				: failureOf(outcome);
		return errorItem(
			renderFailure.call(this, failure),
			outcome.index,
			failure.extra.sessionId ? { sessionId: failure.extra.sessionId } : {},
		);
	});
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	const continueOnFail = this.continueOnFail();
	const plans = planAll.call(this, items, await hoursSealKey.call(this));
	const run = await runModeOf.call(this, plans);
	const failed = (index: number, error: unknown): Settled<IDataObject> => ({
		index,
		status: 'failed',
		error: asCallFailure(error, index),
	});
	// A refused run: each item fails with its own problem, or else the run's.
	if (run.mode === 'refused') {
		const refused = plans.map((plan, index) =>
			failed(index, plan instanceof CallFailure ? plan : run.problem),
		);
		return outputOf.call(this, refused, continueOnFail);
	}

	const failedPlans = plans.flatMap((plan, index) =>
		plan instanceof CallFailure ? [failed(index, plan)] : [],
	);
	if (!continueOnFail && failedPlans.length) return outputOf.call(this, failedPlans, false);
	if (run.mode === 'pause') {
		// Pausing takes one item, so its plan is the one that did not fail.
		const plan = plans[0] as CallPlan;
		const outcome = await settle(0, () => startAndPause.call(this, items[0], plan, run.wait));
		return outputOf.call(this, [outcome], continueOnFail);
	}
	const runnable = plans.flatMap((plan, index) => (plan instanceof CallFailure ? [] : [index]));
	const outcomes = await runWithConcurrency(
		runnable,
		run.concurrency,
		(index) => callAndWait.call(this, plans[index] as CallPlan, index),
		!continueOnFail,
	);
	const all = [...outcomes, ...failedPlans].sort((a, b) => a.index - b.index);
	return outputOf.call(this, all, continueOnFail);
}
