import type {
	IAuthenticateRuleResponseCode,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDisplayOptions,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { cleanSecret } from '../nodes/shared/credentialShape';

/** Leading characters a pasted value may carry (the patterns below allow them). */
const BLANKS = [' ', '\t', '\n', '\r'];

/**
 * Shows a notice while `field` matches `pattern` (anchored at the start). n8n evaluates these
 * conditions every time an execution loads the credential, and runs a regex condition in a vm
 * with a 250 ms wall-clock limit that a saturated machine can exceed, failing the execution.
 * So a usual value is decided without a regex: the value must first start with one of
 * `starts` (and not with one of `unless`), and only then is the pattern tried, as a hide
 * rule that holds when it does not match.
 */
function whileMatching(
	field: string,
	pattern: string,
	{
		starts,
		unless = [],
		also = {},
	}: { starts: string[]; unless?: string[]; also?: IDisplayOptions['show'] },
): IDisplayOptions {
	return {
		show: { ...also, [field]: starts.map((start) => ({ _cnd: { startsWith: start } })) },
		hide: {
			[field]: [
				...unless.map((start) => ({ _cnd: { startsWith: start } })),
				{ _cnd: { regex: `^(?!${pattern})` } },
			],
		},
	};
}

export class AgntixApi implements ICredentialType {
	name = 'agntixApi';

	displayName = 'Agntix API';

	icon: Icon = { light: 'file:../icons/agntix.svg', dark: 'file:../icons/agntix.dark.svg' };

	documentationUrl = 'https://docs.agntix.ai';

	properties: INodeProperties[] = [
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{
					name: 'API Key (Sends X-Api-Key Header)',
					value: 'apiKey',
					description: 'An organization API key starting with pk_. Best for workflows.',
				},
				{
					name: 'Bearer Token (Sends Authorization: Bearer Header)',
					value: 'bearerToken',
					description: 'A token issued to a signed-in Agntix user (a JWT starting with eyJ)',
				},
			],
			default: 'apiKey',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'pk_live_...',
			hint: 'Starts with pk_. Create one in the Agntix dashboard. Paste only the key, without "Bearer".',
			displayOptions: { show: { authentication: ['apiKey'] } },
		},
		{
			displayName:
				'This looks like a session token (JWT), not an API key. Set Authentication to "Bearer Token", or paste an organization API key (pk_...).',
			name: 'formatNotice',
			type: 'notice',
			default: '',
			displayOptions: whileMatching('apiKey', '\\s*(?:[Bb]earer\\s+)?eyJ', {
				starts: ['eyJ', 'Bearer', 'bearer', ...BLANKS],
				also: { authentication: ['apiKey'] },
			}),
		},
		{
			displayName: 'Paste only the key itself: the "Bearer " prefix is not part of an API key',
			name: 'prefixNotice',
			type: 'notice',
			default: '',
			displayOptions: whileMatching('apiKey', '\\s*[Bb]earer\\s+pk_', {
				starts: ['Bearer', 'bearer', ...BLANKS],
				also: { authentication: ['apiKey'] },
			}),
		},
		{
			displayName: 'Bearer Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			placeholder: 'eyJhbGciOi...',
			displayOptions: { show: { authentication: ['bearerToken'] } },
		},
		{
			displayName:
				'This looks like an organization API key (pk_...). Set Authentication to "API Key" so it is sent in the x-api-key header.',
			name: 'methodNotice',
			type: 'notice',
			default: '',
			displayOptions: whileMatching('token', '\\s*(?:[Bb]earer\\s+)?pk_', {
				starts: ['pk_', 'Bearer', 'bearer', ...BLANKS],
				also: { authentication: ['bearerToken'] },
			}),
		},
		{
			displayName: 'Webhook Signing Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: 'whsec_...',
			hint: 'Only for the Agntix Trigger: in the Agntix dashboard, Developer → your endpoint → Signing Secret',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.agntix.ai',
			hint: 'Change only for a regional or self-hosted Agntix gateway, e.g. https://api.eu.example.com',
		},
		{
			displayName:
				'This Base URL starts with http://, so the key would travel unencrypted. Use https:// unless the gateway runs on this machine.',
			name: 'insecureNotice',
			type: 'notice',
			default: '',
			// Plain http to anything but this machine (localhost, 127.x, [::1]).
			displayOptions: whileMatching(
				'baseUrl',
				'\\s*[Hh][Tt][Tt][Pp]://(?!(?:localhost|127\\.[0-9.]+|\\[::1\\])(?::[0-9]+)?(?:/|$))',
				{ starts: ['h', 'H', ...BLANKS], unless: ['https://'] },
			),
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const headers = { ...(requestOptions.headers ?? {}) };
		if (credentials.authentication === 'bearerToken') {
			headers.Authorization = `Bearer ${cleanSecret(credentials.token)}`;
		} else {
			headers['x-api-key'] = cleanSecret(credentials.apiKey);
		}
		return { ...requestOptions, headers };
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ ($credentials.baseUrl || "https://api.agntix.ai").trim().replace(/\\/+$/, "") }}',
			url: '/api/v1/phone-numbers',
			qs: { page: 1, size: 1 },
			// A redirect would carry the key to wherever it points.
			disableFollowRedirect: true,
		},
		// n8n's type allows one kind of rule per list; its credential tester (1.x and 2.x) reads
		// each rule by its own type, so both kinds go in one list.
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Agntix did not accept this key. Check it, and that Authentication matches it: keys starting with pk_ use "API Key", tokens starting with eyJ use "Bearer Token".',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'The key was accepted but may not read phone numbers. Use a key with access to phone numbers and calls.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'No Agntix API at this Base URL. Leave it at https://api.agntix.ai unless Agntix gave you another one.',
				},
			},
			{
				// A web page (e.g. the dashboard) answers 200 to any path, without Agntix's list.
				type: 'responseSuccessBody',
				properties: {
					key: 'items',
					value: undefined,
					message:
						'This Base URL answered, but not like the Agntix API (no list of phone numbers): it may be a web page such as the dashboard. Use https://api.agntix.ai unless Agntix gave you another address.',
				},
			},
		] as unknown as IAuthenticateRuleResponseCode[],
	};
}
