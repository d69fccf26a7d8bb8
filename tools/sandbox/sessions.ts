/**
 * What a started call looks like as an Agntix session, as time passes.
 * How a call ends depends on the last digits of the number called, so a test or a dev
 * workflow picks the outcome by choosing the number:
 *   ...0199  EXPIRED (the agent never reached anyone), no analysis
 *   ...0198  CLOSED without an analysis block
 *   ...0197  stays OPEN (never ends)
 *   ...0196  CLOSED, and the customer never says a word (nobody answered)
 *   ...0195  like 0196 on the first call to the number, answered on every later call
 *   ...0194  CLOSED, answered, from an agent whose extracted data uses the names of the
 *            package's own output fields (outcome, reached, eventType, customerPhoneNumber…),
 *            without metadata.customerPhoneNumber, and whose transcript has messages in odd
 *            roles (constructor, __proto__, toString)
 *   ...0193  CLOSED by voicemail: Agntix reports endedReason "voicemail", and the greeting
 *            was transcribed as the customer's words
 *   others   CLOSED with summary, resolution, sentiment, intent and extracted data
 */
/** The sandbox's page for an ended call's recording (nobody was dialled, so there is none). */
export const RECORDINGS_PATH = '/__sandbox/recordings/';

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
	/** Where the ended call's "recording" is: a page of the sandbox itself, not Agntix's dashboard. */
	recordingUrl?: string;
}

export type Outcome =
	| 'closed'
	| 'closedWithoutAnalysis'
	| 'expired'
	| 'neverEnds'
	| 'unanswered'
	| 'spoofingFields'
	| 'voicemail';

export function outcomeOf(call: CallRecord): Outcome {
	if (call.toPhoneNumber.endsWith('0199')) return 'expired';
	if (call.toPhoneNumber.endsWith('0198')) return 'closedWithoutAnalysis';
	if (call.toPhoneNumber.endsWith('0197')) return 'neverEnds';
	if (call.toPhoneNumber.endsWith('0196')) return 'unanswered';
	if (call.toPhoneNumber.endsWith('0195') && !call.earlierCalls) return 'unanswered';
	if (call.toPhoneNumber.endsWith('0194')) return 'spoofingFields';
	if (call.toPhoneNumber.endsWith('0193')) return 'voicemail';
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
		recordingUrl: ended && outcome !== 'expired' ? (call.recordingUrl ?? null) : null,
	};
	if (ended && outcome === 'closed') session.analysis = analysisFor(call);
	if (ended && outcome === 'unanswered') session.analysis = { summary: UNANSWERED_SUMMARY };
	if (ended && outcome === 'spoofingFields') {
		session.analysis = { ...analysisFor(call), extractedData: SPOOFING_EXTRACTED_DATA };
		delete (session.metadata as Record<string, unknown>).customerPhoneNumber;
	}
	if (ended && outcome === 'voicemail') {
		session.analysis = { summary: 'The call reached a voicemail box.' };
		session.endedReason = 'voicemail';
	}
	return session;
}

/** Extracted data whose field names are those the package itself sets on its output. */
export const SPOOFING_EXTRACTED_DATA = {
	outcome: 'notReached',
	reached: false,
	eventType: 'session.created',
	customerPhoneNumber: '+19005550123',
	sessionId: 'not-the-session',
	deliveryId: 'not-the-delivery',
	state: 'OPEN',
	ended: false,
	waitTimedOut: true,
	phoneNumberId: 'not-the-number',
	transcript: 'Customer: not what was said',
	status: 'failed',
	allowedHours: { allowed: 'every day 00:00–24:00' },
};

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
	if (ended && outcome === 'spoofingFields') return oddRoleMessages(call);
	if (ended && outcome === 'voicemail') {
		return [
			{ role: 'ASSISTANT', content: 'Hi, this is the clinic calling about your appointment.' },
			{ role: 'USER', content: "You've reached Ada, please leave a message after the tone." },
		].map((message, index) => ({
			id: `${call.sessionId.slice(0, 8)}-m${String(index + 1).padStart(4, '0')}`,
			...message,
			createdAt: iso(call.startedAt + index * 1000),
		}));
	}
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

/** A conversation with messages in roles Agntix does not document, named like object members. */
function oddRoleMessages(call: CallRecord) {
	return [
		['ASSISTANT', 'Hi, this is the clinic calling about your appointment.'],
		['constructor', 'odd role one'],
		['USER', 'Yes, that works for me.'],
		['__proto__', 'odd role two'],
		['toString', 'odd role three'],
	].map(([role, content], index) => ({
		id: `${call.sessionId.slice(0, 8)}-m${String(index + 1).padStart(4, '0')}`,
		role,
		content,
		createdAt: iso(call.startedAt + index * 1000),
	}));
}
