import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { clock } from '../shared/clock';
import { agentLocator } from '../shared/descriptions';
import { withOutcome } from '../shared/callOutcome';
import { simplifySession } from '../shared/sessionOutput';
import { fetchAllMessages } from '../shared/transport/agntixApi';
import { searchAgents } from '../shared/listSearch';
import { CREDENTIAL_TYPE } from '../shared/transport/request';
import { handOnToPausedCall, withoutResumeUrl } from '../Agntix/pause';
import { secretKey } from '../shared/signature';
import { MISSING_SECRET, readVerifiedWebhook, webhookSecretOf } from '../shared/verifiedWebhook';
import { forget, seenBefore } from './seenEvents';

const EVENTS = ['session.created', 'session.ended'];

/** Agntix counts a delivery as failed after 15 s; the answer leaves a margin. */
const ANSWER_WITHIN_MS = 12_000;
const TRANSCRIPT_READ_LIMIT_MS = 5_000;

/**
 * The flat fields of Session → Get; for a call's end also whether the person was reached, read
 * from the transcript in the time left before Agntix needs the answer (if it is not read in
 * time, the event still runs, with outcome "unknown" and the reason).
 */
async function simplifiedEvent(
	this: IWebhookFunctions,
	event: IDataObject,
	eventType: string,
	receivedAt: number,
): Promise<IDataObject> {
	const simple = { eventType, ...simplifySession(event) };
	if (eventType !== 'session.ended') return simple;
	const left = ANSWER_WITHIN_MS - (clock.now() - receivedAt);
	const { output } = await withOutcome(simple, {
		timedOut: false,
		readMessages: () => fetchAllMessages.call(this, String(event.id)),
		limitMs: Math.max(1_000, Math.min(TRANSCRIPT_READ_LIMIT_MS, left)),
	});
	if (output.reachedUnknownReason) {
		this.logger.warn(
			`Agntix Trigger "${this.getNode().name}": ${String(output.reachedUnknownReason)}`,
		);
	}
	// The event type stays the first column, before the outcome.
	return { eventType, ...output };
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
		description:
			'Place AI phone calls with Agntix voice agents, get their outcome, and start workflows when calls start or end',
		defaults: { name: 'Agntix Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'agntixApi', required: true }],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			{
				displayName:
					"In the Agntix dashboard, open Developer → Add Endpoint, paste this node's Production URL (above, under Webhook URLs) and tick the events chosen below. Then copy the endpoint's Signing Secret (whsec_...) into the Agntix credential of this node. Requests without a valid signature are refused with 401.",
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
						description:
							'A call was placed, before anyone picked up (Agntix event session.created)',
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
							{
								name: 'Inbound',
								value: 'INBOUND',
								description: 'Calls people made to your Agntix numbers',
							},
							{ name: 'Outbound', value: 'OUTBOUND', description: 'Calls your agents made' },
						],
					},
				],
			},
			{
				displayName: 'Also Run for Paused Calls',
				name: 'runForForwarded',
				type: 'boolean',
				default: false,
				description:
					'Whether this workflow also runs for the Call Ended of a call that a Start Call paused for ("Pause the Workflow Until Agntix Reports the End"). Off: the trigger hands that event to the paused execution only, which also lets n8n resume paused calls faster.',
			},
			{
				displayName: 'Simplify',
				name: 'simplify',
				type: 'boolean',
				default: true,
				description:
					'Whether to output the same flat fields as Session → Get (outcome, whether the person was reached, state, summary, resolution, sentiment, extracted data…) instead of the event as Agntix sent it. For Call Ended this reads the transcript (one more request).',
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
				const secret = webhookSecretOf(credentials);
				if (!secret || !secretKey(secret)) {
					throw new NodeOperationError(this.getNode(), MISSING_SECRET, {
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
		const receivedAt = clock.now();
		const response = this.getResponseObject();
		const answer = (status: number, body: IDataObject): IWebhookResponseData => {
			response.status(status).json(body);
			return { noWebhookResponse: true };
		};

		const verified = await readVerifiedWebhook.call(this);
		if (!verified.ok) {
			this.logger.warn(
				`Agntix Trigger "${this.getNode().name}": refused a webhook: ${verified.reason}`,
			);
			return answer(verified.status, { error: verified.error });
		}
		const event = withoutResumeUrl(verified.event);
		const eventType = String(event.eventType ?? '');
		const dedupKeys = [`delivery:${verified.deliveryId}`];
		if (event.id && eventType) dedupKeys.push(`event:${String(event.id)}:${eventType}`);
		// Test and Production URL deliveries are remembered apart: listening for a test event
		// must not turn the production delivery of the same event into a duplicate.
		const memory = `${this.getWorkflow().id}:${this.getNode().id}:${this.getMode() === 'manual' ? 'test' : 'production'}`;
		if (seenBefore(memory, dedupKeys)) {
			return answer(200, { received: true, duplicate: true });
		}

		const handOn =
			eventType === 'session.ended' ? await handOnToPausedCall.call(this, verified) : 'none';
		if (handOn === 'failed') {
			// Not remembered and not run: Agntix's next delivery gets the whole treatment again.
			forget(memory, dedupKeys);
			return answer(503, {
				error: 'The paused execution of this call could not be reached; deliver again later',
			});
		}
		const forwarded = handOn === 'handed';
		const events = this.getNodeParameter('events', []) as string[];
		const filters = this.getNodeParameter('filters', {}) as IDataObject;
		const agentId =
			(this.getNodeParameter('filters.agentId', '', { extractValue: true }) as string) || '';
		const skip =
			(forwarded && this.getNodeParameter('runForForwarded', false) !== true) ||
			!EVENTS.includes(eventType) ||
			!events.includes(eventType) ||
			(agentId !== '' && String(event.agentId ?? '').toLowerCase() !== agentId.toLowerCase()) ||
			(typeof filters.direction === 'string' &&
				filters.direction !== '' &&
				event.direction !== filters.direction);
		if (skip)
			return answer(200, { received: true, ignored: true, ...(forwarded ? { forwarded } : {}) });

		const simplify = this.getNodeParameter('simplify', true) as boolean;
		// The delivery id is the same for every delivery of one event: Remove Duplicates can drop
		// repeats on it across processes, which the memory above (one per process) cannot.
		const json = {
			...(simplify ? await simplifiedEvent.call(this, event, eventType, receivedAt) : event),
			deliveryId: verified.deliveryId,
		};
		return { workflowData: [this.helpers.returnJsonArray([json])] };
	}
}
