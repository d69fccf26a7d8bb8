/**
 * README and CONTRIBUTING say the same thing where both say it: the two commands a newcomer
 * runs first, and the Node that the pinned n8n needs (from its lock file's `engines`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const readme = read('README.md');
const contributing = read('CONTRIBUTING.md');
const { dev } = JSON.parse(read('n8n/versions.json'));

/** The commands of a document's first code block, without their comments. */
const firstCommands = (text: string) =>
	text
		.slice(text.indexOf('```sh') + 5, text.indexOf('```', text.indexOf('```sh') + 5))
		.trim()
		.split('\n')
		.map((line) => line.replace(/#.*$/, '').trim());

test('both start with the same two commands', () => {
	expect(firstCommands(readme)).toEqual(['npm run dev', 'npm ci && npm test']);
	expect(firstCommands(contributing)).toEqual(firstCommands(readme));
});

test("the Node they name for the dev n8n is the one its lock file's engines ask for", () => {
	const lock = JSON.parse(read(`n8n/${dev}/package-lock.json`));
	const minimum = /^>=(\d+)/.exec(lock.packages['node_modules/n8n'].engines.node)?.[1];
	const needs = (text: string) =>
		[...text.matchAll(/n8n (\d+\.\d+\.\d+)[^.|]*? needs Node (\d+) or newer/g)].map(
			([, version, node]) => `${version} ${node}`,
		);
	expect(needs(readme)).toEqual([`${dev} ${minimum}`]);
	expect(needs(contributing)).toEqual([`${dev} ${minimum}`]);
});
