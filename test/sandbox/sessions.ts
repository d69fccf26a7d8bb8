/**
 * What a started call looks like as an Agntix session, as time passes.
 * How a call ends depends on the last digits of the number called, so a test or a dev
 * workflow picks the outcome by choosing the number:
 *   ...0199  EXPIRED (the agent never reached anyone), no analysis
 *   ...0198  CLOSED without an analysis block
 *   ...0197  stays OPEN (never ends)
 *   ...0196  CLOSED, and the customer never says a word (nobody answered)
 *   ...0195  like 0196 on the first call to the number, answered on every later call
 *   others   CLOSED with summary, resolution, sentiment, intent and extracted data
 */
export interface CallRecord {
	sessionId: string;
	phoneNumberId: string;
	toPhoneNumber: string;
	agentId: string;
	ttl?: number;
	sessionVariables?: Record<string, unknown>;
	startedAt: number;
	/** How many calls to the same number the sandbox had before this one. */
	earlierCalls?: number;
}

export type Outcome = 'closed' | 'closedWithoutAnalysis' | 'expired' | 'neverEnds' | 'unanswered';

export function outcomeOf(call: CallRecord): Outcome {
	if (call.toPhoneNumber.endsWith('0199')) return 'expired';
	if (call.toPhoneNumber.endsWith('0198')) return 'closedWithoutAnalysis';
	if (call.toPhoneNumber.endsWith('0197')) return 'neverEnds';
	if (call.toPhoneNumber.endsWith('0196')) return 'unanswered';
	if (call.toPhoneNumber.endsWith('0195') && !call.earlierCalls) return 'unanswered';
	return 'closed';
}

export function endTime(call: CallRecord, callDurationMs: number): number | undefined {
	return outcomeOf(call) === 'neverEnds' ? undefined : call.startedAt + callDurationMs;
}

const iso = (ms: number) => new Date(ms).toISOString();

function analysisFor(call: CallRecord) {
	const name =
		typeof call.sessionVariables?.customerName === 'string'
			? call.sessionVariables.customerName
			: 'The customer';
	return {
		summary: `${name} confirmed the appointment and asked for a reminder the day before.`,
		intent: {
			conversation: {
				intent: 'confirm_appointment',
				confidence: 0.93,
				explanation: 'The customer wanted to keep the booked slot.',
			},
		},
		resolution: {
			classification: 'RESOLVED',
			confidenceScore: 0.9,
			status: 'completed',
			satisfiedChecklistItems: ['Greeted the customer', 'Confirmed the appointment'],
			evidence: ['"Yes, Tuesday at ten works for me."'],
			explanation: 'The appointment was confirmed.',
		},
		sentiment: {
			conversation: {
				sentiment: 'POSITIVE',
				score: 0.72,
				detectedLanguage: 'en',
				explanation: 'Friendly and cooperative.',
			},
		},
		extractedData: { appointmentConfirmed: true, preferredReminder: 'day before' },
	};
}

export function sessionFor(call: CallRecord, callDurationMs: number, now = Date.now()) {
	const endsAt = endTime(call, callDurationMs);
	const ended = endsAt !== undefined && now >= endsAt;
	const outcome = outcomeOf(call);
	const session: Record<string, unknown> = {
		id: call.sessionId,
		type: 'VOICE',
		platform: 'PHONE',
		direction: 'OUTBOUND',
		state: ended ? (outcome === 'expired' ? 'EXPIRED' : 'CLOSED') : 'OPEN',
		agentId: call.agentId,
		createdAt: iso(call.startedAt),
		lastActivityAt: iso(ended ? endsAt : Math.min(now, call.startedAt + 1000)),
		endedAt: ended ? iso(endsAt) : null,
		updatedAt: iso(ended ? endsAt : now),
		metadata: {
			customerPhoneNumber: call.toPhoneNumber,
			roomName: `room_${call.sessionId.slice(0, 8)}`,
			sessionVariables: call.sessionVariables ?? {},
		},
		recordingUrl:
			ended && outcome !== 'expired' ? `https://app.agntix.ai/en/sessions/${call.sessionId}` : null,
	};
	if (ended && outcome === 'closed') session.analysis = analysisFor(call);
	if (ended && outcome === 'unanswered') session.analysis = { summary: UNANSWERED_SUMMARY };
	return session;
}

const UNANSWERED_SUMMARY = 'The agent greeted the customer; there was no answer.';

/**
 * The transcript: `messageCount` messages for a finished call, the first two while it runs;
 * the agent's greeting alone when nobody answered.
 */
export function messagesFor(
	call: CallRecord,
	callDurationMs: number,
	messageCount: number,
	now = Date.now(),
) {
	const endsAt = endTime(call, callDurationMs);
	const ended = endsAt !== undefined && now >= endsAt;
	const outcome = outcomeOf(call);
	const count =
		outcome === 'expired' || outcome === 'unanswered'
			? 1
			: ended
				? messageCount
				: Math.min(2, messageCount);
	const name =
		typeof call.sessionVariables?.customerName === 'string'
			? call.sessionVariables.customerName
			: 'there';
	return Array.from({ length: count }, (_, index) => {
		const fromAgent = index % 2 === 0;
		return {
			id: `${call.sessionId.slice(0, 8)}-m${String(index + 1).padStart(4, '0')}`,
			role: fromAgent ? 'ASSISTANT' : 'USER',
			content: fromAgent
				? index === 0
					? `Hi ${name}, this is the clinic calling about your appointment.`
					: `Thank you. Message ${index + 1}.`
				: index === 1
					? 'Yes, Tuesday at ten works for me.'
					: `Okay. Message ${index + 1}.`,
			createdAt: iso(call.startedAt + index * 1000),
		};
	});
}
