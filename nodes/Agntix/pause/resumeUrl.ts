/**
 * What binds a paused Start Call to its call's end, shared by both nodes.
 *
 * Agntix sends webhooks to one endpoint per organization, the Agntix Trigger's URL. So the
 * call is started with a session variable holding the paused execution's resume URL, which
 * Agntix echoes back in session.ended; the trigger hands the verified event on to that URL
 * when it is this n8n's own. The URL only says where to knock: the paused node resumes only
 * for the session id it started (kept in its execution), so a URL copied into another call
 * resumes nothing. The URL itself never leaves the package: it is removed from every output.
 */
import type { IDataObject } from 'n8n-workflow';

import { asObject } from '../../shared/values';

/** The session variable that carries the resume URL; reserved, users cannot set it. */
export const RESUME_URL_VARIABLE = 'n8nResumeUrl';

/** n8n's resume token, a query parameter of the resume URL on n8n 2.x. */
const TOKEN_PARAMETER = 'signature';
const PLAIN_ID = /^[A-Za-z0-9_-]{1,64}$/;
const PLAIN_TOKEN = /^[A-Za-z0-9_-]{1,256}$/;

/** The resume URL an event carries back, if any. */
export function resumeUrlOf(event: IDataObject): string | undefined {
	const url = asObject(asObject(event.metadata)?.sessionVariables)?.[RESUME_URL_VARIABLE];
	return typeof url === 'string' && url ? url : undefined;
}

/**
 * The URL to hand an event on to, rebuilt from its parts, when `url` is exactly one of this
 * n8n's resume URLs: `waitingBase` (n8n's own, e.g. http://host:5678/webhook-waiting, which
 * N8N_ENDPOINT_WEBHOOK_WAIT can change) followed by one plain execution id and, on n8n 2.x,
 * its token. Anything else (another origin, a longer path, user:password, percent-encoding,
 * other query parameters) gives undefined.
 */
export function handOnTarget(url: string, waitingBase: string): string | undefined {
	if (/[%\\\s]/.test(url)) return undefined;
	let target: URL;
	let base: URL;
	try {
		target = new URL(url);
		base = new URL(waitingBase);
	} catch {
		return undefined;
	}
	if (
		target.origin !== base.origin ||
		target.username !== '' ||
		target.password !== '' ||
		target.hash !== ''
	)
		return undefined;
	const basePath = base.pathname.replace(/\/+$/, '');
	if (!target.pathname.startsWith(`${basePath}/`)) return undefined;
	const executionId = target.pathname.slice(basePath.length + 1);
	if (!PLAIN_ID.test(executionId)) return undefined;
	const parameters = [...target.searchParams.keys()];
	if (parameters.some((name) => name !== TOKEN_PARAMETER) || parameters.length > 1)
		return undefined;
	const token = target.searchParams.get(TOKEN_PARAMETER);
	if (token !== null && !PLAIN_TOKEN.test(token)) return undefined;
	return `${base.origin}${basePath}/${executionId}${token !== null ? `?${TOKEN_PARAMETER}=${token}` : ''}`;
}

function withoutVariable(variables: IDataObject | undefined): IDataObject | undefined {
	if (!variables || !(RESUME_URL_VARIABLE in variables)) return undefined;
	const { [RESUME_URL_VARIABLE]: _removed, ...kept } = variables;
	return kept;
}

/**
 * A session as Agntix sends or answers it (`metadata.sessionVariables`), or a call's output
 * (`sessionVariables`), without the resume URL: it is n8n's key to a waiting execution, and
 * anyone who can see executions would see it.
 */
export function withoutResumeUrl<T extends IDataObject>(session: T): T {
	let result: IDataObject = session;
	const metadata = asObject(session.metadata);
	const fromMetadata = withoutVariable(asObject(metadata?.sessionVariables));
	if (fromMetadata)
		result = { ...result, metadata: { ...metadata, sessionVariables: fromMetadata } };
	const fromTop = withoutVariable(asObject(session.sessionVariables));
	if (fromTop) result = { ...result, sessionVariables: fromTop };
	return result as T;
}
