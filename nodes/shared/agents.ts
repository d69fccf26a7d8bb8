/**
 * Which agents can take calls, checked on what Agntix answers: its bare-array answer may
 * ignore the isActive filter. Searching is done here, not by Agntix, so that it ignores accents.
 */
import type { IDataObject } from 'n8n-workflow';

import { anyFieldContains } from './values';

/** Whether an agent matches the search, by name or description, ignoring accents and case. */
export function agentMatchesSearch(agent: IDataObject, search: string | undefined): boolean {
	return anyFieldContains([agent.fullName, agent.description], search);
}

/** Whether an agent is switched on. */
export function agentIsActive(agent: IDataObject): boolean {
	return agent.isActive !== false;
}
