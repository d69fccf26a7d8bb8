/**
 * The package's advice works on every n8n it supports: nothing it says (node texts, README,
 * CONTRIBUTING, examples) tells people to use a mode n8n 3 removed, other than to say so.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

function filesUnder(folder: string, ending: string): string[] {
	return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
		.filter((file) => file.endsWith(ending))
		.map((file) => join(folder, file));
}

const TEXTS = [
	...filesUnder('nodes', '.ts'),
	...filesUnder('credentials', '.ts'),
	...filesUnder('examples', '.json'),
	...filesUnder('scripts/dev-workflows', '.json'),
	'README.md',
	'CONTRIBUTING.md',
];

/** Execute Workflow's "Run once for each item" and n8n 3's other removals. */
const REMOVED_IN_N8N_3 = [
	/run once for each item/i,
	/\$getPairedItem/,
	/binary data mode.*memory/i,
];

test.each(TEXTS)('%s advises nothing that n8n 3 removed', (file) => {
	const sentences = readFileSync(join(ROOT, file), 'utf8').split(/(?<=[.!?])\s+|\n/);
	const advice = sentences.filter(
		(sentence) =>
			REMOVED_IN_N8N_3.some((removed) => removed.test(sentence)) && !/removed/i.test(sentence),
	);
	expect(advice).toEqual([]);
});

test('the texts checked include the two refusals that send a list to one execution per item', () => {
	expect(TEXTS).toEqual(
		expect.arrayContaining([
			join('nodes', 'Agntix/pause/pauseUntilEnd.ts'),
			join('nodes', 'Agntix/actions/call/waitForCallingHours.operation.ts'),
		]),
	);
});
