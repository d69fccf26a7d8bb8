/**
 * A real n8n of a pinned version, with the packed package installed the way n8n installs a
 * community package, driven through its CLI and REST API. Every process is started with its
 * own ports and stopped by PID.
 */
import { execFile, execFileSync, spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import {
	createWriteStream,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { parse } from 'flatted';

import { dockerRunArgs, imageOf, imageVersion, removeContainers } from './docker';
import { done, eventually, notYet } from './eventually';

export const ROOT = resolve(__dirname, '../..');
/** The n8n versions the project is proven on (n8n/versions.json). */
export const N8N_VERSIONS: { dev: string; e2e: string[] } = JSON.parse(
	readFileSync(join(ROOT, 'n8n/versions.json'), 'utf8'),
);
export const OWNER = {
	email: 'e2e@example.com',
	firstName: 'End',
	lastName: 'ToEnd',
	password: 'Agntix-e2e-1',
};

export async function freePort(): Promise<number> {
	return await new Promise((resolvePort, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolvePort(port));
		});
	});
}

export interface ExecuteResult {
	status: string;
	/** runData by node name */
	runData: Record<
		string,
		Array<{
			data?: { main?: Array<Array<{ json: Record<string, unknown> }>> };
			error?: { message?: string; description?: string };
		}>
	>;
	error?: { message?: string; description?: string; node?: { name?: string } };
	lastNodeExecuted?: string;
	output: (node: string) => Array<Record<string, unknown>>;
	stdout: string;
}

export class N8n {
	readonly userFolder: string;
	readonly major: number;
	private readonly processes: ChildProcess[] = [];
	/** Running processes by log name: main, worker, worker2, webhook… */
	private readonly named = new Map<string, ChildProcess>();
	/** The database every process and CLI command uses (startPostgres' env); SQLite when empty. */
	database: Record<string, string> = {};
	private cookie = '';
	port = 0;
	/** The Docker image for a `docker:<tag>` version (tools/n8n/docker.ts); npm's n8n otherwise. */
	private readonly image?: string;
	private readonly containers: string[] = [];

	constructor(readonly version: string) {
		this.image = imageOf(version);
		// A dist-tag (latest) or an image is known by the version it holds.
		const exact = this.image
			? imageVersion(this.image)
			: /^\d/.test(version)
				? version
				: JSON.parse(
						readFileSync(join(ROOT, 'n8n', version, 'node_modules/n8n/package.json'), 'utf8'),
					).version;
		this.major = Number(String(exact).split('.')[0]);
		const base = join(ROOT, '.e2e');
		mkdirSync(base, { recursive: true });
		this.userFolder = mkdtempSync(join(base, `n8n-${version.replace(':', '-')}-`));
		mkdirSync(join(this.userFolder, 'logs'), { recursive: true });
	}

	/** The Node this n8n version runs on (scripts/n8n-node-path.sh chooses it). */
	private get nodeBinary(): string {
		this.node ??= join(
			execFileSync('bash', [join(ROOT, 'scripts/n8n-node-path.sh'), this.version], {
				encoding: 'utf8',
			}).trim(),
			'node',
		);
		return this.node;
	}
	private node?: string;

	private get n8nBinary(): string {
		return join(ROOT, 'n8n', this.version, 'node_modules/n8n/bin/n8n');
	}

	/** Installs the packed package into this user folder (scripts/stage-package.sh). */
	stagePackage(): void {
		const result = spawnSync('bash', [join(ROOT, 'scripts/stage-package.sh'), this.userFolder], {
			encoding: 'utf8',
		});
		if (result.status !== 0)
			throw new Error(`Staging the package failed:\n${result.stdout}\n${result.stderr}`);
	}

	/** The settings of an n8n process (environment variables), beside the machine's own. */
	private settings(extra: Record<string, string> = {}): Record<string, string> {
		return {
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: 'agntix-e2e-encryption-key',
			DB_SQLITE_POOL_SIZE: '2',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			N8N_SECURE_COOKIE: 'false',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			...(this.major >= 2
				? { N8N_VERIFIED_PACKAGES_ENABLED: 'false', N8N_DISABLED_MODULES: 'mcp-registry' }
				: { N8N_RUNNERS_ENABLED: 'true' }),
			...this.database,
			...extra,
		};
	}

	/** How to run one n8n command: npm's n8n on its Node, or a container of the image. */
	private commandLine(
		args: string[],
		settings: Record<string, string>,
	): { file: string; argv: string[]; env: NodeJS.ProcessEnv } {
		if (this.image) {
			const container = `agntix-e2e-${process.pid}-${this.containers.length}`;
			this.containers.push(container);
			const argv = dockerRunArgs({
				image: this.image,
				container,
				userFolder: this.userFolder,
				settings,
				args,
			});
			return { file: 'docker', argv, env: process.env };
		}
		const env: NodeJS.ProcessEnv = { ...process.env, ...settings };
		// Jest sets NODE_ENV=test, which makes n8n silent and changes its defaults.
		for (const name of ['N8N_LOG_LEVEL', 'NODE_ENV', 'JEST_WORKER_ID']) delete env[name];
		return { file: this.nodeBinary, argv: [this.n8nBinary, ...args], env };
	}

	/** Runs an n8n CLI command to its end. */
	async cli(
		args: string[],
		extraEnv: Record<string, string> = {},
	): Promise<{ code: number; stdout: string; stderr: string }> {
		const { file, argv, env } = this.commandLine(
			args,
			this.settings({ N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...extraEnv }),
		);
		return await new Promise((resolveRun) => {
			execFile(
				file,
				argv,
				{ env, maxBuffer: 64 * 1024 * 1024, timeout: 180_000 },
				(error, stdout, stderr) => {
					const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
					resolveRun({ code, stdout, stderr });
				},
			);
		});
	}

	private writeJson(name: string, value: unknown): string {
		const file = join(this.userFolder, name);
		writeFileSync(file, JSON.stringify(value, null, 2));
		return file;
	}

	async importCredential(credential: object): Promise<void> {
		const file = this.writeJson('credential.json', [credential]);
		const result = await this.cli(['import:credentials', `--input=${file}`]);
		if (!/Successfully imported|Imported/i.test(result.stdout + result.stderr)) {
			throw new Error(
				`Importing the credential failed on n8n ${this.version}:\n${result.stdout}\n${result.stderr}`,
			);
		}
	}

	/** Imports the workflows with one CLI call (each n8n command takes seconds to start). */
	async importWorkflows(workflows: Array<{ id: string; name: string }>): Promise<void> {
		const folder = join(this.userFolder, 'workflows');
		mkdirSync(folder, { recursive: true });
		for (const workflow of workflows)
			writeFileSync(join(folder, `${workflow.id}.json`), JSON.stringify(workflow, null, 2));
		const result = await this.cli(['import:workflow', '--separate', `--input=${folder}`]);
		if (!/Successfully imported|Imported/i.test(result.stdout + result.stderr)) {
			const names = workflows.map((w) => `"${w.name}"`).join(', ');
			throw new Error(
				`Importing workflows ${names} failed on n8n ${this.version}:\n${result.stdout}\n${result.stderr}`,
			);
		}
	}

	/** Activation from the CLI takes effect at the next start. */
	async activateWorkflow(id: string): Promise<void> {
		const args =
			this.major >= 2
				? ['publish:workflow', `--id=${id}`]
				: ['update:workflow', `--id=${id}`, '--active=true'];
		const result = await this.cli(args);
		if (result.code !== 0)
			throw new Error(`Activating ${id} failed:\n${result.stdout}\n${result.stderr}`);
	}

	/** `n8n execute --rawOutput`: the run's JSON is cut out between a line "{" and a line "}". */
	async execute(workflowId: string): Promise<ExecuteResult> {
		const { stdout, stderr } = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput']);
		const lines = stdout.split('\n');
		const start = lines.indexOf('{');
		const end = lines.lastIndexOf('}');
		if (start === -1 || end === -1) {
			throw new Error(
				`n8n ${this.version} printed no run for workflow ${workflowId}:\n${stdout.slice(-3000)}\n${stderr.slice(-3000)}`,
			);
		}
		const run = JSON.parse(lines.slice(start, end + 1).join('\n'));
		const resultData = run.data?.resultData ?? {};
		const runData = resultData.runData ?? {};
		return {
			status: run.status ?? (resultData.error ? 'error' : 'success'),
			runData,
			error: resultData.error,
			lastNodeExecuted: resultData.lastNodeExecuted,
			output: (node) =>
				(runData[node]?.[0]?.data?.main?.[0] ?? []).map(
					(item: { json: Record<string, unknown> }) => item.json,
				),
			stdout,
		};
	}

	private spawnLogged(name: string, args: string[], settings: Record<string, string>): ChildProcess {
		const log = createWriteStream(join(this.userFolder, 'logs', `${name}.log`));
		const { file, argv, env } = this.commandLine(args, settings);
		const child = spawn(file, argv, {
			env,
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		child.stdout?.pipe(log);
		child.stderr?.pipe(log);
		this.processes.push(child);
		this.named.set(name, child);
		return child;
	}

	/** The resident memory of the running main process, in MB (from /proc). */
	mainMemoryMb(): number {
		return this.memoryMb('main');
	}

	/** The resident memory of a running process by its log name, in MB; NaN when not running. */
	memoryMb(name: string): number {
		const child = this.named.get(name);
		const running = child && child.exitCode === null ? child : undefined;
		const status = running?.pid ? readFileSync(`/proc/${running.pid}/status`, 'utf8') : '';
		const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
		return Math.round(kb / 1024);
	}

	log(name: string): string {
		const file = join(this.userFolder, 'logs', `${name}.log`);
		return existsSync(file) ? readFileSync(file, 'utf8') : '';
	}

	/** Waits until a process's log holds `text` at least `count` times, or fails naming it. */
	async waitForLog(name: string, text: string, count = 1, ms = 15_000): Promise<void> {
		await eventually(
			`The ${name} log of n8n ${this.version} holding "${text}" ${count} time(s)`,
			async () => {
				const times = this.log(name).split(text).length - 1;
				return times >= count ? done(undefined) : notYet(`${times} time(s)`);
			},
			ms,
			200,
		);
	}

	/** `n8n start` (or the main of queue mode); resolves when the REST API answers and the owner is signed in. */
	async start(
		extraEnv: Record<string, string> = {},
		options: { samePort?: boolean } = {},
	): Promise<void> {
		// A restart keeps its port, so that URLs handed out before (resume URLs) still lead here.
		if (!options.samePort || !this.port) this.port = await freePort();
		const settings = this.settings({
			N8N_PORT: String(this.port),
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			...extraEnv,
		});
		const child = this.spawnLogged('main', ['start'], settings);
		await eventually(
			`n8n ${this.version} answering on ${this.url}`,
			async () => {
				if (child.exitCode !== null)
					throw new Error(
						`n8n ${this.version} exited during start:\n${this.log('main').slice(-3000)}`,
					);
				const ok = await fetch(`${this.url}/rest/settings`).then(
					(response) => response.ok,
					() => false, // not listening yet
				);
				return ok ? done(true) : notYet(this.log('main').slice(-3000));
			},
			120_000,
			500,
		);
		// Just after start, n8n can answer before its REST routes are all in place: try until
		// the owner is set up (a fresh database) and signed in.
		await eventually(
			'Signed in as the owner',
			async () => {
				try {
					await this.rest('POST', '/rest/owner/setup', OWNER).catch(() => undefined);
					await this.rest('POST', '/rest/login', {
						emailOrLdapLoginId: OWNER.email,
						password: OWNER.password,
					});
					return done(true);
				} catch (error) {
					return notYet((error as Error).message);
				}
			},
			10_000,
			500,
		);
	}

	/** `n8n worker`, logged under `name` (worker, worker2…), running `concurrency` executions at a time. */
	async startWorker(
		extraEnv: Record<string, string> = {},
		{ name = 'worker', concurrency = 2 }: { name?: string; concurrency?: number } = {},
	): Promise<void> {
		const settings = this.settings({
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			QUEUE_HEALTH_CHECK_ACTIVE: 'false',
			...extraEnv,
		});
		this.spawnLogged(name, ['worker', `--concurrency=${concurrency}`], settings);
		await eventually(
			`The n8n ${this.version} ${name} started`,
			async () =>
				/worker started|Worker ready|n8n worker is now ready/i.test(this.log(name))
					? done(true)
					: notYet(this.log(name).slice(-3000)),
			60_000,
			500,
		);
	}

	/**
	 * `n8n webhook` on a port of its own: a second process that serves production webhooks in
	 * queue mode, as a scaled-out setup runs them behind a load balancer. Returns its URL.
	 */
	async startWebhookProcess(extraEnv: Record<string, string> = {}): Promise<string> {
		const port = await freePort();
		const settings = this.settings({
			N8N_PORT: String(port),
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			...extraEnv,
		});
		const child = this.spawnLogged('webhook', ['webhook'], settings);
		const url = `http://127.0.0.1:${port}`;
		return await eventually(
			`The n8n ${this.version} webhook process answering`,
			async () => {
				if (child.exitCode !== null)
					throw new Error(
						`The n8n ${this.version} webhook process exited:\n${this.log('webhook').slice(-3000)}`,
					);
				const answer = await fetch(`${url}/healthz`).catch(() => undefined);
				return answer?.ok ? done(url) : notYet(this.log('webhook').slice(-3000));
			},
			60_000,
			500,
		);
	}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	async rest<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.url}${path}`, {
			method,
			headers: {
				'content-type': 'application/json',
				'browser-id': 'agntix-e2e',
				cookie: this.cookie,
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const setCookie = response.headers.get('set-cookie');
		if (setCookie) this.cookie = setCookie.split(';')[0];
		const text = await response.text();
		if (!response.ok)
			throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 1000)}`);
		let json: unknown;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			throw new Error(
				`${method} ${path} answered ${response.status} with no JSON: ${text.slice(0, 300)}`,
			);
		}
		return (
			json && typeof json === 'object' && 'data' in json ? (json as { data: unknown }).data : json
		) as T;
	}

	/** The executions of a workflow, newest first: id and status. */
	async executions(workflowId: string): Promise<Array<{ id: string; status: string }>> {
		const list = await this.rest<
			{ results?: Array<{ id: string; status: string }> } | Array<{ id: string; status: string }>
		>('GET', `/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`);
		return Array.isArray(list) ? list : (list.results ?? []);
	}

	/** The error messages of the workflow's failed executions (at most `limit`, newest first). */
	async executionErrors(workflowId: string, limit = 5): Promise<string[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId, status: ['error'] }));
		const answer = await this.rest<{ results?: Array<{ id: string }> }>(
			'GET',
			`/rest/executions?filter=${filter}&limit=${limit}`,
		);
		return await Promise.all(
			(answer.results ?? []).map(async ({ id }) => {
				const execution = await this.rest<{ data: string }>('GET', `/rest/executions/${id}`);
				const { resultData } = parse(execution.data) as {
					resultData: { error?: { message?: string; description?: string } };
				};
				return `execution ${id}: ${resultData.error?.message} ${resultData.error?.description ?? ''}`;
			}),
		);
	}

	/** How many executions of the workflow have this status. */
	async countExecutions(workflowId: string, status: string): Promise<number> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId, status: [status] }));
		const answer = await this.rest<{ count?: number; results?: unknown[] }>(
			'GET',
			`/rest/executions?filter=${filter}&limit=1`,
		);
		return answer.count ?? answer.results?.length ?? 0;
	}

	/** Waits (up to `ms`) for the newest execution of a workflow with this status. */
	async newestExecutionWithStatus(
		workflowId: string,
		status: string,
		ms = 20_000,
	): Promise<{ id: string; status: string }> {
		return await eventually(
			`A ${status} execution of workflow ${workflowId}`,
			async () => {
				const executions = await this.executions(workflowId);
				const execution = executions.find((e) => e.status === status);
				return execution
					? done(execution)
					: notYet(executions.map((e) => `${e.id} ${e.status}`).join(', ') || 'none');
			},
			ms,
		);
	}

	/** Waits (up to `ms`) until the execution has this status; returns its run data by node name. */
	async executionWithStatus(
		id: string,
		status: string,
		ms = 30_000,
	): Promise<ExecuteResult['runData']> {
		return await eventually(
			`Execution ${id} ${status}`,
			async () => {
				const execution = await this.rest<{ status: string; data: string }>(
					'GET',
					`/rest/executions/${id}`,
				);
				if (execution.status !== status) return notYet(execution.status);
				return done(
					(parse(execution.data) as { resultData: { runData: ExecuteResult['runData'] } })
						.resultData.runData,
				);
			},
			ms,
		);
	}

	/** Calls a production webhook, retrying while n8n is still registering it. */
	async webhook(path: string, body: unknown): Promise<{ status: number; json: unknown }> {
		return await eventually(
			`The webhook ${path} registered`,
			async () => {
				const response = await fetch(`${this.url}/webhook/${path}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(body),
				});
				const text = await response.text();
				if (response.status === 404) return notYet(`404 ${text.slice(0, 200)}`);
				let json: unknown = text;
				try {
					json = JSON.parse(text);
				} catch {
					// not JSON
				}
				return done({ status: response.status, json });
			},
			30_000,
		);
	}

	async stopAll(): Promise<void> {
		this.named.clear();
		await this.stopProcesses();
		if (this.image) removeContainers(this.containers.splice(0));
	}

	private async stopProcesses(): Promise<void> {
		await Promise.all(
			this.processes.splice(0).map(
				(child) =>
					new Promise<void>((done) => {
						if (child.exitCode !== null || child.pid === undefined) return done();
						child.once('exit', () => done());
						try {
							process.kill(-child.pid, 'SIGTERM');
						} catch {
							return done();
						}
						setTimeout(() => {
							try {
								process.kill(-child.pid!, 'SIGKILL');
							} catch {
								// already gone
							}
						}, 15_000).unref();
					}),
			),
		);
	}
}
