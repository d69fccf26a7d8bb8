import type { IDataObject } from 'n8n-workflow';

import { asObject, nonBlankText } from './values';

export const ENDED_STATES = ['CLOSED', 'EXPIRED'];

function seconds(from: unknown, to: unknown): number | undefined {
	if (typeof from !== 'string' || typeof to !== 'string') return undefined;
	const duration = Date.parse(to) - Date.parse(from);
	return Number.isFinite(duration) && duration >= 0 ? Math.round(duration / 1000) : undefined;
}

/**
 * The fields the package sets on a call's output besides those of simplifySession, in any of
 * its paths (Start Call's waits, the paused resume, Session → Get, the trigger, error items).
 */
const ADDED_FIELDS = [
	'outcome',
	'reached',
	'reachedUnknownReason',
	'waitTimedOut',
	'transcript',
	'messages',
	'transcriptError',
	'phoneNumberId',
	'toPhoneNumber',
	'ttl',
	'status',
	'eventType',
	'deliveryId',
	'allowedHours',
	'error',
	'description',
];

/**
 * The fields a no-code user maps most, at the top level. Parts of the analysis that the
 * agent does not produce are left out, not set to null. Each extracted-data field is also
 * placed at the top level, unless its name is one the package sets itself (even when the
 * session has no value for it): what the call returns never stands in for what the package
 * computed or Agntix reported. Every extracted field stays under `extractedData`.
 */
export function simplifySession(session: IDataObject): IDataObject {
	const metadata = asObject(session.metadata) ?? {};
	const analysis = asObject(session.analysis) ?? {};
	const resolution = asObject(analysis.resolution);
	const sentiment = asObject(asObject(analysis.sentiment)?.conversation);
	const intent = asObject(asObject(analysis.intent)?.conversation);
	const extractedData = asObject(analysis.extractedData);
	const state = typeof session.state === 'string' ? session.state : undefined;
	// Not in the public docs: passed through unchanged when an answer carries them, never made up.
	const callInfo = asObject(session.callInfo);
	const endedReason = nonBlankText(session.endedReason) ?? nonBlankText(callInfo?.endedReason);

	const simple: IDataObject = {
		sessionId: session.id,
		state,
		ended: state !== undefined && ENDED_STATES.includes(state),
		direction: session.direction,
		agentId: session.agentId,
		customerPhoneNumber: metadata.customerPhoneNumber,
		createdAt: session.createdAt,
		endedAt: session.endedAt ?? undefined,
		durationSeconds: seconds(session.createdAt, session.endedAt),
		summary: analysis.summary,
		resolution: resolution?.classification,
		resolutionExplanation: resolution?.explanation,
		resolutionConfidence: resolution?.confidenceScore,
		sentiment: sentiment?.sentiment,
		sentimentScore: sentiment?.score,
		intent: intent?.intent,
		intentConfidence: intent?.confidence,
		extractedData,
		sessionVariables: metadata.sessionVariables,
		recordingUrl: session.recordingUrl ?? undefined,
		endedReason,
		callInfo,
	};
	const reserved = new Set([...Object.keys(simple), ...ADDED_FIELDS]);
	for (const key of Object.keys(simple)) if (simple[key] === undefined) delete simple[key];
	for (const [field, value] of Object.entries(extractedData ?? {})) {
		if (!reserved.has(field)) simple[field] = value;
	}
	return simple;
}

/** The roles that enter the text, by their speaker; any other role (SYSTEM, TOOL…) is left out. */
const SPEAKERS = new Map([
	['ASSISTANT', 'Agent'],
	['USER', 'Customer'],
]);

/** "Agent: … / Customer: …" lines; only the agent's and the customer's messages. */
export function transcriptText(messages: IDataObject[]): string {
	return messages
		.flatMap((message) => {
			const speaker = typeof message.role === 'string' ? SPEAKERS.get(message.role) : undefined;
			return speaker ? [`${speaker}: ${String(message.content ?? '').trim()}`] : [];
		})
		.join('\n');
}
