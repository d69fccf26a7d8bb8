/**
 * A local fake of the Agntix API, for what the package uses, following Agntix's public API
 * reference (docs.agntix.ai) and its OpenAPI spec: where the two disagree it serves both
 * shapes; where they promise nothing (redirects, paging, a web page at the Base URL) it can
 * be as rude as a real server may be.
 * Tests start it in-process; `npm run sandbox` and `npm run dev` run it on a fixed port.
 * It records every request, and knobs change latency, shapes, rate limits and faults.
 *
 * Here: the server and its state. The API's routes are in api.ts, the control routes in
 * control.ts, who may call and how often in guards.ts, faults in faults.ts, the calls'
 * webhooks in callEvents.ts, and what a session looks like as time passes in sessions.ts.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { route } from './api';
import { control } from './control';
import { CallEvents } from './callEvents';
import { DEFAULT_CONFIG, seededRandom } from './config';
import type { Fault, RecordedRequest, SandboxConfig } from './config';
import { makeAgents, makePhoneNumbers } from './data';
import type { AgentRecord, PhoneNumberRecord } from './data';
import { applyFault, takeFault } from './faults';
import { authenticate, rateLimit } from './guards';
import { HttpError, readBody, sendJson } from './http';
import { RECORDINGS_PATH } from './sessions';
import type { CallRecord } from './sessions';
import type { Delivery } from './webhooks';

const DASHBOARD_PAGE =
	'<!doctype html><html><head><title>Agntix</title></head><body><div id="root"></div></body></html>';
/** What a sandbox call's recordingUrl opens: on Agntix, the call's recording in its dashboard. */
const RECORDING_PAGE =
	'<!doctype html><html><head><title>Agntix sandbox: no recording</title></head><body><p>This call was placed with the local Agntix sandbox: nobody was dialled, so there is no recording. With Agntix, <code>recordingUrl</code> opens the recording of the call in the Agntix dashboard.</p></body></html>';

export class Sandbox {
	readonly requests: RecordedRequest[] = [];
	readonly calls: CallRecord[] = [];
	/** Every webhook delivery attempt, with the answer it got. */
	readonly deliveries: Delivery[] = [];
	config: SandboxConfig;
	private readonly events = new CallEvents(() => this.config, this.deliveries);
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
	/** The server's clock for its rate-limit window; a test may share one with the package. */
	now: () => number = Date.now;

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
		this.events.clear();
		this.requests.length = 0;
		this.calls.length = 0;
		this.deliveries.length = 0;
		this.faults = [];
		this.window = { start: 0, count: 0 };
		this.peakInFlight = 0;
		this.now = Date.now;
		this.config = { ...DEFAULT_CONFIG, ...config };
		this.seed();
	}

	/** Records a call as if it had been started through the API (for session tests). */
	addCall(
		toPhoneNumber: string,
		sessionVariables: Record<string, unknown> = {},
		startedAt = Date.now(),
	): CallRecord {
		const sessionId = randomUUID();
		const call: CallRecord = {
			sessionId,
			phoneNumberId: this.phoneNumbers[0].id,
			toPhoneNumber,
			agentId: this.agents[0].id,
			ttl: 300,
			sessionVariables,
			startedAt,
			recordingUrl: `${this.url}${RECORDINGS_PATH}${sessionId}`,
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

	/** Waits until every webhook sent so far has been answered. */
	async webhooksSettled(): Promise<void> {
		await this.events.settled();
	}

	/**
	 * Sends a signed session.ended for the latest call now (for trying the trigger by hand) to
	 * every endpoint, or only to the one at `onlyTo`; without a call yet, for one made up that
	 * ended a minute ago.
	 */
	async sendCallEnded(onlyTo?: string): Promise<Delivery[]> {
		if (this.events.endpoints.length === 0)
			throw new Error('Set a webhook first: POST /__sandbox/config {"webhook": {...}}');
		if (onlyTo !== undefined && !this.events.endpoints.some((e) => e.url === onlyTo))
			throw new Error(`No endpoint at ${onlyTo}: add it first (moreWebhooks)`);
		const call =
			this.calls.at(-1) ??
			this.addCall(
				'+14155550142',
				{ customerName: 'Ada', crmContactId: 'C-1001' },
				Date.now() - 60_000,
			);
		const before = this.deliveries.length;
		this.events.send(call, 'session.ended', Date.now(), onlyTo);
		await this.events.settled();
		return this.deliveries.slice(before);
	}

	async close(): Promise<void> {
		this.events.clear();
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) =>
			this.server ? this.server.close(() => resolve()) : resolve(),
		);
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://sandbox');
		const query = Object.fromEntries(url.searchParams.entries());
		const method = req.method ?? 'GET';
		const { json } = await readBody(req);
		const record: RecordedRequest = {
			method,
			path: url.pathname,
			query,
			headers: req.headers,
			body: json,
			receivedAt: Date.now(),
		};

		// A web app under this prefix answers 200 with a page to any path, as a dashboard does.
		if (url.pathname.startsWith('/__sandbox/dashboard')) {
			this.requests.push({ ...record, status: 200 });
			res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
			res.end(DASHBOARD_PAGE);
			return;
		}
		if (url.pathname.startsWith(RECORDINGS_PATH)) {
			res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
			res.end(RECORDING_PAGE);
			return;
		}
		if (url.pathname.startsWith('/__sandbox/')) {
			control(this, method, url.pathname, json, res);
			return;
		}

		this.requests.push(record);
		this.inFlight++;
		this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
		res.on('close', () => this.inFlight--);
		const delay = this.config.latencyMs + Math.random() * this.config.latencyJitterMs;
		if (delay > 0) await new Promise((r) => setTimeout(r, delay));

		const fault = takeFault(this.faults, this.config, this.random, method, url.pathname);
		const answeredBy = (f?: Fault) => f && applyFault(f, record, res, this.config.slowBodyMs);
		if (fault && !fault.afterProcessing && answeredBy(fault)) return;

		let status = 200;
		let body: unknown;
		let headers: Record<string, string> = {};
		try {
			const scopes = authenticate(req.headers);
			try {
				headers = rateLimit(this.config.rateLimit, this.window, this.now());
			} finally {
				record.rateWindow = this.window.start;
			}
			body = route(this.apiState(), method, url.pathname, query, json, scopes);
		} catch (error) {
			if (!(error instanceof HttpError)) throw error;
			status = error.status;
			body = error.body;
			headers = { ...headers, ...error.headers };
		}
		if (fault?.afterProcessing && answeredBy(fault)) return;
		const started = (body as { sessionId?: unknown } | undefined)?.sessionId;
		if (this.config.answerAfterCallEnded && typeof started === 'string')
			await this.events.endDelivered(started);
		record.status = status;
		sendJson(res, status, body, headers);
	}

	private apiState() {
		return {
			url: this.url,
			config: this.config,
			phoneNumbers: this.phoneNumbers,
			agents: this.agents,
			calls: this.calls,
			callStarted: (call: CallRecord) => this.events.schedule(call),
		};
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
