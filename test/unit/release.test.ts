/**
 * How the package is released: the GitHub workflows cannot run here, so their content is
 * checked. What ships (the packed file list) is checked by npm run lint.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

import { N8N_IMAGE, dockerRunArgs, imageOf } from '../../tools/n8n/docker';

const ROOT = join(__dirname, '../..');

interface Step {
	run?: string;
	uses?: string;
	env?: Record<string, string>;
	with?: Record<string, unknown>;
}
interface Job {
	uses?: string;
	needs?: string | string[];
	permissions?: Record<string, string>;
	'runs-on'?: string;
	strategy?: { matrix?: Record<string, unknown[]> };
	steps?: Step[];
}
interface Workflow {
	on: Record<string, unknown>;
	jobs: Record<string, Job>;
}

const workflow = (name: string): Workflow =>
	parse(readFileSync(join(ROOT, '.github/workflows', name), 'utf8'));
const commands = (job: Job) => (job.steps ?? []).map((step) => step.run ?? '').join('\n');
const ciScript = readFileSync(join(ROOT, '.ci/run'), 'utf8');

describe('the CI workflow', () => {
	const ci = workflow('ci.yml');

	test('runs on pushes and pull requests, and can be called by the release', () => {
		expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push', 'workflow_call']);
	});

	test('runs what .ci/run runs: build, lint and the tests on Node 20, 22 and 24', () => {
		expect(ci.jobs.checks.strategy?.matrix?.node).toEqual([20, 22, 24]);
		for (const command of ['npm ci', 'npm run build', 'npm run lint', 'npm test']) {
			expect(ciScript).toContain(command);
			expect(commands(ci.jobs.checks)).toContain(command);
		}
	});

	test("runs the end-to-end suite on the pinned n8n versions, npm's latest n8n and n8n's Docker image", () => {
		expect(ciScript).toContain('npm run test:e2e');
		expect(commands(ci.jobs.e2e)).toContain('npm run test:e2e');
		const legs = ci.jobs.e2e.strategy?.matrix?.include as Array<{ n8n: string; versions: string }>;
		expect(legs).toEqual([
			{ n8n: 'pinned', versions: '' },
			{ n8n: 'latest', versions: 'latest' },
			{ n8n: 'docker', versions: 'docker:latest' },
		]);
		const suite = (ci.jobs.e2e.steps ?? []).find((step) => step.run === 'npm run test:e2e');
		expect(suite?.env).toEqual({ E2E_N8N_VERSIONS: '${{ matrix.versions }}' });
		// The runner image has Google Chrome but no Redis; Ubuntu's chromium package is a snap stub.
		expect(commands(ci.jobs.e2e)).toMatch(/apt-get install .*redis-server/);
		expect(commands(ci.jobs.e2e)).not.toMatch(/apt-get install .*chromium/);
		expect(commands(ci.jobs.e2e)).toContain('bash scripts/find-browser.sh');
		expect(readFileSync(join(ROOT, 'scripts/find-browser.sh'), 'utf8')).toContain(
			'/usr/bin/google-chrome',
		);
	});
});

describe("the end-to-end suite on n8n's Docker image", () => {
	const ci = workflow('ci.yml');
	const e2eScript = readFileSync(join(ROOT, 'scripts/e2e.sh'), 'utf8');

	test('runs on a runner with Docker, and pulls the image the harness runs', () => {
		// GitHub's Ubuntu runners come with Docker; n8n 3 exists only as an image.
		expect(ci.jobs.e2e['runs-on']).toBe('ubuntu-latest');
		expect(e2eScript).toContain(`docker pull --quiet "${N8N_IMAGE}:\${version#docker:}"`);
		expect(imageOf('docker:latest')).toBe(`${N8N_IMAGE}:latest`);
		expect(imageOf('2.41.1')).toBeUndefined();
	});

	test('runs each n8n command in a container on the host network, with the user folder at its own path and unverified packages allowed', () => {
		const args = dockerRunArgs({
			image: `${N8N_IMAGE}:latest`,
			container: 'agntix-e2e-1-0',
			userFolder: '/work/.e2e/n8n-docker-latest-x',
			settings: { N8N_PORT: '5999', DB_TYPE: 'postgresdb' },
			args: ['start'],
		});
		const env = args.flatMap((arg, at) => (args[at - 1] === '--env' ? [arg] : []));
		expect(env).toEqual(
			expect.arrayContaining([
				'N8N_PORT=5999',
				'DB_TYPE=postgresdb',
				'N8N_UNVERIFIED_PACKAGES_ENABLED=true',
				'HOME=/work/.e2e/n8n-docker-latest-x',
			]),
		);
		expect(args.join(' ')).toContain(
			'--network host --user ' + `${process.getuid!()}:${process.getgid!()}`,
		);
		expect(args.join(' ')).toContain(
			'--volume /work/.e2e/n8n-docker-latest-x:/work/.e2e/n8n-docker-latest-x',
		);
		expect(args.slice(-4)).toEqual(['--entrypoint', 'n8n', `${N8N_IMAGE}:latest`, 'start']);
	});
});

describe('the release workflow', () => {
	const release = workflow('release.yml');

	test('starts from a version tag and runs the same checks as CI first', () => {
		expect(release.on).toEqual({ push: { tags: ['v*'] } });
		expect(release.jobs.checks.uses).toBe('./.github/workflows/ci.yml');
		expect(release.jobs.publish.needs).toBe('checks');
	});

	test('publishes with npm provenance, with the OIDC token it needs', () => {
		expect(release.jobs.publish.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
		expect(commands(release.jobs.publish)).toContain('npm publish --provenance --access public');
	});

	test('refuses a tag that does not match package.json', () => {
		expect(commands(release.jobs.publish)).toContain('require("./package.json").version');
	});
});

test('a publish from a laptop builds, lints (which also checks the packed file list) and tests first', () => {
	const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
	const steps = String(scripts.prepublishOnly)
		.split('&&')
		.map((step) => step.trim());
	expect(steps).toEqual(['npm run build', 'npm run lint', 'npm test']);
	expect(scripts.lint).toContain('scripts/scan-package.mjs');
	expect(readFileSync(join(ROOT, 'scripts/scan-package.mjs'), 'utf8')).toContain(
		'checkPackedFiles(packed)',
	);
});
