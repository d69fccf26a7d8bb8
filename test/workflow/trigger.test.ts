import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INode, INodeExecutionData } from 'n8n-workflow';

import { runWorkflow } from '../harness/runWorkflow';
import { activateTrigger, deliverToTrigger } from '../harness/webhook';
import type { WebhookOutcome } from '../harness/webhook';
import {
	agntixNode,
	apiKeyCredential,
	agntixTriggerNode,
	contactsWorkflow,
	startCallParameters,
	useSandbox,
} from '../fixtures';
import { SANDBOX_API_KEY } from '../../tools/sandbox/data';
import { newWebhookSecret, signedRequest } from '../../tools/sandbox/webhooks';
import { sessionFor } from '../../tools/sandbox/sessions';
import { capturedLogs } from '../setupLogs';
import { clock } from '../../nodes/shared/clock';
import { clockAt } from '../clock';
import type { Forgery } from '../../tools/sandbox/webhooks';

const SECRET = newWebhookSecret();
const sandbox = useSandbox();

const credentials = (webhookSecret = SECRET) =>
	apiKeyCredential(sandbox, SANDBOX_API_KEY, webhookSecret);

const triggerNode = agntixTriggerNode;

function endedEvent(overrides: object = {}, phone = '+14155550100') {
	const call = sandbox.addCall(phone, { crmContactId: 'C-9' }, Date.now() - 60_000);
	return {
		id: call.sessionId,
		eventType: 'session.ended',
		type: 'VOICE',
		platform: 'PHONE',
		direction: 'OUTBOUND',
		state: 'CLOSED',
		agentId: call.agentId,
		createdAt: new Date(call.startedAt).toISOString(),
		endedAt: new Date(call.startedAt + 42_000).toISOString(),
		metadata: {
			customerPhoneNumber: '+14155550100',
			roomName: 'room_1',
			sessionVariables: { crmContactId: 'C-9' },
		},
		analysis: {
			summary: 'Confirmed.',
			resolution: { classification: 'RESOLVED' },
			extractedData: { confirmed: true },
		},
		recordingUrl: `https://app.agntix.ai/en/sessions/${call.sessionId}`,
		...overrides,
	};
}

function send(
	node: INode,
	event: object,
	forgery: Forgery = 'none',
	options: {
		messageId?: string;
		headerStyle?: 'svix' | 'webhook';
		secret?: string;
		mode?: 'manual' | 'webhook';
	} = {},
) {
	const request = signedRequest(
		{ secret: SECRET, forgery, headerStyle: options.headerStyle ?? 'svix', rotation: false },
		event,
		options.messageId,
	);
	return deliverToTrigger(node, credentials(options.secret), request, { mode: options.mode });
}

/** Waits (up to 10 s) for the sandbox to have sent what the test expects. */
async function until(condition: () => boolean): Promise<void> {
	const deadline = Date.now() + 10_000;
	while (!condition() && Date.now() < deadline)
		await new Promise((resolve) => setTimeout(resolve, 50));
	await sandbox.webhooksSettled();
}

function started(outcome: WebhookOutcome): INodeExecutionData[] {
	return outcome.items ?? [];
}

describe('Agntix Trigger', () => {
	test('a signed session.ended starts the workflow with the simplified result', async () => {
		const event = endedEvent();
		const outcome = await send(triggerNode(), event);
		expect(outcome.status).toBe(200);
		expect(started(outcome).map((item) => item.json)).toEqual([
			expect.objectContaining({
				eventType: 'session.ended',
				sessionId: event.id,
				state: 'CLOSED',
				ended: true,
				durationSeconds: 42,
				summary: 'Confirmed.',
				resolution: 'RESOLVED',
				confirmed: true,
				sessionVariables: { crmContactId: 'C-9' },
				outcome: 'reached',
				reached: true,
			}),
		]);
		expect(Object.keys(started(outcome)[0].json).slice(0, 2)).toEqual(['eventType', 'outcome']);
	});

	test('whether the person was reached comes from the transcript; a read that does not answer in time leaves it unknown, and Agntix still gets its answer in time', async () => {
		const unanswered = await send(triggerNode(), endedEvent({}, '+14155550196'));
		expect(started(unanswered)[0].json).toEqual(
			expect.objectContaining({ outcome: 'notReached', reached: false }),
		);

		sandbox.inject({ kind: 'hang', match: '/messages' });
		const before = Date.now();
		const slow = await send(triggerNode(), endedEvent());
		expect(Date.now() - before).toBeLessThan(12_000);
		expect(slow.status).toBe(200);
		expect(started(slow)[0].json).toEqual(
			expect.objectContaining({
				outcome: 'unknown',
				state: 'CLOSED',
				summary: 'Confirmed.',
				reachedUnknownReason: expect.stringContaining('the transcript did not arrive within 5 s'),
			}),
		);
		expect(capturedLogs()).toEqual(
			expect.arrayContaining([
				expect.stringContaining('whether the person was reached is not known'),
			]),
		);
	}, 20_000);

	test("with the organization's rate limit spent, a delivery's transcript read waits at most 5 seconds: the event still runs at once, outcome unknown, saying why", async () => {
		// Held now (signatures are checked against the time): the window closes for a minute.
		clockAt(new Date().toISOString());
		sandbox.now = clock.now;
		sandbox.configure({ rateLimit: { limit: 1, windowMs: 60_000 } });
		const first = await send(triggerNode(), endedEvent());
		expect(started(first)[0].json).toEqual(expect.objectContaining({ outcome: 'reached' }));
		const second = await send(triggerNode(), endedEvent());
		expect(second.status).toBe(200);
		expect(started(second)[0].json).toEqual(
			expect.objectContaining({
				outcome: 'unknown',
				reachedUnknownReason: expect.stringContaining(
					"no room under Agntix's rate limit within 5 s",
				),
			}),
		);
		// Refused by the package, not by Agntix: no request ran into a 429.
		expect(sandbox.apiRequests().filter((r) => r.status === 429)).toHaveLength(0);
	});

	test("an agent's extracted fields named like the package's own never replace them, and no number is made up", async () => {
		const call = sandbox.addCall('+14155550194', { crmContactId: 'C-9' }, Date.now() - 60_000);
		const event = { ...sessionFor(call, 3000), eventType: 'session.ended' };
		const outcome = await send(triggerNode(), event, 'none', { messageId: 'msg_spoofing' });
		const [{ json }] = started(outcome);
		expect(json).toEqual(
			expect.objectContaining({
				eventType: 'session.ended',
				outcome: 'reached',
				reached: true,
				sessionId: call.sessionId,
				state: 'CLOSED',
				deliveryId: 'msg_spoofing',
			}),
		);
		expect(json).not.toHaveProperty('customerPhoneNumber');
		expect(json).not.toHaveProperty('waitTimedOut');
	});

	test('an end reason that says nobody was reached decides over the transcript', async () => {
		const call = sandbox.addCall('+14155550193', {}, Date.now() - 60_000);
		const event = { ...sessionFor(call, 3000), eventType: 'session.ended' };
		const outcome = await send(triggerNode(), event);
		expect(started(outcome)[0].json).toEqual(
			expect.objectContaining({ outcome: 'notReached', reached: false, endedReason: 'voicemail' }),
		);
	});

	test('a call start (session.created) carries no outcome and reads no transcript', async () => {
		const event = endedEvent({ eventType: 'session.created', state: 'OPEN', analysis: undefined });
		const outcome = await send(triggerNode({ events: ['session.created'] }), event);
		expect(started(outcome)[0].json).not.toHaveProperty('outcome');
		expect(sandbox.apiRequests('/messages')).toHaveLength(0);
	});

	test('without Simplify the event comes as Agntix sent it; webhook-* headers work too', async () => {
		const event = endedEvent();
		const outcome = await send(triggerNode({ simplify: false }), event, 'none', {
			headerStyle: 'webhook',
		});
		expect(started(outcome).map((item) => item.json)).toEqual([
			{ ...event, deliveryId: expect.stringMatching(/^msg_/) },
		]);
	});

	test.each<Forgery>(['wrongSecret', 'tamperedBody', 'oldTimestamp', 'unsigned'])(
		'a %s request gets 401 and starts nothing',
		async (forgery) => {
			const outcome = await send(triggerNode(), endedEvent(), forgery);
			expect(outcome.status).toBe(401);
			expect(outcome.items).toBeUndefined();
			expect(String(outcome.body?.error)).toMatch(/^Signature verification failed: /);
		},
	);

	test('a refused request is logged with its reason, and the log holds no secret', async () => {
		const before = capturedLogs().length;
		await send(triggerNode(), endedEvent(), 'wrongSecret');
		const logged = capturedLogs().slice(before);
		expect(logged).toEqual([
			expect.stringMatching(
				/^warn: Agntix Trigger "Agntix Trigger": refused a webhook: no signature matches/,
			),
		]);
		expect(logged.join('')).not.toContain(SECRET.slice(6));
	});

	test('a redelivery (same message id, or same session and event) is answered 200 and starts nothing', async () => {
		const node = triggerNode();
		const event = endedEvent();
		const first = await send(node, event, 'none', { messageId: 'msg_redelivered' });
		const again = await send(node, event, 'none', { messageId: 'msg_redelivered' });
		const sameEventNewMessage = await send(node, event, 'none', { messageId: 'msg_other' });
		expect(started(first)).toHaveLength(1);
		for (const outcome of [again, sameEventNewMessage]) {
			expect(outcome.status).toBe(200);
			expect(outcome.body).toEqual({ received: true, duplicate: true });
			expect(outcome.items).toBeUndefined();
		}
	});

	test('a delivery to the Test URL does not make the same delivery to the Production URL a duplicate', async () => {
		const node = triggerNode();
		const event = endedEvent();
		const listening = await send(node, event, 'none', { messageId: 'msg_both', mode: 'manual' });
		const production = await send(node, event, 'none', { messageId: 'msg_both', mode: 'webhook' });
		expect(started(listening)).toHaveLength(1);
		expect(started(production)).toHaveLength(1);
		expect(
			(await send(node, event, 'none', { messageId: 'msg_both', mode: 'webhook' })).body,
		).toEqual({ received: true, duplicate: true });
	});

	test('a replayed request whose signature no longer verifies is refused, not deduplicated', async () => {
		const node = triggerNode();
		const event = endedEvent();
		expect(started(await send(node, event, 'none', { messageId: 'msg_once' }))).toHaveLength(1);
		const replay = await send(node, event, 'oldTimestamp', { messageId: 'msg_once' });
		expect(replay.status).toBe(401);
	});

	test('events, agent and direction not chosen are acknowledged and ignored', async () => {
		const agent = sandbox.agentRecords[1];
		const node = triggerNode({
			events: ['session.ended'],
			filters: { agentId: { __rl: true, mode: 'id', value: agent.id }, direction: 'OUTBOUND' },
		});
		const created = await send(node, {
			...endedEvent({ agentId: agent.id }),
			eventType: 'session.created',
		});
		const otherAgent = await send(node, endedEvent());
		const inbound = await send(node, endedEvent({ agentId: agent.id, direction: 'INBOUND' }));
		const unknown = await send(node, endedEvent({ agentId: agent.id, eventType: 'usage.updated' }));
		for (const outcome of [created, otherAgent, inbound, unknown]) {
			expect(outcome.body).toEqual({ received: true, ignored: true });
			expect(outcome.items).toBeUndefined();
		}
		expect(started(await send(node, endedEvent({ agentId: agent.id })))).toHaveLength(1);
	});

	test('without a signing secret it refuses to activate, and refuses requests, saying why', async () => {
		await expect(activateTrigger(triggerNode(), credentials(''))).rejects.toThrow(
			'Add the webhook signing secret to the Agntix credential',
		);
		await expect(activateTrigger(triggerNode(), credentials('whsec_!!'))).rejects.toThrow(
			'Add the webhook signing secret',
		);
		expect(await activateTrigger(triggerNode(), credentials())).toBe(true);
		const outcome = await send(triggerNode(), endedEvent(), 'none', { secret: '' });
		expect(outcome.status).toBe(500);
		expect(outcome.items).toBeUndefined();
		expect(String(outcome.body?.error)).toContain('Add the webhook signing secret');
	});

	describe('the whole loop over HTTP: Start Call → the call ends → signed webhooks → the trigger', () => {
		let server: Server;
		const node = triggerNode({ events: ['session.created', 'session.ended'] });
		const executions: INodeExecutionData[] = [];
		const refused: number[] = [];

		beforeAll(async () => {
			server = createServer((req, res) => {
				const chunks: Buffer[] = [];
				req.on('data', (chunk: Buffer) => chunks.push(chunk));
				req.on('end', () => {
					void deliverToTrigger(node, credentials(), {
						headers: req.headers as Record<string, string>,
						body: Buffer.concat(chunks).toString(),
					}).then((outcome) => {
						executions.push(...started(outcome));
						if (outcome.status === 401) refused.push(outcome.status);
						res.writeHead(outcome.status, { 'content-type': 'application/json' });
						res.end(JSON.stringify(outcome.body ?? {}));
					});
				});
			});
			await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		});
		afterAll(async () => await new Promise<void>((resolve) => server.close(() => resolve())));

		test('each event starts one execution; redeliveries none; forged ones get 401', async () => {
			const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
			sandbox.configure({
				callDurationMs: 300,
				webhook: {
					url,
					secret: SECRET,
					redeliveries: 2,
					forgery: 'none',
					headerStyle: 'svix',
					rotation: true,
				},
			});
			const result = await runWorkflow(
				contactsWorkflow(
					[{ phone: '+14155550100' }, { phone: '+14155550101' }],
					agntixNode(startCallParameters(sandbox)),
				),
				credentials(),
			);
			expect(result.error).toBeUndefined();
			await until(() => sandbox.deliveries.length === 12);

			sandbox.configure({
				webhook: {
					url,
					secret: SECRET,
					redeliveries: 0,
					forgery: 'tamperedBody',
					headerStyle: 'svix',
					rotation: false,
				},
			});
			await runWorkflow(
				contactsWorkflow([{ phone: '+14155550102' }], agntixNode(startCallParameters(sandbox))),
				credentials(),
			);
			await until(() => sandbox.deliveries.length === 14);

			const genuine = sandbox.calls.slice(0, 2).map((c) => c.sessionId);
			expect(
				executions.map((item) => `${item.json.eventType} ${item.json.sessionId}`).sort(),
			).toEqual(genuine.flatMap((id) => [`session.created ${id}`, `session.ended ${id}`]).sort());
			expect(sandbox.deliveries.filter((d) => d.forgery === 'none')).toHaveLength(12);
			expect(
				sandbox.deliveries.filter((d) => d.forgery === 'none').every((d) => d.status === 200),
			).toBe(true);
			expect(refused).toHaveLength(2);
		});
	});
});

test('a burst of 500 signed webhooks, 20% redelivered and 5% forged: each genuine event runs once, no forged one does', async () => {
	const node = triggerNode({ events: ['session.created', 'session.ended'] });
	type Sent = {
		request: ReturnType<typeof signedRequest>;
		kind: 'genuine' | 'redelivery' | 'forged';
		key: string;
	};
	const genuineEvents: Sent[] = Array.from({ length: 375 }, (_, i) => {
		const event = { ...endedEvent(), eventType: i % 2 ? 'session.created' : 'session.ended' };
		const style = {
			secret: SECRET,
			forgery: 'none' as const,
			headerStyle: i % 3 ? ('svix' as const) : ('webhook' as const),
			rotation: i % 7 === 0,
		};
		return {
			request: signedRequest(style, event),
			kind: 'genuine',
			key: `${event.eventType} ${event.id}`,
		};
	});
	const redeliveries: Sent[] = genuineEvents
		.slice(0, 100)
		.map((sent) => ({ ...sent, kind: 'redelivery' }));
	const forgeries: Sent[] = Array.from({ length: 25 }, (_, i) => {
		const forgery = (['wrongSecret', 'tamperedBody', 'oldTimestamp', 'unsigned'] as const)[i % 4];
		const event = endedEvent();
		return {
			request: signedRequest(
				{ secret: SECRET, forgery, headerStyle: 'svix', rotation: false },
				event,
			),
			kind: 'forged',
			key: `session.ended ${event.id}`,
		};
	});
	// Interleaved: each redelivery arrives after its original; forged ones are spread through.
	const requests: Sent[] = [];
	genuineEvents.forEach((sent, i) => {
		requests.push(sent);
		if (i >= 20 && i < 120) requests.push(redeliveries[i - 20]);
		if (i % 15 === 7) requests.push(forgeries[(i - 7) / 15]);
	});
	expect(requests).toHaveLength(500);
	const outcomes = await Promise.all(
		requests.map(({ request }) => deliverToTrigger(node, credentials(), request)),
	);

	const executions = outcomes
		.flatMap((outcome) => started(outcome))
		.map((item) => `${item.json.eventType} ${item.json.sessionId}`);
	const genuine = requests.filter((r) => r.kind === 'genuine').map((r) => r.key);
	const forged = requests.filter((r) => r.kind === 'forged');
	expect(forged).toHaveLength(25);
	expect(executions.sort()).toEqual([...genuine].sort());
	requests.forEach((r, index) => {
		if (r.kind === 'forged') expect(outcomes[index].status).toBe(401);
		else expect(outcomes[index].status).toBe(200);
	});
});
