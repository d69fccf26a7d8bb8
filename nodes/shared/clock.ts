/**
 * The time as the package's decisions read it (calling hours, the rate-limit window, resends,
 * deadlines, how long a webhook may take), and its waits: one place, so that tests can hold
 * those decisions at fixed instants. Waits go through n8n's sleep.
 */
import { sleep } from 'n8n-workflow';

export const clock = {
	/** Milliseconds since the epoch. */
	now: (): number => Date.now(),
	wait: (ms: number): Promise<void> => sleep(ms),
};
