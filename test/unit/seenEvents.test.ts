import {
	REMEMBERED_PER_NODE,
	REMEMBER_FOR_MS,
	seenBefore,
} from '../../nodes/AgntixTrigger/seenEvents';
import { TOLERANCE_SECONDS } from '../../nodes/shared/signature';

const start = Date.parse('2026-11-29T10:00:00Z');

test('remembers deliveries per node', () => {
	expect(seenBefore('wf:a', ['delivery:1', 'event:s1:session.ended'], start)).toBe(false);
	expect(seenBefore('wf:a', ['delivery:2', 'event:s1:session.ended'], start)).toBe(true);
	expect(seenBefore('wf:b', ['delivery:1'], start)).toBe(false);
});

test('a delivery is remembered for as long as its signature could be replayed, however many arrive meanwhile', () => {
	expect(REMEMBER_FOR_MS).toBeGreaterThanOrEqual(2 * TOLERANCE_SECONDS * 1000);
	seenBefore('wf:load', ['delivery:first'], start);
	// Three times the size bound, all inside the window.
	for (let i = 0; i < 3 * REMEMBERED_PER_NODE; i++)
		seenBefore('wf:load', [`delivery:${i}`], start + 1000);
	expect(seenBefore('wf:load', ['delivery:first'], start + REMEMBER_FOR_MS - 1)).toBe(true);
});

test('past the window, the most recent deliveries stay and older ones are forgotten', () => {
	for (let i = 0; i < REMEMBERED_PER_NODE + 10; i++) seenBefore('wf:old', [`delivery:${i}`], start);
	const later = start + REMEMBER_FOR_MS + 1;
	seenBefore('wf:old', ['delivery:new'], later);
	expect(seenBefore('wf:old', [`delivery:${REMEMBERED_PER_NODE + 9}`], later)).toBe(true);
	expect(seenBefore('wf:old', ['delivery:0'], later)).toBe(false);
});
