/**
 * n8n from its Docker image, as n8n 3 is published: `E2E_N8N_VERSIONS=docker:<tag>` (for
 * example `docker:latest`). Every n8n command runs in a container of its own on the host's
 * network, with the user folder mounted at the same path and the process's settings passed in
 * as environment variables, so the suite drives it exactly as an npm-installed n8n: same
 * ports, same files, same REST calls.
 */
import { execFileSync } from 'node:child_process';
import { userInfo } from 'node:os';

export const N8N_IMAGE = 'docker.n8n.io/n8nio/n8n';

/** The image of a `docker:<tag>` version, or undefined for an npm-installed n8n. */
export function imageOf(version: string): string | undefined {
	return version.startsWith('docker:') ? `${N8N_IMAGE}:${version.slice('docker:'.length)}` : undefined;
}

/**
 * The settings an n8n container needs beside the suite's own: n8n 3 refuses packages n8n has
 * not verified unless told otherwise, and the container's user writes to the mounted folder.
 */
export const CONTAINER_SETTINGS = { N8N_UNVERIFIED_PACKAGES_ENABLED: 'true' };

/** `docker run` arguments for one n8n command (`start`, `worker`, `import:workflow`…). */
export function dockerRunArgs(options: {
	image: string;
	container: string;
	userFolder: string;
	settings: Record<string, string>;
	args: string[];
}): string[] {
	const { uid, gid } = userInfo();
	const settings = { ...options.settings, ...CONTAINER_SETTINGS, HOME: options.userFolder };
	return [
		'run',
		'--rm',
		'--name',
		options.container,
		'--network',
		'host',
		'--user',
		`${uid}:${gid}`,
		'--volume',
		`${options.userFolder}:${options.userFolder}`,
		...Object.entries(settings).flatMap(([name, value]) => ['--env', `${name}=${value}`]),
		'--entrypoint',
		'n8n',
		options.image,
		...options.args,
	];
}

/** The n8n version an image holds (`n8n --version` in it). */
export function imageVersion(image: string): string {
	return execFileSync('docker', ['run', '--rm', '--entrypoint', 'n8n', image, '--version'], {
		encoding: 'utf8',
	})
		.trim()
		.split('\n')
		.pop()!
		.trim();
}

/** Removes containers left running (a main that did not stop on SIGTERM). */
export function removeContainers(names: string[]): void {
	if (names.length === 0) return;
	try {
		execFileSync('docker', ['rm', '--force', ...names], { stdio: 'ignore' });
	} catch {
		// already gone
	}
}
