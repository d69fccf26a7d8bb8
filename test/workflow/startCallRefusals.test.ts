/** Call → Start: Agntix's refusals, explained. */
import { useStartCalls } from './startCallFixtures';

const { sandbox, startCalls } = useStartCalls();

describe('Call → Start', () => {
	describe('Agntix refusals are explained', () => {
		test('a chat-only agent: the 422 names the field', async () => {
			const chatAgent = sandbox.agentRecords.find((a) => !a.voiceEnabled)!;
			const result = await startCalls([{ phone: '+14155550100' }], {
				agentId: { __rl: true, mode: 'id', value: chatAgent.id },
			});
			expect(result.error?.message).toBe(
				'Could not start the call: Invalid value - Agent: Agent is not voice-enabled [item 0]',
			);
			expect(result.error?.description).toContain(
				'Change these values: Agent: Agent is not voice-enabled.',
			);
		});

		test('a From Number that is inactive or has no number yet: the headline says so, and nobody was called', async () => {
			const inactive = sandbox.phoneNumberRecords.find((n) => !n.is_active)!;
			const pending = sandbox.phoneNumberRecords.find((n) => n.phone_number === null)!;
			const refused = await startCalls([{ phone: '+14155550100' }], {
				phoneNumberId: { __rl: true, mode: 'list', value: inactive.id },
			});
			expect(refused.error?.message).toBe(
				`Could not start the call: the From Number ${inactive.phone_number} is inactive, so it cannot place calls [item 0]`,
			);
			expect(refused.error?.description).toMatch(
				/^Agntix refused the call, and nobody was called\. Pick an active number/,
			);
			const noNumber = await startCalls([{ phone: '+14155550100' }], {
				phoneNumberId: { __rl: true, mode: 'id', value: pending.id },
			});
			expect(noNumber.error?.message).toBe(
				'Could not start the call: the From Number has no phone number yet, so it cannot place calls [item 0]',
			);
			// One refused start each, then one read of the numbers; nothing was resent.
			expect(
				sandbox
					.apiRequests()
					.map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/, 'ID')} ${r.status}`),
			).toEqual([
				'POST /api/v1/phone-numbers/ID/calls/start 409',
				'GET /api/v1/phone-numbers 200',
				'POST /api/v1/phone-numbers/ID/calls/start 409',
				'GET /api/v1/phone-numbers 200',
			]);
			expect(sandbox.calls).toHaveLength(0);
		});

		test('a list refused for the same inactive From Number reads that number once', async () => {
			const inactive = sandbox.phoneNumberRecords.find((n) => !n.is_active)!;
			const contacts = [
				{ phone: '+14155550100' },
				{ phone: '+14155550101' },
				{ phone: '+14155550102' },
			];
			const result = await startCalls(
				contacts,
				{ phoneNumberId: { __rl: true, mode: 'id', value: inactive.id } },
				{ continueOnFail: true },
			);
			expect(result.output('Agntix').map((item) => item.json.error)).toEqual(
				contacts.map(
					(_, index) =>
						`Could not start the call: the From Number ${inactive.phone_number} is inactive, so it cannot place calls [item ${index}]`,
				),
			);
			expect(sandbox.apiRequests('GET /api/v1/phone-numbers')).toHaveLength(1);
			expect(sandbox.apiRequests('/calls/start')).toHaveLength(3);
		});

		test('an id of another organization: the 404 says to pick from the list, with the request id', async () => {
			const result = await startCalls([{ phone: '+14155550100' }], {
				phoneNumberId: { __rl: true, mode: 'id', value: '00000000-0000-4000-a000-000000000000' },
			});
			expect(result.error?.message).toMatch(
				/^Could not start the call: Not found - Phone number 00000000-0000-4000-a000-000000000000 not found \[item 0\]$/,
			);
			expect(result.error?.description).toMatch(/Pick both from their lists/);
			expect(result.error?.description).toMatch(/Request ID: req_sbx_\d+/);
		});
	});
});
