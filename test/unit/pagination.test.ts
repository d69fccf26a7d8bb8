import { collectPages, readPage } from '../../nodes/Agntix/transport/pagination';

describe('readPage', () => {
	test('gateway shape { items, total, page, size }', () => {
		expect(readPage({ items: [{ id: 1 }, { id: 2 }], total: 4, page: 1, size: 2 }, 1, 2)).toEqual({
			items: [{ id: 1 }, { id: 2 }],
			hasMore: true,
		});
		expect(readPage({ items: [{ id: 3 }, { id: 4 }], total: 4, page: 2, size: 2 }, 2, 2).hasMore).toBe(false);
	});

	test('docs shape { items } ends on a short page', () => {
		expect(readPage({ items: [{ id: 1 }, { id: 2 }] }, 1, 2).hasMore).toBe(true);
		expect(readPage({ items: [{ id: 3 }] }, 2, 2).hasMore).toBe(false);
		expect(readPage({ items: [] }, 3, 2).hasMore).toBe(false);
	});

	test('{ data, pagination } ends at totalPages', () => {
		const body = { data: [{ id: 1 }], pagination: { page: 2, limit: 1, total: 2, totalPages: 2 } };
		expect(readPage(body, 2, 1)).toEqual({ items: [{ id: 1 }], hasMore: false });
	});

	test('a bare array ends on a short page', () => {
		expect(readPage([{ id: 1 }, { id: 2 }], 1, 2).hasMore).toBe(true);
		expect(readPage([{ id: 1 }], 1, 2).hasMore).toBe(false);
	});

	test('anything else is an empty last page', () => {
		expect(readPage('oops', 1, 10)).toEqual({ items: [], hasMore: false });
		expect(readPage(null, 1, 10)).toEqual({ items: [], hasMore: false });
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
});
