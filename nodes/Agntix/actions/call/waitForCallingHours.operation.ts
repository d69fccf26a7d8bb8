/**
 * Call → Wait for Calling Hours: passes the item on at once within the contact's calling hours;
 * otherwise saves the execution as waiting until they open (holding no worker, surviving a
 * restart), and n8n then passes the item on to the next step, typically Start Call. n8n goes
 * on with this node's input after a timed wait, without running it again, so the item carries
 * the hours (allowedHours) before it waits: Start Call can check them again without the user
 * entering them twice.
 */
import { updateDisplayOptions } from 'n8n-workflow';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { clock } from '../../../shared/clock';
import { durationText } from '../../../shared/durationText';
import { localTimeText } from '../../helpers/callingHours';
import { EXECUTION_PER_ITEM } from '../../helpers/executionPerItem';
import { dateTimeText } from '../../helpers/localTime';
import { InputProblem } from '../../helpers/inputProblem';
import { mapItems } from '../items';
import { isToolCall } from '../../../shared/toolCall';
import { callingHoursFields, readCallingHours } from './callingHoursFields';
import { HOURS_FIELD, hoursOnItem, hoursSealKey } from './hoursOnItem';
import { callingHoursVerdict } from './outsideCallingHours';
import { checkedToPhoneNumber, defaultCountryOption, toPhoneNumberField } from './toPhoneNumber';

const properties: INodeProperties[] = [
	toPhoneNumberField({
		description: 'The number that will be called: its time zone is the one that counts',
		hint: 'Map the same number as the Start Call after this step, e.g. {{ $json.phone }}',
	}),
	...callingHoursFields({}),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [defaultCountryOption],
	},
	{
		displayName:
			'One item per execution: outside the hours the execution waits until they open, then the next step runs with this item. Put Start Call right after it, with Calling Hours set to "As Set by Wait for Calling Hours".',
		name: 'waitForHoursNotice',
		type: 'notice',
		default: '',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['call'], operation: ['waitForCallingHours'] } },
	properties,
);

function readNumber(this: IExecuteFunctions, itemIndex: number): string {
	return checkedToPhoneNumber(
		this.getNodeParameter('toPhoneNumber', itemIndex, ''),
		this.getNodeParameter('options.defaultCountry', itemIndex, ''),
	).e164;
}

/** "09:00 (Tue) in America/New_York (1 Dec 2026, 15:00 (Europe/Berlin) here)". */
function openingText(opensAt: number, zones: string[], instanceZone: string): string {
	return `${localTimeText(opensAt, zones[0])} in ${zones[0]} (${dateTimeText(opensAt, instanceZone)} here)`;
}

/** One item: on at once within its hours; otherwise the execution waits until they open. */
async function waitForHours(
	this: IExecuteFunctions,
	item: INodeExecutionData,
	itemIndex: number,
): Promise<IDataObject> {
	const toPhoneNumber = readNumber.call(this, itemIndex);
	const hours = readCallingHours.call(this, itemIndex, toPhoneNumber);
	const now = clock.now();
	const verdict = callingHoursVerdict(
		hours,
		toPhoneNumber,
		now,
		"An AI agent's tool does not wait: try again then.",
	);
	// A tool answers within the agent's run, and hours that never open cannot be waited for.
	if (!verdict.open && (verdict.opensAt === undefined || isToolCall(this))) throw verdict.problem;
	// n8n saves this input item with the waiting execution and goes on with it: it carries the hours.
	item.json = {
		...item.json,
		[HOURS_FIELD]: hoursOnItem(hours, toPhoneNumber, await hoursSealKey.call(this)),
	};
	if (verdict.open) return item.json;
	await this.putExecutionToWait(new Date(verdict.opensAt));
	this.addExecutionHints({
		message: `${verdict.problem.message}. This execution waits until they open in ${durationText(verdict.opensAt - now)}, at ${openingText(verdict.opensAt, hours.zones, this.getTimezone())}, then goes on with this item to the next step.`,
		type: 'info',
		location: 'outputPane',
	});
	return item.json;
}

export async function execute(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
): Promise<INodeExecutionData[]> {
	return await mapItems.call(this, items, async (itemIndex) => {
		if (items.length !== 1) {
			throw new InputProblem(
				`Wait for Calling Hours holds one item per execution, and ${items.length} items came in`,
				`Nobody was called. To wait for each item's hours, ${EXECUTION_PER_ITEM}. To skip the items outside the hours instead, use Calling Hours on Start Call with "On Error: Continue".`,
			);
		}
		return [await waitForHours.call(this, items[itemIndex], itemIndex)];
	});
}
