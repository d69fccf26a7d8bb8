import type { INodeParameters } from 'n8n-workflow';

import { runWorkflow } from '../harness/runWorkflow';
import { agntixNode, apiKeyCredential, contactsWorkflow, useSandbox } from '../fixtures';

const sandbox = useSandbox();

const LIST = 'GET /api/v1/phone-numbers';

async function list(parameters: INodeParameters, inputs: object[] = [{}], settings = {}) {
	const node = agntixNode({ resource: 'phoneNumber', operation: 'list', ...parameters }, settings);
	const result = await runWorkflow(contactsWorkflow(inputs, node), apiKeyCredential(sandbox));
	return result;
}

function pagesRequested() {
	return sandbox.apiRequests(LIST).map((r) => `${r.query.page}/${r.query.size}`);
}

describe('Phone Number → List', () => {
	test('Return All reads every page, one output item per number', async () => {
		sandbox.configure({ phoneNumberCount: 230 });
		const result = await list({ returnAll: true });
		expect(result.error).toBeUndefined();
		const output = result.output('Agntix');
		expect(output).toHaveLength(230);
		expect(output.map((item) => item.json.id)).toEqual(sandbox.phoneNumberRecords.map((n) => n.id));
		expect(output.every((item) => JSON.stringify(item.pairedItem) === '{"item":0}')).toBe(true);
		expect(output[0].json).toEqual(
			expect.objectContaining({
				phone_number: '+14155550101',
				provider_type: 'byon',
				is_active: true,
			}),
		);
		expect(pagesRequested()).toEqual(['1/100', '2/100', '3/100']);
	});

	test('Return All also works with the documented shape that has no total', async () => {
		sandbox.configure({ phoneNumberCount: 200, phoneNumberShape: 'docs' });
		const result = await list({ returnAll: true });
		expect(result.output('Agntix')).toHaveLength(200);
		expect(result.output('Agntix')[0].json).toEqual({
			id: sandbox.phoneNumberRecords[0].id,
			phone_number: '+14155550101',
			provider: 'Twilio',
			label: 'Sales line',
		});
		// The third page is empty: that is how this shape says the list has ended.
		expect(pagesRequested()).toEqual(['1/100', '2/100', '3/100']);
	});

	test('a small Limit reads one small page', async () => {
		const result = await list({ returnAll: false, limit: 5 });
		expect(result.output('Agntix')).toHaveLength(5);
		expect(pagesRequested()).toEqual(['1/5']);
	});

	test('a Limit that is not a count, e.g. from an expression, is refused like every number, before any request', async () => {
		for (const limit of ['={{ "many" }}', '={{ 0 }}', '={{ 2.5 }}']) {
			const result = await list({ returnAll: false, limit });
			expect(result.error?.message).toMatch(
				/^"Limit" .* is not a whole number of 1 or more \[item 0\]$/,
			);
		}
		expect(sandbox.apiRequests()).toHaveLength(0);
	});

	test('a Limit over one page stops once it has enough', async () => {
		sandbox.configure({ phoneNumberCount: 320 });
		const result = await list({ returnAll: false, limit: 150 });
		expect(result.output('Agntix')).toHaveLength(150);
		expect(pagesRequested()).toEqual(['1/100', '2/100']);
	});

	test('the provider type filter is sent to Agntix', async () => {
		const result = await list({ returnAll: true, filters: { providerType: 'leasing' } });
		const output = result.output('Agntix');
		expect(output.length).toBeGreaterThan(0);
		expect(output.every((item) => item.json.provider_type === 'leasing')).toBe(true);
		expect(sandbox.apiRequests(LIST)[0].query.provider_type).toBe('leasing');
	});

	test('runs once per input item, each result linked to its item', async () => {
		const result = await list({ returnAll: false, limit: 2 }, [{ a: 1 }, { a: 2 }]);
		expect(result.output('Agntix').map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 0 },
			{ item: 1 },
			{ item: 1 },
		]);
	});

	test('a passing server error on a read is retried', async () => {
		sandbox.inject({ kind: 'status', match: LIST, status: 503 });
		sandbox.inject({ kind: 'reset', match: LIST });
		const result = await list({ returnAll: true });
		expect(result.error).toBeUndefined();
		expect(result.output('Agntix')).toHaveLength(7);
		expect(sandbox.apiRequests(LIST)).toHaveLength(3);
	});

	test('a 400 is not retried and is explained', async () => {
		sandbox.inject({
			kind: 'status',
			match: LIST,
			status: 400,
			body: { error: { code: 'GENERIC_ERROR', message: 'Bad paging', requestId: 'req_x' } },
		});
		const result = await list({ returnAll: true });
		expect(result.error?.message).toBe(
			'Could not list phone numbers: Bad request - Bad paging [item 0]',
		);
		expect(result.error?.description).toContain('Request ID: req_x');
		expect(sandbox.apiRequests(LIST)).toHaveLength(1);
	});

	test('with Continue On Fail, a failed item becomes an error item', async () => {
		sandbox.inject({ kind: 'status', match: LIST, status: 403, times: 1 });
		const result = await list({ returnAll: false, limit: 1 }, [{ a: 1 }, { a: 2 }], {
			continueOnFail: true,
		});
		const output = result.output('Agntix');
		expect(output[0]).toEqual({
			json: {
				error: expect.stringMatching(/^Could not list phone numbers: Forbidden/),
				description: expect.any(String),
			},
			pairedItem: { item: 0 },
		});
		expect(output[1].json.id).toBe(sandbox.phoneNumberRecords[0].id);
		expect(output[1].pairedItem).toEqual({ item: 1 });
	});
});

describe('servers that page differently than asked', () => {
	test('one that ignores the page number while reporting its total: fails naming both figures', async () => {
		sandbox.configure({ phoneNumberCount: 250, ignoresPage: true });
		const result = await list({ returnAll: true });
		expect(result.error?.message).toMatch(
			/^The list reports 250 items, but only 100 could be read: page 2 repeated items already read/,
		);
		expect(result.output('Agntix')).toHaveLength(0);
		expect(sandbox.apiRequests('GET /api/v1/phone-numbers')).toHaveLength(2);
	});

	test('one that ignores the page number and reports no total: two requests, every number once', async () => {
		sandbox.configure({ phoneNumberCount: 250, ignoresPage: true, phoneNumberShape: 'docs' });
		const result = await list({ returnAll: true });
		const ids = result.output('Agntix').map((item) => item.json.id);
		expect(ids).toHaveLength(100);
		expect(new Set(ids).size).toBe(100);
		expect(sandbox.apiRequests('GET /api/v1/phone-numbers')).toHaveLength(2);
	});

	test('one that caps the page size below what was asked: its total keeps the list going', async () => {
		sandbox.configure({ phoneNumberCount: 250, maxPageSize: 40 });
		const result = await list({ returnAll: true });
		expect(result.output('Agntix').map((item) => item.json.id)).toEqual(
			sandbox.phoneNumberRecords.map((n) => n.id),
		);
		expect(sandbox.apiRequests('GET /api/v1/phone-numbers')).toHaveLength(7);
	});
});
