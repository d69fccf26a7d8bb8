/**
 * A local fake of the Agntix API, for what the package uses, following Agntix's public API
 * reference (docs.agntix.ai) and its OpenAPI spec: where the two disagree it serves both
 * shapes; where they promise nothing (redirects, paging, a web page at the Base URL) it can
 * be as rude as a real server may be.
 * Tests start it in-process; `npm run sandbox` and `npm run dev` run it on a fixed port.
 * It records every request, and knobs change latency, shapes, rate limits and faults.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { CREDENTIALS, makeAgents, makePhoneNumbers } from './data';
import { endTime, messagesFor, sessionFor } from './sessions';
import { deliver } from './webhooks';
import type { Delivery, WebhookSettings } from './webhooks';
import type { CallRecord } from './sessions';
import type { AgentRecord, PhoneNumberRecord, Scope } from './data';

export interface SandboxConfig {
	/** Delay before every API answer. */
	latencyMs: number;
	/** A random extra delay of up to this much, so concurrent answers come back out of order. */
	latencyJitterMs: number;
	phoneNumberCount: number;
	/** "gateway": { items, total, page, size } with the spec's fields; "docs": { items } only. */
	phoneNumberShape: 'gateway' | 'docs';
	extraAgents: number;
	/** "paged": { data, pagination }; "bare": a bare array. */
	agentShape: 'paged' | 'bare';
	/**
	 * Requests per window for the whole organization; `headers: false` leaves out the
	 * X-RateLimit-* headers (a 429 still says Retry-After), as a server that does not send them;
	 * `clockSkewMs` sets this server's clock ahead (or behind, negative) of the caller's, as
	 * X-RateLimit-Reset then shows.
	 */
	rateLimit: { limit: number; windowMs: number; headers?: boolean; clockSkewMs?: number };
	/** How long a call lasts before its session is CLOSED or EXPIRED (see sessions.ts). */
	callDurationMs: number;
	/** Messages in the transcript of a finished call. */
	messageCount: number;
	/** Where and how to send signed session.created / session.ended webhooks; off when absent. */
	webhook?: WebhookSettings;
	/**
	 * More endpoints that get every event too, as an Agntix organization can have several:
	 * `npm run sandbox:call-ended` adds a Test URL here, beside the Production URL of `webhook`.
	 */
	moreWebhooks: WebhookSettings[];
	randomFaults?: RandomFaults;
	/** How long a slowBody fault takes to send its body. */
	slowBodyMs: number;
	/** Paging the docs leave open: a server that answers page 1 to any page, or caps the page size. */
	ignoresPage: boolean;
	maxPageSize?: number;
	/**
	 * Answer a call start only once the call's session.ended has been delivered (its first
	 * attempt answered): nothing orders Agntix's answer and its webhooks, so a short call's end
	 * can arrive before the answer. At most 30 s.
	 */
	answerAfterCallEnded: boolean;
}

export type FaultKind =
	| 'status' // answer with `status` (and `body`)
	| 'reset' // destroy the connection without an answer
	| 'hang' // never answer (the client times out)
	| 'malformed' // 200 with a body that is not JSON
	| 'slowBody'; // 200 whose body trickles in over `slowBodyMs`

/** Faults drawn at random (seeded, so a run can be repeated) for requests that match. */
export interface RandomFaults {
	rate: number;
	seed: number;
	faults: Fault[];
	match?: string;
}

export interface Fault {
	kind: FaultKind;
	/** Only requests whose "METHOD /path" contains this text. */
	match?: string;
	status?: number;
	body?: unknown;
	headers?: Record<string, string>;
	/** Do the work (e.g. dial) first, then fail: the client cannot know it happened. */
	afterProcessing?: boolean;
	/** How many matching requests it hits; default 1. */
	times?: number;
}

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: IncomingHttpHeaders;
	body: unknown;
	status?: number;
	fault?: FaultKind;
	receivedAt: number;
}

export type StartedCall = CallRecord;

const DEFAULT_CONFIG: SandboxConfig = {
	latencyMs: 0,
	latencyJitterMs: 0,
	phoneNumberCount: 7,
	phoneNumberShape: 'gateway',
	extraAgents: 0,
	agentShape: 'paged',
	rateLimit: { limit: 100_000, windowMs: 60_000 },
	callDurationMs: 3000,
	messageCount: 6,
	slowBodyMs: 5000,
	ignoresPage: false,
	answerAfterCallEnded: false,
	moreWebhooks: [],
};

/** mulberry32: a small seeded generator, so random faults repeat for the same seed. */
function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const CREATED_FIELDS = [
	'id',
	'type',
	'platform',
	'direction',
	'state',
	'agentId',
	'createdAt',
	'metadata',
];

const E164 = /^\+[1-9]\d{6,14}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly body: unknown,
		readonly headers: Record<string, string> = {},
	) {
		super(`HTTP ${status}`);
	}
}

let requestCounter = 0;
function requestId(): string {
	requestCounter++;
	return `req_sbx_${String(requestCounter).padStart(6, '0')}`;
}

function envelope(status: number, code: string, message: string): HttpError {
	return new HttpError(status, { error: { code, message, requestId: requestId(), status } });
}

function validation(detail: Array<{ loc: string[]; msg: string; type: string }>): HttpError {
	return new HttpError(422, { detail });
}

async function readBody(req: IncomingMessage): Promise<{ raw: string; json: unknown }> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	const raw = Buffer.concat(chunks).toString('utf8');
	if (raw === '') return { raw, json: undefined };
	try {
		return { raw, json: JSON.parse(raw) };
	} catch {
		return { raw, json: raw };
	}
}

function pageParams(
	query: Record<string, string>,
	sizeName: 'size' | 'limit',
	max: number,
	fallback: number,
) {
	const page = query.page === undefined ? 1 : Number(query.page);
	const size = query[sizeName] === undefined ? fallback : Number(query[sizeName]);
	const detail = [];
	if (!Number.isInteger(page) || page < 1) {
		detail.push({
			loc: ['query', 'page'],
			msg: 'Input should be greater than or equal to 1',
			type: 'greater_than_equal',
		});
	}
	if (!Number.isInteger(size) || size < 1 || size > max) {
		detail.push({
			loc: ['query', sizeName],
			msg: `Input should be between 1 and ${max}`,
			type: 'less_than_equal',
		});
	}
	if (detail.length) throw validation(detail);
	return { page, size };
}

export class Sandbox {
	readonly requests: RecordedRequest[] = [];
	readonly calls: StartedCall[] = [];
	/** Every webhook delivery attempt, with the answer it got. */
	readonly deliveries: Delivery[] = [];
	private timers = new Set<NodeJS.Timeout>();
	private pendingDeliveries = new Set<Promise<void>>();
	config: SandboxConfig;
	private faults: Fault[] = [];
	private random: () => number = Math.random;
	private phoneNumbers: PhoneNumberRecord[] = [];
	private agents: AgentRecord[] = [];
	private window = { start: 0, count: 0 };
	private inFlight = 0;
	/** The most API requests that were being handled at the same time. */
	peakInFlight = 0;
	private readonly sockets = new Set<Socket>();
	private server?: Server;
	url = '';

	constructor(config: Partial<SandboxConfig> = {}) {
		this.config = { ...DEFAULT_CONFIG, ...config };
		this.seed();
	}

	/** Changes knobs; data is regenerated when its size changes. */
	configure(config: Partial<SandboxConfig>): void {
		this.config = { ...this.config, ...config };
		if (config.randomFaults) this.random = seededRandom(config.randomFaults.seed);
		this.seed();
	}

	/** Forgets requests, calls, faults and rate-limit state, and restores the default knobs. */
	reset(config: Partial<SandboxConfig> = {}): void {
		this.clearTimers();
		this.requests.length = 0;
		this.calls.length = 0;
		this.deliveries.length = 0;
		this.faults = [];
		this.window = { start: 0, count: 0 };
		this.peakInFlight = 0;
		this.config = { ...DEFAULT_CONFIG, ...config };
		this.seed();
	}

	/** Records a call as if it had been started through the API (for session tests). */
	addCall(
		toPhoneNumber: string,
		sessionVariables: Record<string, unknown> = {},
		startedAt = Date.now(),
	): CallRecord {
		const call: CallRecord = {
			sessionId: randomUUID(),
			phoneNumberId: this.phoneNumbers[0].id,
			toPhoneNumber,
			agentId: this.agents[0].id,
			ttl: 300,
			sessionVariables,
			startedAt,
		};
		this.calls.push(call);
		return call;
	}

	inject(fault: Fault): void {
		this.faults.push({ times: 1, ...fault });
	}

	get phoneNumberRecords(): readonly PhoneNumberRecord[] {
		return this.phoneNumbers;
	}

	get agentRecords(): readonly AgentRecord[] {
		return this.agents;
	}

	/** Requests to the API itself, without the control routes. */
	apiRequests(match?: string): RecordedRequest[] {
		return this.requests.filter((r) => !match || `${r.method} ${r.path}`.includes(match));
	}

	private seed(): void {
		this.phoneNumbers = makePhoneNumbers(this.config.phoneNumberCount);
		this.agents = makeAgents(this.config.extraAgents);
	}

	async listen(port = 0, host = '127.0.0.1'): Promise<string> {
		this.server = createServer((req, res) => void this.handle(req, res));
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await new Promise<void>((resolve) => this.server!.listen(port, host, resolve));
		const address = this.server.address() as AddressInfo;
		this.url = `http://${host}:${address.port}`;
		return this.url;
	}

	private clearTimers(): void {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
	}

	/** Waits until every webhook sent so far has been answered. */
	async webhooksSettled(): Promise<void> {
		while (this.pendingDeliveries.size) await Promise.all([...this.pendingDeliveries]);
	}

	/** Sessions whose session.ended has had its first delivery answered, or waits for it. */
	private endedFirstAnswers = new Map<string, { done: Promise<void>; resolve: () => void }>();

	private endAnswered(sessionId: string) {
		let entry = this.endedFirstAnswers.get(sessionId);
		if (!entry) {
			let resolve = () => {};
			const done = new Promise<void>((r) => (resolve = r));
			entry = { done, resolve };
			this.endedFirstAnswers.set(sessionId, entry);
		}
		return entry;
	}

	private async endDelivered(sessionId: string): Promise<void> {
		let timer: NodeJS.Timeout | undefined;
		const cap = new Promise<void>((r) => (timer = setTimeout(r, 30_000)));
		await Promise.race([this.endAnswered(sessionId).done, cap]);
		clearTimeout(timer);
	}

	/** Every endpoint events go to: `webhook` first, then `moreWebhooks`. */
	private get endpoints(): WebhookSettings[] {
		return [...(this.config.webhook ? [this.config.webhook] : []), ...this.config.moreWebhooks];
	}

	private sendWebhook(
		call: CallRecord,
		eventType: 'session.created' | 'session.ended',
		at = Date.now(),
	): void {
		for (const settings of this.endpoints) this.sendWebhookTo(settings, call, eventType, at);
	}

	private sendWebhookTo(
		settings: WebhookSettings,
		call: CallRecord,
		eventType: 'session.created' | 'session.ended',
		at: number,
	): void {
		const session = sessionFor(call, this.config.callDurationMs, at) as Record<string, unknown>;
		// session.created carries the call as it starts; session.ended adds the end and the analysis.
		const fields = eventType === 'session.created' ? CREATED_FIELDS : Object.keys(session);
		const payload = {
			...Object.fromEntries(fields.map((field) => [field, session[field]])),
			eventType,
		};
		// answerAfterCallEnded waits for the end's first answer from the main endpoint.
		const firstAnswer = () => {
			if (eventType === 'session.ended' && settings === this.endpoints[0])
				this.endAnswered(call.sessionId).resolve();
		};
		const sending = deliver(
			settings,
			payload as { id: string; eventType: string },
			firstAnswer,
		).then((done) => {
			this.deliveries.push(...done);
		});
		this.pendingDeliveries.add(sending);
		void sending.finally(() => this.pendingDeliveries.delete(sending));
	}

	/**
	 * Sends a signed session.ended for the latest call now (for trying the trigger by hand);
	 * without a call yet, for one made up that ended a minute ago.
	 */
	async sendCallEnded(): Promise<Delivery[]> {
		if (this.endpoints.length === 0)
			throw new Error('Set a webhook first: POST /__sandbox/config {"webhook": {...}}');
		const call =
			this.calls.at(-1) ??
			this.addCall(
				'+14155550142',
				{ customerName: 'Ada', crmContactId: 'C-1001' },
				Date.now() - 60_000,
			);
		const before = this.deliveries.length;
		this.sendWebhook(call, 'session.ended');
		await this.webhooksSettled();
		return this.deliveries.slice(before);
	}

	/** Sends session.created now and session.ended when the call ends. */
	private scheduleWebhooks(call: CallRecord): void {
		if (this.endpoints.length === 0) return;
		this.sendWebhook(call, 'session.created');
		const endsAt = endTime(call, this.config.callDurationMs);
		if (endsAt === undefined) return;
		const timer = setTimeout(
			() => {
				this.timers.delete(timer);
				// A timer can fire a millisecond before the clock reaches the end: the event is of the end.
				this.sendWebhook(call, 'session.ended', Math.max(Date.now(), endsAt));
			},
			Math.max(0, endsAt - Date.now()),
		);
		this.timers.add(timer);
	}

	async close(): Promise<void> {
		this.clearTimers();
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) =>
			this.server ? this.server.close(() => resolve()) : resolve(),
		);
	}

	private takeFault(method: string, path: string): Fault | undefined {
		const target = `${method} ${path}`;
		const fault = this.faults.find(
			(f) => (f.times ?? 1) > 0 && (!f.match || target.includes(f.match)),
		);
		if (fault) {
			fault.times = (fault.times ?? 1) - 1;
			return fault;
		}
		const random = this.config.randomFaults;
		if (!random || (random.match && !target.includes(random.match)) || this.random() >= random.rate)
			return undefined;
		return random.faults[Math.floor(this.random() * random.faults.length)];
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://sandbox');
		const query = Object.fromEntries(url.searchParams.entries());
		const method = req.method ?? 'GET';
		const { json } = await readBody(req);

		// A web app under this prefix answers 200 with a page to any path, as a dashboard does.
		if (url.pathname.startsWith('/__sandbox/dashboard')) {
			this.requests.push({
				method,
				path: url.pathname,
				query,
				headers: req.headers,
				body: json,
				receivedAt: Date.now(),
				status: 200,
			});
			res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
			res.end(
				'<!doctype html><html><head><title>Agntix</title></head><body><div id="root"></div></body></html>',
			);
			return;
		}
		if (url.pathname.startsWith('/__sandbox/')) {
			this.control(method, url.pathname, json, res);
			return;
		}

		const record: RecordedRequest = {
			method,
			path: url.pathname,
			query,
			headers: req.headers,
			body: json,
			receivedAt: Date.now(),
		};
		this.requests.push(record);
		this.inFlight++;
		this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
		res.on('close', () => this.inFlight--);
		const delay = this.config.latencyMs + Math.random() * this.config.latencyJitterMs;
		if (delay > 0) await new Promise((r) => setTimeout(r, delay));

		const fault = this.takeFault(method, url.pathname);
		if (fault && !fault.afterProcessing && this.applyFault(fault, record, res)) return;

		let status = 200;
		let body: unknown;
		let headers: Record<string, string> = {};
		try {
			const scopes = this.authenticate(req.headers);
			headers = this.rateLimit();
			body = this.route(method, url.pathname, query, json, scopes);
		} catch (error) {
			if (!(error instanceof HttpError)) throw error;
			status = error.status;
			body = error.body;
			headers = { ...headers, ...error.headers };
		}
		if (fault?.afterProcessing && this.applyFault(fault, record, res)) return;
		const started = (body as { sessionId?: unknown } | undefined)?.sessionId;
		if (this.config.answerAfterCallEnded && typeof started === 'string')
			await this.endDelivered(started);
		record.status = status;
		this.send(res, status, body, headers);
	}

	/** Returns true when the fault answered (or killed) the request. */
	private applyFault(fault: Fault, record: RecordedRequest, res: ServerResponse): boolean {
		record.fault = fault.kind;
		switch (fault.kind) {
			case 'reset':
				res.socket?.destroy();
				return true;
			case 'hang':
				return true;
			case 'slowBody': {
				record.status = 200;
				res.writeHead(200, { 'content-type': 'application/json' });
				res.write('{"sessionId": ');
				const timer = setTimeout(() => res.end('"late"}'), this.config.slowBodyMs);
				res.on('close', () => clearTimeout(timer));
				return true;
			}
			case 'malformed':
				record.status = 200;
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end('{"sessionId": "unterminated');
				return true;
			case 'status': {
				const status = fault.status ?? 500;
				record.status = status;
				this.send(
					res,
					status,
					fault.body ?? {
						error: { code: 'GENERIC_ERROR', message: 'Injected failure', requestId: requestId() },
					},
					fault.headers ?? {},
				);
				return true;
			}
		}
	}

	private send(
		res: ServerResponse,
		status: number,
		body: unknown,
		headers: Record<string, string>,
	): void {
		const text = body === undefined ? '' : JSON.stringify(body);
		res.writeHead(status, { 'content-type': 'application/json', ...headers });
		res.end(text);
	}

	private authenticate(headers: IncomingHttpHeaders): Scope[] {
		const apiKey = typeof headers['x-api-key'] === 'string' ? headers['x-api-key'] : undefined;
		const authorization =
			typeof headers.authorization === 'string' ? headers.authorization : undefined;
		if (apiKey === undefined && authorization === undefined) {
			throw envelope(
				401,
				'UNAUTHORIZED',
				'Missing authentication: send x-api-key or Authorization: Bearer',
			);
		}
		if (apiKey !== undefined) {
			const known = CREDENTIALS[apiKey];
			if (!known || known.via !== 'apiKey') throw envelope(401, 'UNAUTHORIZED', 'Invalid API key');
			return known.scopes;
		}
		const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
		const known = token ? CREDENTIALS[token] : undefined;
		if (!known || known.via !== 'bearer')
			throw envelope(401, 'UNAUTHORIZED', 'Invalid or expired token');
		return known.scopes;
	}

	private rateLimit(): Record<string, string> {
		const { limit, windowMs, headers: withHeaders = true, clockSkewMs = 0 } = this.config.rateLimit;
		const now = Date.now();
		if (now >= this.window.start + windowMs) this.window = { start: now, count: 0 };
		const resetAt = this.window.start + windowMs;
		const headers: Record<string, string> = withHeaders
			? {
					'X-RateLimit-Limit': String(limit),
					'X-RateLimit-Remaining': String(Math.max(0, limit - this.window.count - 1)),
					'X-RateLimit-Reset': String(Math.ceil((resetAt + clockSkewMs) / 1000)),
				}
			: {};
		if (this.window.count >= limit) {
			const error = envelope(
				429,
				'RATE_LIMITED',
				`Rate limit of ${limit} requests per window exceeded`,
			);
			Object.assign(error.headers, headers, {
				...(withHeaders ? { 'X-RateLimit-Remaining': '0' } : {}),
				'Retry-After': String(Math.max(1, Math.ceil((resetAt - now) / 1000))),
			});
			throw error;
		}
		this.window.count++;
		return headers;
	}

	private route(
		method: string,
		path: string,
		query: Record<string, string>,
		body: unknown,
		scopes: Scope[],
	): unknown {
		if (method === 'GET' && path === '/api/v1/phone-numbers') return this.listPhoneNumbers(query);
		if (method === 'GET' && path === '/v1/chat/agents') return this.listAgents(query);
		const session = /^\/api\/v1\/chat\/sessions\/([^/]+)(\/messages)?$/.exec(path);
		if (session && method === 'GET')
			return this.getSession(decodeURIComponent(session[1]), Boolean(session[2]), query);
		const start = /^\/api\/v1\/phone-numbers\/([^/]+)\/calls\/start$/.exec(path);
		if (start && method === 'POST') {
			if (!scopes.includes('write')) {
				throw envelope(403, 'UNAUTHORIZED', 'This key does not have the calls:write scope');
			}
			return this.startCall(decodeURIComponent(start[1]), body);
		}
		throw envelope(404, 'GENERIC_ERROR', `No route ${method} ${path}`);
	}

	/** The page and size this server really uses, after its paging quirks. */
	private paging(
		query: Record<string, string>,
		sizeName: 'size' | 'limit',
		max: number,
		fallback: number,
	) {
		const asked = pageParams(query, sizeName, max, fallback);
		return {
			page: this.config.ignoresPage ? 1 : asked.page,
			size: Math.min(asked.size, this.config.maxPageSize ?? asked.size),
		};
	}

	private listPhoneNumbers(query: Record<string, string>): unknown {
		const { page, size } = this.paging(query, 'size', 100, 10);
		let numbers = this.phoneNumbers;
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
		if (this.config.phoneNumberShape === 'docs') {
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

	private listAgents(query: Record<string, string>): unknown {
		const { page, size } = this.paging(query, 'limit', 100, 10);
		let agents = this.agents;
		// The gateway's bare-array answer is not documented to honour search or isActive: it ignores both here.
		const bare = this.config.agentShape === 'bare';
		if (query.search !== undefined && !bare) {
			if (query.search.trim().length < 3) {
				throw envelope(400, 'GENERIC_ERROR', 'search needs at least 3 characters');
			}
			const needle = query.search.toLowerCase();
			agents = agents.filter((a) => a.fullName.toLowerCase().includes(needle));
		}
		if (query.isActive === 'true' && !bare) agents = agents.filter((a) => a.isActive);
		const slice = agents.slice((page - 1) * size, page * size);
		if (this.config.agentShape === 'bare') return slice;
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

	private startCall(phoneNumberId: string, body: unknown): unknown {
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

		const number = this.phoneNumbers.find((n) => n.id === phoneNumberId);
		if (!number) throw envelope(404, 'GENERIC_ERROR', `Phone number ${phoneNumberId} not found`);
		// Agntix's wording for this is not documented: the node must not depend on it.
		if (!number.is_active || !number.phone_number) {
			throw envelope(409, 'GENERIC_ERROR', 'Outbound calling is unavailable for this resource');
		}
		const agent = this.agents.find((a) => a.id === input.agent_id);
		if (!agent) throw envelope(404, 'GENERIC_ERROR', `Agent ${String(input.agent_id)} not found`);
		if (!agent.voiceEnabled) {
			throw validation([
				{ loc: ['body', 'agent_id'], msg: 'Agent is not voice-enabled', type: 'value_error' },
			]);
		}

		const call: CallRecord = {
			sessionId: randomUUID(),
			phoneNumberId,
			toPhoneNumber: input.to_phone_number as string,
			agentId: agent.id,
			ttl: input.ttl as number | undefined,
			sessionVariables: variables as Record<string, unknown> | undefined,
			startedAt: Date.now(),
			earlierCalls: this.calls.filter((c) => c.toPhoneNumber === input.to_phone_number).length,
		};
		this.calls.push(call);
		this.scheduleWebhooks(call);
		return { sessionId: call.sessionId };
	}

	private getSession(sessionId: string, messages: boolean, query: Record<string, string>): unknown {
		const call = this.calls.find((c) => c.sessionId === sessionId);
		if (!call) throw envelope(404, 'SESSION_NOT_FOUND', `Session ${sessionId} not found`);
		const { callDurationMs, messageCount } = this.config;
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

	/** Control routes for tests in another process and for `npm run dev`. */
	private control(method: string, path: string, body: unknown, res: ServerResponse): void {
		const input = (typeof body === 'object' && body !== null ? body : {}) as Record<
			string,
			unknown
		>;
		if (method === 'GET' && path === '/__sandbox/requests')
			return this.send(res, 200, this.requests, {});
		if (method === 'GET' && path === '/__sandbox/calls') return this.send(res, 200, this.calls, {});
		if (method === 'GET' && path === '/__sandbox/deliveries')
			return this.send(res, 200, this.deliveries, {});
		if (method === 'GET' && path === '/__sandbox/data') {
			return this.send(res, 200, { phoneNumbers: this.phoneNumbers, agents: this.agents }, {});
		}
		if (method === 'POST' && path === '/__sandbox/reset') {
			this.reset(input as Partial<SandboxConfig>);
			return this.send(res, 200, this.config, {});
		}
		if (method === 'POST' && path === '/__sandbox/config') {
			this.configure(input as Partial<SandboxConfig>);
			return this.send(res, 200, this.config, {});
		}
		if (method === 'POST' && path === '/__sandbox/webhooks/call-ended') {
			void this.sendCallEnded().then(
				(deliveries) => this.send(res, 200, deliveries, {}),
				(error: Error) => this.send(res, 400, { error: error.message }, {}),
			);
			return;
		}
		if (method === 'POST' && path === '/__sandbox/faults') {
			this.inject(input as unknown as Fault);
			return this.send(res, 200, { ok: true }, {});
		}
		this.send(res, 404, { error: 'unknown control route' }, {});
	}
}

export async function startSandbox(
	config: Partial<SandboxConfig> = {},
	port = 0,
): Promise<Sandbox> {
	const sandbox = new Sandbox(config);
	await sandbox.listen(port);
	return sandbox;
}
