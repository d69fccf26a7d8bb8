import type { IDataObject } from 'n8n-workflow';

/** One page of a list, whichever of Agntix's documented shapes it came in. */
export interface Page {
	items: IDataObject[];
	hasMore: boolean;
}

const MAX_PAGES = 1000;

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function numberOr(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * Reads `{ items, total, page, size }` (phone numbers), `{ data, pagination }` (agents,
 * messages) or a bare array (the gateway's agents). `page` is 1-based, `size` what was asked.
 */
export function readPage(body: unknown, page: number, size: number): Page {
	let items: unknown[] = [];
	let total: number | undefined;
	let totalPages: number | undefined;
	if (Array.isArray(body)) {
		items = body;
	} else if (isObject(body)) {
		if (Array.isArray(body.items)) {
			items = body.items;
			total = numberOr(body.total);
		} else if (Array.isArray(body.data)) {
			items = body.data;
			if (isObject(body.pagination)) {
				total = numberOr(body.pagination.total);
				totalPages = numberOr(body.pagination.totalPages);
			}
		}
	}
	const objects = items.filter(isObject);
	let hasMore = items.length >= size && items.length > 0;
	if (total !== undefined && page * size >= total) hasMore = false;
	if (totalPages !== undefined && page >= totalPages) hasMore = false;
	return { items: objects, hasMore };
}

/**
 * Walks pages from `firstPage` until the list ends, or until at least `stopAfter` items
 * (after `keep`) were collected. Returns them and the next page to read, if any.
 */
export async function collectPages(
	fetchPage: (page: number) => Promise<unknown>,
	size: number,
	options: { stopAfter?: number; firstPage?: number; keep?: (item: IDataObject) => boolean } = {},
): Promise<{ items: IDataObject[]; nextPage?: number }> {
	const { stopAfter, keep } = options;
	const items: IDataObject[] = [];
	let page = options.firstPage ?? 1;
	for (let read = 0; read < MAX_PAGES; read++) {
		const result = readPage(await fetchPage(page), page, size);
		items.push(...(keep ? result.items.filter(keep) : result.items));
		if (!result.hasMore) return { items };
		page++;
		if (stopAfter !== undefined && items.length >= stopAfter) return { items, nextPage: page };
	}
	return { items, nextPage: page };
}
