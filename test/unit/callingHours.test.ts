import { readFileSync } from 'node:fs';

import { checkedTimeZone } from '../../nodes/Agntix/helpers/localTime';
import {
	checkedHours,
	hoursText,
	isOpen,
	localTimeText,
	nextOpening,
	parseTimeOfDay,
} from '../../nodes/Agntix/helpers/callingHours';
import type { CallingHours } from '../../nodes/Agntix/helpers/callingHours';
import { timeZonesOfNumber } from '../../nodes/Agntix/helpers/phoneTimeZones';

const generator = require('../../scripts/generate-time-zones.cjs');

const WEEKDAYS_9_TO_8: CallingHours = checkedHours(
	['mon', 'tue', 'wed', 'thu', 'fri'],
	parseTimeOfDay('09:00', 'From'),
	parseTimeOfDay('20:00', 'To', true),
);
const at = (iso: string) => Date.parse(iso);

describe('the time zones of a number', () => {
	// Numbers tied to an area (landlines; North American numbers, mobile or not) get their
	// area's zones, as libphonenumber's own mapper gives them.
	test.each([
		['a New York number', '+1 212 555 0100', ['America/New_York']],
		['a Los Angeles number', '+1 310 555 0100', ['America/Los_Angeles']],
		['a Honolulu number', '+1 808 555 0100', ['Pacific/Honolulu']],
		// US mobiles share area codes with landlines: still the area code's zone.
		['a US mobile (Chicago area code)', '+1 312 555 0142', ['America/Chicago']],
		['a Sydney landline', '+61 2 9200 0000', ['Australia/Sydney']],
		['a Brazilian mobile (mobiles have areas there)', '+55 92 98888 7777', ['America/Manaus']],
		['a Vladivostok landline', '+7 423 212 3456', ['Asia/Vladivostok']],
		['a Moscow landline', '+7 495 123 4567', ['Europe/Moscow']],
		['a Canary Islands landline', '+34 928 12 34 56', ['Atlantic/Canary']],
		['a Madrid landline', '+34 91 123 45 67', ['Europe/Madrid']],
		['a Quito landline', '+593 2 212 3456', ['America/Guayaquil']],
		// Area code 08 covers Western and South Australia: both zones are candidates.
		['a Perth landline', '+61 8 9200 0000', ['Australia/Adelaide', 'Australia/Perth']],
	])('%s: its area', (_, number, zones) => {
		expect(timeZonesOfNumber(number)).toEqual(zones);
	});

	// A mobile (outside the few countries whose mobiles have areas), toll-free, VoIP or
	// personal number can be anywhere in its country: every zone of the country.
	test.each([
		['an Australian mobile', '+61 412 345 678', ['Australia/Perth', 'Australia/Sydney']],
		['a Russian mobile', '+7 916 123 4567', ['Europe/Moscow', 'Asia/Vladivostok']],
		[
			'a Far East Russian mobile (+7 914)',
			'+7 914 123 4567',
			['Europe/Moscow', 'Asia/Vladivostok'],
		],
		['a Spanish mobile', '+34 612 34 56 78', ['Europe/Madrid', 'Atlantic/Canary']],
		['a New Zealand mobile', '+64 21 123 4567', ['Pacific/Auckland', 'Pacific/Chatham']],
		['an Ecuadorian mobile', '+593 99 123 4567', ['America/Guayaquil', 'Pacific/Galapagos']],
		['a Kazakh mobile', '+7 701 234 5678', ['Asia/Almaty', 'Asia/Aqtobe']],
		['a US toll-free number', '+1 800 555 0123', ['America/New_York', 'Pacific/Honolulu']],
	])('%s: every zone of its country', (_, number, some) => {
		const zones = timeZonesOfNumber(number);
		expect(zones).toEqual(expect.arrayContaining(some));
	});

	test('a window open in Sydney is not open for an Australian mobile while it is 06:00 in Perth', () => {
		const now = at('2026-12-01T22:00:00Z'); // Wed 09:00 in Sydney (UTC+11), 06:00 in Perth (UTC+8)
		const mobile = timeZonesOfNumber('+61 412 345 678');
		expect(isOpen(WEEKDAYS_9_TO_8, ['Australia/Sydney'], now)).toBe(true);
		expect(isOpen(WEEKDAYS_9_TO_8, mobile, now)).toBe(false);
		expect(isOpen(WEEKDAYS_9_TO_8, timeZonesOfNumber('+61 2 9200 0000'), now)).toBe(true);
	});

	test('a number without a known place has no zone; a toll-free one has every zone of its country', () => {
		expect(timeZonesOfNumber('+881612345678')).toEqual([]);
		expect(timeZonesOfNumber('+18005550100').length).toBeGreaterThan(30);
	});

	test('the table in the package is what the generator makes from the metadata (run npm run generate:time-zones)', () => {
		expect(readFileSync(generator.OUTPUT, 'utf8')).toBe(generator.tableSource());
	});
});

describe('the time zone a user sets or maps', () => {
	test.each(['America/New_York', 'Europe/London', 'UTC', 'Etc/UTC', ' Asia/Tokyo '])(
		'%s is an IANA zone: accepted',
		(zone) => {
			expect(checkedTimeZone(zone, 'Time Zone')).toBe(zone.trim());
		},
	);

	// EST is read by the platform as Panama's zone (no daylight saving), BST as Bangladesh's.
	test.each([
		['EST', 'America/New_York'],
		['MST', 'America/Denver'],
		['HST', 'Pacific/Honolulu'],
		['CST', 'America/Chicago'],
		['PST', 'America/Los_Angeles'],
		['BST', 'Europe/London'],
		['GMT', 'Europe/London'],
		['EST5EDT', 'America/New_York'],
		['Etc/GMT+5', 'America/New_York'],
		['Japan', 'Asia/Tokyo'],
	])('%s is an abbreviation or a fixed offset: refused, naming %s', (zone, instead) => {
		expect(() => checkedTimeZone(zone, 'Time Zone')).toThrow(
			`"Time Zone" "${zone}" is not a time zone the hours can be kept in`,
		);
		try {
			checkedTimeZone(zone, 'Time Zone');
		} catch (error) {
			expect((error as { description: string }).description).toContain(instead);
		}
	});

	test('a name the platform does not know is not a time zone', () => {
		expect(() => checkedTimeZone('Mars/Olympus_Mons', 'Time Zone')).toThrow(
			'"Time Zone" "Mars/Olympus_Mons" is not a time zone',
		);
	});
});

describe('calling hours', () => {
	test('days and windows read the way people write them', () => {
		expect(hoursText(WEEKDAYS_9_TO_8)).toBe('Mon–Fri 09:00–20:00');
		expect(hoursText(checkedHours(['sat', 'sun'], 36_000, 61_200))).toBe('Sat, Sun 10:00–17:00');
		expect(hoursText(checkedHours(['fri', 'sat', 'sun', 'mon'], 79_200, 21_600))).toBe(
			'Fri–Mon 22:00–06:00',
		);
		expect(hoursText(checkedHours(['mon', 'wed', 'fri'], 0, 86_400))).toBe(
			'Mon, Wed, Fri 00:00–24:00',
		);
	});

	test.each([
		['09:00', 32_400],
		['9:30', 34_200],
		['20:00:30', 72_030],
		['9am', 32_400],
		['9 AM', 32_400],
		['9:30 pm', 77_400],
		['12 a.m.', 0],
		['12PM', 43_200],
		['11:59 p.m.', 86_340],
	])('the time of day %s is %i seconds after midnight', (text, seconds) => {
		expect(parseTimeOfDay(text, 'Calling Hours From')).toBe(seconds);
	});

	test('bad input names the field and the value', () => {
		expect(() => parseTimeOfDay('9', 'Calling Hours From')).toThrow(
			'"Calling Hours From" "9" is not a time of day',
		);
		for (const bad of ['13pm', '0am', '9:75 am', '24:00 pm', 'nine', '9.30'])
			expect(() => parseTimeOfDay(bad, 'Calling Hours From')).toThrow(
				`"Calling Hours From" "${bad}" is not a time of day`,
			);
		expect(() => parseTimeOfDay('24:00', 'Calling Hours From')).toThrow('is not a time of day');
		expect(parseTimeOfDay('24:00', 'Calling Hours To', true)).toBe(86_400);
		expect(() => parseTimeOfDay('12:60', 'Calling Hours To', true)).toThrow('is not a time of day');
		expect(() => checkedHours([], 0, 10)).toThrow('"Calling Days" has no day');
		expect(() => checkedHours(['Monday'], 0, 10)).toThrow('"Calling Days" holds "Monday"');
		expect(() => checkedHours(['mon'], 3600, 3600)).toThrow('the same time');
	});

	test("a window holds in the contact's local time", () => {
		// Tuesday 1 Dec 2026, 03:14 UTC = Monday 22:14 in New York, 19:14 in Los Angeles.
		const now = at('2026-12-01T03:14:00Z');
		expect(localTimeText(now, 'America/New_York')).toBe('22:14 (Mon)');
		expect(isOpen(WEEKDAYS_9_TO_8, ['America/New_York'], now)).toBe(false);
		expect(isOpen(WEEKDAYS_9_TO_8, ['America/Los_Angeles'], now)).toBe(true);
		expect(isOpen(WEEKDAYS_9_TO_8, ['Pacific/Honolulu'], now)).toBe(true);
		// The end is not included; the start is.
		expect(isOpen(WEEKDAYS_9_TO_8, ['UTC'], at('2026-12-01T20:00:00Z'))).toBe(false);
		expect(isOpen(WEEKDAYS_9_TO_8, ['UTC'], at('2026-12-01T09:00:00Z'))).toBe(true);
	});

	test('the days are local days: Saturday morning in Sydney is still Friday in New York', () => {
		const now = at('2026-12-04T23:30:00Z'); // Sat 10:30 in Sydney, Fri 18:30 in New York
		expect(isOpen(WEEKDAYS_9_TO_8, ['Australia/Sydney'], now)).toBe(false);
		expect(isOpen(WEEKDAYS_9_TO_8, ['America/New_York'], now)).toBe(true);
		expect(nextOpening(WEEKDAYS_9_TO_8, ['Australia/Sydney'], now)).toBe(
			at('2026-12-06T22:00:00Z'), // Mon 09:00 in Sydney (UTC+11 in summer)
		);
	});

	test('with several candidate zones the window must hold in all of them', () => {
		const zones = timeZonesOfNumber('+61 8 9200 0000'); // Adelaide (UTC+10:30) and Perth (UTC+8)
		// Tue 09:30 in Adelaide is 07:00 in Perth: not yet.
		const now = at('2026-11-30T23:00:00Z');
		expect(isOpen(WEEKDAYS_9_TO_8, ['Australia/Adelaide'], now)).toBe(true);
		expect(isOpen(WEEKDAYS_9_TO_8, zones, now)).toBe(false);
		// It opens when Perth reaches 09:00 (11:30 in Adelaide).
		expect(nextOpening(WEEKDAYS_9_TO_8, zones, now)).toBe(at('2026-12-01T01:00:00Z'));
		// Zones too far apart for the window never open together.
		expect(
			nextOpening(WEEKDAYS_9_TO_8, ['Pacific/Honolulu', 'Asia/Tokyo', 'Europe/London'], now),
		).toBeUndefined();
	});

	test('a window that crosses midnight belongs to the day it starts on', () => {
		const nights = checkedHours(
			['fri'],
			parseTimeOfDay('22:00', 'From'),
			parseTimeOfDay('06:00', 'To', true),
		);
		expect(isOpen(nights, ['UTC'], at('2026-12-04T23:00:00Z'))).toBe(true); // Fri 23:00
		expect(isOpen(nights, ['UTC'], at('2026-12-05T01:00:00Z'))).toBe(true); // Sat 01:00
		expect(isOpen(nights, ['UTC'], at('2026-12-05T06:00:00Z'))).toBe(false); // Sat 06:00
		expect(isOpen(nights, ['UTC'], at('2026-12-05T23:00:00Z'))).toBe(false); // Sat 23:00
		expect(isOpen(nights, ['UTC'], at('2026-12-04T01:00:00Z'))).toBe(false); // Fri 01:00
		expect(nextOpening(nights, ['UTC'], at('2026-12-05T07:00:00Z'))).toBe(
			at('2026-12-11T22:00:00Z'),
		);
	});

	test('daylight saving: the window stays at local 09:00 across the change', () => {
		const daily = checkedHours(['sun', 'mon'], 9 * 3600, 20 * 3600);
		// New York: UTC-5 until 8 Mar 2026 02:00, then UTC-4.
		expect(nextOpening(daily, ['America/New_York'], at('2026-03-07T12:00:00Z'))).toBe(
			at('2026-03-08T13:00:00Z'),
		);
		expect(nextOpening(daily, ['America/New_York'], at('2026-03-01T03:00:00Z'))).toBe(
			at('2026-03-01T14:00:00Z'),
		);
		// Back to UTC-5 on 1 Nov 2026.
		expect(nextOpening(daily, ['America/New_York'], at('2026-10-31T12:00:00Z'))).toBe(
			at('2026-11-01T14:00:00Z'),
		);
		// A window starting at a local time the change skips opens when the clock reaches it.
		const early = checkedHours(['sun'], parseTimeOfDay('02:30', 'From'), 5 * 3600);
		const opening = nextOpening(early, ['America/New_York'], at('2026-03-08T00:00:00Z'));
		expect(opening).toBeDefined();
		expect(localTimeText(opening!, 'America/New_York')).toBe('03:30 (Sun)');
	});

	test('the next opening is now when the window is open', () => {
		const now = at('2026-12-01T15:00:00Z');
		expect(nextOpening(WEEKDAYS_9_TO_8, ['America/New_York'], now)).toBe(now);
	});
});
