/**
 * The Calling Hours fields (days, window, the contact's time zone), shown by Call → Wait for
 * Calling Hours and by Call → Start, and what an item's hours are once read.
 */
import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { checkedHours, parseTimeOfDay } from '../../helpers/callingHours';
import { checkedTimeZone } from '../../helpers/localTime';
import type { CallingHours } from '../../helpers/callingHours';
import { checkedChoice, checkedChoices } from '../../helpers/checkedChoice';
import { InputProblem } from '../../helpers/inputProblem';
import { timeZonesOfNumber } from '../../helpers/phoneTimeZones';

const DAY_OPTIONS = [
	['Monday', 'mon'],
	['Tuesday', 'tue'],
	['Wednesday', 'wed'],
	['Thursday', 'thu'],
	['Friday', 'fri'],
	['Saturday', 'sat'],
	['Sunday', 'sun'],
].map(([name, value]) => ({ name, value }));

const WEEKDAYS_ONLY = ['mon', 'tue', 'wed', 'thu', 'fri'];

const ZONE_SOURCES = [
	{
		name: 'From Their Phone Number',
		value: 'number',
		description:
			'By country and area code. When a number may be in several zones (a mobile number, a country-wide number), the hours must hold in all of them.',
	},
	{
		name: 'Set or Mapped',
		value: 'given',
		description: "A time zone you pick, or map from your CRM's time zone field",
	},
];

function timeZoneOptions(): Array<{ name: string; value: string }> {
	const zones = new Set(['UTC', ...Intl.supportedValuesOf('timeZone')]);
	return [...zones].map((zone) => ({ name: zone.replace(/_/g, ' '), value: zone }));
}

/** The fields, each shown where `show` says (the operation, and for Start Call its mode). */
export function callingHoursFields(show: NonNullable<IDisplayOptions['show']>): INodeProperties[] {
	const displayOptions = { show };
	return [
		{
			displayName: 'Calling Days',
			name: 'callingDays',
			type: 'multiOptions',
			options: DAY_OPTIONS,
			default: ['mon', 'tue', 'wed', 'thu', 'fri'],
			description: "The days calls are allowed, in the contact's local time",
			displayOptions,
		},
		{
			displayName: 'Calling Hours From',
			name: 'callingFrom',
			type: 'string',
			default: '09:00',
			placeholder: '09:00',
			description: "The start of the window, in the contact's local time, e.g. 09:00 or 9 AM",
			displayOptions,
		},
		{
			displayName: 'Calling Hours To',
			name: 'callingTo',
			type: 'string',
			default: '20:00',
			placeholder: '20:00',
			description: "The end of the window, in the contact's local time, e.g. 20:00 or 8 PM",
			hint: 'An end before the start crosses midnight, e.g. 22:00 to 06:00; 24:00 is midnight',
			displayOptions,
		},
		{
			displayName: "Contact's Time Zone",
			name: 'contactTimeZone',
			type: 'options',
			options: ZONE_SOURCES,
			default: 'number',
			displayOptions,
		},
		{
			displayName: 'Time Zone',
			name: 'timeZone',
			type: 'options',
			options: timeZoneOptions(),
			default: 'UTC',
			description: 'An IANA time zone name',
			hint: 'Pick one, or map a field holding a name such as America/New_York, e.g. {{ $json.timeZone }}',
			displayOptions: { show: { ...show, contactTimeZone: ['given'] } },
		},
	];
}

/** An item's calling hours: the window, and the zones it must hold in. */
export interface ItemHours {
	hours: CallingHours;
	zones: string[];
	/** Where the zones came from, for messages: "its phone number" or "the Time Zone field". */
	zoneSource: string;
}

/** Reads the fields for one item; the zones of `e164` when the time zone comes from the number. */
export function readCallingHours(
	this: IExecuteFunctions,
	itemIndex: number,
	e164: string,
): ItemHours {
	const days = checkedChoices(this.getNodeParameter('callingDays', itemIndex, WEEKDAYS_ONLY), {
		label: 'Calling Days',
		choices: DAY_OPTIONS,
		what: 'a day of the week',
		fallback: WEEKDAYS_ONLY,
	});
	const hours = checkedHours(
		days,
		parseTimeOfDay(this.getNodeParameter('callingFrom', itemIndex, ''), 'Calling Hours From'),
		parseTimeOfDay(this.getNodeParameter('callingTo', itemIndex, ''), 'Calling Hours To', true),
	);
	const zoneSource = checkedChoice(this.getNodeParameter('contactTimeZone', itemIndex, 'number'), {
		label: "Contact's Time Zone",
		choices: ZONE_SOURCES,
		fallback: 'number',
	});
	if (zoneSource === 'given') {
		const zone = checkedTimeZone(this.getNodeParameter('timeZone', itemIndex, ''), 'Time Zone');
		return { hours, zones: [zone], zoneSource: 'the Time Zone field' };
	}
	const zones = timeZonesOfNumber(e164);
	if (!zones.length) {
		throw new InputProblem(
			`The time zone of ${e164} is not known from its number`,
			'Set "Contact\'s Time Zone" to "Set or Mapped" and pick the time zone, or map it from your contact data',
		);
	}
	return { hours, zones, zoneSource: 'its phone number' };
}
