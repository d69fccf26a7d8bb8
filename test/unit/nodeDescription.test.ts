import { Agntix } from '../../nodes/Agntix/Agntix.node';

const description = new Agntix().description;

/** Every "resource:operation" with its action label, read from the Operation fields. */
function actions(): Record<string, string> {
	const labels: Record<string, string> = {};
	for (const field of description.properties.filter((p) => p.name === 'operation')) {
		const resource = String(field.displayOptions?.show?.resource?.[0]);
		for (const option of field.options ?? []) {
			if ('action' in option) labels[`${resource}:${String(option.value)}`] = String(option.action);
		}
	}
	return labels;
}

test('the canvas subtitle names every operation by its action label', () => {
	const map = JSON.parse(/\(\s*(\{[^}]*\})\s*\)/.exec(String(description.subtitle))![1]);
	expect(map).toEqual(actions());
});

test('each resource has one Operation field, shown for that resource only', () => {
	const resources = description.properties
		.find((p) => p.name === 'resource')!
		.options!.map((o) => ('value' in o ? o.value : ''));
	const operationFields = description.properties.filter((p) => p.name === 'operation');
	expect(operationFields.map((p) => p.displayOptions?.show?.resource)).toEqual(
		resources.map((r) => [r]),
	);
});
