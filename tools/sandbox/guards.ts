/** Who may call (the key or token), and how often (the organization's rate limit). */
import type { IncomingHttpHeaders } from 'node:http';

import type { SandboxConfig } from './config';
import { CREDENTIALS } from './data';
import type { Scope } from './data';
import { envelope } from './http';

/** The scopes of the request's key or token; 401 without a known one. */
export function authenticate(headers: IncomingHttpHeaders): Scope[] {
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

/**
 * Counts the request in the organization's window (`window` is the sandbox's, kept between
 * requests) and gives the X-RateLimit-* headers; over the limit, a 429 with Retry-After.
 */
export function rateLimit(
	config: SandboxConfig['rateLimit'],
	window: { start: number; count: number },
	now: number,
): Record<string, string> {
	const { limit, windowMs, headers: withHeaders = true, clockSkewMs = 0 } = config;
	if (now >= window.start + windowMs) Object.assign(window, { start: now, count: 0 });
	const resetAt = window.start + windowMs;
	const headers: Record<string, string> = withHeaders
		? {
				'X-RateLimit-Limit': String(limit),
				'X-RateLimit-Remaining': String(Math.max(0, limit - window.count - 1)),
				'X-RateLimit-Reset': String(Math.ceil((resetAt + clockSkewMs) / 1000)),
			}
		: {};
	if (window.count >= limit) {
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
	window.count++;
	return headers;
}
