/**
 * Calling hours and trying again, in a real n8n: a CRM lead outside its calling hours waits
 * (across a restart of n8n) and is called when they open; the retry example calls a number
 * that is not reached at first again, and a reached one once, a lead the CRM posts twice in
 * one loop only.
 */
import { done, eventually, notYet } from '../../tools/n8n/eventually';
import type { ExecuteResult } from '../../tools/n8n/n8nProcess';
import { RETRY_FAST, RETRY_PATH, VERSIONS, signedWebhooks, triggerUrl, useN8n } from './setup';

const CALL_NODE = 'Call and pause until it ends';
const ALL_DAY = { hoursFrom: '00:00', hoursTo: '24:00' };

/** "HH:MM:SS" in UTC, `offsetMs` from now. */
const utcClock = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString().slice(11, 19);
const firstItemOf = (runData: ExecuteResult['runData'], node: string) =>
	runData[node]?.[0]?.data?.main?.[0]?.[0]?.json;

describe.each(VERSIONS)('n8n %s, calling hours and trying again', (version) => {
	const e2e = useN8n(version, { activate: [RETRY_FAST.id, 'agntixE2eTrigger'] });

	/** Posts a lead and returns its execution once it has finished. */
	async function leadFinished(lead: object, ms = 60_000) {
		const before = new Set((await e2e.n8n.executions(RETRY_FAST.id)).map((e) => e.id));
		const response = await e2e.n8n.webhook(RETRY_PATH, lead);
		expect(response.status).toBe(200);
		const execution = await eventually(
			'The execution of the lead',
			async () => {
				const found = (await e2e.n8n.executions(RETRY_FAST.id)).find((e) => !before.has(e.id));
				return found ? done(found) : notYet('none yet');
			},
			20_000,
		);
		return {
			id: execution.id,
			runData: await e2e.n8n.executionWithStatus(execution.id, 'success', ms),
		};
	}

	const callsTo = (phone: string) =>
		e2e.sandbox.calls.filter((call) => call.toPhoneNumber === phone);

	test('a lead not reached at first is called again and reached; a reached one is called once; one never reached is tried three times', async () => {
		e2e.sandbox.configure({ callDurationMs: 1000, webhook: signedWebhooks(triggerUrl(e2e.n8n)) });

		const second = await leadFinished({
			phone: '+1 415 555 0195',
			name: 'Ada',
			id: 'C-401',
			...ALL_DAY,
		});
		expect(callsTo('+14155550195').map((call) => call.sessionVariables?.attempt)).toEqual([1, 2]);
		expect(firstItemOf(second.runData, 'Record: reached')).toEqual(
			expect.objectContaining({ 'Contact ID': 'C-401', Reached: true, Attempts: 2 }),
		);
		expect(second.runData[CALL_NODE].map((run) => run.data?.main?.[0]?.[0]?.json?.outcome)).toEqual(
			['notReached', 'reached'],
		);

		const first = await leadFinished({
			phone: '+1 415 555 0100',
			name: 'Grace',
			id: 'C-402',
			...ALL_DAY,
		});
		expect(callsTo('+14155550100')).toHaveLength(1);
		expect(firstItemOf(first.runData, 'Record: reached')).toEqual(
			expect.objectContaining({ 'Contact ID': 'C-402', Reached: true, Attempts: 1 }),
		);

		const never = await leadFinished({
			phone: '+1 415 555 0196',
			name: 'Alan',
			id: 'C-403',
			...ALL_DAY,
		});
		expect(callsTo('+14155550196')).toHaveLength(3);
		expect(firstItemOf(never.runData, 'Record: not reached')).toEqual(
			expect.objectContaining({
				'Contact ID': 'C-403',
				Reached: false,
				Attempts: 3,
				Outcome: 'notReached',
			}),
		);
		e2e.lap('retries');
	});

	test('a lead the CRM posts twice is tried in one loop: called three times at most, not six', async () => {
		e2e.sandbox.configure({ callDurationMs: 1000, webhook: signedWebhooks(triggerUrl(e2e.n8n)) });
		const lead = { phone: '+1 415 555 0196', name: 'Alan', id: 'C-405', ...ALL_DAY };
		const before = new Set((await e2e.n8n.executions(RETRY_FAST.id)).map((e) => e.id));
		expect((await e2e.n8n.webhook(RETRY_PATH, lead)).status).toBe(200);
		// The CRM posts the lead again while its first call is under way.
		await eventually(
			'The first call to the lead',
			async () => (callsTo('+14155550196').length ? done(true) : notYet('no call yet')),
			20_000,
		);
		expect((await e2e.n8n.webhook(RETRY_PATH, lead)).status).toBe(200);
		const executions = await eventually(
			'Both executions of the lead finished',
			async () => {
				const fresh = (await e2e.n8n.executions(RETRY_FAST.id)).filter((e) => !before.has(e.id));
				return fresh.length === 2 && fresh.every((e) => e.status === 'success')
					? done(fresh)
					: notYet(fresh.map((e) => `${e.id} ${e.status}`).join(', ') || 'none');
			},
			90_000,
		);
		expect(callsTo('+14155550196')).toHaveLength(3);
		const runs = await Promise.all(
			executions.map((execution) => e2e.n8n.executionWithStatus(execution.id, 'success')),
		);
		// One execution went round the loop; the other stopped at Once per lead.
		expect(
			runs.filter((runData) => runData[CALL_NODE]).map((runData) => runData[CALL_NODE].length),
		).toEqual([3]);
		expect(runs.filter((runData) => !runData[CALL_NODE])).toHaveLength(1);
		e2e.lap('a lead posted twice');
	});

	test('a lead outside its calling hours waits, across a restart of n8n, and is called once when they open', async () => {
		e2e.sandbox.configure({ callDurationMs: 1000, webhook: signedWebhooks(triggerUrl(e2e.n8n)) });
		const opensIn = 40_000;
		const hoursFrom = utcClock(opensIn);
		const response = await e2e.n8n.webhook(RETRY_PATH, {
			phone: '+1 415 555 0100',
			name: 'Ada',
			id: 'C-404',
			hoursFrom,
			hoursTo: utcClock(opensIn + 3600_000),
		});
		expect(response.status).toBe(200);
		const opensAt = Date.parse(
			`${new Date(Date.now() + opensIn).toISOString().slice(0, 11)}${hoursFrom}Z`,
		);
		const execution = await e2e.n8n.newestExecutionWithStatus(RETRY_FAST.id, 'waiting');
		expect(e2e.sandbox.calls).toHaveLength(0);

		await e2e.n8n.stopAll();
		await e2e.n8n.start({}, { samePort: true });
		expect(e2e.sandbox.calls).toHaveLength(0);
		// n8n looks for waits that are due about once a minute.
		const runData = await e2e.n8n.executionWithStatus(execution.id, 'success', 150_000);
		expect(e2e.sandbox.calls).toHaveLength(1);
		expect(e2e.sandbox.calls[0].startedAt).toBeGreaterThanOrEqual(opensAt);
		expect(firstItemOf(runData, 'Wait for calling hours')).toEqual(
			expect.objectContaining({
				allowedHours: expect.objectContaining({ from: hoursFrom, timeZones: ['UTC'] }),
			}),
		);
		expect(firstItemOf(runData, 'Record: reached')).toEqual(
			expect.objectContaining({ 'Contact ID': 'C-404', Reached: true, Attempts: 1 }),
		);
		e2e.lap('calling hours across a restart');
	});
});
