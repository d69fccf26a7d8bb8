/** What an item outside its calling hours is told, by Start Call and Wait for Calling Hours. */
import { hoursText, isOpen, localTimeText, nextOpening } from '../../helpers/callingHours';
import { InputProblem } from '../../helpers/inputProblem';
import { durationText } from '../../../shared/durationText';
import type { ItemHours } from './callingHoursFields';

/** Zones named in a message; a number in more is summed up. */
const ZONES_SHOWN = 3;

function zoneList(zones: string[]): string {
	const shown = zones.slice(0, ZONES_SHOWN).join(', ');
	return zones.length > ZONES_SHOWN ? `${shown} and ${zones.length - ZONES_SHOWN} more` : shown;
}

/** "22:14 (Tue) in America/New_York", for each zone the contact may be in. */
function nowIn(zones: string[], now: number): string {
	const times = zones.slice(0, ZONES_SHOWN).map((zone) => `${localTimeText(now, zone)} in ${zone}`);
	const more = zones.length > ZONES_SHOWN ? ` and ${zones.length - ZONES_SHOWN} more zones` : '';
	return `${times.join(' and ')}${more}`;
}

export type HoursVerdict =
	| { open: true }
	| { open: false; opensAt: number; problem: InputProblem }
	| { open: false; opensAt: undefined; problem: InputProblem };

/**
 * Whether the item may be called now; when not, the problem to show (headline and what to do)
 * and when the hours open next (undefined when they never hold in all the contact's zones).
 */
export function callingHoursVerdict(
	{ hours, zones, zoneSource }: ItemHours,
	toPhoneNumber: string,
	now: number,
	whatToDo: string,
): HoursVerdict {
	if (isOpen(hours, zones, now)) return { open: true };
	const opensAt = nextOpening(hours, zones, now);
	if (opensAt === undefined) {
		return {
			open: false,
			opensAt,
			problem: new InputProblem(
				`Calling hours never hold in all ${zones.length} time zones ${toPhoneNumber} may be in`,
				`Nobody was called. ${hoursText(hours)} is never open in ${zoneList(zones)} at the same time (the zones come from ${zoneSource}). Set "Contact's Time Zone" to "Set or Mapped" and pick the contact's time zone, or map it from your contact data.`,
			),
		};
	}
	const where = zones[0];
	return {
		open: false,
		opensAt,
		problem: new InputProblem(
			`Outside calling hours: it is ${nowIn(zones, now)}; calls allowed ${hoursText(hours)}`,
			`Nobody was called. The hours open next at ${localTimeText(opensAt, where)} in ${where}, in ${durationText(opensAt - now)}${zones.length > 1 ? ` (the number may be in ${zoneList(zones)}, so the hours must hold in each)` : ''}. ${whatToDo}`,
		),
	};
}
