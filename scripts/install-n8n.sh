#!/usr/bin/env bash
# Installs a pinned n8n into n8n/<version>/ (git-ignored node_modules), once; the versions
# the project uses are named in n8n/versions.json.
# Each runs on the machine's Node when it fits n8n's engines range, else on a Node 24 for the
# machine's platform from the npm registry (scripts/n8n-node.cjs chooses, n8n/.node/ holds it).
# Scripts are skipped (some download from the internet); then the native modules n8n needs
# are built from source: sqlite3, and isolated-vm where n8n uses it (1.x expressions).
set -euo pipefail
version=${1:?usage: install-n8n.sh <version>}
root=$(cd "$(dirname "$0")/.." && pwd)
dir="$root/n8n/$version"
# A version without its folder yet (e.g. the dist-tag latest) gets one from the template.
[ -f "$dir/package.json" ] || bash "$root/scripts/pin-n8n.sh" "$version"

choice=$(node "$root/scripts/n8n-node.cjs" "$version")
if [ "$choice" != machine ] && [ ! -x "$root/n8n/.node/$choice/node_modules/${choice%@*}/bin/node" ]; then
	echo "n8n $version needs a newer Node than this machine's $(node --version): installing $choice from the npm registry..."
	npm install --prefix "$root/n8n/.node/$choice" --no-save --ignore-scripts --no-audit --no-fund --loglevel=error "$choice"
fi

marker="$dir/node_modules/.agntix-installed"
# The lock file's hash, with Node (macOS has no sha256sum).
lock_hash() {
	node -e 'const { createHash } = require("node:crypto");
console.log(createHash("sha256").update(require("node:fs").readFileSync(process.argv[1])).digest("hex").slice(0, 16))' "$1"
}
stamp=$(lock_hash "$dir/package-lock.json" 2>/dev/null || echo none)
if [ -f "$marker" ] && [ "$(cat "$marker")" = "$stamp" ]; then
	exit 0
fi
echo "Installing n8n $version into n8n/$version, once: about 2.6 GB of disk and a few minutes..."
cd "$dir"
started=$(date +%s)
# npm prints nothing for minutes at this log level: say that it is still going, with how many
# of the lock file's packages are in place. The loop ends by itself once the flag file is gone
# (nothing is killed, so nothing can fail at exit).
running=$(mktemp)
trap 'rm -f "$running"' EXIT
# "<in place> of <expected>": the lock file's packages for this platform (npm may leave out a
# few optional ones, so the count can end a little short of the total).
in_place() {
	node -e 'const { existsSync } = require("node:fs");
const fits = (list, value) => !list || (list.some((v) => !v.startsWith("!")) ? list.includes(value) : !list.includes(`!${value}`));
const expected = Object.entries(require("./package-lock.json").packages).filter(([path, entry]) =>
	path.startsWith("node_modules/") && !entry.extraneous && fits(entry.os, process.platform) && fits(entry.cpu, process.arch));
const count = expected.filter(([path]) => existsSync(`${path}/package.json`)).length;
console.log(`${count.toLocaleString("en")} of ${expected.length.toLocaleString("en")} packages`)' 2>/dev/null || echo "packages"
}
(
	while [ -e "$running" ]; do
		for _ in 1 2 3 4; do sleep 5; [ -e "$running" ] || exit 0; done
		echo "  ... installing n8n $version: $(( $(date +%s) - started )) s, $(in_place) in place"
	done
) &
if [ -f package-lock.json ]; then
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
else
	npm install --ignore-scripts --no-audit --no-fund --loglevel=error
fi
rm -f "$running"
echo "  ... n8n $version's packages are in place after $(( $(date +%s) - started )) s; next, its native modules"
native=sqlite3
[ -d node_modules/isolated-vm ] && [ "${version%%.*}" = 1 ] && native="$native isolated-vm"
node_path="$(bash "$root/scripts/n8n-node-path.sh" "$version")"
# sqlite3 publishes prebuilt binaries on GitHub: where that is reachable one is fetched in
# seconds, instead of two minutes of compiling on two cores. It counts only if it loads.
if (cd node_modules/sqlite3 && PATH="$node_path:$PATH" node ../prebuild-install/bin.js -r napi) >/dev/null 2>&1 &&
	(cd node_modules/n8n && PATH="$node_path:$PATH" node -e "require('sqlite3')") 2>/dev/null; then
	echo "  sqlite3: prebuilt binary"
	native=${native/sqlite3/}
else
	echo "  sqlite3: no prebuilt binary could be fetched, building it from source (about two minutes)..."
fi
# --ignore-scripts=false: under `npm run`, npm passes the package's ignore-scripts=true down
# through the environment, and a rebuild without scripts builds nothing.
[ -z "${native// /}" ] || PATH="$node_path:$PATH" npm rebuild $native --ignore-scripts=false --loglevel=error
for module in sqlite3 ${native/sqlite3/}; do
	(cd node_modules/n8n && PATH="$node_path:$PATH" node -e "require('$module')") || {
		echo "n8n $version: the native module $module did not build" >&2
		exit 1
	}
done
lock_hash package-lock.json > "$marker"
echo "n8n $version installed in $(( $(date +%s) - started )) s"
