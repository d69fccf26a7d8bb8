/**
 * Reading a webhook request from Agntix (through Svix) and checking its signature with the
 * credential's signing secret: what the Agntix Trigger and a paused Start Call both accept.
 */
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { verifySignature } from './signature';
import { CREDENTIAL_TYPE } from './transport/request';

export type VerifiedWebhook =
	| {
			ok: true;
			event: IDataObject;
			deliveryId: string;
			rawBody: Buffer;
			headers: Record<string, string>;
	  }
	| { ok: false; status: number; error: string; /** For the log. */ reason: string };

export function webhookSecretOf(credentials: IDataObject): string {
	return typeof credentials.webhookSecret === 'string' ? credentials.webhookSecret.trim() : '';
}

export const MISSING_SECRET = 'Add the webhook signing secret to the Agntix credential';

/** The signature headers as they came, to hand the request on unchanged. */
function signatureHeaders(headers: IDataObject): Record<string, string> {
	const kept: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (/^(svix|webhook)-(id|timestamp|signature)$/i.test(name) && typeof value === 'string')
			kept[name.toLowerCase()] = value;
	}
	return kept;
}

export async function readVerifiedWebhook(this: IWebhookFunctions): Promise<VerifiedWebhook> {
	const request = this.getRequestObject() as ReturnType<IWebhookFunctions['getRequestObject']> & {
		rawBody?: Buffer;
		readRawBody?: () => Promise<void>;
	};
	const secret = webhookSecretOf(await this.getCredentials(CREDENTIAL_TYPE));
	if (!secret) {
		return {
			ok: false,
			status: 500,
			error: `${MISSING_SECRET}: webhooks cannot be verified without it`,
			reason: 'no signing secret in the credential',
		};
	}
	if (!request.rawBody && request.readRawBody) await request.readRawBody();
	const rawBody = request.rawBody ?? Buffer.from(JSON.stringify(request.body ?? {}));
	const verification = verifySignature(request.headers as Record<string, string>, rawBody, secret);
	if (!verification.ok) {
		return {
			ok: false,
			status: 401,
			error: `Signature verification failed: ${verification.reason}`,
			reason: verification.reason,
		};
	}
	return {
		ok: true,
		event: (this.getBodyData() ?? {}) as IDataObject,
		deliveryId: verification.id,
		rawBody,
		headers: signatureHeaders(request.headers as IDataObject),
	};
}
