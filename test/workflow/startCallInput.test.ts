/** Call → Start: bad input is an item error that names the item, the field and the value. */
import type { INodeParameters } from 'n8n-workflow';

import { useStartCalls } from './startCallFixtures';

const { sandbox, startCalls } = useStartCalls();

describe('Call → Start', () => {
	describe('bad input is an item error that names the item, field and value, and sends nothing', () => {
		const badItems: Array<[string, object, INodeParameters, RegExp]> = [
			[
				'letters',
				{ phone: '+1 800 FLOWERS' },
				{},
				/^"To Phone Number" "\+1 800 FLOWERS" is not a valid phone number: it contains letters \[item 0\]$/,
			],
			['extension', { phone: '+1 415 555 0100 ext. 12' }, {}, /has an extension/],
			[
				'too short',
				{ phone: '+971 50 123' },
				{},
				/"\+971 50 123" is not a valid phone number: its digits are not a number in use in United Arab Emirates/,
			],
			[
				'unknown country code',
				{ phone: '+999 1234567' },
				{},
				/the digits after \+ do not start with a country code/,
			],
			['no country code', { phone: '4155550100' }, {}, /it has no country code/],
			['empty', { phone: '' }, {}, /"To Phone Number" "" is not a valid phone number: it is empty/],
			[
				'TTL too long',
				{ phone: '+14155550100' },
				{ ttl: 4000 },
				/"Max Call Duration \(Seconds\)" 4000 is not a whole number between 10 and 3600/,
			],
			[
				'TTL not a number',
				{ phone: '+14155550100', ttl: 'soon' },
				{ ttl: '={{ $json.ttl }}' },
				/"Max Call Duration \(Seconds\)" "soon" is not a whole number/,
			],
			[
				'reserved variable',
				{ phone: '+14155550100' },
				{ sessionVariables: { variable: [{ name: 'system.now', value: 'x' }] } },
				/Session variable "system.now" uses the reserved prefix "system." \[item 0\]/,
			],
			[
				'duplicate variable',
				{ phone: '+14155550100' },
				{
					sessionVariables: {
						variable: [
							{ name: 'a', value: '1' },
							{ name: 'a', value: '2' },
						],
					},
				},
				/Session variable "a" is set twice/,
			],
			[
				'empty variable name',
				{ phone: '+14155550100' },
				{ sessionVariables: { variable: [{ name: '', value: '1' }] } },
				/Session variable 1 has no name/,
			],
			[
				'nested variable',
				{ phone: '+14155550100', contact: { first: 'Ada' } },
				{ sessionVariables: { variable: [{ name: 'contact', value: '={{ $json.contact }}' }] } },
				/Session variable "contact" is an object/,
			],
			[
				'invalid JSON variables',
				{ phone: '+14155550100' },
				{ sessionVariablesMode: 'json', sessionVariablesJson: '{"a": ' },
				/Session Variables \(JSON\) is not valid JSON/,
			],
			[
				'From Number not a UUID',
				{ phone: '+14155550100', numberId: '12345' },
				{ phoneNumberId: { __rl: true, mode: 'id', value: '={{ $json.numberId }}' } },
				/^"From Number" ID "12345" is not a valid ID \[item 0\]$/,
			],
			[
				'Agent URL not an agent page',
				{ phone: '+14155550100', agentUrl: 'https://example.com/agents/1' },
				{ agentId: { __rl: true, mode: 'url', value: '={{ $json.agentUrl }}' } },
				/"Agent" URL "https:\/\/example.com\/agents\/1" is not an Agntix agent URL/,
			],
			[
				'Agent empty',
				{ phone: '+14155550100' },
				{ agentId: { __rl: true, mode: 'id', value: '={{ $json.agentId }}' } },
				/"Agent" is empty/,
			],
			[
				'country not allowed',
				{ phone: '+442079460958' },
				{ options: { allowedCountries: ['US', 'CA'] } },
				/"To Phone Number" \+442079460958 is in United Kingdom, which is not in "Allowed Countries"/,
			],
		];

		test.each(badItems)('%s', async (_name, contact, overrides, message) => {
			const result = await startCalls([contact], overrides);
			expect(result.error?.message).toMatch(message);
			expect(result.error?.description).toBeTruthy();
			expect(result.error?.context?.itemIndex).toBe(0);
			expect(sandbox.apiRequests()).toHaveLength(0);
		});

		test('ids typed into the editor are checked by n8n before the run, with our message', async () => {
			const result = await startCalls([{ phone: '+14155550100' }], {
				agentId: { __rl: true, mode: 'url', value: 'https://example.com/agents/1' },
			});
			expect(result.error?.message).toMatch(/node has issues/);
			expect(result.error?.message).toContain('Not an Agntix agent URL');
			expect(sandbox.apiRequests()).toHaveLength(0);
		});

		test('an empty or wrong "By ID" says what an ID looks like, not that the example was typed', async () => {
			for (const value of ['', 'abc']) {
				const result = await startCalls([{ phone: '+14155550100' }], {
					phoneNumberId: { __rl: true, mode: 'id', value },
				});
				expect(result.error?.message).toContain(
					'Enter the phone number ID, or pick it from the list. An ID looks like 3f2b9c1e-8d4a-4c6b-9e2f-1a2b3c4d5e6f',
				);
			}
			expect(sandbox.apiRequests()).toHaveLength(0);
		});

		test('one bad row stops the node before anyone is called', async () => {
			const result = await startCalls([
				{ phone: '+14155550100' },
				{ phone: '+14155550101' },
				{ phone: 'n/a' },
			]);
			expect(result.error?.message).toMatch(/\[item 2\]$/);
			expect(sandbox.apiRequests()).toHaveLength(0);
		});

		test('with Continue On Fail, bad items become error items in place and the rest are called', async () => {
			const result = await startCalls(
				[
					{ phone: '+14155550100' },
					{ phone: '+1 800 FLOWERS' },
					{ phone: '+14155550101' },
					{ phone: '+442079460958' },
				],
				{ options: { allowedCountries: ['US'] } },
				{ continueOnFail: true },
			);
			expect(result.error).toBeUndefined();
			const output = result.output('Agntix');
			expect(output.map((item) => item.pairedItem)).toEqual([
				{ item: 0 },
				{ item: 1 },
				{ item: 2 },
				{ item: 3 },
			]);
			expect(output[0].json.toPhoneNumber).toBe('+14155550100');
			expect(output[1].json.error).toMatch(/it contains letters \[item 1\]/);
			expect(output[2].json.toPhoneNumber).toBe('+14155550101');
			expect(output[3].json.error).toMatch(/not in "Allowed Countries" \[item 3\]/);
			expect(output[3].json.description).toMatch(/Allowed: United States/);
			expect(sandbox.calls.map((c) => c.toPhoneNumber).sort()).toEqual([
				'+14155550100',
				'+14155550101',
			]);
		});
	});
});
