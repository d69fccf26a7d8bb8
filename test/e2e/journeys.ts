/**
 * What a person does in n8n's editor with this package, step by step, returning what the
 * screen shows. The end-to-end suite asserts on it; `npm run screenshots` takes the README's
 * pictures along the same steps (every shot() below).
 */
import type { Editor } from './editor';

/** Searches the panel that "Add first step" opens, then opens Agntix in it. */
export async function firstStepPanel(editor: Editor, queries: string[]) {
	await editor.newWorkflow();
	await editor.byTestId('canvas-add-button').click();
	const results: Record<string, string[]> = {};
	for (const query of queries) results[query] = await editor.searchPanel(query);
	await editor.searchPanel('Agntix');
	await editor.shot('node-panel-search');
	await editor.pickFromPanel('Agntix');
	await expandActions(editor);
	await editor.shot('node-panel-actions');
	return { results, agntix: await editor.panelText() };
}

/** An app opened in the first-step panel shows its actions folded in n8n 2.x. */
async function expandActions(editor: Editor): Promise<void> {
	const start = editor.byTestId('node-creator').getByText('Start a call', { exact: true });
	if (await start.isVisible()) return;
	await editor
		.byTestId('node-creator')
		.getByText(/^Actions \(\d+\)/)
		.first()
		.click();
	await start.waitFor();
}

export interface CallChoices {
	/** Typed into the From Number list's search. */
	numberSearch: string;
	number: string;
	agent: string;
	toPhoneNumber: string;
	variable: { name: string; value: string };
}

/**
 * A new workflow, "Start a call" added from the node panel, filled in from the dropdowns,
 * and run with "Execute step"; then Wait for Call to End turned on and, on its defaults, run
 * again: it pauses until the call's end reaches the active Agntix Trigger.
 */
export async function startCallFromPanel(editor: Editor, choices: CallChoices) {
	await editor.newWorkflow();
	await editor.byTestId('canvas-add-button').click();
	await editor.searchPanel('Agntix');
	await editor.pickFromPanel('Agntix');
	await expandActions(editor);
	await editor.byTestId('node-creator').getByText('Start a call', { exact: true }).click();
	await editor.parameter('phoneNumberId').waitFor();

	const credential = await editor
		.byTestId('node-credentials-select')
		.locator('input')
		.first()
		.inputValue();
	const numberEntries = await editor.openLocatorList('phoneNumberId', choices.numberSearch);
	await editor.shot('from-number-dropdown');
	await editor.pickLocatorEntry(choices.number);
	const agentEntries = await editor.openLocatorList('agentId');
	await editor.shot('agent-dropdown');
	await editor.pickLocatorEntry(choices.agent);
	await editor.fill('toPhoneNumber', choices.toPhoneNumber);
	await editor.byTestId('fixed-collection-add').first().click();
	await editor.fill('name', choices.variable.name);
	await editor.fill('value', choices.variable.value);
	await editor.shot('start-call-node');

	await editor.byTestId('node-execute-button').first().click();
	const output = await editor.outputTable();
	await editor.shot('execution-output');

	// Wait for Call to End on: how to wait, and what pausing needs.
	await editor.parameter('waitForEnd').locator('[role="switch"], .el-switch').first().click();
	await editor.parameter('waitMode').locator('input').first().click();
	const waitModes = await editor.settledEntries('parameter-input-item');
	await editor.page.keyboard.press('Escape');
	const waitFields = await editor.byTestId('node-parameters').innerText();
	const cutOff = await editor.cutOffTexts();
	await editor.shot('wait-options');

	// Run again on the wait's defaults: the execution pauses until Agntix reports the end.
	await editor.byTestId('node-execute-button').first().click();
	const panel = editor.byTestId('output-panel');
	await panel.getByText('Waiting for input').waitFor();
	const whileWaiting = await panel.innerText();
	await editor.shot('paused-call-waiting');
	await panel.locator('table thead th').getByText('state', { exact: true }).waitFor();
	const outcome = await editor.outputTable();
	await editor.shot('paused-call-outcome');
	await editor.closeNode();
	return {
		credential,
		numberEntries,
		agentEntries,
		output,
		waitModes,
		waitFields,
		cutOff,
		whileWaiting,
		outcome,
	};
}

/**
 * A workflow opened, then from one of its nodes: "What happens next?" (its + handle) searched
 * for each query, Agntix's entry read and opened (are its actions shown?), then an AI Agent
 * added and its Tool slot's panel searched for Agntix.
 */
export async function nextStepAndToolPanels(
	editor: Editor,
	workflowId: string,
	fromNode: string,
	queries: string[],
) {
	await editor.openWorkflow(workflowId);
	const openNextStep = async () => {
		await editor.node(fromNode).hover();
		await editor.page
			.locator(
				`[data-test-id="canvas-node-output-handle"][data-node-name="${fromNode}"] [data-test-id="canvas-handle-plus"]`,
			)
			.click();
	};
	await openNextStep();
	const next: Record<string, string[]> = {};
	for (const query of queries) next[query] = await editor.searchPanel(query);

	await editor.searchPanel('Agntix');
	const description = await editor.panelEntryDescription('Agntix');
	await editor.pickFromPanel('Agntix');
	const creator = editor.byTestId('node-creator');
	await creator
		.getByText(/^Actions \(\d+\)/)
		.first()
		.waitFor();
	const actionsShown = await creator.getByText('Start a call', { exact: true }).isVisible();
	await editor.shot('next-step-agntix');
	await editor.page.keyboard.press('Escape');
	await creator.waitFor({ state: 'hidden' });

	await openNextStep();
	await editor.searchPanel('AI Agent');
	await editor.pickFromPanel('AI Agent');
	if (await editor.byTestId('ndv').isVisible()) await editor.closeNode();
	await editor.page
		.locator(
			'[data-test-id="canvas-node-input-handle"][data-connection-type="ai_tool"] [data-test-id="canvas-handle-plus"]',
		)
		.first()
		.click();
	const tools = await editor.searchPanel('Agntix');
	await editor.shot('ai-agent-tools');
	await editor.page.keyboard.press('Escape');
	return { next, description, actionsShown, tools };
}

/**
 * The trigger added from the node panel: its events, then its panel (notice, URLs, events),
 * then "Execute step" listening for a test event, which `sendTestEvent` sends to the Test URL.
 */
export async function triggerFromPanel(
	editor: Editor,
	event: string,
	sendTestEvent: (testUrl: string) => Promise<void>,
) {
	await editor.newWorkflow();
	await editor.byTestId('canvas-add-button').click();
	await editor.searchPanel('Agntix');
	await editor.pickFromPanel('Agntix');
	const panel = await editor.panelText();
	await editor.byTestId('node-creator').getByText(event, { exact: true }).click();
	await editor.parameter('events').waitFor();
	const parametersPanel = editor.byTestId('node-parameters');
	await parametersPanel.getByText('Webhook URLs').first().click();
	await parametersPanel.getByText('Production URL', { exact: true }).first().click();
	const productionUrl = (
		await parametersPanel
			.getByText(/\/webhook\/\S+/)
			.first()
			.innerText()
	).trim();
	await editor.shot('trigger-node');
	const parameters = await parametersPanel.innerText();
	const cutOff = await editor.cutOffTexts();

	await parametersPanel.getByText('Test URL', { exact: true }).first().click();
	const testUrl = (
		await parametersPanel
			.getByText(/\/webhook-test\/\S+/)
			.first()
			.innerText()
	).trim();
	await editor.byTestId('node-execute-button').first().click();
	// The panel says it listens once n8n has registered the test webhook.
	await editor.byTestId('trigger-listening').first().waitFor();
	await sendTestEvent(testUrl);
	await editor.byTestId('output-panel').getByText('session.ended').first().waitFor();
	const testEvent = await editor.outputTable();
	await editor.shot('trigger-test-event');
	await editor.closeNode();
	return { panel, parameters, cutOff, productionUrl, testUrl, testEvent };
}

/** An imported example opened, run with "Execute workflow", and one node's output read. */
export async function runExample(editor: Editor, workflowId: string, node: string) {
	await editor.openWorkflow(workflowId);
	await editor.shot('example-workflow');
	await editor.byTestId('execute-workflow-button').first().click();
	// The node's output table appears once the run has reached it.
	await editor.openNode(node);
	const output = await editor.outputTable();
	await editor.shot('example-output');
	await editor.closeNode();
	return { output };
}

/** Zones about three hours apart, so one of them is always at night. */
const ZONES = [
	'Pacific/Honolulu',
	'America/Los_Angeles',
	'America/New_York',
	'America/Sao_Paulo',
	'Europe/London',
	'Asia/Dubai',
	'Asia/Kolkata',
	'Asia/Singapore',
	'Asia/Tokyo',
	'Australia/Sydney',
];

/** A time zone where it is now between 21:00 and 07:00: outside 09:00–20:00 for hours yet. */
export function zoneAtNight(now = new Date()): string {
	const hourIn = (timeZone: string) =>
		Number(
			new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(now),
		);
	const zone = ZONES.find((candidate) => hourIn(candidate) >= 21 || hourIn(candidate) < 7);
	if (!zone) throw new Error(`No zone of ${ZONES.join(', ')} is at night at ${now.toISOString()}`);
	return zone;
}

/**
 * Calling Hours set on the Start Call of a workflow (Mon–Fri 09:00–20:00, the defaults, in a
 * zone where it is night), then "Execute step": every contact's row says it is outside the
 * hours, and nobody is called.
 */
export async function callingHoursInEditor(
	editor: Editor,
	workflowId: string,
	node: string,
	timeZone: string,
) {
	await editor.openWorkflow(workflowId);
	await editor.openNode(node);
	await editor.pickOption('callingHours', 'Only Within the Hours Below');
	await editor.pickOption('contactTimeZone', 'Set or Mapped');
	await editor.pickOption('timeZone', timeZone.replace(/_/g, ' '), { type: true });
	const fields = await editor.byTestId('node-parameters').innerText();
	const cutOff = await editor.cutOffTexts();
	await editor.byTestId('node-execute-button').first().click();
	const output = await editor.outputTable();
	// The picture shows the calling hours fields, not the session variables above them.
	await editor.parameter('callingHours').evaluate((el) => el.scrollIntoView({ block: 'start' }));
	await editor.shot('calling-hours');
	await editor.closeNode();
	return { fields, cutOff, output };
}
