/**
 * The webhooks of the sandbox's calls, as Agntix sends them: session.created when a call
 * starts and session.ended when it ends, signed, to every endpoint configured.
 */
import type { SandboxConfig } from './config';
import { endTime, sessionFor } from './sessions';
import type { CallRecord } from './sessions';
import { deliver } from './webhooks';
import type { Delivery, WebhookSettings } from './webhooks';

type EventType = 'session.created' | 'session.ended';

const CREATED_FIELDS = [
	'id',
	'type',
	'platform',
	'direction',
	'state',
	'agentId',
	'createdAt',
	'metadata',
];

export class CallEvents {
	private timers = new Set<NodeJS.Timeout>();
	private pending = new Set<Promise<void>>();
	/** Sessions whose session.ended has had its first delivery answered, or waits for it. */
	private endedFirstAnswers = new Map<string, { done: Promise<void>; resolve: () => void }>();

	constructor(
		private readonly config: () => SandboxConfig,
		/** Every delivery attempt, with the answer it got. */
		private readonly deliveries: Delivery[],
	) {}

	/** Every endpoint events go to: `webhook` first, then `moreWebhooks`. */
	get endpoints(): WebhookSettings[] {
		const { webhook, moreWebhooks } = this.config();
		return [...(webhook ? [webhook] : []), ...moreWebhooks];
	}

	/** Sends session.created now and session.ended when the call ends. */
	schedule(call: CallRecord): void {
		if (this.endpoints.length === 0) return;
		this.send(call, 'session.created');
		const endsAt = endTime(call, this.config().callDurationMs);
		if (endsAt === undefined) return;
		const timer = setTimeout(
			() => {
				this.timers.delete(timer);
				// A timer can fire a millisecond before the clock reaches the end: the event is of the end.
				this.send(call, 'session.ended', Math.max(Date.now(), endsAt));
			},
			Math.max(0, endsAt - Date.now()),
		);
		this.timers.add(timer);
	}

	/** Sends the event to every endpoint, or only to the one at `onlyTo`. */
	send(call: CallRecord, eventType: EventType, at = Date.now(), onlyTo?: string): void {
		for (const settings of this.endpoints)
			if (onlyTo === undefined || settings.url === onlyTo)
				this.sendTo(settings, call, eventType, at);
	}

	private sendTo(settings: WebhookSettings, call: CallRecord, eventType: EventType, at: number) {
		const session = sessionFor(call, this.config().callDurationMs, at) as Record<string, unknown>;
		// session.created carries the call as it starts; session.ended adds the end and the analysis.
		const fields = eventType === 'session.created' ? CREATED_FIELDS : Object.keys(session);
		const payload = {
			...Object.fromEntries(fields.map((field) => [field, session[field]])),
			eventType,
		};
		// answerAfterCallEnded waits for the end's first answer from the main endpoint.
		const firstAnswer = () => {
			if (eventType === 'session.ended' && settings === this.endpoints[0])
				this.endAnswered(call.sessionId).resolve();
		};
		const sending = deliver(
			settings,
			payload as { id: string; eventType: string },
			firstAnswer,
		).then((done) => {
			this.deliveries.push(...done);
		});
		this.pending.add(sending);
		void sending.finally(() => this.pending.delete(sending));
	}

	private endAnswered(sessionId: string) {
		let entry = this.endedFirstAnswers.get(sessionId);
		if (!entry) {
			let resolve = () => {};
			const done = new Promise<void>((r) => (resolve = r));
			entry = { done, resolve };
			this.endedFirstAnswers.set(sessionId, entry);
		}
		return entry;
	}

	/** Waits (at most 30 s) until the call's session.ended has had its first answer. */
	async endDelivered(sessionId: string): Promise<void> {
		let timer: NodeJS.Timeout | undefined;
		const cap = new Promise<void>((r) => (timer = setTimeout(r, 30_000)));
		await Promise.race([this.endAnswered(sessionId).done, cap]);
		clearTimeout(timer);
	}

	/** Waits until every webhook sent so far has been answered. */
	async settled(): Promise<void> {
		while (this.pending.size) await Promise.all([...this.pending]);
	}

	/** Drops the ends not sent yet. */
	clear(): void {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
	}
}
