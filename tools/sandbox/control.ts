/** The sandbox's control routes (/__sandbox/…), for tests in another process and for `npm run dev`. */
import type { ServerResponse } from 'node:http';

import type { Fault, SandboxConfig } from './config';
import { sendJson } from './http';

/** What the control routes use of the sandbox. */
interface Controlled {
	readonly requests: readonly unknown[];
	readonly calls: readonly unknown[];
	readonly deliveries: readonly unknown[];
	readonly phoneNumberRecords: readonly unknown[];
	readonly agentRecords: readonly unknown[];
	readonly config: SandboxConfig;
	reset(config: Partial<SandboxConfig>): void;
	configure(config: Partial<SandboxConfig>): void;
	sendCallEnded(onlyTo?: string): Promise<unknown>;
	inject(fault: Fault): void;
}

export function control(
	sandbox: Controlled,
	method: string,
	path: string,
	body: unknown,
	res: ServerResponse,
): void {
	const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
	const answer = (status: number, value: unknown) => sendJson(res, status, value, {});
	if (method === 'GET' && path === '/__sandbox/requests') return answer(200, sandbox.requests);
	if (method === 'GET' && path === '/__sandbox/calls') return answer(200, sandbox.calls);
	if (method === 'GET' && path === '/__sandbox/deliveries') return answer(200, sandbox.deliveries);
	if (method === 'GET' && path === '/__sandbox/data')
		return answer(200, { phoneNumbers: sandbox.phoneNumberRecords, agents: sandbox.agentRecords });
	if (method === 'POST' && path === '/__sandbox/reset') {
		sandbox.reset(input as Partial<SandboxConfig>);
		return answer(200, sandbox.config);
	}
	if (method === 'POST' && path === '/__sandbox/config') {
		sandbox.configure(input as Partial<SandboxConfig>);
		return answer(200, sandbox.config);
	}
	if (method === 'POST' && path === '/__sandbox/webhooks/call-ended') {
		const onlyTo = typeof input.url === 'string' ? input.url : undefined;
		void sandbox.sendCallEnded(onlyTo).then(
			(deliveries) => answer(200, deliveries),
			(error: Error) => answer(400, { error: error.message }),
		);
		return;
	}
	if (method === 'POST' && path === '/__sandbox/faults') {
		sandbox.inject(input as unknown as Fault);
		return answer(200, { ok: true });
	}
	answer(404, { error: 'unknown control route' });
}
