// Bundles the package's one library, libphonenumber-js, into the compiled module that uses it
// (calleeNumber.js), so the installed package has no dependency tree: n8n installs one folder,
// and n8n's package checks find no runtime dependency. Runs after tsc (npm run build) and
// builds that one module again from its source: from an import, esbuild takes the library's
// ES modules and leaves out what the package never calls (the as-you-type formatter and its
// logging). The tests use the library from node_modules as the source imports it.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const SOURCE = 'nodes/Agntix/helpers/calleeNumber.ts';
const MODULE = 'dist/nodes/Agntix/helpers/calleeNumber.js';
const LIBRARY = 'node_modules/libphonenumber-js';

const { version } = JSON.parse(readFileSync(`${LIBRARY}/package.json`, 'utf8'));
const license = readFileSync(`${LIBRARY}/LICENSE`, 'utf8').trim().replaceAll('*/', '* /');
const banner = `/*!
 * This file includes libphonenumber-js ${version} (https://gitlab.com/catamphetamine/libphonenumber-js),
 * whose phone number metadata comes from Google's libphonenumber, licensed under the Apache
 * License 2.0 (https://www.apache.org/licenses/LICENSE-2.0). libphonenumber-js's license:
 *
${license
	.split('\n')
	.map((line) => ` * ${line}`.trimEnd())
	.join('\n')}
 */`;

await build({
	entryPoints: [SOURCE],
	outfile: MODULE,
	bundle: true,
	// n8n provides n8n-workflow (calleeNumber.js imports nothing else of the package's).
	external: ['n8n-workflow'],
	platform: 'node',
	format: 'cjs',
	target: 'node20',
	sourcemap: true,
	banner: { js: banner },
	logLevel: 'warning',
});
console.log(`Bundled libphonenumber-js ${version} into ${MODULE}`);
