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
import { agntixNode, agntixTriggerNode, contactsWorkflow, startCallParameters, useSandbox } from '../fixtures';
import { SANDBOX_API_KEY } from '../sandbox/data';
import { newWebhookSecret, signedRequest } from '../sandbox/webhooks';
import type { Forgery } from '../sandbox/webhooks';

const SECRET = newWebhookSecret();
const sandbox = useSandbox();
/** The resume URL n8n gives the harness's execution. */
const RESUME_URL = 'http://localhost:5678/webhook-waiting/test-execution';

function credentials(webhookSecret = SECRET) {
	return { agntixApi: { authentication: 'apiKey', apiKey: SANDBOX_API_KEY, baseUrl: sandbox.url, webhookSecret } };
}

function pausingNode(waitOptions: INodeParameters = {}, waitMode = 'pause'): INode {
	return agntixNode(startCallParameters(sandbox, { ttl: 60, waitForEnd: true, waitMode, waitOptions }));
}

function endedEventFor(resumeUrl: string | undefined, overrides: object = {}) {
	const call = sandbox.addCall('+14155550100', { crmContactId: 'C-9', ...(resumeUrl ? { n8nResumeUrl: resumeUrl } : {}) }, Date.now() - 60_000);
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

function resume(node: INode, event: object, forgery: Forgery = 'none', url = '/webhook-waiting/test-execution') {
	const request = signedRequest({ secret: SECRET, forgery, headerStyle: 'svix', rotation: false }, event);
	return deliverToTrigger(node, credentials(), request, { url });
}

describe('starting the call and pausing', () => {
	test('the call carries the resume URL; the execution waits until the call\'s TTL plus a margin', async () => {
		const before = Date.now();
		const result = await runWorkflow(contactsWorkflow([{ phone: '+14155550100', name: 'Ada' }], pausingNode({}, 'auto')), credentials());
		expect(result.error).toBeUndefined();
		expect(sandbox.calls).toHaveLength(1);
		// n8n 2.x adds the execution's resume token to its resume URL.
		expect(String(sandbox.calls[0].sessionVariables?.n8nResumeUrl)).toMatch(new RegExp(`^${RESUME_URL}(\\?signature=\\w+)?$`));
		const waitTill = new Date(result.run!.waitTill as Date).getTime();
		expect(waitTill - before).toBeGreaterThanOrEqual((60 + 120) * 1000);
		expect(waitTill - Date.now()).toBeLessThanOrEqual((60 + 120) * 1000);
		// What the execution continues with if the deadline passes without the call's end.
		const [item] = result.output('Agntix');
		expect(item.json).toEqual(
			expect.objectContaining({ sessionId: sandbox.calls[0].sessionId, toPhoneNumber: '+14155550100', ended: false, waitTimedOut: true, sessionVariables: {} }),
		);
	});

	test('Max Wait sets the deadline', async () => {
		const before = Date.now();
		const result = await runWorkflow(contactsWorkflow([{ phone: '+14155550100' }], pausingNode({ maxWait: 30 })), credentials());
		const waitTill = new Date(result.run!.waitTill as Date).getTime();
		expect(waitTill - before).toBeGreaterThanOrEqual(30_000);
		expect(waitTill - before).toBeLessThan(35_000);
	});

	test('several items with Pause are refused before anyone is called', async () => {
		const result = await runWorkflow(contactsWorkflow([{ phone: '+14155550100' }, { phone: '+14155550101' }], pausingNode()), credentials());
		expect(result.error?.message).toBe('Pausing waits for one call per execution, and 2 items came in');
		expect(result.error?.description).toContain('Keep Checking (Polling)');
		expect(sandbox.apiRequests()).toHaveLength(0);
	});

	test('the automatic choice keeps checking without a signing secret, and for several items', async () => {
		sandbox.configure({ callDurationMs: 500 });
		const noSecret = await runWorkflow(contactsWorkflow([{ phone: '+14155550100' }], pausingNode({ pollInterval: 1 }, 'auto')), credentials(''));
		expect(noSecret.run?.waitTill).toBeUndefined();
		expect(noSecret.output('Agntix')[0].json).toEqual(expect.objectContaining({ state: 'CLOSED', ended: true }));
		expect(sandbox.calls[0].sessionVariables).toEqual({});

		const several = await runWorkflow(
			contactsWorkflow([{ phone: '+14155550102' }, { phone: '+14155550103' }], pausingNode({ pollInterval: 1 }, 'auto')),
			credentials(),
		);
		expect(several.run?.waitTill).toBeUndefined();
		expect(several.output('Agntix')).toHaveLength(2);
	});
});

describe('the resume webhook', () => {
	test('a genuine session.ended of this call resumes it with the call\'s result', async () => {
		const outcome = await resume(pausingNode(), endedEventFor(RESUME_URL));
		expect(outcome.items?.map((item) => item.json)).toEqual([
			expect.objectContaining({ state: 'CLOSED', ended: true, summary: 'Ada confirmed.', resolution: 'RESOLVED', waitTimedOut: false }),
		]);
		expect(JSON.stringify(outcome.items)).not.toContain('n8nResumeUrl');
	});

	test('with Include Transcript, the transcript is read from Agntix', async () => {
		const outcome = await resume(pausingNode({ includeTranscript: true }), endedEventFor(RESUME_URL));
		expect(String(outcome.items?.[0].json.transcript)).toMatch(/^Agent: /);
	});

	test.each<Forgery>(['wrongSecret', 'tamperedBody', 'oldTimestamp', 'unsigned'])('a %s event resumes nothing (401)', async (forgery) => {
		const outcome = await resume(pausingNode(), endedEventFor(RESUME_URL), forgery);
		expect(outcome.status).toBe(401);
		expect(outcome.items).toBeUndefined();
	});

	test('a genuine session.ended of another call resumes nothing (403)', async () => {
		const other = await resume(pausingNode(), endedEventFor('http://localhost:5678/webhook-waiting/another-execution'));
		expect(other.status).toBe(403);
		expect(other.items).toBeUndefined();
		const none = await resume(pausingNode(), endedEventFor(undefined));
		expect(none.status).toBe(403);
	});

	test('a session.created resumes nothing (422)', async () => {
		const outcome = await resume(pausingNode(), endedEventFor(RESUME_URL, { eventType: 'session.created' }));
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
				received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString() });
				res.writeHead(200, { 'content-type': 'application/json' }).end('{"message":"Workflow was started"}');
			});
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(async () => await new Promise((resolve) => server.close(resolve)));
	beforeEach(() => (received = []));

	const trigger = agntixTriggerNode;

	function deliver(node: INode, event: object) {
		const request = signedRequest({ secret: SECRET, forgery: 'none', headerStyle: 'svix', rotation: false }, event);
		return { request, outcome: deliverToTrigger(node, credentials(), request, { webhookBaseUrl: `${base}/webhook` }) };
	}

	test('unchanged (raw body and signature headers), to this n8n\'s resume URL; the trigger\'s workflow still runs', async () => {
		const { request, outcome } = deliver(trigger(), endedEventFor(`${base}/webhook-waiting/77`));
		const answer = await outcome;
		expect(received).toHaveLength(1);
		expect(received[0].path).toBe('/webhook-waiting/77');
		expect(received[0].body).toBe(request.body);
		for (const name of ['svix-id', 'svix-timestamp', 'svix-signature']) expect(received[0].headers[name]).toBe(request.headers[name]);
		expect(answer.items).toHaveLength(1);
	});

	test('with "Run for Events Handed to a Paused Call" off, the trigger\'s workflow does not run for it', async () => {
		const answer = await deliver(trigger({ runForForwarded: false }), endedEventFor(`${base}/webhook-waiting/78`)).outcome;
		expect(received).toHaveLength(1);
		expect(answer.items).toBeUndefined();
		expect(answer.body).toEqual({ received: true, ignored: true, forwarded: true });
	});

	test.each([
		['another host', 'http://attacker.example/webhook-waiting/79'],
		['another port', 'http://127.0.0.1:9/webhook-waiting/79'],
		['not a resume URL', 'PATH/webhook/79'],
	])('never to %s', async (_name, url) => {
		const answer = await deliver(trigger(), endedEventFor(url.replace('PATH', base))).outcome;
		expect(received).toHaveLength(0);
		expect(answer.items).toHaveLength(1);
	});
});
