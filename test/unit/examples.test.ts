import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const folder = join(__dirname, '../../examples');
const examples = readdirSync(folder)
	.filter((file) => file.endsWith('.json'))
	.map((file) => ({ file, workflow: JSON.parse(readFileSync(join(folder, file), 'utf8')) }));

interface ExampleNode {
	type: string;
	name: string;
	parameters: Record<
		string,
		{ mode?: string; cachedResultName?: string; content?: string } | string | undefined
	>;
}

const locator = (node: ExampleNode, field: string) =>
	typeof node.parameters[field] === 'object' ? node.parameters[field] : undefined;

describe.each(examples)('examples/$file', ({ workflow }) => {
	const nodes = workflow.nodes as ExampleNode[];

	test('opens with a sticky note saying what it does and what to change', () => {
		const note = nodes.find((node) => node.type === 'n8n-nodes-base.stickyNote');
		expect(String(note?.parameters.content)).toMatch(/^## .+\n[\s\S]*\*\*To use it:\*\*/);
	});

	test('From Number and Agent are picked from the lists, with names, not raw ids', () => {
		const calls = nodes.filter(
			(node) => node.type === 'n8n-nodes-agntix.agntix' && node.parameters.operation === 'start',
		);
		expect(calls.length).toBeGreaterThan(0);
		for (const node of calls) {
			for (const field of ['phoneNumberId', 'agentId']) {
				expect(
					`${node.name} ${field} ${locator(node, field)?.mode} ${locator(node, field)?.cachedResultName ?? ''}`,
				).toMatch(new RegExp(`^${node.name} ${field} list \\S`));
			}
		}
	});
});
