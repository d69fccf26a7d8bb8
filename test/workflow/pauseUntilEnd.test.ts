/**
 * Call → Start with "Pause the Workflow Until Agntix Reports the End": the start and the pause,
 * the node's resume webhook and its checks, and the trigger handing the event on.
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INode, INodeParameters } from 'n8n-workflow';

import { runWorkflow } from '../harness/runWorkflow';
import { deliverToTrigger } from '../harness/webhook';
import {
	agntixNode,
	agntixTriggerNode,
	contactsWorkflow,
	startCallParameters,
	useSandbox,
} from '../fixtures';
import { MAX_FAILURES } from '../../nodes/Agntix/pause/handOn';
import { SANDBOX_API_KEY } from '../sandbox/data';
import { capturedLogs } from '../setupLogs';
import { newWebhookSecret, signedRequest } from '../sandbox/webhooks';
import type { Forgery } from '../sandbox/webhooks';
import { SPOOFING_EXTRACTED_DATA } from '../sandbox/sessions';

const SECRET = newWebhookSecret();
const sandbox = useSandbox();
/** The resume URL n8n gives the harness's execution. */
const RESUME_URL = 'http://localhost:5678/webhook-waiting/test-execution';

function credentials(webhookSecret = SECRET) {
	return {
		agntixApi: {
			authentication: 'apiKey',
			apiKey: SANDBOX_API_KEY,
			baseUrl: sandbox.url,
			webhookSecret,
		},
	};
}

function pausingNode(waitOptions: INodeParameters = {}, waitMode = 'pause'): INode {
	return agntixNode(
		startCallParameters(sandbox, { ttl: 60, waitForEnd: true, waitMode, waitOptions }),
	);
}

function endedEventFor(resumeUrl: string | undefined, overrides: object = {}) {
	const call = sandbox.addCall(
		'+14155550100',
		{ crmContactId: 'C-9', ...(resumeUrl ? { n8nResumeUrl: resumeUrl } : {}) },
		Date.now() - 60_000,
	);
	return endedEventOf(call, overrides);
}

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
		expect(result.run!.data.resultData.runData.Agntix[0].hints).toEqual([
			{
				message:
					`The call to +14155550100 was started (session ${sandbox.calls[0].sessionId}). ` +
					'This execution waits for Agntix to report the end of the call, then continues with ' +
					`its outcome; if no end is reported, it continues at ${until} (America/New_York) with ` +
					'the call marked as timed out.',
				type: 'info',
				location: 'outputPane',
			},
		]);
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
				/it continues at .* \(UTC\) with the call marked as timed out\.$/,
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

/** A Start Call that paused for real: the call it placed and the execution as n8n saved it. */
async function pausedCall(waitOptions: INodeParameters = {}, phone = '+14155550100') {
	const node = pausingNode(waitOptions);
	const result = await runWorkflow(contactsWorkflow([{ phone }], node), credentials());
	expect(result.run?.waitTill).toBeDefined();
	const call = sandbox.calls[sandbox.calls.length - 1];
	return {
		node,
		execution: result.run!.data,
		call,
		resumeUrl: String(call.sessionVariables?.n8nResumeUrl),
	};
}

/** The session.ended Agntix sends for a call of the sandbox. */
function endedEventOf(
	call: { sessionId: string; agentId: string; toPhoneNumber: string; sessionVariables?: object },
	overrides: object = {},
) {
	return {
		id: call.sessionId,
		eventType: 'session.ended',
		direction: 'OUTBOUND',
		state: 'CLOSED',
		agentId: call.agentId,
		endedAt: new Date().toISOString(),
		metadata: { customerPhoneNumber: call.toPhoneNumber, sessionVariables: call.sessionVariables },
		analysis: { summary: 'Ada confirmed.', resolution: { classification: 'RESOLVED' } },
		...overrides,
	};
}

/** Delivers an event to a paused execution's resume URL, as the trigger hands it on. */
function resumeWith(
	paused: Awaited<ReturnType<typeof pausedCall>>,
	event: object,
	forgery: Forgery = 'none',
	execution = paused.execution,
) {
	const request = signedRequest(
		{ secret: SECRET, forgery, headerStyle: 'svix', rotation: false },
		event,
	);
	const url = new URL(paused.resumeUrl);
	return deliverToTrigger(paused.node, credentials(), request, {
		url: `${url.pathname}${url.search}`,
		waitingExecution: execution,
	});
}

describe('the resume webhook', () => {
	test("a genuine session.ended of this call resumes it with the call's result", async () => {
		const paused = await pausedCall();
		const outcome = await resumeWith(paused, endedEventOf(paused.call));
		expect(outcome.items?.map((item) => item.json)).toEqual([
			expect.objectContaining({
				sessionId: paused.call.sessionId,
				state: 'CLOSED',
				ended: true,
				summary: 'Ada confirmed.',
				resolution: 'RESOLVED',
				waitTimedOut: false,
				outcome: 'reached',
				reached: true,
			}),
		]);
	});

	test('a call that ended without a word from the customer resumes with reached: false', async () => {
		const paused = await pausedCall({}, '+14155550196');
		const outcome = await resumeWith(paused, endedEventOf(paused.call));
		expect(outcome.items?.[0].json).toEqual(
			expect.objectContaining({ outcome: 'notReached', reached: false, waitTimedOut: false }),
		);
	});

	test("an agent's extracted fields named like the package's own never replace them", async () => {
		const paused = await pausedCall({}, '+14155550194');
		const event = endedEventOf(paused.call, {
			analysis: { summary: 'Ada confirmed.', extractedData: SPOOFING_EXTRACTED_DATA },
			metadata: { sessionVariables: paused.call.sessionVariables },
		});
		const outcome = await resumeWith(paused, event);
		const [{ json }] = outcome.items ?? [];
		expect(json).toEqual(
			expect.objectContaining({
				outcome: 'reached',
				reached: true,
				sessionId: paused.call.sessionId,
				state: 'CLOSED',
				waitTimedOut: false,
				extractedData: SPOOFING_EXTRACTED_DATA,
			}),
		);
		expect(json).not.toHaveProperty('customerPhoneNumber');
	});

	test('with Include Transcript, the transcript is read from Agntix', async () => {
		const paused = await pausedCall({ includeTranscript: true });
		const outcome = await resumeWith(paused, endedEventOf(paused.call));
		expect(String(outcome.items?.[0].json.transcript)).toMatch(/^Agent: /);
	});

	test('a transcript that cannot be read does not cost the result: it resumes, saying why the transcript is missing', async () => {
		const paused = await pausedCall({ includeTranscript: true });
		sandbox.inject({
			kind: 'status',
			match: '/messages',
			status: 404,
			body: { error: { code: 'SESSION_NOT_FOUND', message: 'No messages yet' } },
		});
		const outcome = await resumeWith(paused, endedEventOf(paused.call));
		expect(outcome.items?.[0].json).toEqual(
			expect.objectContaining({
				outcome: 'unknown',
				state: 'CLOSED',
				summary: 'Ada confirmed.',
				transcriptError: expect.stringMatching(/^Could not get the transcript.*No messages yet/),
				reachedUnknownReason: expect.stringContaining('No messages yet'),
			}),
		);
		expect(outcome.items?.[0].json.transcript).toBeUndefined();
		expect(outcome.items?.[0].json).not.toHaveProperty('reached');
	});

	test.each<Forgery>(['wrongSecret', 'tamperedBody', 'oldTimestamp', 'unsigned'])(
		'a %s event resumes nothing (401)',
		async (forgery) => {
			const paused = await pausedCall();
			const outcome = await resumeWith(paused, endedEventOf(paused.call), forgery);
			expect(outcome.status).toBe(401);
			expect(outcome.items).toBeUndefined();
		},
	);

	test("another call that carries this execution's resume URL resumes nothing (403)", async () => {
		const paused = await pausedCall();
		// Anyone who can start a call in the organization can put any URL into its session variables.
		const other = sandbox.addCall(
			'+14155550199',
			{ n8nResumeUrl: paused.resumeUrl },
			Date.now() - 60_000,
		);
		const outcome = await resumeWith(paused, endedEventOf(other));
		expect(outcome.status).toBe(403);
		expect(outcome.body).toEqual({
			error: 'the event is not the end of the call this execution waits for',
		});
		expect(outcome.items).toBeUndefined();
	});

	test('the late end of an earlier call resumes nothing when the same execution pauses again (403)', async () => {
		const first = await pausedCall();
		const second = await pausedCall();
		// One execution pausing twice has one resume URL (on n8n 1.x, with no token at all).
		const late = await resumeWith(
			second,
			endedEventOf({ ...first.call, sessionVariables: { n8nResumeUrl: second.resumeUrl } }),
		);
		expect(late.status).toBe(403);
		const own = await resumeWith(second, endedEventOf(second.call));
		expect(own.items?.[0].json.sessionId).toBe(second.call.sessionId);
	});

	test('the end of this call sent for another execution, or with no saved call, resumes nothing (403)', async () => {
		const paused = await pausedCall();
		const elsewhere = {
			...paused.call,
			sessionVariables: { n8nResumeUrl: 'http://localhost:5678/webhook-waiting/another-execution' },
		};
		expect((await resumeWith(paused, endedEventOf(elsewhere))).status).toBe(403);
		const withoutUrl = { ...paused.call, sessionVariables: {} };
		expect((await resumeWith(paused, endedEventOf(withoutUrl))).status).toBe(403);
		const noSavedCall = await resumeWith(paused, endedEventOf(paused.call), 'none', {
			...paused.execution,
			executionData: undefined,
		});
		expect(noSavedCall.status).toBe(403);
	});

	test("a step waiting for calling hours is never resumed by a call's end, even of a call it carries (404)", async () => {
		// In a retry loop the item waiting for calling hours is the previous call's result, and
		// that call's end (delivered again) carries this execution's resume URL.
		const paused = await pausedCall();
		const waitingForHours = {
			...paused,
			node: {
				...paused.node,
				parameters: { ...paused.node.parameters, operation: 'waitForCallingHours' },
			},
		};
		const outcome = await resumeWith(waitingForHours, endedEventOf(paused.call));
		expect(outcome.status).toBe(404);
		expect(outcome.items).toBeUndefined();
	});

	test('a session.created resumes nothing (422)', async () => {
		const paused = await pausedCall();
		const outcome = await resumeWith(
			paused,
			endedEventOf(paused.call, { eventType: 'session.created' }),
		);
		expect(outcome.status).toBe(422);
		expect(outcome.items).toBeUndefined();
	});
});

describe('the trigger hands session.ended on to the paused execution', () => {
	let server: Server;
	let base = '';
	let received: Array<{ path: string; headers: IncomingHttpHeaders; body: string }> = [];

	beforeAll(async () => {
		server = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk) => chunks.push(chunk));
			req.on('end', () => {
				received.push({
					path: req.url ?? '',
					headers: req.headers,
					body: Buffer.concat(chunks).toString(),
				});
				res
					.writeHead(200, { 'content-type': 'application/json' })
					.end('{"message":"Workflow was started"}');
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(async () => await new Promise((resolve) => server.close(resolve)));
	beforeEach(() => (received = []));

	const trigger = agntixTriggerNode;

	function deliver(node: INode, event: object) {
		const request = signedRequest(
			{ secret: SECRET, forgery: 'none', headerStyle: 'svix', rotation: false },
			event,
		);
		return {
			request,
			outcome: deliverToTrigger(node, credentials(), request, {
				webhookBaseUrl: `${base}/webhook`,
			}),
		};
	}

	test("unchanged (raw body and signature headers), to this n8n's resume URL; by default the trigger's workflow does not run for it", async () => {
		const { request, outcome } = deliver(trigger(), endedEventFor(`${base}/webhook-waiting/77`));
		const answer = await outcome;
		expect(received).toHaveLength(1);
		expect(received[0].path).toBe('/webhook-waiting/77');
		expect(received[0].body).toBe(request.body);
		for (const name of ['svix-id', 'svix-timestamp', 'svix-signature'])
			expect(received[0].headers[name]).toBe(request.headers[name]);
		expect(answer.items).toBeUndefined();
		expect(answer.body).toEqual({ received: true, ignored: true, forwarded: true });
	});

	test('with "Also Run for Paused Calls" on, the trigger\'s workflow runs for it too', async () => {
		const answer = await deliver(
			trigger({ runForForwarded: true }),
			endedEventFor(`${base}/webhook-waiting/78`),
		).outcome;
		expect(received).toHaveLength(1);
		expect(answer.items).toHaveLength(1);
	});

	test.each([
		['another host', 'http://attacker.example/webhook-waiting/79'],
		['another port', 'http://127.0.0.1:9/webhook-waiting/79'],
		['not a resume URL', 'BASE/webhook/79'],
		['a path that only ends like one', 'BASE/rest/anything/webhook-waiting/79'],
		['a webhook path that ends like one', 'BASE/webhook/victim-path/webhook-waiting/79'],
		['a doubled slash', 'BASE//webhook-waiting/79'],
		['percent-encoding', 'BASE/webhook-waiting/..%2F..%2Frest%2Flogin'],
		[
			'user and password',
			'BASE/webhook-waiting/79'
				.replace('BASE', 'BASE@')
				.replace('BASE@', 'http://admin:secret@127.0.0.1:PORT'),
		],
		['a longer path', 'BASE/webhook-waiting/79/extra'],
		['other query parameters', 'BASE/webhook-waiting/79?signature=abc&next=/rest/login'],
		['a fragment', 'BASE/webhook-waiting/79#x'],
	])('never to %s', async (_name, url) => {
		const answer = await deliver(
			trigger(),
			endedEventFor(url.replace('BASE', base).replace('PORT', new URL(base).port)),
		).outcome;
		expect(received).toHaveLength(0);
		expect(answer.items).toHaveLength(1);
	});

	test("to n8n's own waiting path, with its resume token, rebuilt from its parts", async () => {
		const { outcome } = deliver(
			trigger(),
			endedEventFor(`${base}/webhook-waiting/80?signature=0a1b2c`),
		);
		await outcome;
		expect(received.map((request) => request.path)).toEqual([
			'/webhook-waiting/80?signature=0a1b2c',
		]);
	});

	test("the waiting path comes from n8n's configuration, not a literal", async () => {
		const request = signedRequest(
			{ secret: SECRET, forgery: 'none', headerStyle: 'svix', rotation: false },
			endedEventFor(`${base}/resume-here/81`),
		);
		await deliverToTrigger(trigger(), credentials(), request, {
			webhookBaseUrl: `${base}/webhook`,
			webhookWaitingBaseUrl: `${base}/resume-here`,
		});
		const literal = signedRequest(
			{ secret: SECRET, forgery: 'none', headerStyle: 'svix', rotation: false },
			endedEventFor(`${base}/webhook-waiting/82`),
		);
		await deliverToTrigger(trigger(), credentials(), literal, {
			webhookBaseUrl: `${base}/webhook`,
			webhookWaitingBaseUrl: `${base}/resume-here`,
		});
		expect(received.map((r) => r.path)).toEqual(['/resume-here/81']);
	});

	test("the trigger's output never shows the resume URL, simplified or not, for either event", async () => {
		for (const simplify of [true, false]) {
			for (const eventType of ['session.ended', 'session.created']) {
				const node = trigger({
					simplify,
					events: ['session.ended', 'session.created'],
					runForForwarded: true,
				});
				const answer = await deliver(
					node,
					endedEventFor(`${base}/webhook-waiting/83`, { eventType }),
				).outcome;
				expect(answer.items).toHaveLength(1);
				expect(JSON.stringify(answer.items)).not.toContain('webhook-waiting');
				expect(answer.items?.[0].json).toEqual(
					expect.objectContaining({ deliveryId: expect.stringMatching(/^msg_/) }),
				);
				const variables = simplify
					? answer.items?.[0].json.sessionVariables
					: (answer.items?.[0].json.metadata as { sessionVariables: object }).sessionVariables;
				expect(variables).toEqual({ crmContactId: 'C-9' });
			}
		}
	});
});

describe('when the paused execution cannot take the event', () => {
	let server: Server;
	let base = '';
	/** What the paused execution answers, in turn: a status (with n8n's message), or nothing. */
	let answers: Array<number | 'hang' | [number, string]> = [];
	let received = 0;

	beforeAll(async () => {
		server = createServer((req, res) => {
			req.resume();
			req.on('end', () => {
				received++;
				const answer = answers.shift() ?? 200;
				if (answer === 'hang') return;
				const [status, message] = Array.isArray(answer) ? answer : [answer, ''];
				res
					.writeHead(status, { 'content-type': 'application/json' })
					.end(JSON.stringify({ message }));
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
	});
	beforeEach(() => {
		answers = [];
		received = 0;
	});

	test('a server error answers Agntix 503 and is not remembered: the redelivery is handed on and runs once', async () => {
		const node = agntixTriggerNode({ runForForwarded: true });
		const request = signedRequest(
			{ secret: SECRET, forgery: 'none', headerStyle: 'svix', rotation: false },
			endedEventFor(`${base}/webhook-waiting/90`),
		);
		answers = [503];
		const first = await deliverToTrigger(node, credentials(), request, {
			webhookBaseUrl: `${base}/webhook`,
		});
		expect(first.status).toBe(503);
		expect(first.items).toBeUndefined();
		const again = await deliverToTrigger(node, credentials(), request, {
			webhookBaseUrl: `${base}/webhook`,
		});
		expect(again.status).toBe(200);
		expect(again.items).toHaveLength(1);
		expect(received).toBe(2);
		const third = await deliverToTrigger(node, credentials(), request, {
			webhookBaseUrl: `${base}/webhook`,
		});
		expect(third.body).toEqual({ received: true, duplicate: true });
	});

	test('an execution that does not wait yet (n8n: 409 "is running already") answers Agntix 503, to be delivered again', async () => {
		answers = [[409, 'The execution "93" is running already.']];
		const request = signedRequest(
			{ secret: SECRET, forgery: 'none', headerStyle: 'svix', rotation: false },
			endedEventFor(`${base}/webhook-waiting/93`),
		);
		const node = agntixTriggerNode({ runForForwarded: true });
		expect(
			(await deliverToTrigger(node, credentials(), request, { webhookBaseUrl: `${base}/webhook` }))
				.status,
		).toBe(503);
		expect(
			(await deliverToTrigger(node, credentials(), request, { webhookBaseUrl: `${base}/webhook` }))
				.items,
		).toHaveLength(1);
	});

	test('a refusal (403) or an execution that no longer waits (404, 409 finished) is final: 200, remembered', async () => {
		for (const status of [
			403,
			404,
			[409, 'The execution "91 has finished already.'] as [number, string],
		]) {
			const node = agntixTriggerNode();
			answers = [status];
			const request = signedRequest(
				{ secret: SECRET, forgery: 'none', headerStyle: 'svix', rotation: false },
				endedEventFor(`${base}/webhook-waiting/91`),
			);
			const outcome = await deliverToTrigger(node, credentials(), request, {
				webhookBaseUrl: `${base}/webhook`,
			});
			expect(outcome.status).toBe(200);
			expect(outcome.items).toHaveLength(1);
			const again = await deliverToTrigger(node, credentials(), request, {
				webhookBaseUrl: `${base}/webhook`,
			});
			expect(again.body).toEqual({ received: true, duplicate: true });
		}
	});

	test('a hand-on that got no answer may have resumed the execution: its redelivery finding it finished does not run the workflow', async () => {
		answers = ['hang', [409, 'The execution "95" has finished already.']];
		const request = signedRequest(
			{ secret: SECRET, forgery: 'none', headerStyle: 'svix', rotation: false },
			endedEventFor(`${base}/webhook-waiting/95`),
		);
		const node = agntixTriggerNode();
		const deliver = () =>
			deliverToTrigger(node, credentials(), request, { webhookBaseUrl: `${base}/webhook` });
		expect((await deliver()).status).toBe(503);
		const again = await deliver();
		expect(again.status).toBe(200);
		expect(again.items).toBeUndefined();
		expect(again.body).toEqual({ received: true, ignored: true, forwarded: true });
		expect(capturedLogs()).toEqual(
			expect.arrayContaining([expect.stringContaining('resumed by an earlier hand-on')]),
		);
	}, 30_000);

	test(`a hand-on that fails ${MAX_FAILURES} times is final: Agntix gets 200 and the workflow runs for the end, which is not lost`, async () => {
		answers = [500, 500, 500];
		const request = signedRequest(
			{ secret: SECRET, forgery: 'none', headerStyle: 'svix', rotation: false },
			endedEventFor(`${base}/webhook-waiting/96`),
		);
		const node = agntixTriggerNode();
		const deliver = () =>
			deliverToTrigger(node, credentials(), request, { webhookBaseUrl: `${base}/webhook` });
		for (let attempt = 1; attempt < MAX_FAILURES; attempt++)
			expect((await deliver()).status).toBe(503);
		const last = await deliver();
		expect(last.status).toBe(200);
		expect(last.items).toHaveLength(1);
		expect(received).toBe(MAX_FAILURES);
		expect(capturedLogs()).toEqual(
			expect.arrayContaining([
				expect.stringMatching(/gave up handing session .* after 3 failed tries/),
			]),
		);
		expect((await deliver()).body).toEqual({ received: true, duplicate: true });
	});

	test('no answer within the hand-on timeout answers Agntix 503 in time', async () => {
		answers = ['hang'];
		const request = signedRequest(
			{ secret: SECRET, forgery: 'none', headerStyle: 'svix', rotation: false },
			endedEventFor(`${base}/webhook-waiting/92`),
		);
		const outcome = await deliverToTrigger(agntixTriggerNode(), credentials(), request, {
			webhookBaseUrl: `${base}/webhook`,
		});
		expect(outcome.status).toBe(503);
	}, 20_000);
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
