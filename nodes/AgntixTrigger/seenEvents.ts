/**
 * Remembers the most recent deliveries per trigger node, so an event Agntix delivers again
 * (at-least-once delivery) starts no second execution. Oldest entries are forgotten first.
 */
/** Two keys per event (delivery id, session id + event type): about 5,000 events. */
export const REMEMBERED_PER_NODE = 10_000;

const byNode = new Map<string, Set<string>>();

/** Records the keys; returns true when any of them was seen before. */
export function seenBefore(nodeKey: string, keys: string[]): boolean {
	let seen = byNode.get(nodeKey);
	if (!seen) {
		seen = new Set();
		byNode.set(nodeKey, seen);
	}
	const repeated = keys.some((key) => seen.has(key));
	for (const key of keys) {
		seen.delete(key);
		seen.add(key);
	}
	while (seen.size > REMEMBERED_PER_NODE) seen.delete(seen.values().next().value as string);
	return repeated;
}
