/** The workflows the end-to-end suite imports, as a user would build them in the editor. */
// The id the example workflows reference, so they import and run unchanged.
export const CREDENTIAL_ID = 'agntixSandboxCred';
const credentials = { agntixApi: { id: CREDENTIAL_ID, name: 'Agntix sandbox' } };
const AGNTIX = 'n8n-nodes-agntix.agntix';

export function credentialFor(baseUrl: string, apiKey: string, webhookSecret = '') {
	return {
		id: CREDENTIAL_ID,
		name: 'Agntix sandbox',
		type: 'agntixApi',
		data: { authentication: 'apiKey', apiKey, baseUrl, webhookSecret },
	};
}

function workflow(id: string, name: string, nodes: object[], chain: string[]) {
	const connections: Record<string, unknown> = {};
	for (let i = 0; i < chain.length - 1; i++) {
		connections[chain[i]] = { main: [[{ node: chain[i + 1], type: 'main', index: 0 }]] };
	}
	return {
		id,
		name,
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
		active: false,
		pinData: {},
	};
}

const manualTrigger = {
	id: 'n-trigger',
	name: 'Start',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

export function listPhoneNumbersWorkflow() {
	return workflow(
		'agntixE2eList',
		'E2E: list phone numbers',
		[
			manualTrigger,
			{
				id: 'n-list',
				name: 'List Phone Numbers',
				type: AGNTIX,
				typeVersion: 1,
				position: [220, 0],
				parameters: { resource: 'phoneNumber', operation: 'list', returnAll: true },
				credentials,
			},
		],
		['Start', 'List Phone Numbers'],
	);
}

export const CONTACTS = [
	{ firstName: 'Ada', phone: '+1 415 555 0100', crmContactId: 'C-1' },
	{ firstName: 'Grace', phone: '(415) 555-0101', crmContactId: 'C-2' },
	{ firstName: 'Nobody', phone: 'not a number', crmContactId: 'C-3' },
	{ firstName: 'Alan', phone: '00971501234567', crmContactId: 'C-4' },
];

/** Contacts (as a sheet or CRM would give them) → one item each → Start Call mapping fields. */
export function startCallsWorkflow(phoneNumberId: string, agentId: string) {
	return workflow(
		'agntixE2eStart',
		'E2E: start calls for contacts',
		[
			manualTrigger,
			{
				id: 'n-contacts',
				name: 'Contacts',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [220, 0],
				parameters: {
					mode: 'raw',
					jsonOutput: JSON.stringify({ contacts: CONTACTS, campaign: 'spring-reminders' }),
					options: {},
				},
			},
			{
				id: 'n-split',
				name: 'One item per contact',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [440, 0],
				parameters: { fieldToSplitOut: 'contacts', options: {} },
			},
			{
				id: 'n-start',
				name: 'Start Call',
				type: AGNTIX,
				typeVersion: 1,
				position: [660, 0],
				onError: 'continueRegularOutput',
				parameters: {
					resource: 'call',
					operation: 'start',
					phoneNumberId: { __rl: true, mode: 'list', value: phoneNumberId },
					agentId: { __rl: true, mode: 'id', value: agentId },
					toPhoneNumber: '={{ $json.phone }}',
					ttl: 240,
					sessionVariables: {
						variable: [
							{ name: 'customerName', value: '={{ $json.firstName }}' },
							{ name: 'crmContactId', value: '={{ $json.crmContactId }}' },
							{ name: 'campaign', value: "={{ $('Contacts').first().json.campaign }}" },
						],
					},
					options: { defaultCountry: 'US', concurrency: 2 },
				},
				credentials,
			},
		],
		['Start', 'Contacts', 'One item per contact', 'Start Call'],
	);
}

export const TRIGGER_WEBHOOK_ID = '8d1f2c3b-4a5e-4f60-8b7c-9d0e1f2a3b4c';

/** Agntix Trigger (session.ended) → a Set node standing in for the CRM update. */
export function triggerWorkflow() {
	return workflow(
		'agntixE2eTrigger',
		'E2E: call ended → update CRM',
		[
			{
				id: 'n-trigger-agntix',
				name: 'Call ended',
				type: 'n8n-nodes-agntix.agntixTrigger',
				typeVersion: 1,
				position: [0, 0],
				webhookId: TRIGGER_WEBHOOK_ID,
				// Also for events it hands on to a paused call, so the suite sees both runs.
				parameters: { events: ['session.ended'], runForForwarded: true },
				credentials,
			},
			{
				id: 'n-crm',
				name: 'Update CRM record',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [220, 0],
				parameters: {
					assignments: {
						assignments: [
							{
								id: 'c1',
								name: 'contactId',
								value: '={{ $json.sessionVariables.crmContactId }}',
								type: 'string',
							},
							{ id: 'c2', name: 'outcome', value: '={{ $json.resolution }}', type: 'string' },
						],
					},
					options: {},
				},
			},
		],
		['Call ended', 'Update CRM record'],
	);
}

export const MCP_PATH = 'agntix-e2e-tools';
export const CALL_TOOL = 'Call a contact';

/**
 * An MCP Server Trigger exposing Start Call as an AI agent's tool (what n8n names
 * n8n-nodes-agntix.agntixTool), waiting for the end on its defaults: the credential has a
 * signing secret, so a workflow step would pause; a tool call must keep checking instead.
 */
export function callToolWorkflow(phoneNumberId: string, agentId: string) {
	return {
		id: 'agntixE2eTool',
		name: 'E2E: Start Call as an AI tool',
		nodes: [
			{
				id: 'n-mcp',
				name: 'MCP Server',
				type: '@n8n/n8n-nodes-langchain.mcpTrigger',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'agntix-e2e-mcp-hook',
				parameters: { path: MCP_PATH },
			},
			{
				id: 'n-tool',
				name: CALL_TOOL,
				type: 'n8n-nodes-agntix.agntixTool',
				typeVersion: 1,
				position: [0, 200],
				parameters: {
					toolDescription: 'Calls a contact and waits for the outcome of the call',
					resource: 'call',
					operation: 'start',
					phoneNumberId: { __rl: true, mode: 'id', value: phoneNumberId },
					agentId: { __rl: true, mode: 'id', value: agentId },
					toPhoneNumber:
						"={{ $fromAI('phone', 'The number to call, with its country code', 'string') }}",
					ttl: 60,
					waitForEnd: true,
					waitOptions: { pollInterval: 1 },
				},
				credentials,
			},
		],
		connections: {
			[CALL_TOOL]: { ai_tool: [[{ node: 'MCP Server', type: 'ai_tool', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		active: false,
		pinData: {},
	};
}

export const DEDUP_TRIGGER_WEBHOOK_ID = '5b0c7a21-8e3d-4c1f-9a6b-2d4e6f8a0c1e';

/**
 * Agntix Trigger → Remove Duplicates on the delivery id (across executions) → the CRM update:
 * how a setup with several webhook processes drops Agntix's redeliveries, which the trigger's
 * own memory (one per process) cannot see.
 */
export function dedupTriggerWorkflow() {
	const base = triggerWorkflow();
	const [trigger, crm] = base.nodes as Array<Record<string, unknown>>;
	return {
		...base,
		id: 'agntixE2eTriggerDedup',
		name: 'E2E: call ended → drop repeats → update CRM',
		nodes: [
			{ ...trigger, id: 'n-dedup-trigger', webhookId: DEDUP_TRIGGER_WEBHOOK_ID },
			{
				id: 'n-dedup',
				name: 'Drop repeated deliveries',
				type: 'n8n-nodes-base.removeDuplicates',
				typeVersion: 2,
				position: [220, 0],
				parameters: {
					operation: 'removeItemsSeenInPreviousExecutions',
					dedupeValue: '={{ $json.deliveryId }}',
					options: {},
				},
			},
			{ ...crm, id: 'n-dedup-crm', position: [440, 0] },
		],
		connections: {
			'Call ended': { main: [[{ node: 'Drop repeated deliveries', type: 'main', index: 0 }]] },
			'Drop repeated deliveries': {
				main: [[{ node: 'Update CRM record', type: 'main', index: 0 }]],
			},
		},
	};
}

/** A Set node that outputs `json` once, whatever came in. */
function fixedItems(id: string, name: string, x: number, json: object) {
	return {
		id,
		name,
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		position: [x, 0],
		executeOnce: true,
		parameters: { mode: 'raw', jsonOutput: JSON.stringify(json), options: {} },
	};
}

function splitLeads(id: string, name: string, x: number) {
	return {
		id,
		name,
		type: 'n8n-nodes-base.splitOut',
		typeVersion: 1,
		position: [x, 0],
		parameters: { fieldToSplitOut: 'leads', options: {} },
	};
}

export const EVERY_DAY = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/**
 * Call safety in a real n8n, each on its own Start Call (On Error: Continue): calling hours
 * from the number (an Australian mobile may be in Perth, a Sydney landline is in Sydney, with
 * hours open in Sydney only), Allowed Countries set by an expression as text, and outcomes an
 * agent's extracted data cannot replace (the sandbox's …0194), with a voicemail (…0193).
 */
export function callSafetyWorkflow(phoneNumberId: string, agentId: string) {
	const start = (id: string, name: string, x: number, parameters: object) => ({
		id,
		name,
		type: AGNTIX,
		typeVersion: 1,
		position: [x, 0],
		onError: 'continueRegularOutput',
		parameters: {
			resource: 'call',
			operation: 'start',
			phoneNumberId: { __rl: true, mode: 'list', value: phoneNumberId },
			agentId: { __rl: true, mode: 'id', value: agentId },
			toPhoneNumber: '={{ $json.phone }}',
			ttl: 60,
			...parameters,
		},
		credentials,
	});
	return workflow(
		'agntixE2eCallSafety',
		'E2E: call safety',
		[
			manualTrigger,
			fixedItems('n-au', 'Australian leads', 220, {
				leads: [{ phone: '+61 412 345 678' }, { phone: '+61 2 9200 0000' }],
			}),
			splitLeads('n-au-split', 'One per Australian lead', 440),
			start('n-au-call', 'Within hours by number', 660, {
				callingHours: 'set',
				callingDays: EVERY_DAY,
				callingFrom:
					"={{ $now.setZone('Australia/Sydney').minus({ hours: 1 }).toFormat('HH:mm') }}",
				callingTo: "={{ $now.setZone('Australia/Sydney').plus({ hours: 2 }).toFormat('HH:mm') }}",
				contactTimeZone: 'number',
				options: { concurrency: 1 },
			}),
			fixedItems('n-abroad', 'Leads at home and abroad', 880, {
				leads: [
					{ phone: '+1 415 555 0102' },
					{ phone: '+1 613 555 0100' },
					{ phone: '+44 20 7946 0958' },
				],
			}),
			splitLeads('n-abroad-split', 'One per lead', 1100),
			start('n-allowed', 'Allowed Countries as text', 1320, {
				options: { allowedCountries: '={{ " us ; ca " }}', concurrency: 1 },
			}),
			fixedItems('n-spoof', 'Leads of a chatty agent', 1540, {
				leads: [{ phone: '+1 415 555 0194' }, { phone: '+1 415 555 0193' }],
			}),
			splitLeads('n-spoof-split', 'One per chatty lead', 1760),
			start('n-spoof-call', 'Outcome as computed', 1980, {
				waitForEnd: true,
				waitMode: 'poll',
				waitOptions: { pollInterval: 1 },
			}),
		],
		[
			'Start',
			'Australian leads',
			'One per Australian lead',
			'Within hours by number',
			'Leads at home and abroad',
			'One per lead',
			'Allowed Countries as text',
			'Leads of a chatty agent',
			'One per chatty lead',
			'Outcome as computed',
		],
	);
}

/** One call whose hours (in UTC) close two seconds after the run starts. */
export function hoursClosingWorkflow(phoneNumberId: string, agentId: string) {
	return workflow(
		'agntixE2eHoursClosing',
		'E2E: calling hours that close while a call waits',
		[
			manualTrigger,
			fixedItems('n-lead', 'Lead', 220, { phone: '+1 415 555 0100' }),
			{
				id: 'n-call',
				name: 'Start Call',
				type: AGNTIX,
				typeVersion: 1,
				position: [440, 0],
				onError: 'continueRegularOutput',
				parameters: {
					resource: 'call',
					operation: 'start',
					phoneNumberId: { __rl: true, mode: 'list', value: phoneNumberId },
					agentId: { __rl: true, mode: 'id', value: agentId },
					toPhoneNumber: '={{ $json.phone }}',
					ttl: 60,
					callingHours: 'set',
					callingDays: EVERY_DAY,
					callingFrom: "={{ $now.toUTC().minus({ hours: 1 }).toFormat('HH:mm:ss') }}",
					callingTo: "={{ $now.toUTC().plus({ seconds: 2 }).toFormat('HH:mm:ss') }}",
					contactTimeZone: 'given',
					timeZone: 'UTC',
				},
				credentials,
			},
		],
		['Start', 'Lead', 'Start Call'],
	);
}
