/**
 * The services n8n's queue mode needs, from Debian's packages, each on a loopback port of its
 * own and in a folder of its own: PostgreSQL (n8n's database) and Redis (its queue). Each is
 * stopped by what started it, and leaves nothing behind.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';

import { done, eventually, notYet } from './eventually';
import { freePort } from './n8nProcess';

export interface Service {
	/** What n8n's processes need in their environment to use it. */
	env: Record<string, string>;
	stop(): Promise<void>;
}

/** Debian's PostgreSQL programs, of the newest major version installed. */
function postgresBin(): string {
	const base = '/usr/lib/postgresql';
	const majors = existsSync(base)
		? readdirSync(base)
				.filter((name) => /^\d+$/.test(name) && existsSync(join(base, name, 'bin/initdb')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (!majors.length)
		throw new Error(
			'PostgreSQL is not installed: sudo apt-get install postgresql (npm run test:e2e installs it when run as root)',
		);
	return join(base, majors[0], 'bin');
}

/** PostgreSQL refuses to run as root: as root, its programs run as the postgres user. */
function asDatabaseUser(program: string, args: string[]): [string, string[]] {
	return process.getuid?.() === 0
		? ['runuser', ['-u', 'postgres', '--', program, ...args]]
		: [program, args];
}

function runQuietly(program: string, args: string[]): void {
	const [command, commandArgs] = asDatabaseUser(program, args);
	execFileSync(command, commandArgs, { stdio: 'pipe' });
}

/** A fresh PostgreSQL cluster with a database for n8n (user n8n, no password, loopback only). */
export async function startPostgres(): Promise<Service> {
	const bin = postgresBin();
	const dir = mkdtempSync(join(tmpdir(), 'agntix-postgres-'));
	if (process.getuid?.() === 0) {
		const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
		const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
		chownSync(dir, uid, gid);
	}
	const data = join(dir, 'data');
	const port = await freePort();
	runQuietly(join(bin, 'initdb'), ['-D', data, '-U', 'n8n', '--auth=trust', '-E', 'UTF8']);
	runQuietly(join(bin, 'pg_ctl'), [
		'-D',
		data,
		'-o',
		`-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`,
		'-l',
		join(dir, 'postgres.log'),
		'-w',
		'start',
	]);
	const stop = async () => {
		try {
			runQuietly(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	};
	try {
		runQuietly(join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n', 'n8n']);
	} catch (error) {
		await stop();
		throw error;
	}
	return {
		env: {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(port),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'n8n',
		},
		stop,
	};
}

/** A Redis that keeps nothing on disk, for queue mode's jobs. */
export async function startRedis(): Promise<Service> {
	const port = await freePort();
	const redis = spawn(
		'redis-server',
		['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no'],
		{ stdio: 'ignore' },
	);
	const exited = new Promise<void>((resolve) => redis.once('exit', () => resolve()));
	await eventually(
		`Redis answering on port ${port}`,
		async () => {
			if (redis.exitCode !== null) throw new Error(`redis-server exited (${redis.exitCode})`);
			const answer = await new Promise<string>((resolve) => {
				const socket = connect(port, '127.0.0.1');
				socket.once('error', () => resolve(''));
				socket.once('data', (data: Buffer) => {
					resolve(data.toString());
					socket.end();
				});
				socket.write('PING\r\n');
			});
			return answer.startsWith('+PONG') ? done(true) : notYet(answer || 'not listening');
		},
		10_000,
		100,
	);
	return {
		env: {
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(port),
		},
		stop: async () => {
			if (redis.exitCode === null) redis.kill('SIGTERM');
			await exited;
		},
	};
}
