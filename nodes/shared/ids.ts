/** Matches the id at the end of an Agntix dashboard URL, e.g. https://app.agntix.ai/en/agents/<id>. */
export const AGENT_URL_REGEX =
	'https?://app\\.agntix\\.ai/(?:[a-z]{2}(?:-[A-Za-z]{2})?/)?agents/([0-9a-fA-F-]{36})';

/** The one UUID pattern: a string, as the editor's regex validation takes it. */
export const UUID_REGEX =
	'^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const UUID = new RegExp(UUID_REGEX);

export const EXAMPLE_UUID = '3f2b9c1e-8d4a-4c6b-9e2f-1a2b3c4d5e6f';
/** The address of an agent's page in the Agntix dashboard, as the By URL mode takes it. */
export const AGENT_PAGE_EXAMPLE = `https://app.agntix.ai/en/agents/${EXAMPLE_UUID}`;

export function isUuid(value: unknown): value is string {
	return typeof value === 'string' && UUID.test(value.trim());
}

export function agentDashboardUrl(agentId: string): string {
	return `https://app.agntix.ai/en/agents/${agentId}`;
}
