#!/usr/bin/env bash
# npm run test:e2e: builds the package, installs the pinned n8n versions once, and runs the
# end-to-end suite against real n8n processes: the versions of n8n/versions.json, or those
# of E2E_N8N_VERSIONS (comma-separated; a dist-tag such as latest works too, and docker:<tag>
# runs n8n's Docker image, e.g. docker:latest for n8n 3, which is published only as one).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
versions=${E2E_N8N_VERSIONS:-$(bash scripts/n8n-versions.sh e2e)}
missing=()
command -v redis-server >/dev/null || missing+=(redis-server)         # queue mode
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql) # queue mode's database
bash scripts/find-browser.sh >/dev/null || missing+=(chromium)         # the editor journeys
if [ ${#missing[@]} -gt 0 ]; then
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
		echo "Installing ${missing[*]} from Debian's packages..."
		# The suite starts PostgreSQL clusters of its own: Debian's default one is not created
		# (and so not left running).
		if [[ " ${missing[*]} " == *" postgresql "* ]]; then
			mkdir -p /etc/postgresql-common/createcluster.d
			echo 'create_main_cluster = false' >/etc/postgresql-common/createcluster.d/no-main-cluster.conf
		fi
		apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
	else
		echo "The end-to-end suite needs ${missing[*]}: install them (e.g. sudo apt-get install ${missing[*]})," >&2
		echo "or point E2E_BROWSER at a Chromium or Chrome binary for the browser." >&2
		exit 1
	fi
fi
export E2E_BROWSER
E2E_BROWSER=$(bash scripts/find-browser.sh)
echo "Browser for the editor journeys: $E2E_BROWSER"
npm run build
for version in ${versions//,/ }; do
	started=$(date +%s)
	if [[ $version == docker:* ]]; then
		docker pull --quiet "docker.n8n.io/n8nio/n8n:${version#docker:}"
	else
		bash scripts/install-n8n.sh "$version"
	fi
	echo "n8n $version ready in $(( $(date +%s) - started )) s"
done
rm -rf .e2e
started=$(date +%s)
E2E_N8N_VERSIONS=$versions npx jest -c jest.e2e.config.js --runInBand "$@"
echo "End-to-end suite ran in $(( $(date +%s) - started )) s"
