/**
 * End-to-end: a real n8n (each supported major version) loads the packed package as a
 * community package and runs workflows against the sandbox, through its CLI, its REST API,
 * a production webhook, and in queue mode with a worker.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { SANDBOX_API_KEY } from '../sandbox/data';
import { deliver, newWebhookSecret, signedRequest } from '../sandbox/webhooks';
import { startSandbox } from '../sandbox/server';
import type { Sandbox } from '../sandbox/server';
import { Editor } from './editor';
import {
	firstStepPanel,
	nextStepAndToolPanels,
	runExample,
	startCallFromPanel,
	triggerFromPanel,
} from './journeys';
import { N8N_VERSIONS, N8n, ROOT, freePort } from './n8nProcess';
import type { ExecuteResult } from './n8nProcess';
import {
	CONTACTS,
	CREDENTIAL_ID,
	TRIGGER_WEBHOOK_ID,
	credentialFor,
	listPhoneNumbersWorkflow,
	triggerWorkflow,
	startCallsWorkflow,
	callToolWorkflow,
	dedupTriggerWorkflow,
	DEDUP_TRIGGER_WEBHOOK_ID,
	MCP_PATH,
} from './workflows';
import { done, eventually, notYet } from './eventually';
import { McpClient } from './mcpClient';

const VERSIONS = process.env.E2E_N8N_VERSIONS
	? process.env.E2E_N8N_VERSIONS.split(',')
	: N8N_VERSIONS.e2e;
const TYPE = 'n8n-nodes-agntix.agntix';
const WEBHOOK_SECRET = newWebhookSecret();

interface Example {
	file: string;
	id: string;
	name: string;
	nodes: Array<{ name: string; type: string; parameters: Record<string, unknown> }>;
}

const EXAMPLES: Example[] = readdirSync(join(ROOT, 'examples'))
	.filter((file) => file.endsWith('.json'))
	.map((file) => ({ file, ...JSON.parse(readFileSync(join(ROOT, 'examples', file), 'utf8')) }));
const isWebhookExample = (example: Example) =>
	example.nodes.some((n) => n.type === 'n8n-nodes-base.webhook');
const webhookPathOf = (example: Example) =>
	String(example.nodes.find((n) => n.type === 'n8n-nodes-base.webhook')!.parameters.path);
const WEBHOOK_EXAMPLE = EXAMPLES.find((e) => e.file === 'crm-webhook-starts-a-call.json')!;
const WEBHOOK_PATH = webhookPathOf(WEBHOOK_EXAMPLE);
/** CRM webhook → Start Call that pauses until the call ends → the outcome. */
const PAUSE_EXAMPLE = EXAMPLES.find((e) => e.file === 'crm-lead-call-pause-until-it-ends.json')!;
const PAUSE_PATH = webhookPathOf(PAUSE_EXAMPLE);
const PAUSE_NODE = 'Call and pause until it ends';
/** A copy of the pause example with its own id, webhook path and Wait Options. */
function pauseVariant(id: string, path: string, name: string, waitOptions: object): Example {
	const variant = JSON.parse(
		JSON.stringify(PAUSE_EXAMPLE)
			.replaceAll(PAUSE_PATH, path)
			.replace('"waitOptions":{}', `"waitOptions":${JSON.stringify(waitOptions)}`),
	) as Example;
	for (const node of variant.nodes as Array<{ webhookId?: string }>)
		if (node.webhookId) node.webhookId = `${path}-hook`;
	return { ...variant, id, name };
}
/** The pause example with a 5-second Max Wait, for the deadline. */
const PAUSE_DEADLINE = pauseVariant(
	'agntixE2ePauseDeadline',
	'agntix-e2e-pause-deadline',
	'E2E: pause until a 5-second deadline',
	{ maxWait: 5 },
);
/** The pause example reading the transcript when it resumes (a read that can fail). */
const PAUSE_TRANSCRIPT = pauseVariant(
	'agntixE2ePauseTranscript',
	'agntix-e2e-pause-transcript',
	'E2E: pause, then read the transcript',
	{
		includeTranscript: true,
	},
);
/** Traces of a resume URL: n8n's waiting path, or its token. */
const RESUME_URL_TRACE = /webhook-waiting\/|[?&]signature=/;

/** Names what broke: the workflow, the node, its error, and the last requests the sandbox saw. */
function explain(what: string, result: ExecuteResult, sandbox: Sandbox): string {
	const nodeErrors = Object.entries(result.runData)
		.filter(([, runs]) => runs[0]?.error)
		.map(
			([node, runs]) =>
				`  node "${node}": ${runs[0].error?.message} ${runs[0].error?.description ?? ''}`,
		);
	const requests = sandbox.requests
		.slice(-5)
		.map((r) => `  ${r.method} ${r.path} → ${r.status ?? r.fault}`);
	return [
		`${what}: status ${result.status}, last node "${result.lastNodeExecuted}"`,
		result.error
			? `  workflow error: ${result.error.message} (node "${result.error.node?.name}")`
			: '',
		...nodeErrors,
		'  last sandbox requests:',
		...requests,
	]
		.filter(Boolean)
		.join('\n');
}

function expectRun(what: string, result: ExecuteResult, sandbox: Sandbox): void {
	if (result.status !== 'success') throw new Error(explain(what, result, sandbox));
}

describe.each(VERSIONS)('n8n %s', (version) => {
	let sandbox: Sandbox;
	let n8n: N8n;
	let redis: ChildProcess | undefined;
	const timings: string[] = [];
	let phase = Date.now();
	const lap = (name: string) => {
		timings.push(`${name} ${((Date.now() - phase) / 1000).toFixed(1)} s`);
		phase = Date.now();
	};

	beforeAll(async () => {
		phase = Date.now();
		sandbox = await startSandbox({ callDurationMs: 1000 });
		n8n = new N8n(version);
		n8n.stagePackage();
		lap('stage package');
		await n8n.importCredential(credentialFor(sandbox.url, SANDBOX_API_KEY, WEBHOOK_SECRET));
		const number = sandbox.phoneNumberRecords[0];
		const agent = sandbox.agentRecords[0];
		await n8n.importWorkflows([
			listPhoneNumbersWorkflow(),
			startCallsWorkflow(number.id, agent.id),
			triggerWorkflow(),
			callToolWorkflow(number.id, agent.id),
			dedupTriggerWorkflow(),
			...EXAMPLES,
			PAUSE_DEADLINE,
			PAUSE_TRANSCRIPT,
		]);
		// Active when n8n starts (here and in queue mode).
		for (const id of [
			WEBHOOK_EXAMPLE.id,
			PAUSE_EXAMPLE.id,
			PAUSE_DEADLINE.id,
			PAUSE_TRANSCRIPT.id,
			'agntixE2eTrigger',
			'agntixE2eTool',
			'agntixE2eTriggerDedup',
		]) {
			await n8n.activateWorkflow(id);
		}
		lap('import credential and workflows');
	});

	afterAll(async () => {
		await n8n?.stopAll();
		redis?.kill('SIGTERM');
		await sandbox?.close();
		console.log(`n8n ${version} timings: ${timings.join(', ')}`);
	});

	beforeEach(() => sandbox.reset({ callDurationMs: 1000 }));

	test('n8n execute: List Phone Numbers returns every number', async () => {
		const result = await n8n.execute('agntixE2eList');
		expectRun('Workflow "E2E: list phone numbers"', result, sandbox);
		const numbers = result.output('List Phone Numbers');
		expect(numbers.map((n) => n.id)).toEqual(sandbox.phoneNumberRecords.map((n) => n.id));
		const [request] = sandbox.apiRequests('GET /api/v1/phone-numbers');
		expect(request.headers['x-api-key']).toBe(SANDBOX_API_KEY);
		lap('execute list');
	});

	test('n8n execute: Start Call for contacts maps fields, normalises numbers, keeps a bad row as an error item', async () => {
		const result = await n8n.execute('agntixE2eStart');
		expectRun('Workflow "E2E: start calls for contacts"', result, sandbox);
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
			sandbox.calls
				.map((c) => c.sessionVariables)
				.sort((a, b) => String(a?.crmContactId).localeCompare(String(b?.crmContactId))),
		).toEqual([
			{ customerName: 'Ada', crmContactId: 'C-1', campaign: 'spring-reminders' },
			{ customerName: 'Grace', crmContactId: 'C-2', campaign: 'spring-reminders' },
			{ customerName: 'Alan', crmContactId: 'C-4', campaign: 'spring-reminders' },
		]);
		expect(output[0].sessionId).toBe(
			sandbox.calls.find((c) => c.toPhoneNumber === '+14155550100')?.sessionId,
		);
		expect(result.stdout).not.toContain(SANDBOX_API_KEY);
		lap('execute start calls');
	});

	test('n8n execute: every example workflow in examples/ runs', async () => {
		expect(EXAMPLES.length).toBeGreaterThanOrEqual(3);
		for (const example of EXAMPLES.filter((e) => !isWebhookExample(e))) {
			expect(JSON.stringify(example)).toContain(CREDENTIAL_ID);
			const before = sandbox.calls.length;
			const result = await n8n.execute(example.id);
			expectRun(`Example ${example.file}`, result, sandbox);
			for (const node of example.nodes.filter((n) => n.type === TYPE)) {
				const items = result.output(node.name);
				if (items.length === 0 || items.some((item) => item.error)) {
					throw new Error(
						`${explain(`Example ${example.file}`, result, sandbox)}\n  node "${node.name}" output: ${JSON.stringify(items).slice(0, 800)}`,
					);
				}
			}
			expect(sandbox.calls.length).toBeGreaterThan(before);
		}
		// The outcome example waits for the call to end and maps its result into a sheet row.
		const outcome = await n8n.execute('agntixExampleOutcome');
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
		lap('execute examples');
	});

	describe('n8n start', () => {
		beforeAll(async () => {
			await n8n.start();
			lap('start');
		});

		afterAll(async () => await n8n.stopAll());

		test('the credential test: a good key passes, a wrong key is explained', async () => {
			const test = (apiKey: string, baseUrl = sandbox.url) =>
				n8n.rest<{ status: string; message: string }>('POST', '/rest/credentials/test', {
					credentials: {
						id: CREDENTIAL_ID,
						name: 'Agntix sandbox',
						type: 'agntixApi',
						data: { authentication: 'apiKey', apiKey, baseUrl },
					},
				});
			expect(await test(SANDBOX_API_KEY)).toEqual({
				status: 'OK',
				message: 'Connection successful!',
			});
			const wrong = await test('pk_live_wrong');
			expect(wrong.status).toBe('Error');
			// n8n 1.x ignores a credential test's rules and shows its own text for a 401.
			expect(wrong.message).toContain(
				n8n.major >= 2
					? 'Agntix did not accept this key'
					: 'Authorization failed - please check your credentials',
			);
			// A web page answers 200 to any path: that is not a working credential.
			expect(await test(SANDBOX_API_KEY, `${sandbox.url}/__sandbox/dashboard`)).toEqual({
				status: 'Error',
				message: expect.stringContaining('This Base URL answered, but not like the Agntix API'),
			});
			// A redirect is not followed: the key is not sent to where it points.
			sandbox.inject({
				kind: 'status',
				match: 'GET /api/v1/phone-numbers',
				status: 302,
				headers: { Location: `${sandbox.url}/elsewhere/phone-numbers` },
				body: {},
			});
			const redirected = await test(SANDBOX_API_KEY);
			expect(redirected.status).toBe('Error');
			expect(sandbox.requests.map((r) => r.path)).not.toContain('/elsewhere/phone-numbers');
		});

		test('the dropdowns load through the editor endpoints, with search and paging', async () => {
			const search = (methodName: string, filter?: string, paginationToken?: string) =>
				n8n.rest<{ results: Array<{ name: string; value: string }>; paginationToken?: string }>(
					'POST',
					'/rest/dynamic-node-parameters/resource-locator-results',
					{
						nodeTypeAndVersion: { name: TYPE, version: 1 },
						path: methodName === 'searchAgents' ? 'parameters.agentId' : 'parameters.phoneNumberId',
						methodName,
						filter,
						paginationToken,
						currentNodeParameters: { resource: 'call', operation: 'start' },
						credentials: { agntixApi: { id: CREDENTIAL_ID, name: 'Agntix sandbox' } },
					},
				);
			const agents = await search('searchAgents', 'sales');
			expect(agents.results.map((r) => r.name)).toEqual(['Sales Qualifier']);

			sandbox.configure({ phoneNumberCount: 150 });
			const first = await search('searchPhoneNumbers');
			expect(first.results).toHaveLength(100);
			expect(first.paginationToken).toBe('2:100');
			const second = await search('searchPhoneNumbers', undefined, first.paginationToken);
			expect(second.results).toHaveLength(50);
			expect(second.paginationToken).toBeUndefined();
			const filtered = await search('searchPhoneNumbers', '0105');
			expect(filtered.results.map((r) => r.name)).toEqual(['+14155550105 · California']);
		});

		test('the CRM webhook example runs Start Call and answers with the session id', async () => {
			const response = await n8n.webhook(WEBHOOK_PATH, {
				phone: '+44 20 7946 0958',
				name: 'Ada',
				id: 'C-77',
			});
			expect(response.status).toBe(200);
			expect(sandbox.calls).toHaveLength(1);
			expect(sandbox.calls[0]).toEqual(
				expect.objectContaining({
					toPhoneNumber: '+442079460958',
					sessionVariables: { customerName: 'Ada', crmContactId: 'C-77' },
				}),
			);
			expect(response.json).toEqual(
				expect.objectContaining({ sessionId: sandbox.calls[0].sessionId }),
			);
			lap('REST, dropdowns and webhook');
		});

		test('the trigger loop: a call ends → signed session.ended → one execution; redelivered, forged and replayed ones start none', async () => {
			const url = `${n8n.url}/webhook/${TRIGGER_WEBHOOK_ID}/webhook`;
			const webhook = {
				url,
				secret: WEBHOOK_SECRET,
				redeliveries: 1,
				forgery: 'none' as const,
				headerStyle: 'svix' as const,
				rotation: false,
			};
			sandbox.configure({ callDurationMs: 1000, webhook });
			const response = await n8n.webhook(WEBHOOK_PATH, {
				phone: '+1 415 555 0142',
				name: 'Ada',
				id: 'C-90',
			});
			expect(response.status).toBe(200);
			await eventually(
				'Two deliveries of session.ended',
				async () => {
					const ended = sandbox.deliveries.filter((d) => d.eventType === 'session.ended').length;
					return ended >= 2 ? done(ended) : notYet(`${ended}`);
				},
				20_000,
				200,
			);
			await sandbox.webhooksSettled();
			expect(sandbox.deliveries.map((d) => `${d.eventType} ${d.status}`)).toEqual([
				'session.created 200',
				'session.created 200',
				'session.ended 200',
				'session.ended 200',
			]);
			const ended = {
				id: sandbox.calls[0].sessionId,
				eventType: 'session.ended',
				state: 'CLOSED',
				metadata: {},
			};
			for (const forgery of ['wrongSecret', 'tamperedBody', 'oldTimestamp', 'unsigned'] as const) {
				const [forged] = await deliver(
					{ ...webhook, redeliveries: 0, forgery },
					{ ...ended, id: `${forgery}-${ended.id}` },
				);
				expect(`${forgery} ${forged.status}`).toBe(`${forgery} 401`);
			}

			const runs = await eventually(
				"The trigger workflow's runs, all finished",
				async () => {
					const list = await n8n.executions('agntixE2eTrigger');
					const finished =
						list.length > 0 && list.every((r) => r.status !== 'running' && r.status !== 'new');
					return finished ? done(list) : notYet(list.map((r) => r.status).join(', ') || 'none');
				},
				20_000,
			);
			expect(runs.map((r) => r.status)).toEqual(['success']);
			expect(n8n.log('main')).not.toContain(WEBHOOK_SECRET.replace('whsec_', ''));
			lap('trigger loop');
		});
		describe('pausing until Agntix reports the end of the call', () => {
			const triggerUrl = () => `${n8n.url}/webhook/${TRIGGER_WEBHOOK_ID}/webhook`;
			const sendWebhooksToTrigger = (callDurationMs: number) =>
				sandbox.configure({
					callDurationMs,
					webhook: {
						url: triggerUrl(),
						secret: WEBHOOK_SECRET,
						redeliveries: 0,
						forgery: 'none',
						headerStyle: 'svix',
						rotation: false,
					},
				});
			/** Posts a CRM lead and returns the execution, once it waits. */
			const leadWaiting = async (id: string) => {
				const response = await n8n.webhook(PAUSE_PATH, {
					phone: '+1 415 555 0150',
					name: 'Ada',
					id,
				});
				expect(response.status).toBe(200);
				return await n8n.newestExecutionWithStatus(PAUSE_EXAMPLE.id, 'waiting');
			};
			const outcomeOf = (runData: ExecuteResult['runData']) =>
				runData['Outcome for the CRM']?.[0]?.data?.main?.[0]?.[0]?.json;

			test('a CRM lead is called; the execution waits, then finishes with the outcome when the call ends', async () => {
				sendWebhooksToTrigger(4000);
				const execution = await leadWaiting('C-300');
				const runData = await n8n.executionWithStatus(execution.id, 'success');
				expect(outcomeOf(runData)).toEqual(
					expect.objectContaining({
						'Contact ID': 'C-300',
						'Call state': 'CLOSED',
						Outcome: 'RESOLVED',
						'Timed out': false,
					}),
				);
				expect(sandbox.calls).toHaveLength(1);
				const resumeUrl = String(sandbox.calls[0].sessionVariables?.n8nResumeUrl);
				expect(resumeUrl).toContain(`/webhook-waiting/${execution.id}`);
				// Neither the resumed workflow nor the trigger's own run shows the URL, nor does the log.
				expect(JSON.stringify(runData)).not.toMatch(RESUME_URL_TRACE);
				const [triggerRun] = await n8n.executions('agntixE2eTrigger');
				expect(JSON.stringify(await n8n.executionWithStatus(triggerRun.id, 'success'))).not.toMatch(
					RESUME_URL_TRACE,
				);
				expect(n8n.log('main')).not.toContain(new URL(resumeUrl).search || resumeUrl);
				lap('pause: call ends');
			});

			test("forged, tampered, replayed or another call's events posted to the resume URL resume nothing", async () => {
				sendWebhooksToTrigger(3_600_000);
				const execution = await leadWaiting('C-301');
				const resumeUrl = String(sandbox.calls[0].sessionVariables?.n8nResumeUrl).replace(
					'//localhost:',
					'//127.0.0.1:',
				);
				const ended = {
					id: sandbox.calls[0].sessionId,
					eventType: 'session.ended',
					state: 'CLOSED',
					metadata: { sessionVariables: sandbox.calls[0].sessionVariables },
				};
				const straight = {
					url: resumeUrl,
					secret: WEBHOOK_SECRET,
					redeliveries: 0,
					headerStyle: 'svix' as const,
					rotation: false,
				};
				for (const forgery of [
					'wrongSecret',
					'tamperedBody',
					'oldTimestamp',
					'unsigned',
				] as const) {
					const [sent] = await deliver({ ...straight, forgery }, ended);
					expect(`${forgery} ${sent.status}`).toBe(`${forgery} 401`);
				}
				const another = {
					...ended,
					id: 'another-session',
					metadata: { sessionVariables: { n8nResumeUrl: `${n8n.url}/webhook-waiting/999999` } },
				};
				const [other] = await deliver({ ...straight, forgery: 'none' }, another);
				expect(other.status).toBe(403);
				// Another call of the organization carrying this execution's resume URL, straight and through the trigger.
				const impostor = { ...ended, id: 'another-call-of-the-org' };
				expect((await deliver({ ...straight, forgery: 'none' }, impostor))[0].status).toBe(403);
				const viaTrigger = { ...straight, url: triggerUrl(), forgery: 'none' as const };
				expect(
					(await deliver(viaTrigger, { ...impostor, id: 'another-call-via-trigger' }))[0].status,
				).toBe(200);
				await n8n.waitForLog(
					'main',
					'the event is not the end of the call this execution waits for',
					2,
				);
				// A resume URL that only ends like n8n's is not handed on.
				const lookalike = `${n8n.url}/webhook/${TRIGGER_WEBHOOK_ID}/webhook-waiting/${execution.id}`;
				const lookalikeEvent = {
					...ended,
					id: 'lookalike-call',
					metadata: { sessionVariables: { n8nResumeUrl: lookalike } },
				};
				expect((await deliver(viaTrigger, lookalikeEvent))[0].status).toBe(200);
				await n8n.waitForLog(
					'main',
					"did not hand on an event whose resume URL is not one of this n8n's",
				);
				expect((await n8n.executions(PAUSE_EXAMPLE.id))[0]).toEqual(
					expect.objectContaining({ id: execution.id, status: 'waiting' }),
				);
				// The genuine end resumes it; the same event again finds nothing waiting.
				sandbox.configure({ callDurationMs: 1 });
				const [genuine] = await deliver({ ...straight, forgery: 'none' }, ended);
				expect(genuine.status).toBe(200);
				await n8n.executionWithStatus(execution.id, 'success');
				const before = await n8n.executions(PAUSE_EXAMPLE.id);
				const [replayed] = await deliver({ ...straight, forgery: 'none' }, ended);
				expect(replayed.status).toBe(409);
				expect(await n8n.executions(PAUSE_EXAMPLE.id)).toEqual(before);
				lap('pause: forged events');
			});

			test('no end reported before the deadline: the execution continues with the started call, marked timed out', async () => {
				sandbox.configure({ callDurationMs: 3_600_000 });
				const response = await n8n.webhook('agntix-e2e-pause-deadline', {
					phone: '+1 415 555 0151',
					name: 'Grace',
					id: 'C-303',
				});
				expect(response.status).toBe(200);
				const execution = await n8n.newestExecutionWithStatus(PAUSE_DEADLINE.id, 'waiting');
				// n8n looks for waits that are due about once a minute.
				const runData = await n8n.executionWithStatus(execution.id, 'success', 100_000);
				expect(outcomeOf(runData)).toEqual(
					expect.objectContaining({ 'Contact ID': 'C-303', 'Timed out': true }),
				);
				expect(runData[PAUSE_NODE]?.[0]?.data?.main?.[0]?.[0]?.json).toEqual(
					expect.objectContaining({
						sessionId: sandbox.calls[0].sessionId,
						ended: false,
						waitTimedOut: true,
					}),
				);
				lap('pause: deadline');
			});

			test('n8n stopped and started again while the execution waits: it still finishes with the outcome', async () => {
				sendWebhooksToTrigger(3_600_000);
				const execution = await leadWaiting('C-302');
				await n8n.stopAll();
				await n8n.start({}, { samePort: true });
				// The trigger answers 401 to an unsigned request once its webhook is registered again.
				await eventually(
					"The trigger's webhook registered again",
					async () => {
						const status = (await fetch(triggerUrl(), { method: 'POST', body: '{}' })).status;
						return status !== 404 ? done(status) : notYet(`${status}`);
					},
					30_000,
				);
				// The call ends while n8n runs again; Agntix reports it.
				sandbox.configure({ callDurationMs: 1 });
				const [delivery] = await sandbox.sendCallEnded();
				expect(delivery.status).toBe(200);
				const runData = await n8n.executionWithStatus(execution.id, 'success');
				expect(outcomeOf(runData)).toEqual(
					expect.objectContaining({
						'Contact ID': 'C-302',
						'Call state': 'CLOSED',
						'Timed out': false,
					}),
				);
				lap('pause: restart');
			});

			test("the end reported before the execution waits is answered 503 and not remembered: Agntix's retry resumes it", async () => {
				// The call ends at once and Agntix reports it before it answers the call start.
				sandbox.configure({
					callDurationMs: 1,
					answerAfterCallEnded: true,
					webhook: {
						url: triggerUrl(),
						secret: WEBHOOK_SECRET,
						redeliveries: 0,
						forgery: 'none',
						headerStyle: 'svix',
						rotation: false,
						retryDelaysMs: [5000, 5000],
					},
				});
				const response = await n8n.webhook(PAUSE_PATH, {
					phone: '+1 415 555 0153',
					name: 'Ada',
					id: 'C-305',
				});
				expect(response.status).toBe(200);
				const execution = await n8n.newestExecutionWithStatus(PAUSE_EXAMPLE.id, 'waiting');
				const runData = await n8n.executionWithStatus(execution.id, 'success');
				expect(outcomeOf(runData)).toEqual(
					expect.objectContaining({
						'Contact ID': 'C-305',
						'Call state': 'CLOSED',
						'Timed out': false,
					}),
				);
				await sandbox.webhooksSettled();
				const ended = sandbox.deliveries.filter((d) => d.eventType === 'session.ended');
				expect(ended.map((d) => d.status)).toEqual([503, 200]);
				expect(ended.every((d) => d.heldMs < 15_000)).toBe(true);
				lap('pause: end before waiting, retried');
			});

			test('a transcript that cannot be read when the call ends: the execution still finishes with the outcome', async () => {
				sendWebhooksToTrigger(3_600_000);
				const response = await n8n.webhook('agntix-e2e-pause-transcript', {
					phone: '+1 415 555 0154',
					name: 'Ada',
					id: 'C-306',
				});
				expect(response.status).toBe(200);
				const execution = await n8n.newestExecutionWithStatus(PAUSE_TRANSCRIPT.id, 'waiting');
				sandbox.inject({
					kind: 'status',
					match: '/messages',
					status: 404,
					body: { error: { code: 'SESSION_NOT_FOUND', message: 'No messages yet' } },
				});
				sandbox.configure({ callDurationMs: 1 });
				const [delivery] = await sandbox.sendCallEnded();
				expect(delivery.status).toBe(200);
				const runData = await n8n.executionWithStatus(execution.id, 'success');
				expect(runData[PAUSE_NODE]?.[0]?.data?.main?.[0]?.[0]?.json).toEqual(
					expect.objectContaining({
						state: 'CLOSED',
						transcriptError: expect.stringContaining('No messages yet'),
					}),
				);
				lap('pause: transcript unreadable');
			});
		});

		test("as an AI agent's tool, with a signing secret in the credential, Start Call keeps checking and answers the agent", async () => {
			sandbox.configure({ callDurationMs: 1000 });
			const client = new McpClient(`${n8n.url}/mcp/${MCP_PATH}`);
			await client.connect();
			const tools = await client.listTools();
			const tool = tools.find((name) => /call/i.test(name));
			expect(tool).toBeDefined();
			const answer = await client.callTool(tool!, { phone: '+1 415 555 0160' });
			expect(answer.isError).toBe(false);
			const [result] = [JSON.parse(answer.text)].flat();
			expect(result).toEqual(
				expect.objectContaining({
					sessionId: sandbox.calls[0].sessionId,
					state: 'CLOSED',
					ended: true,
				}),
			);
			expect(sandbox.calls[0].sessionVariables).toEqual({});
			const runs = await n8n.executions('agntixE2eTool');
			expect(runs.map((run) => run.status)).not.toContain('waiting');
			lap('tool with a signing secret');
		});

		describe('the editor, in a browser', () => {
			let editor: Editor;
			const shots = join(ROOT, '.e2e/artifacts', `n8n-${version}`);
			/** Runs a journey; on failure the error names the folder with its screenshots. */
			const journey = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
				try {
					const result = await run();
					lap(`browser: ${name}`);
					return result;
				} catch (error) {
					const path = await editor.shot(`failed-${name.replace(/\W+/g, '-')}`).catch(() => 'none');
					throw new Error(
						`Journey "${name}" failed on n8n ${version}: ${(error as Error).message}\nScreenshots: ${shots} (last: ${path})`,
					);
				}
			};

			beforeAll(async () => {
				editor = await Editor.open(n8n.url, shots);
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
				const seen = await journey('start a call', () =>
					startCallFromPanel(editor, {
						numberSearch: 'Dubai',
						number: '+14155550107',
						agent: 'Sales Qualifier',
						toPhoneNumber: '+1 415 555 0142',
						variable: { name: 'customerName', value: 'Ada' },
					}),
				);
				expect(seen.credential).toBe('Agntix sandbox');
				expect(seen.numberEntries).toEqual([
					'+14155550107 · Dubai',
					'(no number yet) · Dubai · cannot place calls',
				]);
				expect(seen.agentEntries).toEqual(['Appointment Reminder', 'Sales Qualifier', 'Recepción']);
				expect(sandbox.calls).toHaveLength(1);
				const [call] = sandbox.calls;
				expect(call).toEqual(
					expect.objectContaining({
						phoneNumberId: sandbox.phoneNumberRecords[6].id,
						agentId: sandbox.agentRecords.find((a) => a.fullName === 'Sales Qualifier')!.id,
						toPhoneNumber: '+14155550142',
						sessionVariables: { customerName: 'Ada' },
					}),
				);
				expect(seen.output.columns).toEqual([
					'sessionId',
					'phoneNumberId',
					'agentId',
					'toPhoneNumber',
					'ttl',
					'sessionVariables',
				]);
				expect(seen.output.rows).toHaveLength(1);
				expect(seen.output.rows[0].slice(0, 6)).toEqual([
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
			});

			test('"What happens next?" finds Agntix, and the AI Agent\'s tools list Agntix Tool', async () => {
				const { next, tools } = await journey('next step and tools', () =>
					nextStepAndToolPanels(editor, 'Start a call', [
						'Agntix',
						'voice agent',
						'phone call',
						'AI call',
					]),
				);
				for (const [query, names] of Object.entries(next))
					expect(`${query}: ${names.includes('Agntix')}`).toBe(`${query}: true`);
				expect(tools).toContain('Agntix Tool');
			});

			test('the trigger from the panel: events in words, its setup notice, its URLs, a signed test event in its output', async () => {
				const sendTestEvent = async (testUrl: string) => {
					const url = testUrl.replace('//localhost:', '//127.0.0.1:');
					sandbox.configure({
						webhook: {
							url,
							secret: WEBHOOK_SECRET,
							redeliveries: 0,
							forgery: 'none',
							headerStyle: 'svix',
							rotation: false,
						},
					});
					const [delivery] = await sandbox.sendCallEnded();
					expect(delivery.status).toBe(200);
				};
				const seen = await journey('trigger', () =>
					triggerFromPanel(editor, 'On call ended', sendTestEvent),
				);
				expect(seen.panel).toContain('Triggers (2)');
				expect(seen.panel).toMatch(/On call ended\s+On call started/);
				expect(seen.parameters).toContain('Call Ended');
				expect(seen.parameters).toContain(
					"In the Agntix dashboard, open Developer → Add Endpoint, paste this node's Production URL",
				);
				expect(seen.productionUrl).toMatch(
					/^http:\/\/localhost:\d+\/webhook\/[0-9a-f-]{36}\/webhook$/,
				);
				expect(seen.testUrl).toBe(seen.productionUrl.replace('/webhook/', '/webhook-test/'));
				const column = (name: string) =>
					seen.testEvent.rows[0]?.[seen.testEvent.columns.indexOf(name)];
				expect(seen.testEvent.rows).toHaveLength(1);
				expect([column('eventType'), column('sessionId'), column('state')]).toEqual([
					'session.ended',
					sandbox.calls.at(-1)!.sessionId,
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
				expect(sessionIds.sort()).toEqual(sandbox.calls.map((c) => c.sessionId).sort());
				expect(sandbox.calls).toHaveLength(3);
			});
		});
	});

	describe('queue mode', () => {
		const WAITING_PATH = 'agntix-waiting';
		let webhookProcessUrl = '';
		beforeAll(async () => {
			const redisPort = await freePort();
			redis = spawn(
				'redis-server',
				['--bind', '127.0.0.1', '--port', String(redisPort), '--save', '', '--appendonly', 'no'],
				{
					stdio: 'ignore',
				},
			);
			const queue = {
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST: '127.0.0.1',
				QUEUE_BULL_REDIS_PORT: String(redisPort),
				// Waiting executions at a path of this setup's choosing: the trigger reads it from n8n.
				N8N_ENDPOINT_WEBHOOK_WAIT: WAITING_PATH,
			};
			await n8n.start(queue);
			// Every n8n process must name the same webhook address, as in any queue-mode setup:
			// the worker builds a paused call's resume URL from it.
			const shared = { ...queue, WEBHOOK_URL: `http://localhost:${n8n.port}/` };
			await n8n.startWorker(shared);
			webhookProcessUrl = await n8n.startWebhookProcess(shared);
			lap('start queue mode');
		});

		afterAll(async () => await n8n.stopAll());

		test('the worker runs Start Call for a webhook', async () => {
			const response = await n8n.webhook(WEBHOOK_PATH, {
				phone: '+1 415 555 0123',
				name: 'Grace',
				id: 'C-78',
			});
			expect(response.status).toBe(200);
			expect(sandbox.calls).toHaveLength(1);
			expect(response.json).toEqual(
				expect.objectContaining({
					sessionId: sandbox.calls[0].sessionId,
					toPhoneNumber: '+14155550123',
				}),
			);
			const executionId = /Enqueued execution (\d+)/.exec(n8n.log('main'))?.[1];
			expect(executionId).toBeDefined();
			await n8n.waitForLog('worker', `Worker finished execution ${executionId} `);
			lap('queue mode webhook');
		});

		test('a paused call frees the worker while it waits; a worker finishes it after the call ends', async () => {
			sandbox.configure({
				callDurationMs: 4000,
				webhook: {
					url: `${n8n.url}/webhook/${TRIGGER_WEBHOOK_ID}/webhook`,
					secret: WEBHOOK_SECRET,
					redeliveries: 0,
					forgery: 'none',
					headerStyle: 'svix',
					rotation: false,
				},
			});
			const response = await n8n.webhook(PAUSE_PATH, {
				phone: '+1 415 555 0152',
				name: 'Alan',
				id: 'C-304',
			});
			expect(response.status).toBe(200);
			const waiting = await n8n.newestExecutionWithStatus(PAUSE_EXAMPLE.id, 'waiting');
			expect(String(sandbox.calls[0].sessionVariables?.n8nResumeUrl)).toContain(
				`/${WAITING_PATH}/${waiting.id}`,
			);
			// The worker is done with it while it waits: its slot is free.
			const finishedLine = `Worker finished execution ${waiting.id} `;
			await n8n.waitForLog('worker', finishedLine, 1);
			await n8n.executionWithStatus(waiting.id, 'success');
			await n8n.waitForLog('worker', finishedLine, 2);
			expect(n8n.log('worker').split(finishedLine).length - 1).toBe(2);
			lap('queue mode pause');
		});

		test("one delivery reaching two webhook processes runs the trigger's workflow twice; Remove Duplicates on deliveryId lets one through", async () => {
			const call = sandbox.addCall('+14155550170', { crmContactId: 'C-400' }, Date.now() - 60_000);
			const event = {
				id: call.sessionId,
				eventType: 'session.ended',
				state: 'CLOSED',
				metadata: { sessionVariables: { crmContactId: 'C-400' } },
			};
			const request = signedRequest(
				{ secret: WEBHOOK_SECRET, forgery: 'none', headerStyle: 'svix', rotation: false },
				event,
			);
			// Svix's redelivery of one message, load-balanced once to main and once to the webhook process.
			for (const base of [n8n.url, webhookProcessUrl]) {
				const answer = await fetch(`${base}/webhook/${DEDUP_TRIGGER_WEBHOOK_ID}/webhook`, {
					method: 'POST',
					headers: request.headers,
					body: request.body,
				});
				expect(`${base} ${answer.status}`).toBe(`${base} 200`);
				expect(await answer.text()).not.toContain('duplicate');
			}
			const runs = await eventually(
				'Two finished runs of the dedup workflow',
				async () => {
					const list = await n8n.executions('agntixE2eTriggerDedup');
					return list.length >= 2 && list.every((r) => r.status === 'success')
						? done(list)
						: notYet(JSON.stringify(list));
				},
				30_000,
			);
			const updated = await Promise.all(
				runs.map(
					async (run) =>
						(await n8n.executionWithStatus(run.id, 'success'))['Update CRM record']?.[0]?.data
							?.main?.[0] ?? [],
				),
			);
			expect(updated.map((items) => items.length).sort()).toEqual([0, 1]);
			expect(updated.flat()[0].json).toEqual(expect.objectContaining({ contactId: 'C-400' }));
			lap('queue mode: repeats dropped across processes');
		});
	});
});
