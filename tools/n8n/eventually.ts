/**
 * The one way the end-to-end suite waits: for the thing it asserts (a status, a log line, an
 * answer), checked every `everyMs`, failing after `ms` with what was last seen. Never a fixed
 * sleep.
 */
export async function eventually<T>(
	what: string,
	check: () => Promise<{ done: true; value: T } | { done: false; seen: string }>,
	ms: number,
	everyMs = 300,
): Promise<T> {
	const deadline = Date.now() + ms;
	for (;;) {
		const result = await check();
		if (result.done) return result.value;
		if (Date.now() > deadline)
			throw new Error(`${what}: not within ${ms / 1000} s (last seen: ${result.seen})`);
		await new Promise((resolve) => setTimeout(resolve, everyMs));
	}
}

export const done = <T>(value: T) => ({ done: true as const, value });
export const notYet = (seen: string) => ({ done: false as const, seen });
