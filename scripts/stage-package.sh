#!/usr/bin/env bash
# Installs the packed package into an n8n user folder the way n8n installs a community
# package: the npm tarball extracted to .n8n/nodes/node_modules/n8n-nodes-agntix, its dev and
# peer dependencies removed, then `npm install` in that folder as n8n runs it (the package has
# no dependencies: libphonenumber-js is bundled into it, so nothing is installed).
set -euo pipefail
user_folder=${1:?usage: stage-package.sh <n8n user folder>}
root=$(cd "$(dirname "$0")/.." && pwd)
target="$user_folder/.n8n/nodes/node_modules/n8n-nodes-agntix"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$root"
tarball=$(npm pack --silent --pack-destination "$work" | tail -n 1)
rm -rf "$target"
mkdir -p "$target"
tar -xzf "$work/$tarball" -C "$target" --strip-components=1
node -e '
const fs = require("fs");
const file = process.argv[1];
const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
for (const key of ["devDependencies", "peerDependencies", "optionalDependencies"]) delete pkg[key];
fs.writeFileSync(file, JSON.stringify(pkg, null, 2));
' "$target/package.json"
cd "$target"
npm install --audit=false --fund=false --bin-links=false --install-strategy=shallow \
	--ignore-scripts=true --package-lock=false --loglevel=error
echo "Staged $tarball in $target"
