#!/usr/bin/env bash
# Prints the folder of the Node binary an n8n version runs on: the machine's own, or the Node
# 24 that scripts/install-n8n.sh put into n8n/.node/ (the choice: scripts/n8n-node.cjs).
set -euo pipefail
version=${1:?usage: n8n-node-path.sh <version>}
root=$(cd "$(dirname "$0")/.." && pwd)
choice=$(node "$root/scripts/n8n-node.cjs" "$version")
if [ "$choice" = machine ]; then
	dirname "$(command -v node)"
	exit 0
fi
bin="$root/n8n/.node/$choice/node_modules/${choice%@*}/bin"
if [ ! -x "$bin/node" ]; then
	echo "n8n $version runs on $choice, which is not installed yet: run bash scripts/install-n8n.sh $version" >&2
	exit 1
fi
echo "$bin"
