#!/usr/bin/env bash
# Writes n8n/<version>/package.json for an n8n version and, for an exact version, its lock
# file: `bash scripts/pin-n8n.sh 2.41.3`. A dist-tag (latest, next) gets no lock file: it is
# resolved at install time. 1.x gets two overrides its plain install needs (see CONTRIBUTING.md).
# Which Node runs it is chosen at install time (scripts/n8n-node.cjs), not pinned here.
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
	"description": "n8n $version for the end-to-end tests. Installed by scripts/install-n8n.sh.",
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
	"description": "n8n $version for npm run dev and the end-to-end tests. Installed by scripts/install-n8n.sh.",
	"dependencies": {
		"n8n": "$version"
	}
}
JSON
fi
if [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
	echo "Resolving n8n $version into n8n/$version/package-lock.json..."
	(cd "$dir" && npm install --package-lock-only --ignore-scripts --no-audit --no-fund --loglevel=error)
fi
echo "n8n/$version/package.json written"
