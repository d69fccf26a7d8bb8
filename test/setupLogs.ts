/**
 * Captures what n8n's logger and the console receive while a test file runs, and checks
 * after the file that no credential secret was logged.
 */
import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';

import { assertNoSecrets } from './harness/secrets';

const captured: string[] = [];

beforeAll(() => {
	const logger = Container.get(Logger);
	for (const level of ['error', 'warn', 'info', 'debug'] as const) {
		jest.spyOn(logger, level).mockImplementation((message: string, meta?: object) => {
			captured.push(`${level}: ${message} ${meta ? JSON.stringify(meta) : ''}`);
		});
	}
	for (const method of ['log', 'warn', 'error', 'info'] as const) {
		const original = console[method];
		jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
			captured.push(args.map(String).join(' '));
			original(...args);
		});
	}
});

afterAll(() => {
	assertNoSecrets(captured.join('\n'), `the ${captured.length} captured log lines`);
});

/** For tests that check a log line was written (so the check above has something to read). */
export function capturedLogs(): readonly string[] {
	return captured;
}
