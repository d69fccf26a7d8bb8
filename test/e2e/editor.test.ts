/**
 * The editor in a browser, as a user meets the package: the node panel, Start Call built from
 * the panel, "What happens next?", the trigger with a signed test event, an example run.
 */
import { join } from 'node:path';

import { Editor } from './editor';
import {
	callingHoursInEditor,
	firstStepPanel,
	nextStepAndToolPanels,
	runExample,
	zoneAtNight,
	startCallFromPanel,
	triggerFromPanel,
} from './journeys';
import { ROOT } from '../../tools/n8n/n8nProcess';
import { done, eventually, notYet } from '../../tools/n8n/eventually';
import {
	LEAD_LIST_FAST,
	LEAD_LIST_OPENS_IN,
	VERSIONS,
	signedWebhooks,
	triggerUrl,
	useN8n,
} from './setup';

describe.each(VERSIONS)('n8n %s, the editor in a browser', (version) => {
	const e2e = useN8n(version, { activate: ['agntixE2eTrigger'] });

	let editor: Editor;
	const shots = join(ROOT, '.e2e/artifacts', `n8n-${version}`);
	/** Runs a journey; on failure the error names the folder with its screenshots. */
	const journey = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
		try {
			const result = await run();
			e2e.lap(`browser: ${name}`);
			return result;
		} catch (error) {
			const path = await editor.shot(`failed-${name.replace(/\W+/g, '-')}`).catch(() => 'none');
			throw new Error(
				`Journey "${name}" failed on n8n ${version}: ${(error as Error).message}\nScreenshots: ${shots} (last: ${path})`,
			);
		}
	};

	beforeAll(async () => {
		editor = await Editor.open(e2e.n8n.url, shots);
	});

	afterAll(async () => await editor?.close());

	test('node panel: Agntix is found by its name and by what it does, with its triggers and actions', async () => {
		const queries = ['Agntix', 'voice agent', 'phone call', 'call', 'AI call'];
		const { results, agntix } = await journey('first-step panel', () =>
			firstStepPanel(editor, queries),
		);
		for (const query of queries)
			expect(`${query}: ${results[query].includes('Agntix')}`).toBe(`${query}: true`);
		for (const entry of [
			'On call ended',
			'On call started',
			'Start a call',
			'List phone numbers',
			'List agents',
			'Get a session',
			'Get the transcript of a session',
		]) {
			expect(agntix).toContain(entry);
		}
		expect(agntix).not.toMatch(/session ended|session created/i);
	});

	test('Start a call from the panel: credential, From Number and Agent from the lists, a variable, Execute step, the output table', async () => {
		// As npm run dev sets it up: Agntix's webhooks reach the active Agntix Trigger.
		e2e.sandbox.configure({ callDurationMs: 4000, webhook: signedWebhooks(triggerUrl(e2e.n8n)) });
		const seen = await journey('start a call', () =>
			startCallFromPanel(editor, {
				numberSearch: 'Dubai',
				number: '+97145550107',
				agent: 'Sales Qualifier',
				toPhoneNumber: '+1 415 555 0142',
				variable: { name: 'customerName', value: 'Ada' },
			}),
		);
		expect(seen.credential).toBe('Agntix sandbox');
		expect(seen.numberEntries).toEqual([
			'+97145550107 · Dubai',
			'(no number yet) · Dubai · cannot place calls',
		]);
		expect(seen.agentEntries).toEqual(['Appointment Reminder', 'Sales Qualifier', 'Recepción']);
		expect(e2e.sandbox.calls).toHaveLength(2);
		const [call] = e2e.sandbox.calls;
		expect(call).toEqual(
			expect.objectContaining({
				phoneNumberId: e2e.sandbox.phoneNumberRecords[6].id,
				agentId: e2e.sandbox.agentRecords.find((a) => a.fullName === 'Sales Qualifier')!.id,
				toPhoneNumber: '+14155550142',
				sessionVariables: { customerName: 'Ada' },
			}),
		);
		expect(seen.output.columns).toEqual([
			'status',
			'sessionId',
			'phoneNumberId',
			'agentId',
			'toPhoneNumber',
			'ttl',
			'sessionVariables',
		]);
		expect(seen.output.rows).toHaveLength(1);
		expect(seen.output.rows[0].slice(0, 7)).toEqual([
			'started',
			call.sessionId,
			call.phoneNumberId,
			call.agentId,
			'+14155550142',
			'600',
			'customerName:Ada',
		]);
		expect(seen.waitModes.map((mode) => mode.split('\n')[0].trim())).toEqual([
			'Pause if the Credential Has a Webhook Signing Secret',
			'Pause the Workflow Until Agntix Reports the End',
			'Keep Checking (Polling)',
		]);
		expect(seen.waitFields).toContain('How to Wait');
		expect(seen.waitFields).toContain('Pausing needs the Agntix Trigger');
		expect(seen.cutOff).toEqual([]);
		// On the wait's defaults the run pauses, says which call started, and gets its outcome.
		const paused = e2e.sandbox.calls[1];
		expect(seen.whileWaiting).toContain(
			`The call to +14155550142 was started (session ${paused.sessionId}). This execution waits for Agntix to report the end of the call`,
		);
		const column = (name: string) => seen.outcome.rows[0]?.[seen.outcome.columns.indexOf(name)];
		expect([column('sessionId'), column('state'), column('ended')]).toEqual([
			paused.sessionId,
			'CLOSED',
			'true',
		]);
	});

	test('"What happens next?" finds Agntix, and the AI Agent\'s tools list Agntix Tool', async () => {
		const { next, description, actionsShown, tools } = await journey('next step and tools', () =>
			nextStepAndToolPanels(editor, 'agntixE2eStart', 'Start Call', [
				'Agntix',
				'voice agent',
				'phone call',
				'AI call',
			]),
		);
		for (const [query, names] of Object.entries(next))
			expect(`${query}: ${names.includes('Agntix')}`).toBe(`${query}: true`);
		// Where a step is added, the entry says what the actions do (n8n 1.x shows no
		// descriptions there), and they are shown at once.
		expect(description).toBe(
			e2e.n8n.major >= 2
				? 'Place AI phone calls with Agntix voice agents, get their outcome, and start workflows when calls start or end'
				: undefined,
		);
		expect(actionsShown).toBe(true);
		expect(tools).toContain('Agntix Tool');
	});

	test('the trigger from the panel: events in words, its setup notice, its URLs, a signed test event in its output', async () => {
		const sendTestEvent = async (testUrl: string) => {
			const url = testUrl.replace('//localhost:', '//127.0.0.1:');
			e2e.sandbox.configure({
				webhook: signedWebhooks(url),
			});
			const [delivery] = await e2e.sandbox.sendCallEnded();
			expect(delivery.status).toBe(200);
		};
		const seen = await journey('trigger', () =>
			triggerFromPanel(editor, 'On call ended', sendTestEvent),
		);
		expect(seen.panel).toContain('Triggers (2)');
		expect(seen.panel).toMatch(/On call ended\s+On call started/);
		expect(seen.parameters).toContain('Call Ended');
		// Every label fits (a long one is cut off with an ellipsis in the panel).
		expect(seen.parameters).toContain('Also Run for Paused Calls');
		expect(seen.cutOff).toEqual([]);
		expect(seen.parameters).toContain(
			"In the Agntix dashboard, open Developer → Add Endpoint, paste this node's Production URL",
		);
		expect(seen.productionUrl).toMatch(/^http:\/\/localhost:\d+\/webhook\/[0-9a-f-]{36}\/webhook$/);
		expect(seen.testUrl).toBe(seen.productionUrl.replace('/webhook/', '/webhook-test/'));
		const column = (name: string) => seen.testEvent.rows[0]?.[seen.testEvent.columns.indexOf(name)];
		expect(seen.testEvent.rows).toHaveLength(1);
		expect([column('eventType'), column('sessionId'), column('state')]).toEqual([
			'session.ended',
			e2e.sandbox.calls.at(-1)!.sessionId,
			'CLOSED',
		]);
	});

	test('an example opened and run from the editor shows one call per contact', async () => {
		const { output } = await journey('example', () =>
			runExample(editor, 'agntixExampleList', 'Start Call'),
		);
		const phone = output.columns.indexOf('toPhoneNumber');
		expect(output.rows.map((row) => row[phone])).toEqual([
			'+14155550100',
			'+14155550101',
			'+971501234567',
		]);
		const sessionIds = output.rows.map((row) => row[output.columns.indexOf('sessionId')]);
		expect(sessionIds.sort()).toEqual(e2e.sandbox.calls.map((c) => c.sessionId).sort());
		expect(e2e.sandbox.calls).toHaveLength(3);
	});

	test('a list of leads run from the editor: each lead waits for its hours and its call in an execution of its own', async () => {
		e2e.sandbox.configure({ callDurationMs: 1000, webhook: signedWebhooks(triggerUrl(e2e.n8n)) });
		const ranAt = Date.now();
		const { output } = await journey('lead list', () =>
			runExample(editor, LEAD_LIST_FAST.id, 'Every lead has its execution'),
		);
		expect(output.rows).toHaveLength(3);
		const callsTo = (phone: string) =>
			e2e.sandbox.calls.filter((call) => call.toPhoneNumber === phone);

		// Ada's and Alan's executions end while Grace's waits for her hours.
		await eventually(
			'Ada and Alan called and done, Grace waiting',
			async () => {
				const statuses = (await e2e.n8n.executions(LEAD_LIST_FAST.id)).map((e) => e.status);
				const calls = e2e.sandbox.calls.map((call) => call.toPhoneNumber);
				return statuses.sort().join() === 'success,success,success,waiting'
					? done(true)
					: notYet(`executions: ${statuses.join(', ')}; calls: ${calls.join(', ')}`);
			},
			30_000,
		);
		expect(e2e.sandbox.calls.map((call) => call.toPhoneNumber).sort()).toEqual([
			'+14155550100',
			'+14155550196',
		]);

		// Every lead ends in its own execution; the list's run is a fourth one.
		const outcomes = await eventually(
			'Three executions with an outcome',
			async () => {
				const all = await e2e.n8n.executions(LEAD_LIST_FAST.id);
				if (all.length !== 4 || all.some((execution) => execution.status !== 'success'))
					return notYet(all.map((e) => `${e.id} ${e.status}`).join(', '));
				const runs = await Promise.all(
					all.map((execution) => e2e.n8n.executionWithStatus(execution.id, 'success')),
				);
				return done(
					runs
						.map((runData) => runData.Outcome?.[0]?.data?.main?.[0]?.[0]?.json)
						.filter((json) => json !== undefined),
				);
			},
			(LEAD_LIST_OPENS_IN + 120) * 1000,
		);
		expect(outcomes.map((json) => `${json.Name} ${json.Outcome}`).sort()).toEqual([
			'Ada reached',
			'Alan notReached',
			'Grace reached',
		]);
		for (const phone of ['+14155550100', '+14155550142', '+14155550196'])
			expect(`${phone} called ${callsTo(phone).length} time(s)`).toBe(`${phone} called 1 time(s)`);
		const grace = callsTo('+14155550142')[0];
		// Her hours opened at the second the list ran plus LEAD_LIST_OPENS_IN, or later.
		expect(grace.startedAt).toBeGreaterThanOrEqual(
			Math.floor(ranAt / 1000) * 1000 + LEAD_LIST_OPENS_IN * 1000,
		);
	});

	// Last: it leaves the workflow with unsaved changes.
	test('Calling Hours set in the editor: outside them every row says so, and nobody is called', async () => {
		const zone = zoneAtNight();
		const seen = await journey('calling hours', () =>
			callingHoursInEditor(editor, 'agntixE2eStart', 'Start Call', zone),
		);
		for (const label of [
			'Calling Days',
			'Calling Hours From',
			'Calling Hours To',
			"Contact's Time Zone",
			'Time Zone',
		])
			expect(seen.fields).toContain(label);
		expect(seen.fields).toContain('An end before the start crosses midnight');
		expect(seen.cutOff).toEqual([]);
		const errors = seen.output.rows.map((row) => row[seen.output.columns.indexOf('error')]);
		expect(errors).toHaveLength(4);
		for (const [index, error] of errors.entries()) {
			expect(error).toMatch(
				index === 2
					? /^"To Phone Number" "not a number" is not a valid phone number/
					: new RegExp(
							`^Outside calling hours: it is \\d\\d:\\d\\d \\(\\w{3}\\) in ${zone}; calls allowed Mon–Fri 09:00–20:00 \\[item ${index}\\]$`,
						),
			);
		}
		expect(e2e.sandbox.calls).toHaveLength(0);
	});
});
