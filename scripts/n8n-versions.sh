#!/usr/bin/env bash
# Prints the n8n versions of n8n/versions.json: `n8n-versions.sh dev` (one) or `e2e` (comma-separated).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
node -e '
const versions = require(process.argv[1]);
const value = versions[process.argv[2]];
process.stdout.write(Array.isArray(value) ? value.join(",") : String(value));
' "$root/n8n/versions.json" "${1:?usage: n8n-versions.sh dev|e2e}"
