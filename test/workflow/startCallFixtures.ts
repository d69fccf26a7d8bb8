/** What the tests of Call → Start share: a sandbox, starting calls for contacts, the voice agent. */
import type { INodeParameters } from 'n8n-workflow';

import { sharedClockThatSkipsWaits } from '../clock';
import { runWorkflow } from '../harness/runWorkflow';
import type { RunResult } from '../harness/runWorkflow';
import {
	agntixNode,
	apiKeyCredential,
	contactsWorkflow,
	startCallParameters,
	useSandbox,
} from '../fixtures';

/** A Tuesday noon, where the Start Call tests' shared clock starts. */
export const NOON = '2026-12-01T12:00:00.000Z';

/** The path of the call-start request. */
export const START = '/calls/start';

/** Registers a sandbox for the test file and returns the helpers bound to it. */
export function useStartCalls() {
	const sandbox = useSandbox();

	async function startCalls(
		contacts: object[],
		overrides: INodeParameters = {},
		settings: { continueOnFail?: boolean; retryOnFail?: boolean } = {},
	): Promise<RunResult> {
		const node = agntixNode(startCallParameters(sandbox, overrides), settings);
		return await runWorkflow(contactsWorkflow(contacts, node), apiKeyCredential(sandbox));
	}

	/**
	 * The package and the sandbox on one clock from Tuesday noon (NOON), where waits
	 * (Retry-After, the rate-limit window) take no real time: tests check what is waited for.
	 */
	function sharedClock() {
		const time = sharedClockThatSkipsWaits(NOON);
		sandbox.now = time.now;
		return time;
	}

	function voiceAgent() {
		return sandbox.agentRecords.find((a) => a.voiceEnabled && a.isActive)!;
	}

	return { sandbox, startCalls, sharedClock, voiceAgent };
}
