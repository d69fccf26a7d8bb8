#!/usr/bin/env bash
# npm run bench, bench:waiting, bench:resumes: builds the package, installs the n8n that
# npm run dev uses (once), and runs the benchmark file given.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
npm run build
bash scripts/install-n8n.sh "$(bash scripts/n8n-versions.sh dev)"
exec npx ts-node --transpile-only "$@"
