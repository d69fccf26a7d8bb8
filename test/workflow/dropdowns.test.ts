import { listSearch } from '../harness/runWorkflow';
import { agntixNode, apiKeyCredential, startCallParameters, useSandbox } from '../fixtures';

const sandbox = useSandbox();

function search(method: string, filter?: string, token?: string) {
	return listSearch(
		agntixNode(startCallParameters(sandbox)),
		method,
		apiKeyCredential(sandbox),
		filter,
		token,
	);
}

describe('From Number dropdown', () => {
	test('shows every number with its provider and region, and sends the id', async () => {
		const { results, paginationToken } = await search('searchPhoneNumbers');
		expect(paginationToken).toBeUndefined();
		expect(results).toHaveLength(7);
		expect(results[0]).toEqual({
			name: '+14155550101 · California',
			value: sandbox.phoneNumberRecords[0].id,
			description: 'Twilio · California',
		});
	});

	test('lists numbers that cannot place calls last, marked plainly', async () => {
		const { results } = await search('searchPhoneNumbers');
		expect(results.map((r) => r.name)).toEqual([
			'+14155550101 · California',
			'+12125550102 · New York',
			'+14155550105 · California',
			'+12125550106 · New York',
			'+97145550107 · Dubai',
			'(no number yet) · Dubai · cannot place calls',
			'+576015550104 · Bogotá · inactive: cannot place calls',
		]);
	});

	test('filters by number, label, region or provider', async () => {
		const names = async (filter: string) =>
			(await search('searchPhoneNumbers', filter)).results.map((r) => r.name);
		expect(await names('0105')).toEqual(['+14155550105 · California']);
		expect((await search('searchPhoneNumbers', 'agntix numbers')).results).toHaveLength(3);
		expect(await names('Dubai')).toEqual([
			'+97145550107 · Dubai',
			'(no number yet) · Dubai · cannot place calls',
		]);
		// Digits match whatever spaces and punctuation are typed.
		for (const typed of ['212 555 0106', '(212) 555-0106', '+1 212.555.0106', '2125550106']) {
			expect(`${typed}: ${(await names(typed)).join()}`).toBe(`${typed}: +12125550106 · New York`);
		}
		// Words are not reduced to their digits: "Line 3" finds nothing in the gateway shape (no labels).
		expect(await names('Line 3')).toEqual([]);
		sandbox.configure({ phoneNumberShape: 'docs' });
		expect(await names('support')).toEqual(['+12125550102 · Support line']);
		expect(await names('Line 3')).toEqual(['(no number yet) · Line 3 · cannot place calls']);
	});

	test('pages through long lists with a token', async () => {
		sandbox.configure({ phoneNumberCount: 250 });
		const first = await search('searchPhoneNumbers');
		expect(first.results).toHaveLength(100);
		expect(first.paginationToken).toBe('2:100');
		const second = await search('searchPhoneNumbers', undefined, first.paginationToken);
		const third = await search('searchPhoneNumbers', undefined, second.paginationToken);
		expect(third.paginationToken).toBeUndefined();
		const ids = [...first.results, ...second.results, ...third.results].map((r) => r.value);
		expect([...ids].sort()).toEqual(sandbox.phoneNumberRecords.map((n) => n.id).sort());
		expect(new Set(ids).size).toBe(250);
	});

	test('pages through a server that caps the page size, each number once', async () => {
		sandbox.configure({ phoneNumberCount: 120, maxPageSize: 15 });
		const ids: string[] = [];
		let token: string | undefined;
		do {
			const page = await search('searchPhoneNumbers', undefined, token);
			ids.push(...page.results.map((r) => String(r.value)));
			token = page.paginationToken as string | undefined;
		} while (token);
		expect([...ids].sort()).toEqual(sandbox.phoneNumberRecords.map((n) => n.id).sort());
		expect(sandbox.apiRequests('GET /api/v1/phone-numbers')).toHaveLength(8);
	});

	test('shows the label where Agntix sends one (documented shape)', async () => {
		sandbox.configure({ phoneNumberShape: 'docs' });
		const { results } = await search('searchPhoneNumbers');
		expect(results[6].name).toBe('(no number yet) · Line 3 · cannot place calls');
		expect(results[1]).toEqual({
			name: '+12125550102 · Support line',
			value: sandbox.phoneNumberRecords[1].id,
			description: 'Agntix Numbers',
		});
	});
});

describe('Agent dropdown', () => {
	test('lists only active, voice-enabled agents, with a link to each', async () => {
		const { results } = await search('searchAgents');
		expect(results.map((r) => r.name)).toEqual([
			'Appointment Reminder',
			'Sales Qualifier',
			'Recepción',
		]);
		const agent = sandbox.agentRecords[0];
		expect(results[0]).toEqual({
			name: 'Appointment Reminder',
			value: agent.id,
			url: `https://app.agntix.ai/en/agents/${agent.id}`,
			description: 'en',
		});
		expect(sandbox.apiRequests('/v1/chat/agents')[0].query).toEqual({
			page: '1',
			limit: '100',
			isActive: 'true',
		});
	});

	test('searches agents here, ignoring accents and case, from the first character', async () => {
		const names = async (typed: string) =>
			(await search('searchAgents', typed)).results.map((r) => r.name);
		expect(await names('sales')).toEqual(['Sales Qualifier']);
		expect(await names('re')).toEqual(['Appointment Reminder', 'Recepción']);
		expect(await names('recepcion')).toEqual(['Recepción']);
		expect(await names('RECEPCIÓN')).toEqual(['Recepción']);
		// Agntix's own search may not ignore accents: it is not asked to search.
		expect(sandbox.apiRequests('/v1/chat/agents').map((r) => r.query.search)).toEqual([
			undefined,
			undefined,
			undefined,
			undefined,
		]);
	});

	test('number regions and labels are found without their accents', async () => {
		const names = async (typed: string) =>
			(await search('searchPhoneNumbers', typed)).results.map((r) => r.name);
		expect(await names('bogota')).toEqual([
			'+576015550104 · Bogotá · inactive: cannot place calls',
		]);
		expect(await names('BOGOTÁ')).toEqual([
			'+576015550104 · Bogotá · inactive: cannot place calls',
		]);
	});

	test('reads the bare-array shape and pages through it', async () => {
		sandbox.configure({ agentShape: 'bare', extraAgents: 150 });
		const first = await search('searchAgents');
		expect(first.paginationToken).toBe('2:100');
		const second = await search('searchAgents', undefined, first.paginationToken);
		expect(second.paginationToken).toBeUndefined();
		expect(first.results.length + second.results.length).toBe(153);
	});

	test('an answer that ignores isActive and search (bare array) still offers only active matches', async () => {
		sandbox.configure({ agentShape: 'bare' });
		expect((await search('searchAgents')).results.map((r) => r.name)).toEqual([
			'Appointment Reminder',
			'Sales Qualifier',
			'Recepción',
		]);
		expect((await search('searchAgents', 'survey')).results).toEqual([]);
		expect((await search('searchAgents', 'sales')).results.map((r) => r.name)).toEqual([
			'Sales Qualifier',
		]);
	});

	test('a wrong key is explained in the dropdown error', async () => {
		await expect(
			listSearch(
				agntixNode(startCallParameters(sandbox)),
				'searchAgents',
				apiKeyCredential(sandbox, 'pk_test_wrong_key_123'),
			),
		).rejects.toThrow('Could not list agents: Authorization failed - Invalid API key');
	});
});
