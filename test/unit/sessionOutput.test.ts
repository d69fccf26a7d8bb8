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
