/**
 * Calling hours: Start Call refuses outside them before anyone is called, and Call → Wait for
 * Calling Hours passes an item on within them or pauses the execution until they open.
 * The package's clock is held at a fixed instant (a Tuesday, 12:00 UTC) unless a test sets
 * another, and windows are set relative to it: each decision is checked at the instant it is
 * about, whatever the time of the run.
 */
import type { INode, INodeParameters } from 'n8n-workflow';

import { clock } from '../../nodes/shared/clock';
import { clockAt, sharedClockThatSkipsWaits } from '../clock';
import { runWorkflow } from '../harness/runWorkflow';
import { SANDBOX_READONLY_API_KEY } from '../../tools/sandbox/data';
import { newWebhookSecret } from '../../tools/sandbox/webhooks';
import {
	agntixNode,
	apiKeyCredential,
	contactsWorkflow,
	runAgntix,
	startCallParameters,
	useSandbox,
} from '../fixtures';

const sandbox = useSandbox();
const EVERY_DAY = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
/** Tuesday 1 December 2026, noon in UTC. */
const TUESDAY_NOON = '2026-12-01T12:00:00.000Z';
beforeEach(() => clockAt(TUESDAY_NOON));

/** "HH:MM" (or "HH:MM:SS") in UTC, `offsetMs` from the package's clock. */
function utcClock(offsetMs: number, withSeconds = false): string {
	const iso = new Date(clock.now() + offsetMs).toISOString();
	return withSeconds ? iso.slice(11, 19) : iso.slice(11, 16);
}

/** "HH:MM" in a zone, `offsetMs` from the package's clock. */
function clockIn(timeZone: string, offsetMs: number): string {
	return new Intl.DateTimeFormat('en-GB', {
		timeZone,
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23',
	}).format(new Date(clock.now() + offsetMs));
}

/** A window in UTC that opened an hour ago (open) or opens in two hours (closed). */
function utcHours(open: boolean): INodeParameters {
	const hour = 3600_000;
	return {
		callingDays: EVERY_DAY,
		callingFrom: utcClock(open ? -hour : 2 * hour),
		callingTo: utcClock(open ? hour : 3 * hour),
		contactTimeZone: 'given',
		timeZone: 'UTC',
	};
}

function waitForHours(hours: INodeParameters, settings: Partial<INode> = {}): INode {
	return agntixNode(
		{
			resource: 'call',
			operation: 'waitForCallingHours',
			toPhoneNumber: '={{ $json.phone }}',
			...hours,
		},
		{ name: 'Wait for Calling Hours', id: 'wait-for-hours', ...settings },
	);
}

describe('Start Call with Calling Hours', () => {
	test('outside the hours the item fails before anyone is called, saying the local time and the hours', async () => {
		const result = await runAgntix(
			sandbox,
			startCallParameters(sandbox, { callingHours: 'set', ...utcHours(false) }),
			[{ phone: '+14155550100' }],
			{ continueOnFail: true },
		);
		expect(sandbox.apiRequests('POST')).toHaveLength(0);
		const [item] = result.output('Agntix');
		expect(item.json.error).toBe(
			'Outside calling hours: it is 12:00 (Tue) in UTC; calls allowed every day 14:00–15:00 [item 0]',
		);
		expect(item.json.description).toBe(
			'Nobody was called. The hours open next at 14:00 (Tue) in UTC, in 2 h. To call then instead of failing, put Call → Wait for Calling Hours before this step.',
		);
	});

	test.each([
		['a minute before they close: called', '2026-12-01T19:59:00-05:00', 1],
		['as they close: not called', '2026-12-01T20:00:00-05:00', 0],
		['the morning daylight saving starts, 08:59 EDT: not called', '2027-03-14T08:59:00-04:00', 0],
		['the morning daylight saving starts, 09:00 EDT: called', '2027-03-14T09:00:00-04:00', 1],
		['the morning it ends, 08:59 EST: not called', '2026-11-01T08:59:00-05:00', 0],
		['the morning it ends, 09:00 EST: called', '2026-11-01T09:00:00-05:00', 1],
	])('09:00–20:00 in New York, %s', async (_, instant, calls) => {
		clockAt(instant);
		await runAgntix(
			sandbox,
			startCallParameters(sandbox, {
				callingHours: 'set',
				callingDays: EVERY_DAY,
				callingFrom: '09:00',
				callingTo: '20:00',
			}),
			[{ phone: '+1 212 555 0100' }],
			{ continueOnFail: true },
		);
		expect(sandbox.apiRequests('POST')).toHaveLength(calls);
	});

	test('the hours are checked again right before each call: an item whose turn comes after they closed is not called', async () => {
		// Each call takes 5 s to be confirmed and one runs at a time; the window closes in 2 s.
		clockAt(TUESDAY_NOON, 'running');
		sandbox.configure({ latencyMs: 5000 });
		const result = await runAgntix(
			sandbox,
			startCallParameters(sandbox, {
				callingHours: 'set',
				callingDays: EVERY_DAY,
				callingFrom: utcClock(-3600_000, true),
				callingTo: utcClock(2500, true),
				contactTimeZone: 'given',
				timeZone: 'UTC',
				options: { concurrency: 1 },
			}),
			[{ phone: '+14155550100' }, { phone: '+14155550101' }],
			{ continueOnFail: true },
		);
		const [first, second] = result.output('Agntix');
		expect(first.json).toEqual(expect.objectContaining({ status: 'started' }));
		expect(String(second.json.error)).toMatch(/^Outside calling hours: .* \[item 1\]$/);
		expect(
			sandbox
				.apiRequests('POST')
				.map((r) => (r.body as { to_phone_number: string }).to_phone_number),
		).toEqual(['+14155550100']);
	});

	/** Hours that close in two seconds, in UTC: open when planned, closed a few seconds later. */
	function closingSoon(options: INodeParameters = {}, more: INodeParameters = {}): INodeParameters {
		return startCallParameters(sandbox, {
			callingHours: 'set',
			callingDays: EVERY_DAY,
			callingFrom: utcClock(-3600_000, true),
			callingTo: utcClock(2000, true),
			contactTimeZone: 'given',
			timeZone: 'UTC',
			options,
			...more,
		});
	}
	const placedNumbers = () =>
		sandbox
			.apiRequests('POST')
			.filter((r) => r.status === 200)
			.map((r) => (r.body as { to_phone_number: string }).to_phone_number);

	test('a call rate-limited until after the hours closed is not sent again: nobody is called', async () => {
		clockAt(TUESDAY_NOON, 'running');
		sandbox.inject({
			kind: 'status',
			status: 429,
			match: '/calls/start',
			headers: { 'Retry-After': '4' },
		});
		const result = await runAgntix(sandbox, closingSoon(), [{ phone: '+14155550100' }], {
			continueOnFail: true,
		});
		const [item] = result.output('Agntix');
		expect(String(item.json.error)).toMatch(/^Outside calling hours: .* \[item 0\]$/);
		expect(String(item.json.description)).toMatch(/^Nobody was called\./);
		expect(sandbox.apiRequests('POST')).toHaveLength(1);
		expect(placedNumbers()).toEqual([]);
	});

	test('a paused call rate-limited until after the hours closed is not placed either', async () => {
		clockAt(TUESDAY_NOON, 'running');
		sandbox.inject({
			kind: 'status',
			status: 429,
			match: '/calls/start',
			headers: { 'Retry-After': '4' },
		});
		const credentials = apiKeyCredential(sandbox);
		credentials.agntixApi.webhookSecret = newWebhookSecret();
		const result = await runWorkflow(
			contactsWorkflow(
				[{ phone: '+14155550100' }],
				agntixNode(closingSoon({}, { ttl: 60, waitForEnd: true, waitMode: 'pause' }), {
					continueOnFail: true,
				}),
			),
			credentials,
		);
		expect(result.run?.waitTill).toBeUndefined();
		const [item] = result.output('Agntix');
		expect(String(item.json.error)).toMatch(/^Outside calling hours: .* \[item 0\]$/);
		expect(placedNumbers()).toEqual([]);
	});

	test('a call waiting for the rate limit window past the end of the hours is not placed', async () => {
		// One request per 4-second window: the second item waits for the next window, by which
		// time the hours have closed. The sandbox's window is on the same clock.
		sandbox.now = sharedClockThatSkipsWaits(TUESDAY_NOON).now;
		sandbox.configure({ rateLimit: { limit: 1, windowMs: 4000 } });
		const result = await runAgntix(
			sandbox,
			closingSoon({ concurrency: 1 }),
			[{ phone: '+14155550100' }, { phone: '+14155550101' }],
			{ continueOnFail: true },
		);
		const [first, second] = result.output('Agntix');
		expect(first.json).toEqual(expect.objectContaining({ status: 'started' }));
		expect(String(second.json.error)).toMatch(/^Outside calling hours: .* \[item 1\]$/);
		expect(placedNumbers()).toEqual(['+14155550100']);
		expect(sandbox.apiRequests('POST')).toHaveLength(1);
	});

	test('within the hours the call is placed; Any Time (the default) never checks', async () => {
		const within = await runAgntix(
			sandbox,
			startCallParameters(sandbox, { callingHours: 'set', ...utcHours(true) }),
			[{ phone: '+14155550100' }],
		);
		expect(within.error).toBeUndefined();
		const anyTime = await runAgntix(sandbox, startCallParameters(sandbox, utcHours(false)), [
			{ phone: '+14155550101' },
		]);
		expect(anyTime.error).toBeUndefined();
		expect(sandbox.apiRequests('POST')).toHaveLength(2);
	});

	test("the time zone comes from the number: its area code's zone, and every zone of an ambiguous range", async () => {
		// A window from one to six hours after Perth's local time: Perth is outside it, Adelaide
		// (2.5 hours ahead in December, 1.5 in June) and New York's own clock are checked too.
		const hours = {
			callingDays: EVERY_DAY,
			callingFrom: clockIn('Australia/Perth', 3600_000),
			callingTo: clockIn('Australia/Perth', 6 * 3600_000),
			contactTimeZone: 'number',
		};
		const result = await runAgntix(
			sandbox,
			startCallParameters(sandbox, { callingHours: 'set', ...hours }),
			[{ phone: '+1 212 555 0100' }, { phone: '+61 8 9200 0000' }],
			{ continueOnFail: true },
		);
		const [newYork, perth] = result.output('Agntix').map((item) => item.json);
		expect(newYork.error).toMatch(
			/^Outside calling hours: it is \d\d:\d\d \(\w{3}\) in America\/New_York; /,
		);
		expect(perth.error).toMatch(
			/^Outside calling hours: it is \d\d:\d\d \(\w{3}\) in Australia\/Adelaide and \d\d:\d\d \(\w{3}\) in Australia\/Perth; /,
		);
		expect(perth.description).toContain(
			'(the number may be in Australia/Adelaide, Australia/Perth, so the hours must hold in each)',
		);
		expect(sandbox.apiRequests('POST')).toHaveLength(0);
	});

	test('a number whose zone is unknown, a bad time zone and a bad time are refused, naming the field and the value', async () => {
		const result = await runAgntix(
			sandbox,
			startCallParameters(sandbox, {
				callingHours: 'set',
				...utcHours(true),
				contactTimeZone: '={{ $json.zoneFrom }}',
				timeZone: '={{ $json.zone }}',
				callingFrom: '={{ $json.from }}',
			}),
			[
				{ phone: '+80012345678', zoneFrom: 'number', from: '09:00' },
				{ phone: '+14155550100', zoneFrom: 'given', zone: 'Mars/Olympus', from: '09:00' },
				{ phone: '+14155550100', zoneFrom: 'given', zone: 'UTC', from: 'nine' },
				// A CRM's "EST" would be read as Panama's time, with no daylight saving.
				{ phone: '+14155550100', zoneFrom: 'given', zone: 'EST', from: '09:00' },
			],
			{ continueOnFail: true },
		);
		const errors = result.output('Agntix').map((item) => [item.json.error, item.json.description]);
		expect(errors[0][0]).toBe(
			'The time zone of +80012345678 is not known from its number [item 0]',
		);
		expect(errors[0][1]).toContain('Set "Contact\'s Time Zone" to "Set or Mapped"');
		expect(errors[1][0]).toBe('"Time Zone" "Mars/Olympus" is not a time zone [item 1]');
		expect(errors[2][0]).toBe('"Calling Hours From" "nine" is not a time of day [item 2]');
		expect(errors[3][0]).toBe(
			'"Time Zone" "EST" is not a time zone the hours can be kept in [item 3]',
		);
		expect(errors[3][1]).toContain('America/New_York');
		expect(sandbox.apiRequests('POST')).toHaveLength(0);
	});

	test('a number that may be in zones too far apart for the window is refused with what to set', async () => {
		const result = await runAgntix(
			sandbox,
			startCallParameters(sandbox, {
				callingHours: 'set',
				callingDays: ['mon', 'tue', 'wed', 'thu', 'fri'],
				callingFrom: '09:00',
				callingTo: '10:00',
				contactTimeZone: 'number',
			}),
			[{ phone: '+1 800 555 0100' }],
			{ continueOnFail: true },
		);
		const [item] = result.output('Agntix');
		expect(item.json.error).toMatch(
			/^Calling hours never hold in all \d+ time zones \+18005550100 may be in \[item 0\]$/,
		);
		expect(item.json.description).toMatch(
			/Mon–Fri 09:00–10:00 is never open in America\/Adak, .* and \d+ more at the same time/,
		);
	});

	test('As Set by Wait for Calling Hours: the hours come with the item; an item without them is refused', async () => {
		const workflow = contactsWorkflow([{ phone: '+14155550100' }], waitForHours(utcHours(true)));
		const start = agntixNode(startCallParameters(sandbox, { callingHours: 'fromItem' }), {
			name: 'Start Call',
			id: 'start-call',
		});
		workflow.nodes.push(start);
		workflow.connections['Wait for Calling Hours'] = {
			main: [[{ node: 'Start Call', type: 'main', index: 0 }]],
		};
		const result = await runWorkflow(workflow, apiKeyCredential(sandbox));
		expect(result.error).toBeUndefined();
		expect(result.output('Start Call')).toHaveLength(1);
		expect(sandbox.apiRequests('POST')).toHaveLength(1);

		const without = await runAgntix(
			sandbox,
			startCallParameters(sandbox, { callingHours: 'fromItem' }),
			[{ phone: '+14155550100' }],
			{ continueOnFail: true },
		);
		expect(without.output('Agntix')[0].json.error).toBe(
			'"Calling Hours" is "As Set by Wait for Calling Hours", but the item has no allowedHours field [item 0]',
		);
		expect(sandbox.apiRequests('POST')).toHaveLength(1);
	});

	test('hours on the item from anywhere but Wait for Calling Hours, changed, for another number or another credential are refused: nobody is called', async () => {
		/** Wait for Calling Hours (open now in UTC) → a step that changes the item → Start Call. */
		async function runWith(
			change: (json: Record<string, any>) => void,
			startCredential = apiKeyCredential(sandbox),
		) {
			const first = await runWorkflow(
				contactsWorkflow([{ phone: '+14155550100' }], waitForHours(utcHours(true))),
				apiKeyCredential(sandbox),
			);
			const json = structuredClone(first.output('Wait for Calling Hours')[0].json) as Record<
				string,
				any
			>;
			change(json);
			const result = await runWorkflow(
				contactsWorkflow(
					[json],
					agntixNode(startCallParameters(sandbox, { callingHours: 'fromItem' }), {
						continueOnFail: true,
					}),
				),
				startCredential,
			);
			return String(result.output('Agntix')[0].json.error);
		}
		const [ok] = [await runWith(() => {})];
		expect(ok).toBe('undefined');
		expect(sandbox.apiRequests('POST')).toHaveLength(1);
		// Wider hours and other zones, as a CRM payload or a form could carry them.
		const widened = await runWith((json) => {
			json.allowedHours.days = EVERY_DAY;
			json.allowedHours.from = '00:00';
			json.allowedHours.to = '24:00';
		});
		expect(widened).toBe(
			"The item's allowedHours were not set by Wait for Calling Hours, or were changed since [item 0]",
		);
		const otherZone = await runWith(
			(json) => (json.allowedHours.timeZones = ['Pacific/Kiritimati']),
		);
		expect(otherZone).toMatch(/^The item's allowedHours were not set by Wait for Calling Hours/);
		const forged = await runWith((json) => {
			json.allowedHours = {
				allowed: 'every day 00:00–24:00',
				days: EVERY_DAY,
				from: '00:00',
				to: '24:00',
				timeZones: ['UTC'],
				toPhoneNumber: '+14155550100',
				seal: 'x'.repeat(43),
			};
		});
		expect(forged).toMatch(/^The item's allowedHours were not set by Wait for Calling Hours/);
		const otherNumber = await runWith((json) => (json.phone = '+14155550101'));
		expect(otherNumber).toBe(
			'The item\'s allowedHours are for "+14155550100", not for +14155550101 [item 0]',
		);
		const otherKey = await runWith(() => {}, apiKeyCredential(sandbox, SANDBOX_READONLY_API_KEY));
		expect(otherKey).toMatch(/^The item's allowedHours were not set by Wait for Calling Hours/);
		expect(sandbox.apiRequests('POST')).toHaveLength(1);
	});

	test("as an AI agent's tool, a call outside the hours fails with the reason", async () => {
		const tool = agntixNode(
			startCallParameters(sandbox, { callingHours: 'set', ...utcHours(false) }),
			{
				type: 'n8n-nodes-agntix.agntixTool',
			},
		);
		const result = await runWorkflow(
			contactsWorkflow([{ phone: '+14155550100' }], tool),
			apiKeyCredential(sandbox),
		);
		expect(result.run?.waitTill).toBeUndefined();
		expect(result.error?.message).toMatch(
			/^Outside calling hours: it is .* in UTC; calls allowed every day/,
		);
		expect(sandbox.apiRequests('POST')).toHaveLength(0);
	});
});

describe('Call → Wait for Calling Hours', () => {
	test('within the hours the item goes on at once, carrying the hours', async () => {
		const hours = utcHours(true);
		const result = await runWorkflow(
			contactsWorkflow([{ phone: '+14155550100', name: 'Ada' }], waitForHours(hours)),
			apiKeyCredential(sandbox),
		);
		expect(result.run?.waitTill).toBeUndefined();
		expect(result.output('Wait for Calling Hours')).toEqual([
			{
				json: {
					phone: '+14155550100',
					name: 'Ada',
					allowedHours: {
						allowed: `every day ${hours.callingFrom}–${hours.callingTo}`,
						days: EVERY_DAY.slice(-1).concat(EVERY_DAY.slice(0, 6)),
						from: hours.callingFrom,
						to: hours.callingTo,
						timeZones: ['UTC'],
						toPhoneNumber: '+14155550100',
						seal: expect.stringMatching(/^[\w-]{43}$/),
					},
				},
				pairedItem: { item: 0 },
			},
		]);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('outside the hours the execution waits until they open, saying so, with the hours on the item it goes on with', async () => {
		// Five seconds before the window opens.
		const hours = {
			...utcHours(false),
			callingFrom: utcClock(5_000, true),
			callingTo: utcClock(3600_000, true),
		};
		const result = await runWorkflow(
			contactsWorkflow([{ phone: '+14155550100' }], waitForHours(hours)),
			apiKeyCredential(sandbox),
		);
		expect(result.error).toBeUndefined();
		expect(new Date(result.run!.waitTill as Date).toISOString()).toBe('2026-12-01T12:00:05.000Z');
		const [item] = result.output('Wait for Calling Hours');
		expect(item.json.allowedHours).toEqual(
			expect.objectContaining({ from: '12:00:05', timeZones: ['UTC'] }),
		);
		const [hint] = result.run!.data.resultData.runData['Wait for Calling Hours'][0].hints ?? [];
		expect(hint.message).toBe(
			'Outside calling hours: it is 12:00 (Tue) in UTC; calls allowed every day 12:00:05–13:00. This execution waits until they open in 5 s, at 12:00 (Tue) in UTC (1 Dec 2026, 07:00 (America/New_York) here), then goes on with this item to the next step.',
		);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('a workflow time zone the date formatter rejects ("DEFAULT") does not fail the wait', async () => {
		const closed = { ...utcHours(false), toPhoneNumber: '={{ $json.phone }}' };
		const workflow = contactsWorkflow([{ phone: '+14155550100' }], waitForHours(closed));
		const result = await runWorkflow(
			{ ...workflow, settings: { timezone: 'DEFAULT' } },
			apiKeyCredential(sandbox),
		);
		expect(result.error).toBeUndefined();
		expect(result.run?.waitTill).toBeDefined();
		expect(
			String(result.run!.data.resultData.runData['Wait for Calling Hours'][0].hints?.[0]?.message),
		).toMatch(/\(UTC\) here\)/);
	});

	test('a list is refused before anything waits; bad input fails its item', async () => {
		const list = await runWorkflow(
			contactsWorkflow(
				[{ phone: '+14155550100' }, { phone: '+14155550101' }],
				waitForHours(utcHours(false)),
			),
			apiKeyCredential(sandbox),
		);
		expect(list.error?.message).toBe(
			'Wait for Calling Hours holds one item per execution, and 2 items came in [item 0]',
		);
		expect(list.error?.description).toContain(
			'Loop Over Items before an Execute Workflow node that runs a workflow starting with this step (Mode: Run once with all items',
		);
		expect(list.run?.waitTill).toBeUndefined();

		const bad = await runWorkflow(
			contactsWorkflow([{ phone: 'tomorrow' }], waitForHours(utcHours(false))),
			apiKeyCredential(sandbox),
		);
		expect(bad.error?.message).toMatch(
			/^"To Phone Number" "tomorrow" is not a valid phone number: .* \[item 0\]$/,
		);

		// Checked as Start Call checks it, not silently ignored.
		const country = await runWorkflow(
			contactsWorkflow(
				[{ phone: '(415) 555-0100' }],
				waitForHours({ ...utcHours(false), options: { defaultCountry: 'USA' } }),
			),
			apiKeyCredential(sandbox),
		);
		expect(country.error?.message).toBe('"Default Country" "USA" is not a country code [item 0]');
		expect(country.run?.waitTill).toBeUndefined();
	});

	test("as an AI agent's tool it does not wait: outside the hours it fails with the reason", async () => {
		const result = await runWorkflow(
			contactsWorkflow(
				[{ phone: '+14155550100' }],
				waitForHours(utcHours(false), { type: 'n8n-nodes-agntix.agntixTool' }),
			),
			apiKeyCredential(sandbox),
		);
		expect(result.run?.waitTill).toBeUndefined();
		expect(result.error?.message).toMatch(/^Outside calling hours: .* \[item 0\]$/);
		expect(result.error?.description).toMatch(
			/An AI agent's tool does not wait: try again then\.$/,
		);
	});
});
