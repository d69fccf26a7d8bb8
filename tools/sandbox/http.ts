/** HTTP as Agntix answers it: its error envelope, FastAPI's 422 details, paging parameters. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly body: unknown,
		readonly headers: Record<string, string> = {},
	) {
		super(`HTTP ${status}`);
	}
}

let requestCounter = 0;
export function requestId(): string {
	requestCounter++;
	return `req_sbx_${String(requestCounter).padStart(6, '0')}`;
}

export function envelope(status: number, code: string, message: string): HttpError {
	return new HttpError(status, { error: { code, message, requestId: requestId(), status } });
}

export function validation(detail: Array<{ loc: string[]; msg: string; type: string }>): HttpError {
	return new HttpError(422, { detail });
}

export async function readBody(req: IncomingMessage): Promise<{ raw: string; json: unknown }> {
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

export function pageParams(
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

/** A JSON answer. */
export function sendJson(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string>,
): void {
	const text = body === undefined ? '' : JSON.stringify(body);
	res.writeHead(status, { 'content-type': 'application/json', ...headers });
	res.end(text);
}
