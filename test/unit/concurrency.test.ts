import { runWithConcurrency } from '../../nodes/Agntix/actions/concurrency';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('keeps index order and never runs more than the limit at once', async () => {
	let running = 0;
	let peak = 0;
	const outcomes = await runWithConcurrency(
		[0, 1, 2, 3, 4, 5, 6, 7],
		3,
		async (index) => {
			running++;
			peak = Math.max(peak, running);
			await tick((8 - index) * 3);
			running--;
			return index * 10;
		},
		false,
	);
	expect(peak).toBe(3);
	expect(outcomes.map((o) => (o.status === 'done' ? o.value : o.status))).toEqual([
		0, 10, 20, 30, 40, 50, 60, 70,
	]);
});

test('with stopOnFailure, nothing new starts after a failure and the rest is skipped', async () => {
	const started: number[] = [];
	const outcomes = await runWithConcurrency(
		[0, 1, 2, 3, 4, 5],
		2,
		async (index) => {
			started.push(index);
			await tick(index === 1 ? 1 : 20);
			if (index === 1) throw new Error('boom');
			return index;
		},
		true,
	);
	expect(started).toEqual([0, 1]);
	expect(outcomes.map((o) => o.status)).toEqual([
		'done',
		'failed',
		'skipped',
		'skipped',
		'skipped',
		'skipped',
	]);
});

test('without stopOnFailure every item runs', async () => {
	const outcomes = await runWithConcurrency(
		[0, 1, 2],
		1,
		async (index) => {
			if (index === 0) throw new Error('first fails');
			return index;
		},
		false,
	);
	expect(outcomes.map((o) => o.status)).toEqual(['failed', 'done', 'done']);
});
