/**
 * Call → Start with "Pause the Workflow Until Agntix Reports the End": the start and the pause,
 * and what pausing refuses before anyone is called.
 */

import { runWorkflow } from '../harness/runWorkflow';
import { agntixNode, contactsWorkflow, startCallParameters } from '../fixtures';
import { usePause, RESUME_URL } from './pauseFixtures';

const { sandbox, credentials, pausingNode } = usePause();

describe('starting the call and pausing', () => {
	test("the call carries the resume URL; the execution waits until the call's TTL plus a margin", async () => {
		const before = Date.now();
		const result = await runWorkflow(
			contactsWorkflow([{ phone: '+14155550100', name: 'Ada' }], pausingNode({}, 'auto')),
			credentials(),
		);
		expect(result.error).toBeUndefined();
		expect(sandbox.calls).toHaveLength(1);
		// n8n 2.x adds the execution's resume token to its resume URL.
		expect(String(sandbox.calls[0].sessionVariables?.n8nResumeUrl)).toMatch(
			new RegExp(`^${RESUME_URL}(\\?signature=\\w+)?$`),
		);
		const waitTill = new Date(result.run!.waitTill as Date).getTime();
		expect(waitTill - before).toBeGreaterThanOrEqual((60 + 120) * 1000);
		expect(waitTill - Date.now()).toBeLessThanOrEqual((60 + 120) * 1000);
		// What the execution continues with if the deadline passes without the call's end.
		const [item] = result.output('Agntix');
		expect(item.json).toEqual(
			expect.objectContaining({
				outcome: 'timedOut',
				sessionId: sandbox.calls[0].sessionId,
				toPhoneNumber: '+14155550100',
				ended: false,
				waitTimedOut: true,
				sessionVariables: {},
			}),
		);
	});

	test('Max Wait sets the deadline', async () => {
		const before = Date.now();
		const result = await runWorkflow(
			contactsWorkflow([{ phone: '+14155550100' }], pausingNode({ maxWait: 30 })),
			credentials(),
		);
		const waitTill = new Date(result.run!.waitTill as Date).getTime();
		expect(waitTill - before).toBeGreaterThanOrEqual(30_000);
		expect(waitTill - before).toBeLessThan(35_000);
		// The output panel says what happened and until when it waits, in the instance's time zone.
		const until = new Intl.DateTimeFormat('en-GB', {
			timeZone: 'America/New_York',
			dateStyle: 'medium',
			timeStyle: 'short',
		}).format(new Date(waitTill));
		const [hint] = result.run!.data.resultData.runData.Agntix[0].hints ?? [];
		expect(hint).toEqual({ message: expect.any(String), type: 'info', location: 'outputPane' });
		// How long first, then when, so nobody has to convert time zones.
		expect(hint.message).toBe(
			`The call to +14155550100 was started (session ${sandbox.calls[0].sessionId}). ` +
				'This execution waits for Agntix to report the end of the call, then continues with ' +
				`its outcome; if no end is reported, it continues in ${/in (29|30) s,/.exec(hint.message)?.[1] ?? '30'} s, ` +
				`at ${until} (America/New_York), with the call marked as timed out.`,
		);
	});

	test('a workflow time zone the date formatter rejects ("DEFAULT") never turns a placed call into one not placed', async () => {
		for (const timezone of ['DEFAULT', 'Mars/Olympus_Mons']) {
			const workflow = contactsWorkflow([{ phone: '+14155550100' }], pausingNode({ maxWait: 30 }));
			const result = await runWorkflow({ ...workflow, settings: { timezone } }, credentials());
			expect(result.error).toBeUndefined();
			expect(result.run?.waitTill).toBeDefined();
			const call = sandbox.calls[sandbox.calls.length - 1];
			expect(result.output('Agntix')[0].json.sessionId).toBe(call.sessionId);
			expect(String(result.run!.data.resultData.runData.Agntix[0].hints?.[0]?.message)).toMatch(
				/it continues in \d+ s, at .* \(UTC\), with the call marked as timed out\.$/,
			);
		}
	});

	test('several items with Pause are refused before anyone is called', async () => {
		const result = await runWorkflow(
			contactsWorkflow([{ phone: '+14155550100' }, { phone: '+14155550101' }], pausingNode()),
			credentials(),
		);
		expect(result.error?.message).toBe(
			'Pausing waits for one call per execution, and 2 items came in [item 0]',
		);
		expect(result.error?.description).toContain('Keep Checking (Polling)');
		// The way to one execution per item that n8n 1.x, 2.x and 3.x all have.
		expect(result.error?.description).toContain('Loop Over Items before an Execute Workflow node');
		expect(sandbox.apiRequests()).toHaveLength(0);
	});

	test('several items with Pause are refused from all their plans: a bad first item with On Error: Continue does not turn it into polling', async () => {
		const node = pausingNode();
		node.onError = 'continueRegularOutput';
		const result = await runWorkflow(
			contactsWorkflow([{ phone: 'not a number' }, { phone: '+14155550101' }], node),
			credentials(),
		);
		expect(result.output('Agntix').map((item) => item.json.error)).toEqual([
			expect.stringMatching(
				/^"To Phone Number" "not a number" is not a valid phone number.*\[item 0\]$/,
			),
			'Pausing waits for one call per execution, and 2 items came in [item 1]',
		]);
		expect(sandbox.apiRequests()).toHaveLength(0);
	});

	test('the automatic choice keeps checking without a signing secret, and for several items', async () => {
		sandbox.configure({ callDurationMs: 500 });
		const noSecret = await runWorkflow(
			contactsWorkflow([{ phone: '+14155550100' }], pausingNode({ pollInterval: 1 }, 'auto')),
			credentials(''),
		);
		expect(noSecret.run?.waitTill).toBeUndefined();
		expect(noSecret.output('Agntix')[0].json).toEqual(
			expect.objectContaining({ state: 'CLOSED', ended: true }),
		);
		expect(sandbox.calls[0].sessionVariables).toEqual({});

		const several = await runWorkflow(
			contactsWorkflow(
				[{ phone: '+14155550102' }, { phone: '+14155550103' }],
				pausingNode({ pollInterval: 1 }, 'auto'),
			),
			credentials(),
		);
		expect(several.run?.waitTill).toBeUndefined();
		expect(several.output('Agntix')).toHaveLength(2);
	});
});

describe('what pausing refuses before anyone is called', () => {
	test.each([
		['no signing secret', '', /^Pausing needs the webhook signing secret/],
		[
			'a signing secret that is not one',
			'not-a-secret!',
			/^Pausing needs the webhook signing secret/,
		],
	])('an explicit Pause with %s', async (_name, secret, message) => {
		const result = await runWorkflow(
			contactsWorkflow([{ phone: '+14155550100' }], pausingNode()),
			credentials(secret),
		);
		expect(result.error?.message).toMatch(message);
		expect(result.error?.description).toMatch(/^Nobody was called\./);
		expect(sandbox.apiRequests()).toHaveLength(0);
	});

	test('the automatic choice keeps checking with a signing secret that is not one', async () => {
		sandbox.configure({ callDurationMs: 300 });
		const result = await runWorkflow(
			contactsWorkflow([{ phone: '+14155550100' }], pausingNode({ pollInterval: 1 }, 'auto')),
			credentials('not-a-secret!'),
		);
		expect(result.run?.waitTill).toBeUndefined();
		expect(result.output('Agntix')[0].json).toEqual(expect.objectContaining({ ended: true }));
	});

	test.each(['auto', 'pause'])(
		"as an AI agent's tool (How to Wait: %s), it keeps checking and never pauses the agent",
		async (waitMode) => {
			sandbox.configure({ callDurationMs: 300 });
			const tool = {
				...pausingNode({ pollInterval: 1 }, waitMode),
				type: 'n8n-nodes-agntix.agntixTool',
			};
			const result = await runWorkflow(
				contactsWorkflow([{ phone: '+14155550100' }], tool),
				credentials(),
			);
			expect(result.run?.waitTill).toBeUndefined();
			expect(result.output('Agntix')[0].json).toEqual(expect.objectContaining({ ended: true }));
			expect(sandbox.calls[0].sessionVariables).toEqual({});
		},
	);

	test.each([
		[
			'fields',
			{
				sessionVariables: {
					variable: [{ name: 'n8nResumeUrl', value: 'https://example.com/elsewhere' }],
				},
			},
		],
		['JSON', { sessionVariablesMode: 'json', sessionVariablesJson: '{"N8NRESUMEURL": "x"}' }],
	])('n8nResumeUrl is a reserved session variable name (%s)', async (_mode, parameters) => {
		const node = agntixNode(startCallParameters(sandbox, parameters));
		const result = await runWorkflow(
			contactsWorkflow([{ phone: '+14155550100' }], node),
			credentials(),
		);
		expect(result.error?.message).toMatch(
			/^Session variable "n8nResumeUrl|N8NRESUMEURL" is a reserved name \[item 0\]$/,
		);
		expect(sandbox.apiRequests()).toHaveLength(0);
	});
});
