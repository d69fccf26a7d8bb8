import type { IDataObject } from 'n8n-workflow';

import { isObject } from '../values';

/** One page of a list, whichever of Agntix's documented shapes it came in. */
export interface Page {
	items: IDataObject[];
	/** How many items the whole list has, when the answer says. */
	total?: number;
	totalPages?: number;
}

/** More pages than this is taken as a server that never ends its list. */
const MAX_PAGES = 1000;

function numberOr(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * Reads `{ items, total, page, size }` (phone numbers), `{ data, pagination }` (agents,
 * messages) or a bare array (the gateway's agents).
 */
export function readPage(body: unknown): Page {
	if (Array.isArray(body)) return { items: body.filter(isObject) };
	if (!isObject(body)) return { items: [] };
	if (Array.isArray(body.items))
		return { items: body.items.filter(isObject), total: numberOr(body.total) };
	if (Array.isArray(body.data)) {
		const pagination = isObject(body.pagination) ? body.pagination : {};
		return {
			items: body.data.filter(isObject),
			total: numberOr(pagination.total),
			totalPages: numberOr(pagination.totalPages),
		};
	}
	return { items: [] };
}

function identity(item: IDataObject): string {
	return typeof item.id === 'string' || typeof item.id === 'number'
		? `id:${item.id}`
		: JSON.stringify(item);
}

/**
 * Walks pages from `firstPage` (1-based) until the list ends, or until at least `stopAfter`
 * items (after `keep`) were collected. Returns them and the next page to read, if any.
 *
 * The docs do not say what a server does with a `page` it does not understand or a `size`
 * above its cap, so: an item already read is never returned twice, a page that only repeats
 * earlier ones ends the list (or fails, when the list reported more items than that), a
 * reported total keeps the walk going past short pages, and a list longer than MAX_PAGES
 * pages fails rather than loop.
 */
export async function collectPages(
	fetchPage: (page: number) => Promise<unknown>,
	size: number,
	options: {
		stopAfter?: number;
		firstPage?: number;
		/** The length of a full page, as an earlier walk of the same list found it. */
		pageLength?: number;
		keep?: (item: IDataObject) => boolean;
		maxPages?: number;
	} = {},
): Promise<{ items: IDataObject[]; nextPage?: number; pageLength?: number }> {
	const { stopAfter, keep, maxPages = MAX_PAGES } = options;
	const items: IDataObject[] = [];
	const seen = new Set<string>();
	const firstPage = options.firstPage ?? 1;
	let page = firstPage;
	// The length of a full page as the server sends them: it may cap `size` below what was asked.
	let pageLength = options.pageLength;
	for (let read = 0; read < maxPages; read++) {
		const result = readPage(await fetchPage(page));
		const fresh = result.items.filter((item) => !seen.has(identity(item)));
		if (result.items.length > 0 && fresh.length === 0) {
			// A page that repeats earlier ones ends the list, unless the list said it was longer.
			if (result.total !== undefined && seen.size < result.total) {
				throw new Error(
					`The list reports ${result.total} items, but only ${seen.size} could be read: page ${page} repeated items already read, so the rest cannot be reached. Check the Base URL in the Agntix credential; if it is right, report this to Agntix support.`,
				);
			}
			return { items };
		}
		for (const item of fresh) seen.add(identity(item));
		items.push(...(keep ? fresh.filter(keep) : fresh));
		pageLength ??= page === 1 ? result.items.length : size;

		let hasMore: boolean;
		if (result.items.length === 0) hasMore = false;
		else if (result.total !== undefined) hasMore = page * pageLength < result.total;
		else if (result.totalPages !== undefined) hasMore = page < result.totalPages;
		else hasMore = result.items.length >= size;
		if (!hasMore) return { items };
		page++;
		if (stopAfter !== undefined && items.length >= stopAfter)
			return { items, nextPage: page, pageLength };
	}
	throw new Error(
		`The list did not end after ${maxPages} pages (${items.length} items so far), so it was stopped. Check the Base URL in the Agntix credential; if it is right, report this to Agntix support.`,
	);
}
