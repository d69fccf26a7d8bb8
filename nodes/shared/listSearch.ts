import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { agentIsActive, agentMatchesSearch } from './agents';
import { fromNumberLabel, fromNumberProblem } from './fromNumbers';
import { agentDashboardUrl } from './ids';
import { collectPages } from './transport/pagination';
import { anyFieldContains } from './values';
import {
	AGENT_PAGE_SIZE,
	PHONE_NUMBER_PAGE_SIZE,
	fetchAgentPage,
	fetchPhoneNumberPage,
} from './transport/agntixApi';

/** Enough results to fill the dropdown before asking for more pages. */
const MIN_RESULTS = 20;

/** Where the dropdown goes on: "<page>:<length of a full page>", as collectPages found it. */
function readToken(token: string | undefined): { firstPage: number; pageLength?: number } {
	const [page, length] = String(token ?? '')
		.split(':')
		.map(Number);
	return {
		firstPage: Number.isInteger(page) && page > 0 ? page : 1,
		pageLength: Number.isInteger(length) && length > 0 ? length : undefined,
	};
}

function nextToken(next: { nextPage?: number; pageLength?: number }): string | undefined {
	if (next.nextPage === undefined) return undefined;
	return next.pageLength ? `${next.nextPage}:${next.pageLength}` : String(next.nextPage);
}

/**
 * Whether a number matches what was typed in the dropdown's search: any word shown in the
 * entry (label, region, provider; accents and case ignored), or its digits whatever spaces and
 * punctuation were typed.
 */
function phoneNumberMatchesSearch(number: IDataObject, filter: string | undefined): boolean {
	const needle = (filter ?? '').trim();
	const texts = [
		number.phone_number,
		number.label,
		number.region,
		number.area,
		number.provider_name,
		number.provider,
		number.id,
	];
	if (anyFieldContains(texts, needle)) return true;
	const digits = needle.replace(/\D/g, '');
	const onlyNumberCharacters = /^[\d\s()+\-./]+$/.test(needle);
	return (
		onlyNumberCharacters &&
		digits !== '' &&
		String(number.phone_number ?? '')
			.replace(/\D/g, '')
			.includes(digits)
	);
}

export async function searchPhoneNumbers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const pages = await collectPages(
		(page) => fetchPhoneNumberPage.call(this, { page, size: PHONE_NUMBER_PAGE_SIZE }),
		PHONE_NUMBER_PAGE_SIZE,
		{
			...readToken(paginationToken),
			stopAfter: MIN_RESULTS,
			keep: (n) => phoneNumberMatchesSearch(n, filter),
		},
	);
	// Numbers that cannot place calls go last, so they are not picked by mistake.
	const ordered = [
		...pages.items.filter((n) => !fromNumberProblem(n)),
		...pages.items.filter((n) => fromNumberProblem(n)),
	];
	return {
		results: ordered.map((n) => ({
			name: fromNumberLabel(n),
			value: String(n.id),
			description:
				[n.provider_name ?? n.provider, n.region].filter(Boolean).join(' · ') || undefined,
		})),
		paginationToken: nextToken(pages),
	};
}

export async function searchAgents(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const pages = await collectPages(
		(page) => fetchAgentPage.call(this, { page, size: AGENT_PAGE_SIZE }),
		AGENT_PAGE_SIZE,
		{
			...readToken(paginationToken),
			stopAfter: MIN_RESULTS,
			// Only voice-enabled agents can take a call.
			keep: (agent) =>
				agent.voiceEnabled === true && agentIsActive(agent) && agentMatchesSearch(agent, filter),
		},
	);
	return {
		results: pages.items.map((a) => ({
			name: typeof a.fullName === 'string' && a.fullName ? a.fullName : String(a.id),
			value: String(a.id),
			url: agentDashboardUrl(String(a.id)),
			description: typeof a.language === 'string' ? a.language : undefined,
		})),
		paginationToken: nextToken(pages),
	};
}
