import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import * as listAgents from './actions/agent/list.operation';
import * as startCall from './actions/call/start.operation';
import * as listPhoneNumbers from './actions/phoneNumber/list.operation';
import * as getSession from './actions/session/get.operation';
import * as getTranscript from './actions/session/getTranscript.operation';
import { router } from './actions/router';
import { searchAgents, searchPhoneNumbers } from './methods/listSearch';

export class Agntix implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Agntix',
		name: 'agntix',
		icon: { light: 'file:../../icons/agntix.svg', dark: 'file:../../icons/agntix.dark.svg' },
		group: ['output'],
		version: 1,
		// The canvas shows what the node does in words, e.g. "Start a call".
		subtitle:
			'={{ ({ "call:start": "Start a call", "phoneNumber:list": "List phone numbers", "session:get": "Get a session", "session:getTranscript": "Get a transcript", "agent:list": "List agents" })[$parameter["resource"] + ":" + $parameter["operation"]] || $parameter["operation"] }}',
		description: 'Start AI phone calls with Agntix voice agents and get their results',
		defaults: { name: 'Agntix' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'agntixApi', required: true }],
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
					{ name: 'Session', value: 'session', description: 'The record of a call: its state, result and transcript' },
				],
				default: 'call',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['agent'] } },
				options: [
					{
						name: 'List',
						value: 'list',
						description: "List your organization's agents",
						action: 'List agents',
					},
				],
				default: 'list',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['call'] } },
				options: [
					{
						name: 'Start',
						value: 'start',
						description: 'Call a phone number with a voice agent',
						action: 'Start a call',
					},
				],
				default: 'start',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['phoneNumber'] } },
				options: [
					{
						name: 'List',
						value: 'list',
						description: "List your organization's phone numbers",
						action: 'List phone numbers',
					},
				],
				default: 'list',
			},
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				displayOptions: { show: { resource: ['session'] } },
				options: [
					{
						name: 'Get',
						value: 'get',
						description: 'Get the state and result of a call',
						action: 'Get a session',
					},
					{
						name: 'Get Transcript',
						value: 'getTranscript',
						description: 'Get what was said in a call',
						action: 'Get the transcript of a session',
					},
				],
				default: 'get',
			},
			...listAgents.description,
			...startCall.description,
			...listPhoneNumbers.description,
			...getSession.description,
			...getTranscript.description,
		],
	};

	methods = {
		listSearch: { searchAgents, searchPhoneNumbers },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
