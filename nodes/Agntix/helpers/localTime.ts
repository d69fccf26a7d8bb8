/**
 * Time zones as people name them, and instants as they read in one: checked IANA names,
 * local dates and times (daylight saving from the platform's time-zone data, Intl).
 */
import { InputProblem, showValue } from './inputProblem';

/** Short day names, Sunday first (the platform's weekday names in English). */
export const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Whether the platform knows the IANA zone name. */
function isTimeZone(zone: unknown): zone is string {
	if (typeof zone !== 'string' || zone.trim() === '') return false;
	try {
		formatterOf(zone);
		return true;
	} catch {
		return false;
	}
}

/**
 * The zone to suggest for an abbreviation people write: the platform reads some of them as
 * zones of their own (EST is Panama's, without daylight saving; BST is Bangladesh's).
 */
const INSTEAD_OF_ABBREVIATION: Record<string, string> = {
	EST: 'America/New_York',
	EDT: 'America/New_York',
	CST: 'America/Chicago',
	CDT: 'America/Chicago',
	MST: 'America/Denver (or America/Phoenix for Arizona)',
	MDT: 'America/Denver',
	PST: 'America/Los_Angeles',
	PDT: 'America/Los_Angeles',
	AKST: 'America/Anchorage',
	HST: 'Pacific/Honolulu',
	GMT: 'Europe/London (or UTC)',
	BST: 'Europe/London',
	IST: 'Asia/Kolkata, Europe/Dublin or Asia/Jerusalem',
	CET: 'Europe/Berlin or Europe/Paris',
	EET: 'Europe/Athens',
	WET: 'Europe/Lisbon',
	AEST: 'Australia/Sydney',
	JST: 'Asia/Tokyo',
};

/**
 * A time zone the hours can be kept in, or an InputProblem naming the field and the value: an
 * IANA name of a place (America/New_York) or UTC. Abbreviations (EST, CST, BST) and fixed
 * offsets (Etc/GMT+5, EST5EDT's like) are refused with the zone to use: some never change for
 * daylight saving, others stand for several places, so the hours would be off by an hour.
 */
export function checkedTimeZone(zone: unknown, label: string): string {
	const name = typeof zone === 'string' ? zone.trim() : '';
	const known = isTimeZone(name);
	const upper = name.toUpperCase();
	const fixedOrAbbreviated =
		known &&
		upper !== 'UTC' &&
		upper !== 'ETC/UTC' &&
		(!name.includes('/') || upper.startsWith('ETC/'));
	if (known && !fixedOrAbbreviated) return name;
	let fix =
		'Pick one from the list, or map a field holding an IANA name such as America/New_York or Europe/London';
	if (fixedOrAbbreviated) {
		const instead =
			INSTEAD_OF_ABBREVIATION[upper.replace(/\d.*$/, '')] ??
			(name.includes('/') ? undefined : formatterOf(name).resolvedOptions().timeZone);
		fix = `${name} is an abbreviation or a fixed offset: it may not follow daylight saving, or stand for several places. Use the IANA name of the contact's place${instead && !instead.startsWith('Etc/') && !['UTC', 'GMT'].includes(instead) ? `, e.g. ${instead}` : ', e.g. America/New_York'}, or UTC.`;
	}
	throw new InputProblem(
		`"${label}" ${showValue(zone)} is not ${known ? 'a time zone the hours can be kept in' : 'a time zone'}`,
		fix,
	);
}

function formatterOf(zone: string): Intl.DateTimeFormat {
	let formatter = formatters.get(zone);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone: zone,
			hourCycle: 'h23',
			weekday: 'short',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
		});
		formatters.set(zone, formatter);
	}
	return formatter;
}

export interface LocalTime {
	/** 0 = Sunday. */
	weekday: number;
	seconds: number;
	year: number;
	month: number;
	day: number;
}

export function localTime(instant: number, zone: string): LocalTime {
	const parts: Record<string, string> = {};
	for (const part of formatterOf(zone).formatToParts(new Date(instant)))
		parts[part.type] = part.value;
	return {
		weekday: DAY_NAMES.indexOf(parts.weekday),
		seconds: Number(parts.hour) * 3600 + Number(parts.minute) * 60 + Number(parts.second),
		year: Number(parts.year),
		month: Number(parts.month),
		day: Number(parts.day),
	};
}

/**
 * "5 Dec 2026, 19:37 (America/New_York)": a date and time for people in `zone`, the time zone
 * of the workflow or of n8n. A zone the platform does not know (a workflow's "DEFAULT", an
 * imported value) is shown as UTC instead of failing: the text must never cost a result.
 */
export function dateTimeText(instant: number, zone: string): string {
	const shownZone = isTimeZone(zone) ? zone : 'UTC';
	const text = new Intl.DateTimeFormat('en-GB', {
		timeZone: shownZone,
		dateStyle: 'medium',
		timeStyle: 'short',
	}).format(new Date(instant));
	return `${text} (${shownZone})`;
}
