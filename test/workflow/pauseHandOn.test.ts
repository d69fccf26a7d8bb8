/**
 * The Agntix Trigger hands session.ended on to the paused execution that placed the call.
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INode } from 'n8n-workflow';

import { deliverToTrigger } from '../harness/webhook';
import { agntixTriggerNode } from '../fixtures';
import { signedRequest } from '../../tools/sandbox/webhooks';
import { usePause } from './pauseFixtures';

const { SECRET, credentials, endedEventFor } = usePause();

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
