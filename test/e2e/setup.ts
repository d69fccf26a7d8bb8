/**
 * What every end-to-end file shares: the n8n versions, the example workflows and their
 * variants, the one webhook settings object, and setting up a sandbox with one n8n (its own
 * user folder, the packed package, the credential and the workflows) for a file to run alone.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { SANDBOX_API_KEY } from '../../tools/sandbox/data';
import { newWebhookSecret } from '../../tools/sandbox/webhooks';
import type { WebhookSettings } from '../../tools/sandbox/webhooks';
import { startSandbox } from '../../tools/sandbox/server';
import type { Sandbox } from '../../tools/sandbox/server';
import { N8N_VERSIONS, N8n, ROOT } from '../../tools/n8n/n8nProcess';
import { startPostgres } from '../../tools/n8n/services';
import type { Service } from '../../tools/n8n/services';
import type { ExecuteResult } from '../../tools/n8n/n8nProcess';
import {
	callToolWorkflow,
	credentialFor,
	dedupTriggerWorkflow,
	EVERY_DAY,
	listPhoneNumbersWorkflow,
	startCallsWorkflow,
	callSafetyWorkflow,
	hoursClosingWorkflow,
	triggerWorkflow,
	TRIGGER_WEBHOOK_ID,
} from './workflows';

export const VERSIONS = process.env.E2E_N8N_VERSIONS
	? process.env.E2E_N8N_VERSIONS.split(',')
	: N8N_VERSIONS.e2e;
export const TYPE = 'n8n-nodes-agntix.agntix';
export const WEBHOOK_SECRET = newWebhookSecret();

export interface Example {
	file: string;
	id: string;
	name: string;
	nodes: Array<{ name: string; type: string; parameters: Record<string, unknown> }>;
}

export const EXAMPLES: Example[] = readdirSync(join(ROOT, 'examples'))
	.filter((file) => file.endsWith('.json'))
	.map((file) => ({ file, ...JSON.parse(readFileSync(join(ROOT, 'examples', file), 'utf8')) }));
export const isWebhookExample = (example: Example) =>
	example.nodes.some((n) => n.type === 'n8n-nodes-base.webhook');
const webhookPathOf = (example: Example) =>
	String(example.nodes.find((n) => n.type === 'n8n-nodes-base.webhook')!.parameters.path);
export const WEBHOOK_EXAMPLE = EXAMPLES.find((e) => e.file === 'crm-webhook-starts-a-call.json')!;
export const WEBHOOK_PATH = webhookPathOf(WEBHOOK_EXAMPLE);
/** CRM webhook → Start Call that pauses until the call ends → the outcome. */
export const PAUSE_EXAMPLE = EXAMPLES.find(
	(e) => e.file === 'crm-lead-call-pause-until-it-ends.json',
)!;
export const PAUSE_PATH = webhookPathOf(PAUSE_EXAMPLE);
export const PAUSE_NODE = 'Call and pause until it ends';
/** A copy of the pause example with its own id, webhook path and Wait Options. */
function pauseVariant(id: string, path: string, name: string, waitOptions: object): Example {
	const variant = JSON.parse(
		JSON.stringify(PAUSE_EXAMPLE)
			.replaceAll(PAUSE_PATH, path)
			.replace('"waitOptions":{}', `"waitOptions":${JSON.stringify(waitOptions)}`),
	) as Example;
	for (const node of variant.nodes as Array<{ webhookId?: string }>)
		if (node.webhookId) node.webhookId = `${path}-hook`;
	return { ...variant, id, name };
}
/** The pause example with a 5-second Max Wait, for the deadline. */
export const PAUSE_DEADLINE = pauseVariant(
	'agntixE2ePauseDeadline',
	'agntix-e2e-pause-deadline',
	'E2E: pause until a 5-second deadline',
	{ maxWait: 5 },
);
/** The pause example reading the transcript when it resumes (a read that can fail). */
export const PAUSE_TRANSCRIPT = pauseVariant(
	'agntixE2ePauseTranscript',
	'agntix-e2e-pause-transcript',
	'E2E: pause, then read the transcript',
	{
		includeTranscript: true,
	},
);
/**
 * Wait for Calling Hours' parameters for short test times: every day, in UTC, from the
 * `hoursFrom` and `hoursTo` fields of `source` (an expression for the lead).
 */
const hoursInUtcFrom = (source: string) => ({
	callingDays: EVERY_DAY,
	callingFrom: `={{ ${source}.hoursFrom }}`,
	callingTo: `={{ ${source}.hoursTo }}`,
	contactTimeZone: 'given',
	timeZone: 'UTC',
});

/** CRM lead → Wait for Calling Hours → Start Call (pause) → Switch on the outcome → try again. */
export const RETRY_EXAMPLE = EXAMPLES.find(
	(e) => e.file === 'crm-lead-call-within-hours-and-retry.json',
)!;
export const RETRY_PATH = 'agntix-e2e-retry';
/**
 * The retry example with short times: the calling hours come with the lead (`hoursFrom`,
 * `hoursTo`, in UTC, every day), and the wait before another attempt is one second.
 */
export const RETRY_FAST: Example = (() => {
	const variant = JSON.parse(
		JSON.stringify(RETRY_EXAMPLE).replaceAll('agntix-crm-lead-retry', RETRY_PATH),
	) as Example & { nodes: Array<{ webhookId?: string }> };
	for (const node of variant.nodes) {
		if (node.webhookId) node.webhookId = `${RETRY_PATH}-${node.name.replace(/\W+/g, '-')}`;
		if (node.name === 'Wait 2 hours')
			Object.assign(node.parameters, { amount: 1, unit: 'seconds' });
		if (node.name === 'Wait for calling hours')
			Object.assign(node.parameters, hoursInUtcFrom("$('CRM: new lead').first().json.body"));
	}
	return {
		...variant,
		id: 'agntixE2eRetryFast',
		name: 'E2E: calling hours and retries, short times',
	};
})();

/** A list of leads, each waiting for its hours and its call in an execution of its own. */
export const LEAD_LIST_EXAMPLE = EXAMPLES.find(
	(e) => e.file === 'call-a-list-of-leads-each-in-its-own-execution.json',
)!;
/** When the second lead's calling hours open, in seconds after its list is run. */
export const LEAD_LIST_OPENS_IN = 45;
/**
 * The lead list example with the hours on each lead (in UTC, every day): Ada (reached) and
 * Alan (nobody answers) may be called at once; Grace's hours open `LEAD_LIST_OPENS_IN`
 * seconds after the list is run.
 */
export const LEAD_LIST_FAST: Example = (() => {
	const variant = JSON.parse(JSON.stringify(LEAD_LIST_EXAMPLE)) as Example;
	const clock = (seconds: number) =>
		`{{ $now.toUTC().plus({ seconds: ${seconds} }).toFormat('HH:mm:ss') }}`;
	const allDay = '"hoursFrom": "00:00", "hoursTo": "24:00"';
	for (const node of variant.nodes) {
		if (node.name === 'Leads') {
			node.parameters.jsonOutput = `={ "leads": [
  { "name": "Ada", "phone": "+1 415 555 0100", "crmContactId": "C-2001", ${allDay} },
  { "name": "Grace", "phone": "+1 415 555 0142", "crmContactId": "C-2002", "hoursFrom": "${clock(LEAD_LIST_OPENS_IN)}", "hoursTo": "${clock(LEAD_LIST_OPENS_IN + 3600)}" },
  { "name": "Alan", "phone": "+1 415 555 0196", "crmContactId": "C-2003", ${allDay} }
] }`;
		}
		if (node.name === 'Wait for calling hours')
			Object.assign(node.parameters, hoursInUtcFrom('$json'));
	}
	return { ...variant, id: 'agntixE2eLeadList', name: 'E2E: a list of leads, short hours' };
})();

/**
 * The CRM webhook example answering the CRM as soon as the lead arrives (as most CRMs want),
 * for bursts: nothing waits on n8n's answer path, and each execution is counted when it ends.
 */
export const BURST_PATH = 'agntix-e2e-burst';
export const BURST_EXAMPLE: Example = (() => {
	const variant = JSON.parse(
		JSON.stringify(WEBHOOK_EXAMPLE)
			.replaceAll(WEBHOOK_PATH, BURST_PATH)
			.replace('"responseMode":"lastNode"', '"responseMode":"onReceived"'),
	) as Example & { nodes: Array<{ webhookId?: string }> };
	for (const node of variant.nodes) if (node.webhookId) node.webhookId = `${BURST_PATH}-hook`;
	return { ...variant, id: 'agntixE2eBurst', name: 'E2E: a CRM lead, answered at once' };
})();

/** Traces of a resume URL: n8n's waiting path, or its token. */
export const RESUME_URL_TRACE = /webhook-waiting\/|[?&]signature=/;

/** Names what broke: the workflow, the node, its error, and the last requests the sandbox saw. */
export function explain(what: string, result: ExecuteResult, sandbox: Sandbox): string {
	const nodeErrors = Object.entries(result.runData)
		.filter(([, runs]) => runs[0]?.error)
		.map(
			([node, runs]) =>
				`  node "${node}": ${runs[0].error?.message} ${runs[0].error?.description ?? ''}`,
		);
	const requests = sandbox.requests
		.slice(-5)
		.map((r) => `  ${r.method} ${r.path} → ${r.status ?? r.fault}`);
	return [
		`${what}: status ${result.status}, last node "${result.lastNodeExecuted}"`,
		result.error
			? `  workflow error: ${result.error.message} (node "${result.error.node?.name}")`
			: '',
		...nodeErrors,
		'  last sandbox requests:',
		...requests,
	]
		.filter(Boolean)
		.join('\n');
}

export function expectRun(what: string, result: ExecuteResult, sandbox: Sandbox): void {
	if (result.status !== 'success') throw new Error(explain(what, result, sandbox));
}

/** Agntix's webhooks, signed with the credential's secret, as the sandbox sends them by default. */
export function signedWebhooks(url: string, extra: Partial<WebhookSettings> = {}): WebhookSettings {
	return {
		url,
		secret: WEBHOOK_SECRET,
		redeliveries: 0,
		forgery: 'none',
		headerStyle: 'svix',
		rotation: false,
		...extra,
	};
}

/** The Production URL of the e2e trigger workflow (agntixE2eTrigger). */
export const triggerUrl = (n8n: N8n, webhookId = TRIGGER_WEBHOOK_ID) =>
	`${n8n.url}/webhook/${webhookId}/webhook`;

interface E2e {
	sandbox: Sandbox;
	n8n: N8n;
	/** Records how long the phase since the last lap took; printed when the file ends. */
	lap(name: string): void;
}

/**
 * Registers the file's setup and teardown for one n8n version: a sandbox, an n8n user folder
 * with the packed package, the credential, every e2e workflow imported and `activate`d, and
 * `n8n start` unless `start` is false. With `postgres`, n8n's database is a PostgreSQL of its
 * own (tools/n8n/services.ts) instead of SQLite. The returned object is filled before the
 * first test.
 */
export function useN8n(
	version: string,
	{
		activate = [],
		start = true,
		postgres = false,
	}: { activate?: string[]; start?: boolean; postgres?: boolean } = {},
): E2e {
	let database: Service | undefined;
	const timings: string[] = [];
	let phase = Date.now();
	const e2e = {
		lap(name: string) {
			timings.push(`${name} ${((Date.now() - phase) / 1000).toFixed(1)} s`);
			phase = Date.now();
		},
	} as E2e;

	beforeAll(async () => {
		phase = Date.now();
		e2e.sandbox = await startSandbox({ callDurationMs: 1000 });
		e2e.n8n = new N8n(version);
		if (postgres) {
			database = await startPostgres();
			e2e.n8n.database = database.env;
			e2e.lap('start PostgreSQL');
		}
		e2e.n8n.stagePackage();
		e2e.lap('stage package');
		await e2e.n8n.importCredential(credentialFor(e2e.sandbox.url, SANDBOX_API_KEY, WEBHOOK_SECRET));
		const number = e2e.sandbox.phoneNumberRecords[0];
		const agent = e2e.sandbox.agentRecords[0];
		await e2e.n8n.importWorkflows([
			listPhoneNumbersWorkflow(),
			startCallsWorkflow(number.id, agent.id),
			callSafetyWorkflow(number.id, agent.id),
			hoursClosingWorkflow(number.id, agent.id),
			triggerWorkflow(),
			callToolWorkflow(number.id, agent.id),
			dedupTriggerWorkflow(),
			...EXAMPLES,
			PAUSE_DEADLINE,
			PAUSE_TRANSCRIPT,
			RETRY_FAST,
			BURST_EXAMPLE,
			LEAD_LIST_FAST,
		]);
		// Activation from the CLI takes effect when n8n starts.
		for (const id of activate) await e2e.n8n.activateWorkflow(id);
		e2e.lap('import credential and workflows');
		if (start) {
			await e2e.n8n.start();
			e2e.lap('start');
		}
	});

	afterAll(async () => {
		await e2e.n8n?.stopAll();
		await database?.stop();
		await e2e.sandbox?.close();
		console.log(`n8n ${version} timings: ${timings.join(', ')}`);
	});

	beforeEach(() => e2e.sandbox.reset({ callDurationMs: 1000 }));
	return e2e;
}
