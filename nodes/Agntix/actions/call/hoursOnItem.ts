/**
 * The calling hours as Wait for Calling Hours leaves them on its item (allowedHours), for a
 * Start Call with "As Set by Wait for Calling Hours" to check again without the user entering
 * them twice.
 *
 * Any step before could put a field of that name on an item (a CRM payload, a form), with
 * wider hours or other zones. So the field is sealed: an HMAC of the number, the days, the
 * window and the zones, keyed with the Agntix credential's secret (which never leaves the
 * package; the seal does not reveal it). Start Call accepts the hours only with a seal that
 * matches, for the number it calls: anything else fails the item, and nobody is called.
 */
import { createHmac, timingSafeEqual } from 'crypto';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { cleanSecret } from '../../../shared/credentialShape';
import { CREDENTIAL_TYPE } from '../../../shared/transport/request';
import { isObject } from '../../../shared/values';
import { checkedHours, clock, hoursText, parseTimeOfDay } from '../../helpers/callingHours';
import { checkedTimeZone } from '../../helpers/localTime';
import { InputProblem, showValue } from '../../helpers/inputProblem';
import type { ItemHours } from './callingHoursFields';

/** The item field where Wait for Calling Hours leaves the hours. */
export const HOURS_FIELD = 'allowedHours';

/** The key the seal is made with: the credential's API key or token. */
export async function hoursSealKey(this: IExecuteFunctions): Promise<string> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	return cleanSecret(
		credentials.authentication === 'bearerToken' ? credentials.token : credentials.apiKey,
	);
}

function sealOf(key: string, toPhoneNumber: string, saved: IDataObject): string {
	const content = JSON.stringify([
		toPhoneNumber,
		saved.days,
		saved.from,
		saved.to,
		saved.timeZones,
	]);
	return createHmac('sha256', `agntix calling hours\n${key}`).update(content).digest('base64url');
}

/** The hours as Wait for Calling Hours puts them on the item, sealed for `toPhoneNumber`. */
export function hoursOnItem(
	{ hours, zones }: ItemHours,
	toPhoneNumber: string,
	key: string,
): IDataObject {
	const saved: IDataObject = {
		allowed: hoursText(hours),
		days: hours.days,
		from: clock(hours.from),
		to: clock(hours.to),
		timeZones: zones,
		toPhoneNumber,
	};
	return { ...saved, seal: sealOf(key, toPhoneNumber, saved) };
}

function sealMatches(given: unknown, expected: string): boolean {
	if (typeof given !== 'string') return false;
	const [a, b] = [Buffer.from(given), Buffer.from(expected)];
	return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Start Call's hours "as set by Wait for Calling Hours": read back from the item and checked,
 * for the number this item calls, with the same credential's key.
 */
export function hoursFromItem(item: IDataObject, toPhoneNumber: string, key: string): ItemHours {
	const saved = item[HOURS_FIELD];
	const fix =
		'Put Call → Wait for Calling Hours before this step, with the same Agntix credential and the same number, and keep its allowedHours field on the item as it is (a Set node that keeps only some fields drops it), or set "Calling Hours" to "Only Within the Hours Below".';
	if (!isObject(saved)) {
		throw new InputProblem(
			`"Calling Hours" is "As Set by Wait for Calling Hours", but the item has no ${HOURS_FIELD} field`,
			fix,
		);
	}
	if (saved.toPhoneNumber !== toPhoneNumber) {
		throw new InputProblem(
			`The item's ${HOURS_FIELD} are for ${showValue(saved.toPhoneNumber)}, not for ${toPhoneNumber}`,
			`Nobody was called. ${fix}`,
		);
	}
	if (!sealMatches(saved.seal, sealOf(key, toPhoneNumber, saved))) {
		throw new InputProblem(
			`The item's ${HOURS_FIELD} were not set by Wait for Calling Hours, or were changed since`,
			`Nobody was called: hours from anywhere else (a CRM field, a form) are not trusted to decide when a person is called. ${fix}`,
		);
	}
	const zones = Array.isArray(saved.timeZones) ? saved.timeZones : [];
	if (!zones.length) {
		throw new InputProblem(
			`The item's ${HOURS_FIELD}.timeZones ${showValue(saved.timeZones)} is not a list of time zones`,
			fix,
		);
	}
	return {
		hours: checkedHours(
			saved.days,
			parseTimeOfDay(saved.from, `${HOURS_FIELD}.from`),
			parseTimeOfDay(saved.to, `${HOURS_FIELD}.to`, true),
		),
		zones: zones.map((zone) => checkedTimeZone(zone, `${HOURS_FIELD}.timeZones`)),
		zoneSource: 'the Wait for Calling Hours step',
	};
}
