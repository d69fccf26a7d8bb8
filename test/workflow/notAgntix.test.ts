import type { INodeParameters } from 'n8n-workflow';

import { listSearch, runWorkflow } from '../harness/runWorkflow';
import {
	agntixNode,
	apiKeyCredential,
	contactsWorkflow,
	startCallParameters,
	useSandbox,
} from '../fixtures';

const sandbox = useSandbox();

/** A Base URL that points at a web app: it answers 200 with a page to any path. */
function webPageCredential() {
	const credential = apiKeyCredential(sandbox);
	credential.agntixApi.baseUrl = `${sandbox.url}/__sandbox/dashboard`;
	return credential;
}

const SESSION_ID = '3f2b9c1e-8d4a-4c6b-9e2f-1a2b3c4d5e6f';

async function run(parameters: INodeParameters) {
	const result = await runWorkflow(
		contactsWorkflow([{}], agntixNode(parameters, { onError: 'continueRegularOutput' })),
		webPageCredential(),
	);
	return result.output('Agntix')[0].json;
}

describe('a Base URL that answers 200 with a web page is not taken as Agntix', () => {
	const advice = expect.stringContaining(
		`${sandbox.url}/__sandbox/dashboard answered, but not the way the Agntix API does`,
	);

	test.each([
		[
			'Session → Get',
			{ resource: 'session', operation: 'get', sessionId: SESSION_ID },
			'get the session',
		],
		[
			'Session → Get Transcript',
			{ resource: 'session', operation: 'getTranscript', sessionId: SESSION_ID },
			'get the transcript',
		],
		[
			'Phone Number → List',
			{ resource: 'phoneNumber', operation: 'list', returnAll: true },
			'list phone numbers',
		],
		['Agent → List', { resource: 'agent', operation: 'list', returnAll: true }, 'list agents'],
	])('%s fails, naming the Base URL', async (_name, parameters, action) => {
		expect(await run(parameters as INodeParameters)).toEqual({
			error: `Could not ${action}: the Base URL does not look like the Agntix API [item 0]`,
			description: advice,
		});
	});

	test('a call start answered by a web page is not resent, and says the call may have been placed', async () => {
		expect(await run(startCallParameters(sandbox, { toPhoneNumber: '+14155550100' }))).toEqual({
			error:
				'Could not confirm the call to +14155550100: it may have been placed; not sent again (the answer did not come from the Agntix API) [item 0]',
			description: advice,
		});
		expect(sandbox.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
	});

	test('the dropdowns say so too', async () => {
		const node = agntixNode(startCallParameters(sandbox));
		await expect(listSearch(node, 'searchPhoneNumbers', webPageCredential())).rejects.toThrow(
			'Could not list phone numbers: the Base URL does not look like the Agntix API',
		);
		await expect(listSearch(node, 'searchAgents', webPageCredential())).rejects.toThrow(
			'Could not list agents: the Base URL does not look like the Agntix API',
		);
	});
});
