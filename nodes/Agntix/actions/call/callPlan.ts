/** What one item of Call → Start asks for, read and checked before anyone is called. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { clock } from '../../../shared/clock';
import { AGENT_PAGE_EXAMPLE } from '../../../shared/ids';
import { InputProblem, checkedNumber } from '../../helpers/inputProblem';
import { countryName, countryOptions } from '../../helpers/calleeNumber';
import { checkedBoolean, checkedChoice, checkedChoices } from '../../helpers/checkedChoice';
import { variablesFromJson, variablesFromPairs } from '../../helpers/sessionVariables';
import { RESUME_URL_VARIABLE } from '../../pause';
import { readLocatorId } from '../parameters';
import { readCallingHours } from './callingHoursFields';
import { hoursFromItem } from './hoursOnItem';
import type { ItemHours } from './callingHoursFields';
import { callingHoursVerdict } from './outsideCallingHours';
import { checkedToPhoneNumber } from './toPhoneNumber';
import {
	CALLING_HOURS_MODES,
	DEFAULT_RATE_LIMIT_WAIT_MINUTES,
	MAX_RATE_LIMIT_WAIT_MINUTES,
	MAX_TIMEOUT_SECONDS,
	TTL_MAX,
	TTL_MIN,
	VARIABLES_MODES,
} from './startLimits';
import { readWaitSettings } from './waitForEnd';
import type { WaitSettings } from './waitForEnd';

/** Allowed Countries are matched by code only ("US"), not by the names the list shows. */
const COUNTRY_CODES = countryOptions().map(({ value }) => ({ name: value, value }));

export interface CallPlan {
	allowRepeatedNumbers: boolean;
	phoneNumberId: string;
	body: { to_phone_number: string; agent_id: string; ttl: number; session_variables: IDataObject };
	timeoutMs: number;
	/** How long the call start may wait its turn under the rate limit. */
	rateLimitWaitMs: number;
	wait?: WaitSettings;
	/** The calling hours the call must be placed within, when set. */
	hours?: ItemHours;
	/** Values of the request that its errors must not show. */
	redact?: string[];
}

function readTtl(value: unknown): number {
	return checkedNumber(value ?? '', {
		label: 'Max Call Duration (Seconds)',
		min: TTL_MIN,
		max: TTL_MAX,
		wholeNumber: true,
		fallback: 600,
		example: 'Enter the longest the call may last in seconds, e.g. 300 for five minutes',
	});
}

/** The session variables of an item; the one that carries a paused call's resume URL is the node's own. */
function readVariables(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const variables = variablesOf.call(this, itemIndex);
	const reserved = Object.keys(variables).find(
		(name) => name.toLowerCase() === RESUME_URL_VARIABLE.toLowerCase(),
	);
	if (reserved !== undefined) {
		throw new InputProblem(
			`Session variable "${reserved}" is a reserved name`,
			`This node sets ${RESUME_URL_VARIABLE} itself when it pauses until the call ends. Rename the variable, e.g. to callbackUrl`,
		);
	}
	return variables;
}

function variablesOf(this: IExecuteFunctions, itemIndex: number): IDataObject {
	const mode = checkedChoice(this.getNodeParameter('sessionVariablesMode', itemIndex, 'fields'), {
		label: 'Specify Session Variables',
		choices: VARIABLES_MODES,
		fallback: 'fields',
	});
	if (mode === 'json') {
		return variablesFromJson(this.getNodeParameter('sessionVariablesJson', itemIndex, '{}'));
	}
	const collection = this.getNodeParameter('sessionVariables', itemIndex, {}) as {
		variable?: Array<{ name?: unknown; value?: unknown }>;
	};
	return variablesFromPairs(collection.variable ?? []);
}

function readHours(
	this: IExecuteFunctions,
	itemIndex: number,
	e164: string,
	sealKey: string,
): ItemHours | undefined {
	const mode = checkedChoice(this.getNodeParameter('callingHours', itemIndex, 'anyTime'), {
		label: 'Calling Hours',
		choices: CALLING_HOURS_MODES,
		fallback: 'anyTime',
	});
	if (mode === 'set') return readCallingHours.call(this, itemIndex, e164);
	if (mode === 'fromItem')
		return hoursFromItem(this.getInputData()[itemIndex]?.json ?? {}, e164, sealKey);
	return undefined;
}

/**
 * Reads and checks everything for one item; throws an InputProblem before any request.
 * `sealKey` checks hours set by Wait for Calling Hours (see hoursOnItem.ts).
 */
export function planCall(this: IExecuteFunctions, itemIndex: number, sealKey: string): CallPlan {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const phoneNumberId = readLocatorId.call(this, 'phoneNumberId', 'From Number', itemIndex);
	const agentId = readLocatorId.call(this, 'agentId', 'Agent', itemIndex, AGENT_PAGE_EXAMPLE);

	const rawNumber = this.getNodeParameter('toPhoneNumber', itemIndex, '');
	const phone = checkedToPhoneNumber(rawNumber, options.defaultCountry);
	const allowPremiumRate = checkedBoolean(
		options.allowPremiumRate,
		'Allow Premium-Rate Numbers',
		false,
	);
	if (phone.costly && !allowPremiumRate) {
		throw new InputProblem(
			`"To Phone Number" ${phone.e164} is ${phone.costly}`,
			'Premium-rate, shared-cost and satellite numbers cost the caller extra, so they are not called by default. If this call is intended, turn on "Allow Premium-Rate Numbers" in the options.',
		);
	}
	const allowed = checkedChoices(options.allowedCountries, {
		label: 'Allowed Countries',
		choices: COUNTRY_CODES,
		what: 'a country code',
		hint: 'Pick the countries from the list, or map two-letter codes such as US, GB or AE (a list, or text such as "US, CA")',
		fallback: [],
	});
	if (allowed.length && !(phone.country && allowed.includes(phone.country))) {
		const where = phone.country ? `is in ${countryName(phone.country)}` : 'belongs to no country';
		throw new InputProblem(
			`"To Phone Number" ${phone.e164} ${where}, which is not in "Allowed Countries"`,
			`Allowed: ${allowed.map((code) => countryName(code as string)).join(', ')}. Add the country to the option if this call is intended.`,
		);
	}

	const ttl = readTtl(this.getNodeParameter('ttl', itemIndex, 600));
	const timeout = checkedNumber(options.timeout, {
		label: 'Request Timeout (Seconds)',
		min: 1,
		max: MAX_TIMEOUT_SECONDS,
		fallback: 60,
		example: 'How long to wait for Agntix to confirm the call, e.g. 60',
	});
	const rateLimitWait = checkedNumber(options.rateLimitWait, {
		label: 'Max Wait for Rate Limit (Minutes)',
		min: 1,
		max: MAX_RATE_LIMIT_WAIT_MINUTES,
		fallback: DEFAULT_RATE_LIMIT_WAIT_MINUTES,
		example: `How long a call may wait its turn under the rate limit, e.g. ${DEFAULT_RATE_LIMIT_WAIT_MINUTES}`,
	});
	return {
		hours: readHours.call(this, itemIndex, phone.e164, sealKey),
		allowRepeatedNumbers: checkedBoolean(
			options.allowRepeatedNumbers,
			'Allow Repeated Numbers',
			false,
		),
		phoneNumberId,
		body: {
			to_phone_number: phone.e164,
			agent_id: agentId,
			ttl,
			session_variables: readVariables.call(this, itemIndex),
		},
		timeoutMs: timeout * 1000,
		rateLimitWaitMs: rateLimitWait * 60_000,
		wait: readWaitSettings.call(this, itemIndex, ttl),
	};
}

/**
 * Outside its calling hours an item fails before anyone is called. Checked when the run is
 * planned, and again right before each send of the call: a long run, a resend after a 429 or a
 * wait for the rate limit can reach the end of the window.
 */
export function refuseOutsideCallingHours(plan: CallPlan, now = clock.now()): void {
	if (!plan.hours) return;
	const verdict = callingHoursVerdict(
		plan.hours,
		plan.body.to_phone_number,
		now,
		'To call then instead of failing, put Call → Wait for Calling Hours before this step.',
	);
	if (!verdict.open) throw verdict.problem;
}

/**
 * A number already planned for an earlier item of this run is refused for its item (the
 * same person would be called twice, at the same time), unless the item allows it.
 * Numbers are compared in E.164, however they were written.
 */
export function refuseRepeatedNumber(
	plan: CallPlan,
	itemIndex: number,
	firstItemOf: Map<string, number>,
): void {
	const number = plan.body.to_phone_number;
	const first = firstItemOf.get(number);
	if (first === undefined) {
		firstItemOf.set(number, itemIndex);
		return;
	}
	if (plan.allowRepeatedNumbers) return;
	throw new InputProblem(
		`"To Phone Number" ${number} is the same number as item ${first} in this run`,
		'Each number is called once per run, so nobody is called twice by mistake. To call it again on purpose, turn on "Allow Repeated Numbers" in the options.',
	);
}
