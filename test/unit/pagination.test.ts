import { collectPages, readPage } from '../../nodes/shared/transport/pagination';

describe('readPage', () => {
	test('gateway shape { items, total, page, size }', () => {
		expect(readPage({ items: [{ id: 1 }, { id: 2 }], total: 4, page: 1, size: 2 })).toEqual({
			items: [{ id: 1 }, { id: 2 }],
			total: 4,
		});
	});

	test('docs shape { items }', () => {
		expect(readPage({ items: [{ id: 3 }] })).toEqual({ items: [{ id: 3 }], total: undefined });
	});

	test('{ data, pagination }', () => {
		const body = { data: [{ id: 1 }], pagination: { page: 2, limit: 1, total: 2, totalPages: 2 } };
		expect(readPage(body)).toEqual({ items: [{ id: 1 }], total: 2, totalPages: 2 });
	});

	test('a bare array', () => {
		expect(readPage([{ id: 1 }, 'x', { id: 2 }])).toEqual({ items: [{ id: 1 }, { id: 2 }] });
	});

	test('anything else has no items', () => {
		expect(readPage('oops')).toEqual({ items: [] });
		expect(readPage(null)).toEqual({ items: [] });
	});
});

describe('collectPages', () => {
	const all = Array.from({ length: 7 }, (_, i) => ({ id: i + 1, even: (i + 1) % 2 === 0 }));
	const fetchPage = (size: number, seen: number[]) => async (page: number) => {
		seen.push(page);
		return { items: all.slice((page - 1) * size, page * size) };
	};

	test('reads every page', async () => {
		const seen: number[] = [];
		const { items, nextPage } = await collectPages(fetchPage(3, seen), 3);
		expect(items.map((i) => i.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
		expect(seen).toEqual([1, 2, 3]);
		expect(nextPage).toBeUndefined();
	});

	test('stops once enough items were kept and says where to go on', async () => {
		const seen: number[] = [];
		const { items, nextPage } = await collectPages(fetchPage(2, seen), 2, {
			stopAfter: 2,
			keep: (item) => item.even === true,
		});
		expect(items.map((i) => i.id)).toEqual([2, 4]);
		expect(nextPage).toBe(3);
		expect(seen).toEqual([1, 2]);
	});

	test('starts at a given page', async () => {
		const seen: number[] = [];
		const { items } = await collectPages(fetchPage(3, seen), 3, { firstPage: 3 });
		expect(items.map((i) => i.id)).toEqual([7]);
	});

	test('ends on a short page when no total is given, and at totalPages when it is', async () => {
		const seen: number[] = [];
		await collectPages(fetchPage(3, seen), 3);
		expect(seen).toEqual([1, 2, 3]);
		const pages: number[] = [];
		const body = (page: number) => ({
			data: [{ id: page }],
			pagination: { total: 2, totalPages: 2 },
		});
		const { items } = await collectPages(async (page) => (pages.push(page), body(page)), 1);
		expect(items).toHaveLength(2);
		expect(pages).toEqual([1, 2]);
	});

	test('a server that ignores the page number: the list ends when a page repeats, nothing twice', async () => {
		const seen: number[] = [];
		const { items } = await collectPages(
			async (page) => (seen.push(page), { items: all.slice(0, 3) }),
			3,
		);
		expect(items.map((i) => i.id)).toEqual([1, 2, 3]);
		expect(seen).toEqual([1, 2]);
	});

	test('a server that ignores the page number while reporting a longer list fails, naming both figures', async () => {
		await expect(
			collectPages(async () => ({ items: all.slice(0, 3), total: 7 }), 3),
		).rejects.toThrow(
			/^The list reports 7 items, but only 3 could be read: page 2 repeated items already read/,
		);
	});

	test('a server that caps the page size: the reported total keeps the walk going', async () => {
		const seen: number[] = [];
		// Asked for 5 a page, the server sends 2.
		const { items } = await collectPages(
			async (page) => (seen.push(page), { items: all.slice((page - 1) * 2, page * 2), total: 7 }),
			5,
		);
		expect(items.map((i) => i.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
		expect(seen).toEqual([1, 2, 3, 4]);
	});

	test('a list that never ends fails clearly at the page limit', async () => {
		let next = 0;
		const endless = async () => ({ items: [{ id: ++next }, { id: ++next }] });
		await expect(collectPages(endless, 2, { maxPages: 50 })).rejects.toThrow(
			'The list did not end after 50 pages (100 items so far), so it was stopped.',
		);
	});
});
