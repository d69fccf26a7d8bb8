/**
 * What Call → Start accepts: the ranges of its numbers and the choices of its options, read
 * by its fields (startFields.ts) and by the plan that checks each item (callPlan.ts).
 */
export const TTL_MIN = 10;
export const TTL_MAX = 3600;
export const MAX_TIMEOUT_SECONDS = 600;
export const DEFAULT_CONCURRENCY = 5;
export const MAX_CONCURRENCY = 50;
/** Max Wait for Rate Limit: by default as long as any other request may wait its turn. */
export { DEFAULT_RATE_LIMIT_WAIT_MINUTES } from '../../../shared/transport/request';
export const MAX_RATE_LIMIT_WAIT_MINUTES = 120;

export const VARIABLES_MODES = [
	{ name: 'Using Fields Below', value: 'fields' },
	{ name: 'Using JSON', value: 'json' },
];

export const CALLING_HOURS_MODES = [
	{ name: 'Any Time', value: 'anyTime', description: 'Call whatever the time' },
	{
		name: 'Only Within the Hours Below',
		value: 'set',
		description:
			"Outside the days and hours (in the contact's local time), the item fails and nobody is called",
	},
	{
		name: 'As Set by Wait for Calling Hours',
		value: 'fromItem',
		description:
			'The days, hours and time zone that a Call → Wait for Calling Hours step before this one put on the item (its allowedHours field), so they are entered once',
	},
];
