/**
 * Which agents can take calls, checked on what Agntix answers: its bare-array answer may
 * ignore the isActive and search filters, and it searches only from 3 characters on.
 */
import type { IDataObject } from 'n8n-workflow';

/** Whether an agent matches the search, by name or description, ignoring case. */
export function agentMatchesSearch(agent: IDataObject, search: string | undefined): boolean {
	const needle = search?.trim().toLowerCase();
	if (!needle) return true;
	return [agent.fullName, agent.description].some(
		(field) => typeof field === 'string' && field.toLowerCase().includes(needle),
	);
}

/** Whether an agent is switched on. */
export function agentIsActive(agent: IDataObject): boolean {
	return agent.isActive !== false;
}
