/**
 * Signed webhook deliveries, as Agntix sends them through Svix. Signatures come from the
 * official `svix` library, so the package's verification is checked against the real scheme.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Webhook } from 'svix';

export type Forgery = 'none' | 'wrongSecret' | 'oldTimestamp' | 'tamperedBody' | 'unsigned';

export interface WebhookSettings {
	url: string;
	secret: string;
	/** Extra deliveries of the same message (same svix-id), as Svix's retries would send. */
	redeliveries: number;
	forgery: Forgery;
	/** "svix": svix-* headers; "webhook": the white-label webhook-* names. */
	headerStyle: 'svix' | 'webhook';
	/** Sign with an old secret too, as during a secret rotation (two v1 entries). */
	rotation: boolean;
	/**
	 * Svix sends a delivery again, same message, while the endpoint does not answer 2xx: the
	 * waits before each retry (Svix's own schedule starts at 5 s and grows to hours).
	 */
	retryDelaysMs?: number[];
}

export interface Delivery {
	/** The endpoint it was sent to. */
	url: string;
	messageId: string;
	eventType: string;
	sessionId: string;
	forgery: Forgery;
	status: number | 'failed';
	/** How long the endpoint held the request before answering. */
	heldMs: number;
}

export function newWebhookSecret(): string {
	return `whsec_${randomBytes(24).toString('base64')}`;
}

export function signedRequest(
	settings: Pick<WebhookSettings, 'secret' | 'forgery' | 'headerStyle' | 'rotation'>,
	payload: object,
	messageId = `msg_${randomUUID().replace(/-/g, '')}`,
	now = new Date(),
): { headers: Record<string, string>; body: string; messageId: string } {
	const body = JSON.stringify(payload);
	const when = settings.forgery === 'oldTimestamp' ? new Date(now.getTime() - 10 * 60_000) : now;
	const secret = settings.forgery === 'wrongSecret' ? newWebhookSecret() : settings.secret;
	let signature = new Webhook(secret).sign(messageId, when, body);
	if (settings.rotation)
		signature = `${new Webhook(newWebhookSecret()).sign(messageId, when, body)} ${signature}`;
	const sentBody =
		settings.forgery === 'tamperedBody'
			? body.replace(/"state":"(\w+)"/, '"state":"TAMPERED"')
			: body;
	const prefix = settings.headerStyle === 'webhook' ? 'webhook' : 'svix';
	const headers: Record<string, string> = {
		'content-type': 'application/json',
		[`${prefix}-id`]: messageId,
		[`${prefix}-timestamp`]: String(Math.floor(when.getTime() / 1000)),
	};
	if (settings.forgery !== 'unsigned') headers[`${prefix}-signature`] = signature;
	return { headers, body: sentBody, messageId };
}

/**
 * Posts one event (and its redeliveries) to the configured URL, retrying an answer that is
 * not 2xx as Svix does when retryDelaysMs is set; never throws.
 */
export async function deliver(
	settings: WebhookSettings,
	payload: { id: string; eventType: string },
	onFirstAnswer: (delivery: Delivery) => void = () => {},
): Promise<Delivery[]> {
	const request = signedRequest(settings, payload);
	const deliveries: Delivery[] = [];
	const post = async (): Promise<Delivery> => {
		const started = Date.now();
		let status: Delivery['status'] = 'failed';
		try {
			const response = await fetch(settings.url, {
				method: 'POST',
				headers: request.headers,
				body: request.body,
			});
			status = response.status;
			await response.text();
		} catch {
			status = 'failed';
		}
		const delivery = {
			url: settings.url,
			messageId: request.messageId,
			eventType: payload.eventType,
			sessionId: payload.id,
			forgery: settings.forgery,
			status,
		};
		return { ...delivery, heldMs: Date.now() - started };
	};
	for (let attempt = 0; attempt <= settings.redeliveries; attempt++) {
		let delivery = await post();
		deliveries.push(delivery);
		if (attempt === 0) onFirstAnswer(delivery);
		for (const delay of settings.retryDelaysMs ?? []) {
			if (typeof delivery.status === 'number' && delivery.status >= 200 && delivery.status < 300)
				break;
			await new Promise((resolve) => setTimeout(resolve, delay));
			delivery = await post();
			deliveries.push(delivery);
		}
	}
	return deliveries;
}
