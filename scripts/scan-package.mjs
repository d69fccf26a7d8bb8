// Runs n8n's community-package scan offline, with the scanner's own ESLint configuration
// (@n8n/scan-community-package), on what n8n verifies: the packed tarball (compiled code and
// package.json) and the TypeScript source of the nodes and credentials. Tests, scripts and
// the sandbox are not part of the package and are not scanned. No finding is accepted.
//
// It also checks the packed file list (checkPackedFiles) and that the compiled code loads
// nothing the installed package lacks (checkRequires): libphonenumber-js is bundled into it
// (scripts/bundle-dependencies.mjs), and a devDependency the scanner lets through in source
// would be missing at run time.
import { execFileSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import glob from 'fast-glob';
import { buildScanConfig } from '@n8n/scan-community-package/scanner/scanner.mjs';

async function scan(label, dir) {
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await buildScanConfig(),
	});
	const files = glob.sync(['**/*.js', '**/*.ts', '**/*.json'], {
		cwd: dir,
		absolute: true,
		ignore: ['node_modules/**', '**/package-lock.json'],
	});
	const results = await eslint.lintFiles(files);
	const errors = results.reduce((sum, r) => sum + r.errorCount, 0);
	const warnings = results.reduce((sum, r) => sum + r.warningCount, 0);
	console.log(
		`n8n package scan, ${label}: ${files.length} files, ${errors} errors, ${warnings} warnings`,
	);
	if (errors || warnings)
		console.log(await (await eslint.loadFormatter('stylish')).format(results));
	return errors === 0 && warnings === 0;
}

// What compiled code may load: its own files, Node's modules and n8n-workflow (n8n's).
const LOADABLE = new Set([...builtinModules, 'n8n-workflow']);

function checkRequires(packed) {
	const outside = [];
	for (const file of glob.sync('dist/**/*.js', { cwd: packed })) {
		const code = readFileSync(join(packed, file), 'utf8');
		for (const [, path] of code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)) {
			const name = path.replace(/^node:/, '');
			if (!path.startsWith('.') && !LOADABLE.has(name)) outside.push(`${file}: ${path}`);
		}
	}
	console.log(`compiled code loads ${outside.length} module(s) the package does not hold`);
	for (const line of outside) console.log(`  ${line}`);
	return outside.length === 0;
}

// What a user installs: the compiled nodes and credential (code, source maps, codex files,
// icons), README, LICENSE, CHANGELOG and package.json. A stray file (tests, the sandbox,
// scripts, a secret) fails the check.
const OUTSIDE_DIST = ['CHANGELOG.md', 'LICENSE', 'README.md', 'package.json'];
const IN_DIST = /^dist\/(nodes|credentials|icons)\/.+\.(js|js\.map|json|svg|png)$/;
const REQUIRED = [
	'dist/nodes/Agntix/Agntix.node.js',
	'dist/nodes/AgntixTrigger/AgntixTrigger.node.js',
	'dist/credentials/AgntixApi.credentials.js',
];

function checkPackedFiles(packed) {
	const files = glob.sync('**/*', { cwd: packed, dot: true });
	const stray = files.filter((path) =>
		path.startsWith('dist/') ? !IN_DIST.test(path) : !OUTSIDE_DIST.includes(path),
	);
	const missing = [...OUTSIDE_DIST, ...REQUIRED].filter((path) => !files.includes(path));
	console.log(
		`packed files: ${files.length}, ${stray.length} not meant to ship, ${missing.length} missing`,
	);
	for (const path of stray) console.log(`  not meant to ship: ${path}`);
	for (const path of missing) console.log(`  missing: ${path}`);
	return stray.length === 0 && missing.length === 0;
}

const root = new URL('..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'agntix-scan-'));
try {
	const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], {
		cwd: root,
		encoding: 'utf8',
	})
		.trim()
		.split('\n')
		.pop();
	const packed = join(work, 'packed');
	mkdirSync(packed);
	execFileSync('tar', ['-xzf', join(work, tarball), '-C', packed, '--strip-components=1']);
	const source = join(work, 'source');
	cpSync(root, source, {
		recursive: true,
		filter: (path) => {
			const relative = path.slice(root.length);
			return relative === '' || /^(package\.json|nodes|credentials|icons)(\/|$)/.test(relative);
		},
	});
	const passed = [
		checkPackedFiles(packed),
		checkRequires(packed),
		await scan('packed tarball', packed),
		await scan('node and credential source', source),
	];
	process.exitCode = passed.every(Boolean) ? 0 : 1;
} finally {
	rmSync(work, { recursive: true, force: true });
}
