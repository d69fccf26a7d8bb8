import { clock } from '../shared/clock';
import { TOLERANCE_SECONDS } from '../shared/signature';

/**
 * Remembers deliveries per trigger node (and per Test or Production URL), so an event Agntix
 * delivers again (at-least-once delivery), or a captured request replayed while its signature
 * is still valid, starts no second execution.
 *
 * Every delivery is kept for as long as its signature could be replayed: a timestamp up to
 * TOLERANCE_SECONDS old or ahead is accepted, so twice that, plus a margin. Past that window,
 * the most recent REMEMBERED_PER_NODE keys stay, for Svix's later redeliveries; only a flood
 * beyond HARD_LIMIT_PER_NODE keys inside the window pushes out the oldest.
 */
export const REMEMBER_FOR_MS = (2 * TOLERANCE_SECONDS + 60) * 1000;
/** Two keys per event (delivery id, session id + event type): about 5,000 events. */
export const REMEMBERED_PER_NODE = 10_000;
/** About 100 MB of keys: a bound on memory that genuine traffic does not reach. */
const HARD_LIMIT_PER_NODE = 1_000_000;

/** Key → when it was last seen; a Map keeps insertion order, so the oldest comes first. */
const byNode = new Map<string, Map<string, number>>();

/** Records the keys; returns true when any of them was seen before. */
export function seenBefore(nodeKey: string, keys: string[], now = clock.now()): boolean {
	let seen = byNode.get(nodeKey);
	if (!seen) {
		seen = new Map();
		byNode.set(nodeKey, seen);
	}
	const repeated = keys.some((key) => seen.has(key));
	for (const key of keys) {
		seen.delete(key);
		seen.set(key, now);
	}
	for (const [oldest, at] of seen) {
		const expired = now - at >= REMEMBER_FOR_MS;
		if (seen.size <= HARD_LIMIT_PER_NODE && (seen.size <= REMEMBERED_PER_NODE || !expired)) break;
		seen.delete(oldest);
	}
	return repeated;
}

/** Forgets keys recorded by seenBefore, for a delivery that was not handled and will come again. */
export function forget(nodeKey: string, keys: string[]): void {
	const seen = byNode.get(nodeKey);
	for (const key of keys) seen?.delete(key);
}
