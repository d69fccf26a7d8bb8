import type { IDataObject } from 'n8n-workflow';

import { isObject } from '../values';
import { collectPages } from './pagination';
import { agntixRequest } from './request';
import type { AgntixContext } from './request';

/** The shapes Agntix's answers come in (both documented list shapes where the docs disagree). */
const SHAPES = {
	phoneNumbers: (body: unknown) => isObject(body) && Array.isArray(body.items),
	agents: (body: unknown) => Array.isArray(body) || (isObject(body) && Array.isArray(body.data)),
	session: (body: unknown) =>
		isObject(body) && (typeof body.id === 'string' || typeof body.state === 'string'),
	messages: (body: unknown) => isObject(body) && Array.isArray(body.data),
};

/** Page sizes: the API's maximum for each list. */
export const PHONE_NUMBER_PAGE_SIZE = 100;
export const AGENT_PAGE_SIZE = 100;
const MESSAGE_PAGE_SIZE = 100;

/** Names the editor shows for the list queries, in Agntix's validation errors. */
const QUERY_LABELS = {
	page: 'page',
	size: 'page size',
	limit: 'page size',
	provider_type: 'Provider Type',
};

interface PageRequest {
	page: number;
	size: number;
	/** The input item the request is for, named in errors. */
	itemIndex?: number;
}

export function fetchPhoneNumberPage(
	this: AgntixContext,
	{ page, size, filters = {}, itemIndex }: PageRequest & { filters?: IDataObject },
): Promise<unknown> {
	return agntixRequest.call(this, {
		method: 'GET',
		path: '/api/v1/phone-numbers',
		qs: { page, size, ...filters },
		expectShape: SHAPES.phoneNumbers,
		fieldLabels: QUERY_LABELS,
		idempotent: true,
		action: 'list phone numbers',
		itemIndex,
	});
}

export function fetchAgentPage(
	this: AgntixContext,
	{ page, size, itemIndex, activeOnly = true }: PageRequest & { activeOnly?: boolean },
): Promise<unknown> {
	const qs: IDataObject = { page, limit: size };
	if (activeOnly) qs.isActive = true;
	return agntixRequest.call(this, {
		method: 'GET',
		path: '/v1/chat/agents',
		qs,
		expectShape: SHAPES.agents,
		fieldLabels: QUERY_LABELS,
		idempotent: true,
		action: 'list agents',
		itemIndex,
	});
}

function sessionNotFound(sessionId: string): string {
	return `No session ${sessionId} in this Agntix organization. Use the sessionId from Start Call's output, with the same credential.`;
}

/** A session as Agntix answers it: its reader removes a paused call's resume URL (withoutResumeUrl). */
export async function fetchSession(
	this: AgntixContext,
	sessionId: string,
	itemIndex?: number,
): Promise<IDataObject> {
	return (await agntixRequest.call(this, {
		method: 'GET',
		path: `/api/v1/chat/sessions/${encodeURIComponent(sessionId)}`,
		expectShape: SHAPES.session,
		idempotent: true,
		action: 'get the session',
		itemIndex,
		notFoundHint: sessionNotFound(sessionId),
	})) as IDataObject;
}

function fetchMessagePage(
	this: AgntixContext,
	sessionId: string,
	{ page, itemIndex }: Omit<PageRequest, 'size'>,
): Promise<unknown> {
	return agntixRequest.call(this, {
		method: 'GET',
		path: `/api/v1/chat/sessions/${encodeURIComponent(sessionId)}/messages`,
		qs: { page, limit: MESSAGE_PAGE_SIZE },
		expectShape: SHAPES.messages,
		fieldLabels: QUERY_LABELS,
		idempotent: true,
		action: 'get the transcript',
		itemIndex,
		notFoundHint: sessionNotFound(sessionId),
	});
}

/** Every message of a session, in order. */
export async function fetchAllMessages(
	this: AgntixContext,
	sessionId: string,
	itemIndex?: number,
): Promise<IDataObject[]> {
	const { items } = await collectPages(
		(page) => fetchMessagePage.call(this, sessionId, { page, itemIndex }),
		MESSAGE_PAGE_SIZE,
	);
	return items;
}
