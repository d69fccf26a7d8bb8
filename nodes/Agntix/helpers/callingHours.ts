/**
 * Calling hours: days of the week and a window of the day, in the contact's local time. Pure:
 * times are milliseconds since the epoch, zones are IANA names, and daylight saving changes
 * come from the platform's time-zone data (Intl).
 *
 * A window whose end is before its start crosses midnight (22:00–06:00): it belongs to the day
 * it starts on, so "Fri 22:00–06:00" includes Saturday 01:00. When a contact may be in several
 * zones, the hours must hold in every one of them.
 */
import { InputProblem, showValue } from './inputProblem';
import { DAY_NAMES, localTime } from './localTime';

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
/** How far ahead the next opening is looked for: a week, and a day for the window. */
const HORIZON_DAYS = 8;

export interface CallingHours {
	/** The days a window may start on. */
	days: Weekday[];
	/** Seconds after local midnight. */
	from: number;
	/** Seconds after local midnight; 86400 for "24:00". Before `from`: the window crosses midnight. */
	to: number;
}

/**
 * "09:00", "9:30", "20:00:30", or on a 12-hour clock "9am", "9:30 PM", "12 a.m.", as seconds
 * after midnight; "24:00" only as an end.
 */
export function parseTimeOfDay(value: unknown, label: string, isEnd = false): number {
	const match = /^\s*(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?\s*(?:([ap])\.?\s*m\.?)?\s*$/i.exec(
		typeof value === 'string' ? value : '',
	);
	const [hour, minute, second] = [match?.[1], match?.[2], match?.[3]].map((part) =>
		Number(part ?? 0),
	);
	const meridiem = match?.[4]?.toLowerCase();
	const fits =
		match !== null &&
		minute < 60 &&
		second < 60 &&
		// Without am/pm the minutes are needed: "9" alone is not a time.
		(meridiem ? hour >= 1 && hour <= 12 : match[2] !== undefined) &&
		(meridiem !== undefined || hour < 24 || (isEnd && hour === 24 && minute + second === 0));
	if (!fits) {
		throw new InputProblem(
			`"${label}" ${showValue(value)} is not a time of day`,
			`Enter hours and minutes, e.g. ${isEnd ? '20:00 or 8 PM (24:00 for midnight)' : '09:00 or 9 AM'}`,
		);
	}
	const hours24 = meridiem ? (hour % 12) + (meridiem === 'p' ? 12 : 0) : hour;
	return hours24 * 3600 + minute * 60 + second;
}

/** Checks the days and the window; a window of no length is refused. */
export function checkedHours(days: unknown, from: number, to: number): CallingHours {
	const list = Array.isArray(days) ? days : [];
	const unknown = list.find((day) => !WEEKDAYS.includes(day as Weekday));
	if (unknown !== undefined || list.length === 0) {
		throw new InputProblem(
			unknown === undefined
				? '"Calling Days" has no day'
				: `"Calling Days" holds ${showValue(unknown)}, which is not a day of the week`,
			'Pick at least one day, e.g. Monday to Friday',
		);
	}
	if (from === to) {
		throw new InputProblem(
			'"Calling Hours From" and "To" are the same time, so calls would never be allowed',
			'Enter a window such as 09:00 to 20:00; for all day use 00:00 to 24:00',
		);
	}
	return { days: WEEKDAYS.filter((day) => list.includes(day)), from, to };
}

/** "09:00", or "09:00:30" when there are seconds. */
export function clock(seconds: number): string {
	const hours = Math.floor(seconds / 3600);
	const minutes = Math.floor((seconds % 3600) / 60);
	const rest = seconds % 60;
	const text = `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
	return rest ? `${text}:${String(rest).padStart(2, '0')}` : text;
}

/** "Mon–Fri 09:00–20:00", "Mon, Wed, Fri 22:00–06:00", "every day 09:00–17:30". */
export function hoursText(hours: CallingHours): string {
	const indexes = hours.days.map((day) => WEEKDAYS.indexOf(day));
	let days: string;
	if (indexes.length === 7) days = 'every day';
	else {
		// Runs of consecutive days, Monday first unless a run goes on over the weekend (Fri–Mon).
		const week = [1, 2, 3, 4, 5, 6, 0];
		const first = week.find(
			(index) => indexes.includes(index) && !indexes.includes((index + 6) % 7),
		);
		const start = week.indexOf(first ?? 1);
		const ordered = [...week.slice(start), ...week.slice(0, start)].filter((index) =>
			indexes.includes(index),
		);
		const runs: number[][] = [];
		for (const index of ordered) {
			const run = runs[runs.length - 1];
			if (run && (run[run.length - 1] + 1) % 7 === index) run.push(index);
			else runs.push([index]);
		}
		days = runs
			.map((run) =>
				run.length >= 3
					? `${DAY_NAMES[run[0]]}–${DAY_NAMES[run[run.length - 1]]}`
					: run.map((index) => DAY_NAMES[index]).join(', '),
			)
			.join(', ');
	}
	return `${days} ${clock(hours.from)}–${clock(hours.to)}`;
}

/** "22:14 (Tue)" */
export function localTimeText(instant: number, zone: string): string {
	const local = localTime(instant, zone);
	return `${clock(local.seconds - (local.seconds % 60))} (${DAY_NAMES[local.weekday]})`;
}

function allowsDay(hours: CallingHours, weekday: number): boolean {
	return hours.days.includes(WEEKDAYS[(weekday + 7) % 7]);
}

/** Whether calls are allowed at that moment in that zone. */
export function isOpenIn(hours: CallingHours, zone: string, instant: number): boolean {
	const { weekday, seconds } = localTime(instant, zone);
	if (hours.from < hours.to)
		return allowsDay(hours, weekday) && seconds >= hours.from && seconds < hours.to;
	return (
		(allowsDay(hours, weekday) && seconds >= hours.from) ||
		(allowsDay(hours, weekday - 1) && seconds < hours.to)
	);
}

/** Whether calls are allowed at that moment in every one of the zones. */
export function isOpen(hours: CallingHours, zones: string[], instant: number): boolean {
	return zones.every((zone) => isOpenIn(hours, zone, instant));
}

/** The instant a local date and time in a zone stands for (a time skipped by DST moves on). */
function instantOf(
	zone: string,
	year: number,
	month: number,
	day: number,
	seconds: number,
): number {
	const wanted = Date.UTC(year, month - 1, day) + seconds * 1000;
	let instant = wanted;
	for (let pass = 0; pass < 3; pass++) {
		const local = localTime(instant, zone);
		const shown = Date.UTC(local.year, local.month - 1, local.day) + local.seconds * 1000;
		if (shown === wanted) return instant;
		instant += wanted - shown;
	}
	return instant;
}

/**
 * The first moment, from `now` on, at which calls are allowed in every zone; undefined when
 * that does not happen within a week (zones too far apart for the window). Such a moment is
 * `now` or the start of the window in one of the zones, so only those are tried.
 */
export function nextOpening(hours: CallingHours, zones: string[], now: number): number | undefined {
	const candidates = [now];
	for (const zone of zones) {
		const today = localTime(now, zone);
		for (let offset = -1; offset <= HORIZON_DAYS; offset++) {
			const date = new Date(Date.UTC(today.year, today.month - 1, today.day + offset));
			if (!allowsDay(hours, date.getUTCDay())) continue;
			const start = instantOf(
				zone,
				date.getUTCFullYear(),
				date.getUTCMonth() + 1,
				date.getUTCDate(),
				hours.from,
			);
			if (start > now) candidates.push(start);
		}
	}
	return candidates.sort((a, b) => a - b).find((instant) => isOpen(hours, zones, instant));
}
