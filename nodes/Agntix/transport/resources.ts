import type { IDataObject } from 'n8n-workflow';

import { agntixRequest } from './request';
import type { AgntixContext } from './request';

/** Page sizes: the API's maximum for each list. */
export const PHONE_NUMBER_PAGE_SIZE = 100;
export const AGENT_PAGE_SIZE = 100;

export function fetchPhoneNumberPage(
	this: AgntixContext,
	page: number,
	size: number,
	filters: IDataObject = {},
	itemIndex?: number,
): Promise<unknown> {
	return agntixRequest.call(this, {
		method: 'GET',
		path: '/api/v1/phone-numbers',
		qs: { page, size, ...filters },
		retry: 'read',
		action: 'list phone numbers',
		itemIndex,
	});
}

export function fetchAgentPage(
	this: AgntixContext,
	page: number,
	size: number,
	search?: string,
	itemIndex?: number,
): Promise<unknown> {
	const qs: IDataObject = { page, limit: size, isActive: true };
	// Agntix searches from 3 characters on; shorter filters are applied locally.
	if (search && search.trim().length >= 3) qs.search = search.trim();
	return agntixRequest.call(this, {
		method: 'GET',
		path: '/v1/chat/agents',
		qs,
		retry: 'read',
		action: 'list agents',
		itemIndex,
	});
}
