import { customerSpoke } from '../../nodes/shared/callOutcome';
import { simplifySession, transcriptText } from '../../nodes/shared/sessionOutput';

describe('simplifySession', () => {
	test('an extracted field never overwrites a core field, and stays in extractedData', () => {
		const simple = simplifySession({
			id: 's1',
			state: 'CLOSED',
			analysis: { extractedData: { state: 'California', budget: 1200 } },
		});
		expect(simple.state).toBe('CLOSED');
		expect(simple.budget).toBe(1200);
		expect(simple.extractedData).toEqual({ state: 'California', budget: 1200 });
	});

	test('a bare session gives only what it has', () => {
		expect(simplifySession({ id: 's2', state: 'OPEN', endedAt: null, recordingUrl: null })).toEqual(
			{
				sessionId: 's2',
				state: 'OPEN',
				ended: false,
			},
		);
	});

	test('an unreadable end time gives no duration', () => {
		expect(
			simplifySession({ id: 's3', state: 'CLOSED', createdAt: 'x', endedAt: 'y' }),
		).not.toHaveProperty('durationSeconds');
	});
});

test('transcriptText names the speakers and leaves out system and tool messages', () => {
	expect(
		transcriptText([
			{ role: 'SYSTEM', content: 'prompt' },
			{ role: 'ASSISTANT', content: ' Hello! ' },
			{ role: 'TOOL', content: '{"ok":true}' },
			{ role: 'USER', content: 'Hi' },
		]),
	).toBe('Agent: Hello!\nCustomer: Hi');
});

test("Agntix's own end reason and call status pass through unchanged when an answer carries them, and are never made up", () => {
	const callInfo = { status: 'completed', endedReason: 'user_hangup', rawStatus: 'ended' };
	expect(simplifySession({ id: 's4', state: 'CLOSED', callInfo })).toEqual(
		expect.objectContaining({ endedReason: 'user_hangup', callInfo }),
	);
	expect(simplifySession({ id: 's5', state: 'CLOSED', endedReason: 'agent_hangup' })).toEqual(
		expect.objectContaining({ endedReason: 'agent_hangup' }),
	);
	const plain = simplifySession({ id: 's6', state: 'CLOSED' });
	expect(plain).not.toHaveProperty('endedReason');
	expect(plain).not.toHaveProperty('callInfo');
});

test('the customer spoke when a USER message has words in it; greetings, silence and tool output do not count', () => {
	expect(customerSpoke([{ role: 'ASSISTANT', content: 'Hello?' }])).toBe(false);
	expect(
		customerSpoke([
			{ role: 'USER', content: '  ' },
			{ role: 'TOOL', content: 'x' },
		]),
	).toBe(false);
	expect(
		customerSpoke([
			{ role: 'ASSISTANT', content: 'Hi' },
			{ role: 'USER', content: 'Yes' },
		]),
	).toBe(true);
});
