/** n8n's CLI (`n8n execute`) runs the package's workflows and every example against the sandbox. */
import { CREDENTIAL_ID, CONTACTS } from './workflows';
import { SANDBOX_API_KEY } from '../../tools/sandbox/data';
import {
	EXAMPLES,
	LEAD_LIST_EXAMPLE,
	TYPE,
	VERSIONS,
	expectRun,
	explain,
	isWebhookExample,
	useN8n,
} from './setup';

describe.each(VERSIONS)('n8n %s, from its command line', (version) => {
	const e2e = useN8n(version, { start: false });

	test('n8n execute: List Phone Numbers returns every number', async () => {
		const result = await e2e.n8n.execute('agntixE2eList');
		expectRun('Workflow "E2E: list phone numbers"', result, e2e.sandbox);
		const numbers = result.output('List Phone Numbers');
		expect(numbers.map((n) => n.id)).toEqual(e2e.sandbox.phoneNumberRecords.map((n) => n.id));
		const [request] = e2e.sandbox.apiRequests('GET /api/v1/phone-numbers');
		expect(request.headers['x-api-key']).toBe(SANDBOX_API_KEY);
		e2e.lap('execute list');
	});

	test('n8n execute: Start Call for contacts maps fields, normalises numbers, keeps a bad row as an error item', async () => {
		const result = await e2e.n8n.execute('agntixE2eStart');
		expectRun('Workflow "E2E: start calls for contacts"', result, e2e.sandbox);
		const output = result.output('Start Call');
		expect(output).toHaveLength(CONTACTS.length);
		expect(output.map((o) => o.toPhoneNumber ?? 'error')).toEqual([
			'+14155550100',
			'+14155550101',
			'error',
			'+971501234567',
		]);
		expect(String(output[2].error)).toBe(
			'"To Phone Number" "not a number" is not a valid phone number: it contains letters [item 2]',
		);
		expect(
			e2e.sandbox.calls
				.map((c) => c.sessionVariables)
				.sort((a, b) => String(a?.crmContactId).localeCompare(String(b?.crmContactId))),
		).toEqual([
			{ customerName: 'Ada', crmContactId: 'C-1', campaign: 'spring-reminders' },
			{ customerName: 'Grace', crmContactId: 'C-2', campaign: 'spring-reminders' },
			{ customerName: 'Alan', crmContactId: 'C-4', campaign: 'spring-reminders' },
		]);
		expect(output[0].sessionId).toBe(
			e2e.sandbox.calls.find((c) => c.toPhoneNumber === '+14155550100')?.sessionId,
		);
		expect(result.stdout).not.toContain(SANDBOX_API_KEY);
		e2e.lap('execute start calls');
	});

	test('n8n execute: call safety — hours from the number, Allowed Countries as text, outcomes nothing can replace', async () => {
		const result = await e2e.n8n.execute('agntixE2eCallSafety');
		expectRun('Workflow "E2E: call safety"', result, e2e.sandbox);
		// Open in Sydney for three hours: the landline is in Sydney; the mobile may be anywhere
		// from the Cocos Islands (UTC+6:30) to Lord Howe Island (UTC+11), Perth among them.
		const [mobile, landline] = result.output('Within hours by number');
		expect(mobile.error).toBe(
			'Calling hours never hold in all 8 time zones +61412345678 may be in [item 0]',
		);
		expect(String(mobile.description)).toMatch(
			/^Nobody was called\. .* is never open in Australia\/Adelaide, Australia\/Brisbane, Australia\/Eucla and 5 more at the same time \(the zones come from its phone number\)/,
		);
		expect(landline.sessionId).toBeDefined();
		// " us ; ca " is the United States and Canada, not "no restriction".
		const allowed = result.output('Allowed Countries as text');
		expect(allowed.map((item) => item.toPhoneNumber ?? item.error)).toEqual([
			'+14155550102',
			'+16135550100',
			'"To Phone Number" +442079460958 is in United Kingdom, which is not in "Allowed Countries" [item 2]',
		]);
		const [chatty, voicemail] = result.output('Outcome as computed');
		expect(chatty).toEqual(
			expect.objectContaining({ outcome: 'reached', reached: true, state: 'CLOSED' }),
		);
		expect(chatty).not.toHaveProperty('customerPhoneNumber');
		expect(voicemail).toEqual(
			expect.objectContaining({ outcome: 'notReached', reached: false, endedReason: 'voicemail' }),
		);
		expect(e2e.sandbox.calls.map((call) => call.toPhoneNumber)).toEqual([
			'+61292000000',
			'+14155550102',
			'+16135550100',
			'+14155550194',
			'+14155550193',
		]);
		e2e.lap('execute call safety');
	});

	test('n8n execute: a call rate-limited until its calling hours closed is not sent again', async () => {
		e2e.sandbox.inject({
			kind: 'status',
			status: 429,
			match: '/calls/start',
			headers: { 'Retry-After': '4' },
		});
		const result = await e2e.n8n.execute('agntixE2eHoursClosing');
		expectRun('Workflow "E2E: calling hours that close while a call waits"', result, e2e.sandbox);
		const [item] = result.output('Start Call');
		expect(String(item.error)).toMatch(/^Outside calling hours: .* \[item 0\]$/);
		expect(String(item.description)).toMatch(/^Nobody was called\./);
		expect(e2e.sandbox.apiRequests('POST').map((request) => request.status)).toEqual([429]);
		expect(e2e.sandbox.calls).toHaveLength(0);
		e2e.lap('execute hours closing');
	});

	test('n8n execute: every example workflow in examples/ runs', async () => {
		expect(EXAMPLES.length).toBeGreaterThanOrEqual(3);
		// The lead list's executions outlive `n8n execute`, and outside a manual run n8n 2.x
		// starts only a published workflow for each lead: the editor journey runs it.
		const runnable = EXAMPLES.filter((e) => !isWebhookExample(e) && e !== LEAD_LIST_EXAMPLE);
		for (const example of runnable) {
			expect(JSON.stringify(example)).toContain(CREDENTIAL_ID);
			const before = e2e.sandbox.calls.length;
			const result = await e2e.n8n.execute(example.id);
			expectRun(`Example ${example.file}`, result, e2e.sandbox);
			let started = 0;
			for (const node of example.nodes.filter((n) => n.type === TYPE)) {
				const items = result.output(node.name);
				// With Calling Hours on, a contact outside them is an error row, depending on the time of day.
				const hours = node.parameters.callingHours === 'set';
				const failed = items.filter(
					(item) => item.error && !(hours && /^Outside calling hours: /.test(String(item.error))),
				);
				if (items.length === 0 || failed.length) {
					throw new Error(
						`${explain(`Example ${example.file}`, result, e2e.sandbox)}\n  node "${node.name}" output: ${JSON.stringify(items).slice(0, 800)}`,
					);
				}
				started += items.filter((item) => item.sessionId).length;
			}
			expect(e2e.sandbox.calls.length - before).toBe(started);
			if (!example.nodes.some((n) => n.parameters.callingHours === 'set'))
				expect(started).toBeGreaterThan(0);
		}
		// The outcome example waits for the call to end and maps its result into a sheet row.
		const outcome = await e2e.n8n.execute('agntixExampleOutcome');
		const [row] = outcome.output('Row for the outcomes sheet');
		expect(row).toEqual(
			expect.objectContaining({
				'Contact ID': 'C-1001',
				'Call state': 'CLOSED',
				Outcome: 'RESOLVED',
				'Appointment confirmed': true,
				Summary: 'Ada confirmed the appointment and asked for a reminder the day before.',
				'Call length (s)': 1,
			}),
		);
		expect(String(row.Transcript)).toMatch(/^Agent: Hi Ada/);
		e2e.lap('execute examples');
	});
});
