import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { agentDashboardUrl } from '../helpers/ids';
import { collectPages } from '../transport/pagination';
import {
	AGENT_PAGE_SIZE,
	PHONE_NUMBER_PAGE_SIZE,
	agentMatchesSearch,
	fetchAgentPage,
	fetchPhoneNumberPage,
} from '../transport/resources';

/** Enough results to fill the dropdown before asking for more pages. */
const MIN_RESULTS = 20;

function matches(filter: string | undefined, ...fields: unknown[]): boolean {
	if (!filter) return true;
	const needle = filter.trim().toLowerCase();
	return fields.some((field) => typeof field === 'string' && field.toLowerCase().includes(needle));
}

function pageFromToken(token: string | undefined): number {
	const page = Number(token);
	return Number.isInteger(page) && page > 0 ? page : 1;
}

export function phoneNumberLabel(number: IDataObject): string {
	const digits = typeof number.phone_number === 'string' && number.phone_number ? number.phone_number : '(no number yet)';
	const parts = [digits];
	// The documented shape has a label; the gateway's has a region instead.
	const label = [number.label, number.region].find((value) => typeof value === 'string' && value.trim());
	if (typeof label === 'string') parts.push(label.trim());
	if (number.is_active === false) parts.push('inactive');
	return parts.join(' · ');
}

export async function searchPhoneNumbers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { items, nextPage } = await collectPages(
		(page) => fetchPhoneNumberPage.call(this, page, PHONE_NUMBER_PAGE_SIZE),
		PHONE_NUMBER_PAGE_SIZE,
		{
			firstPage: pageFromToken(paginationToken),
			stopAfter: MIN_RESULTS,
			keep: (n) => matches(filter, n.phone_number, n.label, n.provider_name, n.provider, n.id),
		},
	);
	return {
		results: items.map((n) => ({
			name: phoneNumberLabel(n),
			value: String(n.id),
			description: [n.provider_name ?? n.provider, n.region].filter(Boolean).join(' · ') || undefined,
		})),
		paginationToken: nextPage === undefined ? undefined : String(nextPage),
	};
}

export async function searchAgents(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const { items, nextPage } = await collectPages(
		(page) => fetchAgentPage.call(this, page, AGENT_PAGE_SIZE, filter),
		AGENT_PAGE_SIZE,
		{
			firstPage: pageFromToken(paginationToken),
			stopAfter: MIN_RESULTS,
			// Only voice-enabled agents can take a call.
			keep: (agent) => agent.voiceEnabled === true && agentMatchesSearch(agent, filter),
		},
	);
	return {
		results: items.map((a) => ({
			name: typeof a.fullName === 'string' && a.fullName ? a.fullName : String(a.id),
			value: String(a.id),
			url: agentDashboardUrl(String(a.id)),
			description: typeof a.language === 'string' ? a.language : undefined,
		})),
		paginationToken: nextPage === undefined ? undefined : String(nextPage),
	};
}
