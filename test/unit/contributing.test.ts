/** CONTRIBUTING's Layout names every folder under nodes/ (and credentials/), and no folder that is gone. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

function foldersUnder(folder: string): string[] {
	return readdirSync(join(root, folder))
		.map((name) => `${folder}/${name}`)
		.filter((path) => statSync(join(root, path)).isDirectory())
		.flatMap((path) => [path, ...foldersUnder(path)]);
}

const layout = (() => {
	const text = readFileSync(join(root, 'CONTRIBUTING.md'), 'utf8');
	const section = text.slice(text.indexOf('## Layout'));
	const block = section.slice(
		section.indexOf('```') + 3,
		section.indexOf('```', section.indexOf('```') + 3),
	);
	return block
		.split('\n')
		.map((line) => line.split(/\s+/)[0])
		.filter((path) => path.endsWith('/'))
		.map((path) => path.replace(/\/$/, ''));
})();

describe("CONTRIBUTING's Layout", () => {
	test('names every folder under nodes/ and credentials/', () => {
		const folders = ['credentials', ...foldersUnder('nodes')];
		const missing = folders.filter((folder) => folder !== 'nodes' && !layout.includes(folder));
		expect(missing).toEqual([]);
	});

	test('names no folder that is gone', () => {
		const gone = layout.filter(
			(path) => !path.includes('<') && !statSync(join(root, path), { throwIfNoEntry: false }),
		);
		expect(gone).toEqual([]);
	});
});
