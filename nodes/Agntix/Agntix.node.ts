import { NodeConnectionTypes } from 'n8n-workflow';
import type {
	IExecuteFunctions,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import { resumeWhenCallEnded } from './pause';
import { RESOURCES, router } from './actions/router';
import { searchAgents, searchPhoneNumbers } from '../shared/listSearch';

export class Agntix implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Agntix',
		name: 'agntix',
		icon: { light: 'file:../../icons/agntix.svg', dark: 'file:../../icons/agntix.dark.svg' },
		group: ['output'],
		version: 1,
		// The canvas shows what the node does in words: each operation's action label. It is
		// written out because n8n's node lint (node-class-description-missing-subtitle) wants a
		// literal; a test checks that every operation's action is here.
		subtitle:
			'={{ ({ "agent:list": "List agents", "call:start": "Start a call", "call:waitForCallingHours": "Wait for calling hours", "phoneNumber:list": "List phone numbers", "session:get": "Get a session", "session:getTranscript": "Get the transcript of a session" })[$parameter["resource"] + ":" + $parameter["operation"]] || $parameter["operation"] }}',
		description: 'Start AI phone calls with Agntix voice agents and get their results',
		defaults: { name: 'Agntix' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'agntixApi', required: true }],
		// The resume webhook of Start Call's "Pause the Workflow Until Agntix Reports the End".
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: '',
				restartWebhook: true,
			},
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Agent', value: 'agent' },
					{ name: 'Call', value: 'call' },
					{ name: 'Phone Number', value: 'phoneNumber' },
					{
						name: 'Session',
						value: 'session',
						description: 'The record of a call: its state, result and transcript',
					},
				],
				default: 'call',
			},
			...Object.values(RESOURCES).flatMap((resource) => resource.description),
		],
	};

	methods = {
		listSearch: { searchAgents, searchPhoneNumbers },
	};

	/**
	 * The node's one webhook is the resume URL of a paused Start Call (a restartWebhook): nothing
	 * is registered with Agntix for it; the Agntix Trigger hands the call's end on to it.
	 */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
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

	webhook = resumeWhenCallEnded;

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
