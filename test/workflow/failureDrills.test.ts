/**
 * Failure drills: while 200 calls start, the sandbox injects faults at random (seeded). Each
 * person is dialled at most once, every item ends as an output or an error item in order,
 * and each error says what happened.
 */
import { runWorkflow } from '../harness/runWorkflow';
import {
	agntixNode,
	apiKeyCredential,
	contactsWorkflow,
	startCallParameters,
	useSandbox,
} from '../fixtures';
import type { Fault } from '../../tools/sandbox/config';

const sandbox = useSandbox();

const START = '/calls/start';
const CONTACTS = Array.from({ length: 200 }, (_, i) => ({
	phone: `+1415555${String(1000 + i).padStart(4, '0')}`,
}));

const FAULTS: Fault[] = [
	{ kind: 'status', status: 500, afterProcessing: true },
	{ kind: 'status', status: 502, afterProcessing: false },
	{ kind: 'status', status: 503, afterProcessing: true },
	{ kind: 'status', status: 429, headers: { 'Retry-After': '1' } },
	{ kind: 'reset', afterProcessing: true },
	{ kind: 'reset', afterProcessing: false },
	{ kind: 'hang', afterProcessing: true },
	{ kind: 'malformed', afterProcessing: true },
	{ kind: 'slowBody', afterProcessing: true },
];

/**
 * The headline of an item whose call start could not be confirmed: that it may have been
 * placed and was not resent, then the cause in plain words, one per injected fault.
 */
const UNCONFIRMED_CALL = new RegExp(
	'^Could not confirm the call to \\+\\d+: it may have been placed; not sent again \\(' +
		[
			'Agntix server error 5\\d\\d: Injected failure',
			'the connection was cut',
			'no answer in time',
			'the answer was cut off before it was complete',
			"Agntix's answer (had no session id|could not be read)",
		].join('|') +
		'\\) \\[item \\d+\\]$',
);

function dialsPerNumber(): Map<string, number> {
	const counts = new Map<string, number>();
	for (const call of sandbox.calls)
		counts.set(call.toPhoneNumber, (counts.get(call.toPhoneNumber) ?? 0) + 1);
	return counts;
}

test.each([1, 2, 3])(
	'200 calls under random faults (seed %i): nobody is called twice, nothing is lost',
	async (seed) => {
		sandbox.configure({
			randomFaults: { rate: 0.25, seed, faults: FAULTS, match: START },
			slowBodyMs: 3000,
		});
		const node = agntixNode(
			startCallParameters(sandbox, { options: { concurrency: 10, timeout: 1 } }),
			{ continueOnFail: true },
		);
		const result = await runWorkflow(contactsWorkflow(CONTACTS, node), apiKeyCredential(sandbox));
		expect(result.error).toBeUndefined();

		const output = result.output('Agntix');
		expect(output.map((item) => item.pairedItem)).toEqual(CONTACTS.map((_, item) => ({ item })));

		const dials = dialsPerNumber();
		expect(Math.max(...dials.values())).toBe(1);

		const faultsSeen = new Set(
			sandbox
				.apiRequests(START)
				.map((r) => r.fault)
				.filter(Boolean),
		);
		expect(faultsSeen.size).toBeGreaterThanOrEqual(4);

		let failed = 0;
		output.forEach((item, index) => {
			const phone = CONTACTS[index].phone;
			if (item.json.error) {
				failed++;
				expect(item.json.error).toMatch(UNCONFIRMED_CALL);
				expect(String(item.json.description)).toContain(
					'Agntix may have placed the call, so it was not sent again',
				);
				// A failed item was sent once (after any 429s, which Agntix did not process), never again.
				const sent = sandbox
					.apiRequests(START)
					.filter((r) => (r.body as { to_phone_number: string }).to_phone_number === phone);
				expect(sent.filter((r) => r.status !== 429)).toHaveLength(1);
			} else {
				expect(item.json.toPhoneNumber).toBe(phone);
				expect(item.json.sessionId).toBe(
					sandbox.calls.find((c) => c.toPhoneNumber === phone)?.sessionId,
				);
			}
		});
		expect(failed).toBeGreaterThan(0);
		expect(failed).toBeLessThan(CONTACTS.length);
		// A 429 is the one fault that is resent: an item whose later try got through ends as a call.
		const resentAfter429 = CONTACTS.filter((contact, index) => {
			const sent = sandbox
				.apiRequests(START)
				.filter((r) => (r.body as { to_phone_number: string }).to_phone_number === contact.phone);
			const recovered = sent.length > 1 && sent[0].status === 429 && !sent[sent.length - 1].fault;
			if (recovered) expect(output[index].json.sessionId).toBeDefined();
			return recovered;
		});
		expect(resentAfter429.length).toBeGreaterThan(0);
	},
);

test('without Continue On Fail the node stops at the first failure, says what was done, and dials nobody twice', async () => {
	sandbox.configure({
		randomFaults: {
			rate: 0.1,
			seed: 7,
			faults: FAULTS.filter((f) => f.kind === 'status' && f.status !== 429),
			match: START,
		},
	});
	const node = agntixNode(
		startCallParameters(sandbox, { options: { concurrency: 10, timeout: 1 } }),
	);
	const result = await runWorkflow(contactsWorkflow(CONTACTS, node), apiKeyCredential(sandbox));
	expect(result.error?.message).toMatch(
		/^Could not confirm the call to \+\d+: it may have been placed; not sent again \(Agntix server error 500/,
	);
	// Every item whose call start reached the sandbox was dialled or may have been: the note names each one.
	const description = String(result.error?.description);
	const sent = sandbox
		.apiRequests(START)
		.map((r) =>
			CONTACTS.findIndex(
				(c) => c.phone === (r.body as { to_phone_number: string }).to_phone_number,
			),
		);
	expect(sent.length).toBeGreaterThan(1);
	for (const index of sent) expect(description).toMatch(new RegExp(`item ${index}\\b`));
	for (const call of sandbox.calls.filter(
		(c) =>
			!sandbox
				.apiRequests(START)
				.some(
					(r) =>
						r.fault && (r.body as { to_phone_number: string }).to_phone_number === c.toPhoneNumber,
				),
	)) {
		expect(description).toContain(`session ${call.sessionId}`);
	}
	expect(Math.max(...dialsPerNumber().values())).toBe(1);
	expect(sandbox.apiRequests(START).length).toBeLessThan(CONTACTS.length);
});
