/** README's Install: what it tells people to run matches the package and the suite's image. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { N8N_IMAGE } from '../../tools/n8n/docker';

const ROOT = join(__dirname, '../..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const install = readme.slice(readme.indexOf('## Install'), readme.indexOf('## Credential'));
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

test("the declared install for n8n 3 pins this package's version with its checksum", () => {
	expect(install).toContain(`version=${version}\n`);
	expect(install).toContain('checksum=$(npm view n8n-nodes-agntix@$version dist.integrity)');
	expect(install).toMatch(/N8N_COMMUNITY_PACKAGES=".*\\"checksum\\":\\"\$checksum\\"/);
});

test('n8n 3 is run from the image the end-to-end suite runs, and the unverified switch is named', () => {
	expect(install).toContain(N8N_IMAGE);
	expect(install).toContain('N8N_UNVERIFIED_PACKAGES_ENABLED=true');
	expect(install).toMatch(
		/\*\*n8n 3 \(Docker\)\.\*\*[\s\S]*\*\*n8n 2\.x and 1\.x\*\*[\s\S]*\*\*Queue mode\*\*/,
	);
});
