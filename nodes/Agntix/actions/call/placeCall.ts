/** Sending one call start to Agntix: the one request that dials a person. */
import type { IExecuteFunctions } from 'n8n-workflow';

import { unreadableAnswerError } from '../../../shared/transport/errors';
import type { Unconfirmed } from '../../../shared/transport/errorText';
import { agntixRequest } from '../../../shared/transport/request';
import { InputProblem } from '../../helpers/inputProblem';
import { asCallFailure, failureOfStart } from './callFailure';
import { refuseOutsideCallingHours } from './callPlan';
import type { CallPlan } from './callPlan';
import { fromNumberRefusal } from './fromNumberRefusal';

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

/** The call as Agntix accepted it. */
export interface StartedCall {
	sessionId: string;
	phoneNumberId: string;
	agentId: string;
	toPhoneNumber: string;
	ttl: number;
	sessionVariables: CallPlan['body']['session_variables'];
}

/**
 * Starts the call; a failure is a CallFailure saying whether anyone may have been called.
 * The calling hours are checked right before every send (the first, and any resend after a
 * 429 or a wait for the rate limit): a call whose window closed meanwhile is not placed.
 */
export async function placeCall(
	this: IExecuteFunctions,
	plan: CallPlan,
	itemIndex: number,
): Promise<StartedCall> {
	const action = 'start the call';
	let response: { sessionId?: unknown } | undefined;
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
			maxRateLimitWaitMs: plan.rateLimitWaitMs,
			notFoundHint: `The From Number (${plan.phoneNumberId}) or the Agent (${plan.body.agent_id}) does not belong to this Agntix organization. Pick both from their lists.`,
			unconfirmed: unconfirmed(plan),
			redact: plan.redact,
			beforeEachSend: () => refuseOutsideCallingHours(plan),
		})) as typeof response;
	} catch (error) {
		if (error instanceof InputProblem) throw asCallFailure(error, itemIndex);
		throw failureOfStart(
			error,
			itemIndex,
			await fromNumberRefusal.call(this, error, plan.phoneNumberId, itemIndex),
		);
	}
	if (typeof response?.sessionId !== 'string' || response.sessionId === '') {
		const error = unreadableAnswerError(this.getNode(), "Agntix's answer had no session id", {
			action,
			itemIndex,
			unconfirmed: unconfirmed(plan),
		});
		throw failureOfStart(error, itemIndex);
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
