/**
 * The README's first command, `npm run dev`, as a newcomer meets it: its banner links to a
 * ready "Try a call" workflow; run on its defaults, the call pauses the execution, the output
 * panel says so, and the outcome arrives with no other step (the sandbox sends its signed
 * webhooks to the active Agntix Trigger workflow). SIGTERM stops everything it started.
 */
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';

import { Editor } from './editor';
import { done, eventually, notYet } from '../../tools/n8n/eventually';
import { N8N_VERSIONS, ROOT, freePort } from '../../tools/n8n/n8nProcess';
import { VERSIONS } from './setup';

/** Every process below `pid`, children first. */
function descendants(pid: number): number[] {
	let children: number[] = [];
	try {
		children = execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
			.split('\n')
			.filter(Boolean)
			.map(Number);
	} catch {
		return []; // pgrep exits 1 when there are none
	}
	return children.flatMap((child) => [...descendants(child), child]);
}

const alive = (pid: number) => {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
};

/** Whether the process is over: it exited, or a signal ended it. */
const ended = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

const listening = (port: number) =>
	new Promise<boolean>((resolve) => {
		const socket = connect(port, '127.0.0.1');
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});

// npm run dev runs the dev version of n8n only.
const describeDev = VERSIONS.includes(N8N_VERSIONS.dev) ? describe : describe.skip;

describeDev(`npm run dev (n8n ${N8N_VERSIONS.dev})`, () => {
	let dev: ChildProcess;
	let output = '';
	let userFolder = '';
	const ports = { n8n: 0, sandbox: 0, broker: 0 };

	beforeAll(async () => {
		mkdirSync(join(ROOT, '.e2e'), { recursive: true });
		userFolder = mkdtempSync(join(ROOT, '.e2e', 'dev-'));
		ports.n8n = await freePort();
		ports.sandbox = await freePort();
		ports.broker = await freePort();
		const env: NodeJS.ProcessEnv = {
			...process.env,
			N8N_PORT: String(ports.n8n),
			SANDBOX_PORT: String(ports.sandbox),
			N8N_RUNNERS_BROKER_PORT: String(ports.broker),
			DEV_USER_FOLDER: userFolder,
			// Long enough to see the waiting panel before the call ends.
			SANDBOX_CALL_DURATION_MS: '12000',
		};
		// As a developer's shell has it: Jest's NODE_ENV=test would make n8n silent and change it.
		for (const name of ['N8N_LOG_LEVEL', 'NODE_ENV', 'JEST_WORKER_ID']) delete env[name];
		// As the README says to run it: through npm, whose SIGTERM does not reach the script.
		dev = spawn('npm', ['run', 'dev'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
		dev.stdout!.on('data', (chunk) => (output += String(chunk)));
		dev.stderr!.on('data', (chunk) => (output += String(chunk)));
	});

	afterAll(() => {
		if (!ended(dev)) dev.kill('SIGTERM');
	});

	test('the banner links to "Try a call"; run on its defaults, it pauses, says so, and shows the outcome; with the number nobody answers, notReached; the terminal holds the project\'s lines only, n8n\'s own go to its log', async () => {
		const tryUrl = await eventually(
			'The banner of npm run dev',
			async () => {
				const link = /Try a call: (\S+)/.exec(output)?.[1];
				if (ended(dev)) throw new Error(`npm run dev stopped:\n${output.slice(-3000)}`);
				return link ? done(link) : notYet(output.split('\n').slice(-3).join(' | '));
			},
			280_000,
			1000,
		);
		expect(tryUrl).toBe(`http://127.0.0.1:${ports.n8n}/workflow/agntixDevTryACall`);
		expect(output).toMatch(/Ready in \d+ s: .*build \d+ s.*n8n start \d+ s/);
		expect(output).toContain('The execution pauses until the call ends (about 12 s)');

		const editor = await Editor.open(
			`http://127.0.0.1:${ports.n8n}`,
			join(ROOT, '.e2e/artifacts/npm-run-dev'),
			{ email: 'dev@example.com', password: 'Agntix-dev-1' },
		);
		try {
			await editor.page.goto(tryUrl);
			await editor.byTestId('canvas-node').first().waitFor();
			await editor.byTestId('execute-workflow-button').first().click();
			await editor.openNode('Start a call');
			const panel = editor.byTestId('output-panel');
			// While it waits: which call started, and until when it waits at the latest.
			await panel.getByText('Waiting for input').waitFor();
			const waiting = await panel.innerText();
			expect(waiting).toMatch(
				/The call to \+14155550142 was started \(session [0-9a-f-]{36}\)\. This execution waits for Agntix to report the end of the call, then continues with its outcome; if no end is reported, it continues in \d+ (s|min), at .+, with the call marked as timed out\./,
			);
			await editor.shot('try-a-call-waiting');
			// Then the outcome, with no other step.
			const table = await editor.outputTable();
			const column = (name: string) => table.rows[0]?.[table.columns.indexOf(name)];
			expect([
				column('outcome'),
				column('state'),
				column('ended'),
				column('resolution'),
				column('reached'),
			]).toEqual(['reached', 'CLOSED', 'true', 'RESOLVED', 'true']);
			expect(column('summary')).toBe(
				'Ada confirmed the appointment and asked for a reminder the day before.',
			);
			// No link into Agntix's dashboard, which nobody trying the sandbox can open.
			expect(column('recordingUrl')).toMatch(
				new RegExp(`^http://127\\.0\\.0\\.1:${ports.sandbox}/__sandbox/recordings/`),
			);
			await editor.shot('try-a-call-outcome');
			// The node the workflow's note points at, named for what it shows.
			await editor.closeNode();
			await editor.openNode('Outcome of the call');
			const outcome = await editor.outputTable();
			const field = (name: string) => outcome.rows[0]?.[outcome.columns.indexOf(name)];
			expect([field('Reached'), field('Outcome')]).toEqual(['true', 'reached']);
			await editor.closeNode();
			await editor.openNode('Start a call');

			// The other outcome, as the workflow's note says: a number nobody answers.
			await editor.fill('toPhoneNumber', '+1 415 555 0196');
			await editor.closeNode();
			await editor.byTestId('execute-workflow-button').first().click();
			await editor.openNode('Start a call');
			await panel.getByText('Waiting for input').waitFor();
			const unanswered = await editor.outputTable();
			const cell = (name: string) => unanswered.rows[0]?.[unanswered.columns.indexOf(name)];
			expect([cell('outcome'), cell('reached'), cell('customerPhoneNumber')]).toEqual([
				'notReached',
				'false',
				'+14155550196',
			]);
			await editor.shot('try-a-call-not-reached');

			// An ordinary item error: the node says it; n8n's stack trace of it goes to the log.
			await editor.fill('toPhoneNumber', 'tomorrow');
			await editor.closeNode();
			await editor.byTestId('execute-workflow-button').first().click();
			await editor.openNode('Start a call');
			await panel.getByText('is not a valid phone number').first().waitFor();
			await editor.closeNode();

			// Where to send the trigger a test event locally, on the trigger workflow itself.
			await editor.page.goto(`http://127.0.0.1:${ports.n8n}/workflow/agntixDevTrigger`);
			await editor.page.getByText('npm run sandbox:call-ended', { exact: false }).first().waitFor();

			// The terminal held the project's lines and the banner; n8n's own went to its log.
			const log = /n8n's own log: (\S+)/.exec(output)?.[1];
			expect(log).toBe(join(userFolder, 'n8n.log'));
			expect(readFileSync(log!, 'utf8')).toMatch(/Editor is now accessible via/);
			// n8n logs a failed item as its error class and stack trace.
			const stack = /NodeOperationError\n\s+at \S+itemError/;
			await eventually(
				"The item error's stack trace in n8n's log",
				async () =>
					stack.test(readFileSync(log!, 'utf8'))
						? done(true)
						: notYet(readFileSync(log!, 'utf8').slice(-500)),
				15_000,
			);
			expect(output).not.toMatch(/NodeOperationError|itemError/);
			expect(output).toMatch(
				/npm run dev: 1\/4 [^\n]+\n[\s\S]*npm run dev: 2\/4 [^\n]+\n[\s\S]*npm run dev: 3\/4 [^\n]+\n[\s\S]*npm run dev: 4\/4 /,
			);
			const n8nLines = output
				.split('\n')
				.filter((line) => /Editor is now accessible|Deprecation|task runner|^\s+at \S/i.test(line));
			expect(n8nLines).toEqual([]);
			expect(output).not.toMatch(/npm warn/i);
		} catch (error) {
			await editor.shot('failed-try-a-call').catch(() => undefined);
			throw error;
		} finally {
			await editor.close();
		}
	});

	test('SIGTERM to npm run dev stops n8n, its task runners and the sandbox', async () => {
		const started = descendants(dev.pid!);
		expect(started.length).toBeGreaterThanOrEqual(2);
		dev.kill('SIGTERM');
		await eventually(
			'Everything npm run dev started, stopped',
			async () => {
				const left = started.filter(alive);
				const open = [];
				for (const [name, port] of Object.entries(ports))
					if (await listening(port)) open.push(`${name} port ${port}`);
				return left.length === 0 && open.length === 0 && ended(dev)
					? done(true)
					: notYet(`processes ${left.join(', ') || 'none'}; ${open.join(', ') || 'no port'} open`);
			},
			30_000,
			500,
		);
	});
});
