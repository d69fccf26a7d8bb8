/** The time zones a phone number may be in, from its prefix (libphonenumber's metadata). */
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

/**
 * The IANA zones of an E.164 number by its longest known prefix: one for most numbers, several
 * where a range spans zones (a mobile range, or a country-wide prefix), none when unknown.
 */
export function timeZonesOfNumber(e164: string): string[] {
	const digits = e164.replace(/\D/g, '');
	const zones = zonesByPrefix();
	for (let length = digits.length; length > 0; length--) {
		const found = zones.get(digits.slice(0, length));
		if (found) return [...found];
	}
	return [];
}
