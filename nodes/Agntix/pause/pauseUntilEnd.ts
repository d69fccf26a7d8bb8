/**
 * Steps 1 and 2 of the pause (see index.ts): whether a run pauses, the resume URL its call
 * carries, and saving the execution as waiting once the call is started.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { OUTCOMES } from '../../shared/callOutcome';
import { clock } from '../../shared/clock';
import { durationText } from '../../shared/durationText';
import { secretKey } from '../../shared/signature';
import { isToolCall } from '../../shared/toolCall';
import { CREDENTIAL_TYPE } from '../../shared/transport/request';
import { webhookSecretOf } from '../../shared/verifiedWebhook';
import { dateTimeText } from '../helpers/localTime';
import { EXECUTION_PER_ITEM } from '../helpers/executionPerItem';
import { InputProblem } from '../helpers/inputProblem';
import { RESUME_URL_VARIABLE, withoutResumeUrl } from './resumeUrl';

/**
 * Whether this run pauses rather than keeps checking, from its item count and the wait that
 * its items ask for; a pause it cannot do is an InputProblem, before anyone is called.
 */
export async function pausesUntilEnd(
	this: IExecuteFunctions,
	itemCount: number,
	mode: 'auto' | 'pause' | 'poll',
): Promise<boolean> {
	if (mode === 'poll') return false;
	// An AI agent's tool call must answer within the agent's run: it always keeps checking.
	if (isToolCall(this)) return false;
	const secret = webhookSecretOf(await this.getCredentials(CREDENTIAL_TYPE));
	const canVerify = secret !== '' && secretKey(secret) !== undefined;
	if (mode === 'auto') return itemCount === 1 && canVerify;
	if (!canVerify) {
		throw new InputProblem(
			'Pausing needs the webhook signing secret in the Agntix credential',
			`Nobody was called. ${
				secret === ''
					? 'The credential has no signing secret'
					: 'The signing secret in the credential is not a whsec_... secret'
			}, so the end of the call could not be verified and the execution would wait until its deadline. Copy the Signing Secret of the Agntix Trigger's endpoint (Agntix dashboard → Developer) into the credential, or set "How to Wait" to "Keep Checking (Polling)".`,
		);
	}
	if (itemCount !== 1) {
		throw new InputProblem(
			`Pausing waits for one call per execution, and ${itemCount} items came in`,
			`Nobody was called. For a list, set "How to Wait" to "Keep Checking (Polling)", or ${EXECUTION_PER_ITEM}.`,
		);
	}
	return true;
}

/**
 * The session variable that takes this execution's resume URL to Agntix and back, and what no
 * error may show of it (the URL and its token).
 */
export function resumeVariableOf(this: IExecuteFunctions): {
	variables: IDataObject;
	redact: string[];
} {
	const resumeUrl = String(this.evaluateExpression('{{ $execution.resumeUrl }}', 0));
	return {
		variables: { [RESUME_URL_VARIABLE]: resumeUrl },
		redact: [resumeUrl, new URL(resumeUrl).searchParams.get('signature') ?? ''],
	};
}

/** The call as Agntix accepted it, as far as the pause needs it. */
interface StartedCall extends IDataObject {
	sessionId: string;
	toPhoneNumber: string;
}

/**
 * Saves the execution as waiting until `maxWaitMs` from now, with the item it continues with
 * if no end is reported (the call marked as timed out). Its errors are the caller's to report:
 * the call is under way by then.
 */
export async function pauseUntilEnd(
	this: IExecuteFunctions,
	item: INodeExecutionData,
	started: StartedCall,
	maxWaitMs: number,
): Promise<IDataObject> {
	// n8n saves this node's input item with the waiting execution: it is what the execution
	// continues with if the deadline passes, and where the resume webhook reads its session id.
	item.json = {
		outcome: OUTCOMES.timedOut,
		...withoutResumeUrl({ ...started }),
		ended: false,
		waitTimedOut: true,
	};
	const deadline = clock.now() + maxWaitMs;
	await this.putExecutionToWait(new Date(deadline));
	// Shown above the output while the execution waits, where n8n itself only says "Waiting".
	this.addExecutionHints({
		message: waitingHint(started.toPhoneNumber, started.sessionId, deadline, this.getTimezone()),
		type: 'info',
		location: 'outputPane',
	});
	return item.json;
}

/** What the output panel says about a paused call: that it started, and until when it waits. */
function waitingHint(
	toPhoneNumber: string,
	sessionId: string,
	deadline: number,
	timeZone: string,
): string {
	return (
		`The call to ${toPhoneNumber} was started (session ${sessionId}). This execution waits for ` +
		`Agntix to report the end of the call, then continues with its outcome; if no end is ` +
		`reported, it continues in ${durationText(deadline - clock.now())}, at ${dateTimeText(deadline, timeZone)}, ` +
		`with the call marked as timed out.`
	);
}
