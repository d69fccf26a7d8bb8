/** The Agntix API routes the package uses, as the docs and the gateway's spec describe them. */
import { randomUUID } from 'node:crypto';

import type { SandboxConfig } from './config';
import type { AgentRecord, PhoneNumberRecord, Scope } from './data';
import { envelope, pageParams, validation } from './http';
import { RECORDINGS_PATH, messagesFor, sessionFor } from './sessions';
import type { CallRecord } from './sessions';

const E164 = /^\+[1-9]\d{6,14}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the routes read and change of the sandbox. */
export interface ApiState {
	/** The sandbox's own address. */
	url: string;
	config: SandboxConfig;
	phoneNumbers: readonly PhoneNumberRecord[];
	agents: readonly AgentRecord[];
	calls: CallRecord[];
	/** A call was started: its webhooks are scheduled. */
	callStarted(call: CallRecord): void;
}

export function route(
	state: ApiState,
	method: string,
	path: string,
	query: Record<string, string>,
	body: unknown,
	scopes: Scope[],
): unknown {
	if (method === 'GET' && path === '/api/v1/phone-numbers') return listPhoneNumbers(state, query);
	if (method === 'GET' && path === '/v1/chat/agents') return listAgents(state, query);
	const session = /^\/api\/v1\/chat\/sessions\/([^/]+)(\/messages)?$/.exec(path);
	if (session && method === 'GET')
		return getSession(state, decodeURIComponent(session[1]), Boolean(session[2]), query);
	const start = /^\/api\/v1\/phone-numbers\/([^/]+)\/calls\/start$/.exec(path);
	if (start && method === 'POST') {
		if (!scopes.includes('write')) {
			throw envelope(403, 'UNAUTHORIZED', 'This key does not have the calls:write scope');
		}
		return startCall(state, decodeURIComponent(start[1]), body);
	}
	throw envelope(404, 'GENERIC_ERROR', `No route ${method} ${path}`);
}

/** The page and size this server really uses, after its paging quirks. */
function paging(
	state: ApiState,
	query: Record<string, string>,
	sizeName: 'size' | 'limit',
	max: number,
	fallback: number,
) {
	const asked = pageParams(query, sizeName, max, fallback);
	return {
		page: state.config.ignoresPage ? 1 : asked.page,
		size: Math.min(asked.size, state.config.maxPageSize ?? asked.size),
	};
}

function listPhoneNumbers(state: ApiState, query: Record<string, string>): unknown {
	const { page, size } = paging(state, query, 'size', 100, 10);
	let numbers = state.phoneNumbers;
	if (query.provider_type) {
		if (!['byon', 'leasing'].includes(query.provider_type)) {
			throw validation([
				{
					loc: ['query', 'provider_type'],
					msg: "Input should be 'byon' or 'leasing'",
					type: 'enum',
				},
			]);
		}
		numbers = numbers.filter((n) => n.provider_type === query.provider_type);
	}
	const slice = numbers.slice((page - 1) * size, page * size);
	if (state.config.phoneNumberShape === 'docs') {
		return {
			items: slice.map((n) => ({
				id: n.id,
				phone_number: n.phone_number,
				provider: n.provider_name,
				label: n.label,
			})),
		};
	}
	return {
		items: slice.map((n) => ({
			id: n.id,
			phone_number: n.phone_number,
			phone_extension: null,
			area: n.area,
			region: n.region,
			is_active: n.is_active,
			is_synced: true,
			synced_at: '2026-03-01T12:00:00Z',
			provider_id: `prov_${n.provider_type}`,
			provider_name: n.provider_name,
			provider_type: n.provider_type,
			agents_metadata: [],
			max_active_calls: 5,
			max_queued_calls: 20,
			concurrency_notes: null,
		})),
		total: numbers.length,
		page,
		size,
	};
}

function listAgents(state: ApiState, query: Record<string, string>): unknown {
	const { page, size } = paging(state, query, 'limit', 100, 10);
	let agents = state.agents;
	// The gateway's bare-array answer is not documented to honour search or isActive: it ignores both here.
	const bare = state.config.agentShape === 'bare';
	if (query.search !== undefined && !bare) {
		if (query.search.trim().length < 3) {
			throw envelope(400, 'GENERIC_ERROR', 'search needs at least 3 characters');
		}
		const needle = query.search.toLowerCase();
		agents = agents.filter((a) => a.fullName.toLowerCase().includes(needle));
	}
	if (query.isActive === 'true' && !bare) agents = agents.filter((a) => a.isActive);
	const slice = agents.slice((page - 1) * size, page * size);
	if (state.config.agentShape === 'bare') return slice;
	return {
		data: slice,
		pagination: {
			page,
			limit: size,
			total: agents.length,
			totalPages: Math.ceil(agents.length / size),
		},
	};
}

function startCall(state: ApiState, phoneNumberId: string, body: unknown): unknown {
	if (typeof body !== 'object' || body === null || Array.isArray(body)) {
		throw validation([
			{ loc: ['body'], msg: 'Input should be a valid dictionary', type: 'dict_type' },
		]);
	}
	const input = body as Record<string, unknown>;
	const detail = [];
	if (input.to_phone_number === undefined) {
		detail.push({ loc: ['body', 'to_phone_number'], msg: 'Field required', type: 'missing' });
	} else if (typeof input.to_phone_number !== 'string' || !E164.test(input.to_phone_number)) {
		detail.push({
			loc: ['body', 'to_phone_number'],
			msg: `String should match pattern '${E164.source}'`,
			type: 'string_pattern_mismatch',
		});
	}
	if (input.agent_id === undefined) {
		detail.push({ loc: ['body', 'agent_id'], msg: 'Field required', type: 'missing' });
	} else if (typeof input.agent_id !== 'string' || !UUID.test(input.agent_id)) {
		detail.push({
			loc: ['body', 'agent_id'],
			msg: 'Input should be a valid UUID',
			type: 'uuid_parsing',
		});
	}
	if (input.ttl !== undefined && (!Number.isInteger(input.ttl) || (input.ttl as number) <= 0)) {
		detail.push({
			loc: ['body', 'ttl'],
			msg: 'Input should be a valid integer greater than 0',
			type: 'int_parsing',
		});
	}
	const variables = input.session_variables;
	if (
		variables !== undefined &&
		(typeof variables !== 'object' || variables === null || Array.isArray(variables))
	) {
		detail.push({
			loc: ['body', 'session_variables'],
			msg: 'Input should be a valid dictionary',
			type: 'dict_type',
		});
	}
	if (detail.length) throw validation(detail);

	const number = state.phoneNumbers.find((n) => n.id === phoneNumberId);
	if (!number) throw envelope(404, 'GENERIC_ERROR', `Phone number ${phoneNumberId} not found`);
	// Agntix's wording for this is not documented: the node must not depend on it.
	if (!number.is_active || !number.phone_number) {
		throw envelope(409, 'GENERIC_ERROR', 'Outbound calling is unavailable for this resource');
	}
	const agent = state.agents.find((a) => a.id === input.agent_id);
	if (!agent) throw envelope(404, 'GENERIC_ERROR', `Agent ${String(input.agent_id)} not found`);
	if (!agent.voiceEnabled) {
		throw validation([
			{ loc: ['body', 'agent_id'], msg: 'Agent is not voice-enabled', type: 'value_error' },
		]);
	}

	const sessionId = randomUUID();
	const call: CallRecord = {
		sessionId,
		phoneNumberId,
		toPhoneNumber: input.to_phone_number as string,
		agentId: agent.id,
		ttl: input.ttl as number | undefined,
		sessionVariables: variables as Record<string, unknown> | undefined,
		startedAt: Date.now(),
		earlierCalls: state.calls.filter((c) => c.toPhoneNumber === input.to_phone_number).length,
		recordingUrl: `${state.url}${RECORDINGS_PATH}${sessionId}`,
	};
	state.calls.push(call);
	state.callStarted(call);
	return { sessionId: call.sessionId };
}

function getSession(
	state: ApiState,
	sessionId: string,
	messages: boolean,
	query: Record<string, string>,
): unknown {
	const call = state.calls.find((c) => c.sessionId === sessionId);
	if (!call) throw envelope(404, 'SESSION_NOT_FOUND', `Session ${sessionId} not found`);
	const { callDurationMs, messageCount } = state.config;
	if (!messages) return sessionFor(call, callDurationMs);
	const { page, size } = pageParams(query, 'limit', 100, 20);
	const all = messagesFor(call, callDurationMs, messageCount);
	return {
		data: all.slice((page - 1) * size, page * size),
		pagination: {
			page,
			limit: size,
			total: all.length,
			totalPages: Math.ceil(all.length / size),
		},
	};
}
