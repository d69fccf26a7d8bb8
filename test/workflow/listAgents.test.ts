import type { INode, INodeParameters } from 'n8n-workflow';

import { runAgntix, useSandbox } from '../fixtures';

const sandbox = useSandbox();

const run = (parameters: INodeParameters, inputs?: object[], settings?: Partial<INode>) =>
	runAgntix(sandbox, parameters, inputs, settings);

describe('Agent → List', () => {
	test('voice-enabled, active agents by default, each with its dashboard link', async () => {
		const result = await run({ resource: 'agent', operation: 'list', returnAll: true });
		const agents = result.output('Agntix').map((item) => item.json);
		expect(agents.map((a) => a.fullName)).toEqual([
			'Appointment Reminder',
			'Sales Qualifier',
			'Recepción',
		]);
		expect(agents[0].dashboardUrl).toBe(`https://app.agntix.ai/en/agents/${agents[0].id}`);
		expect(sandbox.apiRequests('/v1/chat/agents')[0].query.isActive).toBe('true');
	});

	test('all agents, inactive included, when asked', async () => {
		const result = await run({
			resource: 'agent',
			operation: 'list',
			returnAll: true,
			voiceEnabledOnly: false,
			filters: { includeInactive: true },
		});
		expect(result.output('Agntix')).toHaveLength(5);
		expect(sandbox.apiRequests('/v1/chat/agents')[0].query.isActive).toBeUndefined();
	});

	test('search is matched here, ignoring accents and case, from the first character', async () => {
		const long = await run({
			resource: 'agent',
			operation: 'list',
			returnAll: true,
			filters: { search: 'remind' },
		});
		expect(long.output('Agntix').map((item) => item.json.fullName)).toEqual([
			'Appointment Reminder',
		]);
		expect(sandbox.apiRequests('/v1/chat/agents')[0].query.search).toBeUndefined();
		const accents = await run({
			resource: 'agent',
			operation: 'list',
			returnAll: true,
			filters: { search: 'recepcion' },
		});
		expect(accents.output('Agntix').map((item) => item.json.fullName)).toEqual(['Recepción']);
		const short = await run({
			resource: 'agent',
			operation: 'list',
			returnAll: true,
			filters: { search: 'Sa' },
		});
		expect(short.output('Agntix').map((item) => item.json.fullName)).toEqual(['Sales Qualifier']);
	});

	test('an answer that ignores isActive and search (bare array) is filtered here', async () => {
		sandbox.configure({ agentShape: 'bare' });
		const active = await run({
			resource: 'agent',
			operation: 'list',
			returnAll: true,
			voiceEnabledOnly: false,
		});
		expect(active.output('Agntix').map((item) => item.json.fullName)).toEqual([
			'Appointment Reminder',
			'Sales Qualifier',
			'Website Chat Helper',
			'Recepción',
		]);
		const searched = await run({
			resource: 'agent',
			operation: 'list',
			returnAll: true,
			filters: { search: 'remind' },
		});
		expect(searched.output('Agntix').map((item) => item.json.fullName)).toEqual([
			'Appointment Reminder',
		]);
	});

	test('Limit, across pages of the bare-array shape', async () => {
		sandbox.configure({ agentShape: 'bare', extraAgents: 150 });
		const result = await run({
			resource: 'agent',
			operation: 'list',
			returnAll: false,
			limit: 120,
		});
		expect(result.output('Agntix')).toHaveLength(120);
		expect(sandbox.apiRequests('/v1/chat/agents')).toHaveLength(2);
	});
});
