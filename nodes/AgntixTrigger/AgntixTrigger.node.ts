import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { agentLocator } from '../shared/descriptions';
import { simplifySession } from '../shared/sessionOutput';
import { searchAgents } from '../shared/listSearch';
import { CREDENTIAL_TYPE } from '../shared/transport/request';
import { seenBefore } from './seenEvents';
import { secretKey, verifySignature } from './signature';

const EVENTS = ['session.created', 'session.ended'];

function readSecret(credentials: IDataObject): string {
	return typeof credentials.webhookSecret === 'string' ? credentials.webhookSecret.trim() : '';
}

function missingSecretMessage(): string {
	return 'Add the webhook signing secret to the Agntix credential';
}

export class AgntixTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Agntix Trigger',
		name: 'agntixTrigger',
		icon: { light: 'file:../../icons/agntix.svg', dark: 'file:../../icons/agntix.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle:
			'={{ ($parameter["events"] || []).map((e) => ({ "session.ended": "Call Ended", "session.created": "Call Started" })[e] || e).join(", ") }}',
		description: 'Starts the workflow when an Agntix call starts or ends',
		defaults: { name: 'Agntix Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'agntixApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName:
					'In the Agntix dashboard, open Developer → Add Endpoint, paste this node\'s Production URL (above, under Webhook URLs) and tick the events chosen below. Then copy the endpoint\'s Signing Secret (whsec_...) into the Agntix credential of this node. Requests without a valid signature are refused with 401.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['session.ended'],
				options: [
					{
						name: 'Call Ended',
						value: 'session.ended',
						description:
							'A call is over; the event carries its summary, resolution, sentiment and extracted data (Agntix event session.ended)',
					},
					{
						name: 'Call Started',
						value: 'session.created',
						description: 'A call was placed, before anyone picked up (Agntix event session.created)',
					},
				],
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				options: [
					{
						...agentLocator,
						required: false,
						description: 'Only calls handled by this agent',
					},
					{
						displayName: 'Direction',
						name: 'direction',
						type: 'options',
						default: 'OUTBOUND',
						options: [
							{ name: 'Inbound', value: 'INBOUND', description: 'Calls people made to your Agntix numbers' },
							{ name: 'Outbound', value: 'OUTBOUND', description: 'Calls your agents made' },
						],
					},
				],
			},
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: true,
				description:
					'Whether to output the same flat fields as Session → Get (state, summary, resolution, sentiment, extracted data…) instead of the event as Agntix sent it',
			},
		],
	};

	methods = { listSearch: { searchAgents } };

	webhookMethods = {
		default: {
			// Agntix has no API to register endpoints: the user pastes the URL in its dashboard.
			// Activation only checks that the signing secret is there, and says so if not.
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const credentials = await this.getCredentials(CREDENTIAL_TYPE);
				const secret = readSecret(credentials);
				if (!secret || !secretKey(secret)) {
					throw new NodeOperationError(this.getNode(), missingSecretMessage(), {
						description:
							'The trigger only accepts webhooks it can verify. In the Agntix dashboard, open Developer, select the endpoint with this node\'s URL, copy its Signing Secret (it starts with whsec_) and paste it into "Webhook Signing Secret" in the credential.',
					});
				}
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject() as ReturnType<IWebhookFunctions['getRequestObject']> & {
			rawBody?: Buffer;
			readRawBody?: () => Promise<void>;
		};
		const response = this.getResponseObject();
		const answer = (status: number, body: IDataObject): IWebhookResponseData => {
			response.status(status).json(body);
			return { noWebhookResponse: true };
		};

		const credentials = await this.getCredentials(CREDENTIAL_TYPE);
		const secret = readSecret(credentials);
		if (!secret) {
			this.logger.warn(`Agntix Trigger "${this.getNode().name}": refused a webhook, no signing secret in the credential`);
			return answer(500, { error: `${missingSecretMessage()}: the trigger cannot verify webhooks without it` });
		}
		if (!request.rawBody && request.readRawBody) await request.readRawBody();
		const rawBody = request.rawBody ?? Buffer.from(JSON.stringify(request.body ?? {}));
		const verification = verifySignature(request.headers as Record<string, string>, rawBody, secret);
		if (!verification.ok) {
			this.logger.warn(`Agntix Trigger "${this.getNode().name}": refused a webhook: ${verification.reason}`);
			return answer(401, { error: `Signature verification failed: ${verification.reason}` });
		}

		const event = (this.getBodyData() ?? {}) as IDataObject;
		const eventType = String(event.eventType ?? '');
		const dedupKeys = [`delivery:${verification.id}`];
		if (event.id && eventType) dedupKeys.push(`event:${String(event.id)}:${eventType}`);
		// Test and Production URL deliveries are remembered apart: listening for a test event
		// must not turn the production delivery of the same event into a duplicate.
		const url = this.getMode() === 'manual' ? 'test' : 'production';
		if (seenBefore(`${this.getWorkflow().id}:${this.getNode().id}:${url}`, dedupKeys)) {
			return answer(200, { received: true, duplicate: true });
		}

		const events = this.getNodeParameter('events', []) as string[];
		const filters = this.getNodeParameter('filters', {}) as IDataObject;
		const agentId = (this.getNodeParameter('filters.agentId', '', { extractValue: true }) as string) || '';
		const skip =
			!EVENTS.includes(eventType) ||
			!events.includes(eventType) ||
			(agentId !== '' && String(event.agentId ?? '').toLowerCase() !== agentId.toLowerCase()) ||
			(typeof filters.direction === 'string' && filters.direction !== '' && event.direction !== filters.direction);
		if (skip) return answer(200, { received: true, ignored: true });

		const simplify = this.getNodeParameter('simplify', true) as boolean;
		const json = simplify ? { eventType, ...simplifySession(event) } : event;
		return { workflowData: [this.helpers.returnJsonArray([json])] };
	}
}
