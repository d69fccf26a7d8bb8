import { createHash } from 'node:crypto';

/** Credentials the sandbox accepts. Not secrets: they only open this local fake. */
export const SANDBOX_API_KEY = 'pk_test_sandbox_4f7d2c9a1b8e6d3f';
export const SANDBOX_READONLY_API_KEY = 'pk_test_readonly_9c2e7a4d1f6b8e3a';
export const SANDBOX_BEARER_TOKEN =
	'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1c2VyX3NhbmRib3giLCJvcmciOiJvcmdfc2FuZGJveCJ9.c2FuZGJveC1zaWduYXR1cmU';

/** The webhook signing secret of `npm run dev`'s credential; the sandbox signs with it. */
export const SANDBOX_WEBHOOK_SECRET = `whsec_${Buffer.from('agntix-sandbox-webhook-signing-key').toString('base64')}`;

export type Scope = 'read' | 'write';

export const CREDENTIALS: Record<string, { via: 'apiKey' | 'bearer'; scopes: Scope[] }> = {
	[SANDBOX_API_KEY]: { via: 'apiKey', scopes: ['read', 'write'] },
	[SANDBOX_READONLY_API_KEY]: { via: 'apiKey', scopes: ['read'] },
	[SANDBOX_BEARER_TOKEN]: { via: 'bearer', scopes: ['read', 'write'] },
};

/** A stable UUID made from a name, so ids are the same in every run. */
export function stableUuid(name: string): string {
	const hex = createHash('sha256').update(name).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface PhoneNumberRecord {
	id: string;
	phone_number: string | null;
	label: string;
	provider_name: string;
	provider_type: 'byon' | 'leasing';
	region: string;
	area: string;
	is_active: boolean;
}

export interface AgentRecord {
	id: string;
	fullName: string;
	description: string;
	language: string;
	voiceEnabled: boolean;
	isActive: boolean;
	isPublic: boolean;
	orgId: string;
	createdAt: string;
	updatedAt: string;
}

export const ORG_ID = 'org_sandbox';

/** The regions the numbers are in, with the start of a fictional number there and its area. */
const REGIONS = [
	{ region: 'California', prefix: '+1415555', area: '415' },
	{ region: 'New York', prefix: '+1212555', area: '212' },
	{ region: 'Dubai', prefix: '+9714555', area: '4' },
	{ region: 'Bogotá', prefix: '+57601555', area: '601' },
];

export function makePhoneNumbers(count: number): PhoneNumberRecord[] {
	return Array.from({ length: count }, (_, index) => {
		const n = index + 1;
		const { region, prefix, area } = REGIONS[index % REGIONS.length];
		return {
			id: stableUuid(`phone-number-${n}`),
			// The third number is still being provisioned: the gateway returns null for it.
			phone_number: n === 3 ? null : `${prefix}${String(100 + n).padStart(4, '0')}`,
			label: n === 1 ? 'Sales line' : n === 2 ? 'Support line' : `Line ${n}`,
			provider_name: n % 2 ? 'Twilio' : 'Agntix Numbers',
			provider_type: n % 2 ? 'byon' : 'leasing',
			region,
			area,
			is_active: n !== 4,
		};
	});
}

const BASE_AGENTS: Array<
	Pick<AgentRecord, 'fullName' | 'description' | 'language' | 'voiceEnabled' | 'isActive'>
> = [
	{
		fullName: 'Appointment Reminder',
		description: 'Confirms or moves appointments',
		language: 'en',
		voiceEnabled: true,
		isActive: true,
	},
	{
		fullName: 'Sales Qualifier',
		description: 'Qualifies inbound leads',
		language: 'en',
		voiceEnabled: true,
		isActive: true,
	},
	{
		fullName: 'Website Chat Helper',
		description: 'Text chat only',
		language: 'en',
		voiceEnabled: false,
		isActive: true,
	},
	{
		fullName: 'Recepción',
		description: 'Atiende llamadas en español',
		language: 'es',
		voiceEnabled: true,
		isActive: true,
	},
	{
		fullName: 'Old Survey Caller',
		description: 'Retired',
		language: 'en',
		voiceEnabled: true,
		isActive: false,
	},
];

export function makeAgents(extraVoiceAgents: number): AgentRecord[] {
	const all = [
		...BASE_AGENTS,
		...Array.from({ length: extraVoiceAgents }, (_, index) => ({
			fullName: `Campaign Agent ${String(index + 1).padStart(3, '0')}`,
			description: 'Outbound campaign',
			language: 'en',
			voiceEnabled: true,
			isActive: true,
		})),
	];
	return all.map((agent) => ({
		...agent,
		id: stableUuid(`agent-${agent.fullName}`),
		isPublic: false,
		orgId: ORG_ID,
		createdAt: '2026-01-05T10:00:00.000Z',
		updatedAt: '2026-03-01T12:00:00.000Z',
	}));
}
