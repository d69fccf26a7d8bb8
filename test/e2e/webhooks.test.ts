/**
 * A running n8n: the credential test and the dropdowns through the editor's REST endpoints,
 * the CRM webhook example, the signed trigger loop, and Start Call as an MCP tool.
 */
import { SANDBOX_API_KEY } from '../../tools/sandbox/data';
import { deliver } from '../../tools/sandbox/webhooks';
import { done, eventually, notYet } from '../../tools/n8n/eventually';
import { McpClient } from './mcpClient';
import { CREDENTIAL_ID, MCP_PATH } from './workflows';
import {
	TYPE,
	VERSIONS,
	WEBHOOK_PATH,
	WEBHOOK_EXAMPLE,
	WEBHOOK_SECRET,
	signedWebhooks,
	triggerUrl,
	useN8n,
} from './setup';

describe.each(VERSIONS)(
	'n8n %s, running: credential, dropdowns, webhooks, the trigger, a tool',
	(version) => {
		const e2e = useN8n(version, {
			activate: [WEBHOOK_EXAMPLE.id, 'agntixE2eTrigger', 'agntixE2eTool'],
		});

		test('the credential test: a good key passes, a wrong key is explained', async () => {
			const test = (apiKey: string, baseUrl = e2e.sandbox.url) =>
				e2e.n8n.rest<{ status: string; message: string }>('POST', '/rest/credentials/test', {
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
				e2e.n8n.major >= 2
					? 'Agntix did not accept this key'
					: 'Authorization failed - please check your credentials',
			);
			// A web page answers 200 to any path: that is not a working credential.
			expect(await test(SANDBOX_API_KEY, `${e2e.sandbox.url}/__sandbox/dashboard`)).toEqual({
				status: 'Error',
				message: expect.stringContaining('This Base URL answered, but not like the Agntix API'),
			});
			// A redirect is not followed: the key is not sent to where it points.
			e2e.sandbox.inject({
				kind: 'status',
				match: 'GET /api/v1/phone-numbers',
				status: 302,
				headers: { Location: `${e2e.sandbox.url}/elsewhere/phone-numbers` },
				body: {},
			});
			const redirected = await test(SANDBOX_API_KEY);
			expect(redirected.status).toBe('Error');
			expect(e2e.sandbox.requests.map((r) => r.path)).not.toContain('/elsewhere/phone-numbers');
		});

		test('the dropdowns load through the editor endpoints, with search and paging', async () => {
			const search = (methodName: string, filter?: string, paginationToken?: string) =>
				e2e.n8n.rest<{ results: Array<{ name: string; value: string }>; paginationToken?: string }>(
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

			e2e.sandbox.configure({ phoneNumberCount: 150 });
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
			const response = await e2e.n8n.webhook(WEBHOOK_PATH, {
				phone: '+44 20 7946 0958',
				name: 'Ada',
				id: 'C-77',
			});
			expect(response.status).toBe(200);
			expect(e2e.sandbox.calls).toHaveLength(1);
			expect(e2e.sandbox.calls[0]).toEqual(
				expect.objectContaining({
					toPhoneNumber: '+442079460958',
					sessionVariables: { customerName: 'Ada', crmContactId: 'C-77' },
				}),
			);
			expect(response.json).toEqual(
				expect.objectContaining({ sessionId: e2e.sandbox.calls[0].sessionId }),
			);
			e2e.lap('REST, dropdowns and webhook');
		});

		test('the trigger loop: a call ends → signed session.ended → one execution; redelivered, forged and replayed ones start none', async () => {
			const webhook = signedWebhooks(triggerUrl(e2e.n8n), { redeliveries: 1 });
			e2e.sandbox.configure({ callDurationMs: 1000, webhook });
			const response = await e2e.n8n.webhook(WEBHOOK_PATH, {
				phone: '+1 415 555 0142',
				name: 'Ada',
				id: 'C-90',
			});
			expect(response.status).toBe(200);
			await eventually(
				'Two deliveries of session.ended',
				async () => {
					const ended = e2e.sandbox.deliveries.filter(
						(d) => d.eventType === 'session.ended',
					).length;
					return ended >= 2 ? done(ended) : notYet(`${ended}`);
				},
				20_000,
				200,
			);
			await e2e.sandbox.webhooksSettled();
			expect(e2e.sandbox.deliveries.map((d) => `${d.eventType} ${d.status}`)).toEqual([
				'session.created 200',
				'session.created 200',
				'session.ended 200',
				'session.ended 200',
			]);
			const ended = {
				id: e2e.sandbox.calls[0].sessionId,
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
					const list = await e2e.n8n.executions('agntixE2eTrigger');
					const finished =
						list.length > 0 && list.every((r) => r.status !== 'running' && r.status !== 'new');
					return finished ? done(list) : notYet(list.map((r) => r.status).join(', ') || 'none');
				},
				20_000,
			);
			expect(runs.map((r) => r.status)).toEqual(['success']);
			expect(e2e.n8n.log('main')).not.toContain(WEBHOOK_SECRET.replace('whsec_', ''));
			e2e.lap('trigger loop');
		});

		test("as an AI agent's tool, with a signing secret in the credential, Start Call keeps checking and answers the agent", async () => {
			e2e.sandbox.configure({ callDurationMs: 1000 });
			const client = new McpClient(`${e2e.n8n.url}/mcp/${MCP_PATH}`);
			await client.connect();
			const tools = await client.listTools();
			const tool = tools.find((name) => /call/i.test(name));
			expect(tool).toBeDefined();
			const answer = await client.callTool(tool!, { phone: '+1 415 555 0160' });
			expect(answer.isError).toBe(false);
			const [result] = [JSON.parse(answer.text)].flat();
			expect(result).toEqual(
				expect.objectContaining({
					sessionId: e2e.sandbox.calls[0].sessionId,
					state: 'CLOSED',
					ended: true,
				}),
			);
			expect(e2e.sandbox.calls[0].sessionVariables).toEqual({});
			const runs = await e2e.n8n.executions('agntixE2eTool');
			expect(runs.map((run) => run.status)).not.toContain('waiting');
			e2e.lap('tool with a signing secret');
		});
	},
);
