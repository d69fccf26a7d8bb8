/**
 * When the paused execution cannot take the event: what the trigger tells Agntix, and when
 * a failed hand-on is final.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { MAX_FAILURES } from '../../nodes/Agntix/pause/handOn';
import { deliverToTrigger } from '../harness/webhook';
import { agntixTriggerNode } from '../fixtures';
import { signedRequest } from '../../tools/sandbox/webhooks';
import { capturedLogs } from '../setupLogs';
import { usePause } from './pauseFixtures';

const { SECRET, credentials, endedEventFor } = usePause();

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
