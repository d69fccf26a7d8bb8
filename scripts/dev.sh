#!/usr/bin/env bash
# npm run dev: builds the package, installs n8n (the dev version of n8n/versions.json) once, starts the local Agntix sandbox
# and a real n8n with the package loaded as a community package and a credential pointing
# at the sandbox. Ctrl+C stops both.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

N8N_VERSION=$(bash scripts/n8n-versions.sh dev)
SANDBOX_PORT=${SANDBOX_PORT:-4010}
N8N_PORT=${N8N_PORT:-5678}
# n8n's task broker needs a port of its own: change it when another n8n runs on this machine.
BROKER_PORT=${N8N_RUNNERS_BROKER_PORT:-5681}
OWNER_EMAIL=dev@example.com
OWNER_PASSWORD=Agntix-dev-1
user_folder="$root/.n8n-dev"

[ -d node_modules ] || npm ci
npm run build
bash scripts/install-n8n.sh "$N8N_VERSION"
bash scripts/stage-package.sh "$user_folder"

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM

SANDBOX_PORT=$SANDBOX_PORT npx ts-node --transpile-only test/sandbox/main.ts &
pids+=($!)

export N8N_USER_FOLDER="$user_folder" N8N_ENCRYPTION_KEY=agntix-dev-encryption-key DB_SQLITE_POOL_SIZE=2 \
	N8N_DIAGNOSTICS_ENABLED=false N8N_VERSION_NOTIFICATIONS_ENABLED=false N8N_PERSONALIZATION_ENABLED=false \
	N8N_TEMPLATES_ENABLED=false N8N_HIRING_BANNER_ENABLED=false N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS=true \
	N8N_SECURE_COOKIE=false N8N_LISTEN_ADDRESS=127.0.0.1 N8N_PORT="$N8N_PORT" N8N_RUNNERS_BROKER_PORT="$BROKER_PORT" \
	N8N_VERIFIED_PACKAGES_ENABLED=false N8N_DISABLED_MODULES=mcp-registry
PATH="$(bash scripts/n8n-node-path.sh "$N8N_VERSION"):$PATH"
n8n="$root/n8n/$N8N_VERSION/node_modules/.bin/n8n"

credentials=$(mktemp)
npx ts-node --transpile-only scripts/dev-credential.ts "http://127.0.0.1:$SANDBOX_PORT" > "$credentials"
"$n8n" import:credentials --input="$credentials" >/dev/null
if ! imported=$("$n8n" import:workflow --separate --input=examples 2>&1); then
	echo "Importing the example workflows into n8n failed:" >&2
	echo "$imported" | tail -20 >&2
	exit 1
fi
rm -f "$credentials"

"$n8n" start &
pids+=($!)
# Wait for the REST API, then create the owner account (fresh user folder only).
node -e '
const [port, email, password] = process.argv.slice(1);
const base = `http://127.0.0.1:${port}`;
(async () => {
	for (const deadline = Date.now() + 180_000; ; await new Promise((r) => setTimeout(r, 1000))) {
		try { if ((await fetch(`${base}/rest/settings`)).ok) break; } catch {}
		if (Date.now() > deadline) {
			console.error(`n8n did not answer on ${base} within 180 s: see its output above. Is port ${port} free (N8N_PORT)?`);
			process.exit(1);
		}
	}
	await fetch(`${base}/rest/owner/setup`, {
		method: "POST",
		headers: { "content-type": "application/json", "browser-id": "dev" },
		body: JSON.stringify({ email, firstName: "Dev", lastName: "User", password }),
	}).catch(() => undefined);
})();
' "$N8N_PORT" "$OWNER_EMAIL" "$OWNER_PASSWORD"

cat <<MSG

  n8n is running at http://127.0.0.1:$N8N_PORT  (sign in: $OWNER_EMAIL / $OWNER_PASSWORD)
  The "Agntix sandbox" credential points at the local sandbox on http://127.0.0.1:$SANDBOX_PORT
  Sandbox requests so far: curl http://127.0.0.1:$SANDBOX_PORT/__sandbox/requests
  Try the Agntix Trigger: add it to a workflow, copy its Test URL, click "Listen for test event", then
    SANDBOX_PORT=$SANDBOX_PORT npm run sandbox:call-ended -- <that URL>
  Ctrl+C stops both.

MSG
wait
