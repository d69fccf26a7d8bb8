/**
 * How the package is released: the GitHub workflows cannot run here, so their content is
 * checked. What ships (the packed file list) is checked by npm run lint.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '../..');

interface Step {
	run?: string;
	uses?: string;
	with?: Record<string, unknown>;
}
interface Job {
	uses?: string;
	needs?: string | string[];
	permissions?: Record<string, string>;
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

	test('runs the end-to-end suite on the pinned n8n versions and on the latest release', () => {
		expect(ciScript).toContain('npm run test:e2e');
		expect(commands(ci.jobs.e2e)).toContain('npm run test:e2e');
		expect(ci.jobs.e2e.strategy?.matrix?.n8n).toEqual(['pinned', 'latest']);
		expect(commands(ci.jobs.e2e)).toContain('E2E_N8N_VERSIONS=latest');
		// The runner image has Google Chrome but no Redis; Ubuntu's chromium package is a snap stub.
		expect(commands(ci.jobs.e2e)).toMatch(/apt-get install .*redis-server/);
		expect(commands(ci.jobs.e2e)).not.toMatch(/apt-get install .*chromium/);
		expect(commands(ci.jobs.e2e)).toContain('bash scripts/find-browser.sh');
		expect(readFileSync(join(ROOT, 'scripts/find-browser.sh'), 'utf8')).toContain(
			'/usr/bin/google-chrome',
		);
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
