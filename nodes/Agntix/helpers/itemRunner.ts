export type Settled<T> =
	| { index: number; status: 'done'; value: T }
	| { index: number; status: 'failed'; error: unknown }
	| { index: number; status: 'skipped' };

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
			const index = indices[position];
			try {
				outcomes[position] = { index, status: 'done', value: await work(index) };
			} catch (error) {
				outcomes[position] = { index, status: 'failed', error };
				if (stopOnFailure) stopped = true;
			}
		}
	}

	const lanes = Math.max(1, Math.min(Math.floor(concurrency) || 1, indices.length));
	await Promise.all(Array.from({ length: lanes }, lane));
	return outcomes;
}
