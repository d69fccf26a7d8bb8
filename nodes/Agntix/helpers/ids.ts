const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Matches the id at the end of an Agntix dashboard URL, e.g. https://app.agntix.ai/en/agents/<id>. */
export const AGENT_URL_REGEX =
	'https?://app\\.agntix\\.ai/(?:[a-z]{2}(?:-[A-Za-z]{2})?/)?agents/([0-9a-fA-F-]{36})';

export const UUID_REGEX = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

export const EXAMPLE_UUID = '3f2b9c1e-8d4a-4c6b-9e2f-1a2b3c4d5e6f';

export function isUuid(value: unknown): value is string {
	return typeof value === 'string' && UUID.test(value.trim());
}

export function agentDashboardUrl(agentId: string): string {
	return `https://app.agntix.ai/en/agents/${agentId}`;
}
