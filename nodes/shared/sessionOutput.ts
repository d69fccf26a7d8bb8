import type { IDataObject } from 'n8n-workflow';

import { asObject, nonBlankText } from './values';

export const ENDED_STATES = ['CLOSED', 'EXPIRED'];

function seconds(from: unknown, to: unknown): number | undefined {
	if (typeof from !== 'string' || typeof to !== 'string') return undefined;
	const duration = Date.parse(to) - Date.parse(from);
	return Number.isFinite(duration) && duration >= 0 ? Math.round(duration / 1000) : undefined;
}

/**
 * The fields a no-code user maps most, at the top level. Parts of the analysis that the
 * agent does not produce are left out, not set to null. Each extracted-data field is also
 * placed at the top level unless that name is already taken by one of the fields here.
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
	for (const key of Object.keys(simple)) if (simple[key] === undefined) delete simple[key];
	for (const [field, value] of Object.entries(extractedData ?? {})) {
		if (!(field in simple)) simple[field] = value;
	}
	return simple;
}

const SPEAKERS: Record<string, string> = { ASSISTANT: 'Agent', USER: 'Customer' };

/** "Agent: … / Customer: …" lines; system and tool messages are left out of the text. */
export function transcriptText(messages: IDataObject[]): string {
	return messages
		.filter((message) => typeof message.role === 'string' && message.role in SPEAKERS)
		.map(
			(message) => `${SPEAKERS[message.role as string]}: ${String(message.content ?? '').trim()}`,
		)
		.join('\n');
}
