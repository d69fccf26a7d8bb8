/**
 * How a paused Start Call learns that its call ended. Agntix sends webhooks to one endpoint
 * per organization, the Agntix Trigger's URL; so the call is started with a session variable
 * holding the paused execution's resume URL, which Agntix echoes back in session.ended, and
 * the trigger hands the verified event on to that URL when it belongs to the same n8n.
 */
import type { IDataObject } from 'n8n-workflow';

/** The session variable that carries the resume URL. */
export const RESUME_URL_VARIABLE = 'n8nResumeUrl';

/** The resume URL an event carries back, if any. */
export function resumeUrlOf(event: IDataObject): string | undefined {
	const metadata = event.metadata as IDataObject | undefined;
	const variables = metadata?.sessionVariables as IDataObject | undefined;
	const url = variables?.[RESUME_URL_VARIABLE];
	return typeof url === 'string' && url ? url : undefined;
}

/** n8n's resume URLs: /webhook-waiting/<execution id>, on the host n8n's webhooks use. */
export function isResumeUrlOf(url: string, webhookBase: string): boolean {
	try {
		const target = new URL(url);
		return target.origin === new URL(webhookBase).origin && /\/webhook-waiting\/[^/]+\/?$/.test(target.pathname);
	} catch {
		return false;
	}
}
