/**
 * The time zones a phone number may be in, as libphonenumber's own time-zone mapper gives them:
 * a number tied to an area (a landline, a North American number) by its longest known prefix;
 * any other (most mobiles, VoIP, toll-free, personal numbers) every zone of its country, since
 * it can be anywhere in it.
 */
import { numberArea } from './calleeNumber';
import { PREFIX_ZONES, ZONE_NAMES } from './phoneTimeZones.data';

let table: Map<string, string[]> | undefined;

function zonesByPrefix(): Map<string, string[]> {
	if (table) return table;
	const names = ZONE_NAMES.split(' ');
	table = new Map(
		PREFIX_ZONES.split(' ').map((entry) => {
			const [prefix, zones] = entry.split(':');
			return [prefix, zones.split(',').map((index) => names[parseInt(index, 36)])];
		}),
	);
	return table;
}

function zonesOfLongestPrefix(digits: string): string[] {
	const zones = zonesByPrefix();
	for (let length = digits.length; length > 0; length--) {
		const found = zones.get(digits.slice(0, length));
		if (found) return [...found];
	}
	return [];
}

/**
 * The IANA zones of a valid E.164 number: its area's for a geographic number, its country's
 * for any other; none when unknown (e.g. +800, which has no country).
 */
export function timeZonesOfNumber(e164: string): string[] {
	const area = numberArea(e164);
	if (!area) return [];
	return zonesOfLongestPrefix(area.geographic ? e164.replace(/\D/g, '') : area.callingCode);
}
