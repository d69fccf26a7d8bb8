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
	return { id, name, nodes, connections, settings: { executionOrder: 'v1' }, active: false, pinData: {} };
}

const manualTrigger = { id: 'n-trigger', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };

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
				parameters: { mode: 'raw', jsonOutput: JSON.stringify({ contacts: CONTACTS, campaign: 'spring-reminders' }), options: {} },
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
				parameters: { events: ['session.ended'] },
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
							{ id: 'c1', name: 'contactId', value: '={{ $json.sessionVariables.crmContactId }}', type: 'string' },
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
