/**
 * One execution per lead: many executions with one credential share the organization's rate
 * limit in one n8n process, wait their turn instead of collecting 429s, and give up unsent
 * past their longest wait.
 */
import type { INodeParameters } from 'n8n-workflow';

import { listSearch } from '../harness/runWorkflow';
import { agntixNode, apiKeyCredential, startCallParameters } from '../fixtures';
import { NOON, START, useStartCalls } from './startCallFixtures';

const { sandbox, startCalls, sharedClock } = useStartCalls();

const leads = (count: number) =>
	Array.from({ length: count }, (_, i) => ({
		phone: `+1415555${String(300 + i).padStart(4, '0')}`,
	}));

/** One execution per lead, all at once, as a CRM webhook fires them. */
function oneExecutionPerLead(contacts: object[], options: INodeParameters = {}) {
	return Promise.all(
		contacts.map((contact) => startCalls([contact], { options }, { continueOnFail: true })),
	);
}

const rateLimited = () => sandbox.apiRequests(START).filter((r) => r.status === 429).length;

describe('many executions, one rate limit', () => {
	test('20 executions at 4 calls a window: each lead called once, no execution fails, no 429, the last call in the fifth window', async () => {
		const time = sharedClock();
		sandbox.configure({ rateLimit: { limit: 4, windowMs: 1000 } });
		const contacts = leads(20);
		const runs = await oneExecutionPerLead(contacts);
		expect(runs.map((run) => run.error ?? run.output('Agntix')[0]?.json.error)).toEqual(
			contacts.map(() => undefined),
		);
		expect(sandbox.calls.map((c) => c.toPhoneNumber).sort()).toEqual(
			contacts.map((c) => c.phone).sort(),
		);
		expect(rateLimited()).toBe(0);
		// 20 calls at 4 a window need five windows: the last goes four seconds in, not later.
		const elapsed = time.now() - Date.parse(NOON);
		expect(elapsed).toBeGreaterThanOrEqual(4000);
		expect(elapsed).toBeLessThan(5000);
	});

	test('a call that cannot go within "Max Wait for Rate Limit" fails unsent, saying why and what to do; the others are called once', async () => {
		sharedClock();
		sandbox.configure({ rateLimit: { limit: 2, windowMs: 50_000 } });
		const contacts = leads(5);
		const runs = await oneExecutionPerLead(contacts, { rateLimitWait: 1 });
		const errors = runs
			.map((run) => run.output('Agntix')[0]?.json)
			.filter((json) => json?.error !== undefined);
		// Two calls a window: four go within the minute (the second window opens at 50 s), the fifth would go at 100 s.
		expect(sandbox.calls).toHaveLength(4);
		expect(errors).toHaveLength(1);
		expect(errors[0]).toEqual(
			expect.objectContaining({
				error:
					"Could not start the call: no room under Agntix's rate limit within 1 min; not sent [item 0]",
			}),
		);
		expect(errors[0]?.description).toContain('Nobody was called: the call start was never sent.');
		expect(errors[0]?.description).toContain('Max Wait for Rate Limit');
		expect(rateLimited()).toBe(0);
		expect(new Set(sandbox.calls.map((c) => c.toPhoneNumber)).size).toBe(4);
	});

	test('a dropdown opened while executions use up the window waits its turn with them, and loads', async () => {
		sharedClock();
		sandbox.configure({ rateLimit: { limit: 3, windowMs: 1000 } });
		const [runs, dropdown] = await Promise.all([
			oneExecutionPerLead(leads(6)),
			listSearch(
				agntixNode(startCallParameters(sandbox)),
				'searchPhoneNumbers',
				apiKeyCredential(sandbox),
			),
		]);
		expect(runs.every((run) => run.output('Agntix')[0]?.json.error === undefined)).toBe(true);
		expect(dropdown.results.length).toBeGreaterThan(0);
		expect(sandbox.apiRequests().filter((r) => r.status === 429)).toHaveLength(0);
	});

	test('a server that restarts its window with a smaller limit is believed from its next answer: every lead still called once', async () => {
		sharedClock();
		sandbox.configure({ rateLimit: { limit: 1000, windowMs: 60_000 } });
		await oneExecutionPerLead(leads(3));
		// Agntix's limit drops (a plan change): a new window, 2 calls a second.
		sandbox.configure({ rateLimit: { limit: 2, windowMs: 1000 } });
		const contacts = leads(13).slice(3);
		const runs = await oneExecutionPerLead(contacts);
		expect(runs.map((run) => run.output('Agntix')[0]?.json.error)).toEqual(
			contacts.map(() => undefined),
		);
		expect(sandbox.calls.map((c) => c.toPhoneNumber).sort()).toEqual(
			leads(13)
				.map((c) => c.phone)
				.sort(),
		);
	});

	test('a dropdown waits at most 20 seconds: with the window spent for a minute it fails at once, saying why, and sends nothing', async () => {
		sharedClock();
		sandbox.configure({ rateLimit: { limit: 1, windowMs: 60_000 } });
		await oneExecutionPerLead(leads(1));
		expect(sandbox.calls).toHaveLength(1);
		const search = listSearch(
			agntixNode(startCallParameters(sandbox)),
			'searchPhoneNumbers',
			apiKeyCredential(sandbox),
		);
		await expect(search).rejects.toThrow(
			"Could not list phone numbers: no room under Agntix's rate limit within 20 s; not sent",
		);
		expect(sandbox.apiRequests()).toHaveLength(1);
	});

	test('without the rate-limit headers, executions go as they come and each 429 is resent after its Retry-After', async () => {
		sharedClock();
		sandbox.configure({ rateLimit: { limit: 4, windowMs: 1000, headers: false } });
		const contacts = leads(10);
		const runs = await oneExecutionPerLead(contacts);
		expect(runs.every((run) => run.output('Agntix')[0]?.json.error === undefined)).toBe(true);
		expect(rateLimited()).toBeGreaterThan(0);
		expect(sandbox.calls.map((c) => c.toPhoneNumber).sort()).toEqual(
			contacts.map((c) => c.phone).sort(),
		);
	});

	test('"Max Wait for Rate Limit" is read strictly: a value out of range fails the item, naming it', async () => {
		const result = await startCalls(
			[{ phone: '+14155550100' }],
			{ options: { rateLimitWait: 0 } },
			{ continueOnFail: true },
		);
		expect(result.output('Agntix')[0].json.error).toMatch(/Max Wait for Rate Limit \(Minutes\)/);
		expect(sandbox.calls).toHaveLength(0);
	});
});
