/** Injected and random faults: what a rude server or network does to a request. */
import type { ServerResponse } from 'node:http';

import type { Fault, RecordedRequest, SandboxConfig } from './config';
import { requestId, sendJson } from './http';

/** The injected fault (used up one time) or random fault that hits this request, if any. */
export function takeFault(
	faults: Fault[],
	config: SandboxConfig,
	draw: () => number,
	method: string,
	path: string,
): Fault | undefined {
	const target = `${method} ${path}`;
	const fault = faults.find((f) => (f.times ?? 1) > 0 && (!f.match || target.includes(f.match)));
	if (fault) {
		fault.times = (fault.times ?? 1) - 1;
		return fault;
	}
	const random = config.randomFaults;
	if (!random || (random.match && !target.includes(random.match)) || draw() >= random.rate)
		return undefined;
	return random.faults[Math.floor(draw() * random.faults.length)];
}

/** Returns true when the fault answered (or killed) the request. */
export function applyFault(
	fault: Fault,
	record: RecordedRequest,
	res: ServerResponse,
	slowBodyMs: number,
): boolean {
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
			const timer = setTimeout(() => res.end('"late"}'), slowBodyMs);
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
			sendJson(
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
