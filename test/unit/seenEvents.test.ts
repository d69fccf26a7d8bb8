import { REMEMBERED_PER_NODE, seenBefore } from '../../nodes/AgntixTrigger/seenEvents';

test('remembers deliveries per node, and forgets the oldest beyond its bound', () => {
	expect(seenBefore('wf:a', ['delivery:1', 'event:s1:session.ended'])).toBe(false);
	expect(seenBefore('wf:a', ['delivery:2', 'event:s1:session.ended'])).toBe(true);
	expect(seenBefore('wf:b', ['delivery:1'])).toBe(false);

	for (let i = 0; i < REMEMBERED_PER_NODE; i++) seenBefore('wf:c', [`delivery:${i}`]);
	expect(seenBefore('wf:c', [`delivery:${REMEMBERED_PER_NODE - 1}`])).toBe(true);
	seenBefore('wf:c', ['delivery:new']);
	// delivery:0 was the oldest key and has been forgotten.
	expect(seenBefore('wf:c', ['delivery:0'])).toBe(false);
});
