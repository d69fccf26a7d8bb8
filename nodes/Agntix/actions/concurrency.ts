/** Running work for many items at once, within a limit, with every outcome kept in item order. */
export type Settled<T> =
	| { index: number; status: 'done'; value: T }
	| { index: number; status: 'failed'; error: unknown }
	| { index: number; status: 'skipped' };

/** Runs `work` for one item and says how it went, without throwing. */
export async function settle<T>(
	index: number,
	work: (index: number) => Promise<T>,
): Promise<Settled<T>> {
	try {
		return { index, status: 'done', value: await work(index) };
	} catch (error) {
		return { index, status: 'failed', error };
	}
}

/**
 * Runs `work` for each index with at most `concurrency` running at once and returns the
 * outcomes in index order. With `stopOnFailure`, no new work starts after a failure; what
 * is already running finishes, and the rest is marked "skipped".
 */
export async function runWithConcurrency<T>(
	indices: number[],
	concurrency: number,
	work: (index: number) => Promise<T>,
	stopOnFailure: boolean,
): Promise<Array<Settled<T>>> {
	const outcomes: Array<Settled<T>> = indices.map((index) => ({ index, status: 'skipped' }));
	let next = 0;
	let stopped = false;

	async function lane(): Promise<void> {
		while (!stopped && next < indices.length) {
			const position = next++;
			outcomes[position] = await settle(indices[position], work);
			if (stopOnFailure && outcomes[position].status === 'failed') stopped = true;
		}
	}

	const lanes = Math.max(1, Math.min(Math.floor(concurrency) || 1, indices.length));
	await Promise.all(Array.from({ length: lanes }, lane));
	return outcomes;
}
