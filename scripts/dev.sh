#!/usr/bin/env bash
# npm run dev: installs what is missing (the project's packages and the dev version of n8n of
# n8n/versions.json, side by side), builds the package, starts the local Agntix sandbox and a
# real n8n with the package loaded as a community package, a credential pointing at the
# sandbox, the example workflows, an active Agntix Trigger workflow the sandbox sends its
# signed webhooks to, and a "Try a call" workflow. Ctrl+C or any signal stops everything.
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
user_folder=${DEV_USER_FOLDER:-"$root/.n8n-dev"}
TRIGGER_URL="http://127.0.0.1:$N8N_PORT/webhook/agntix-dev-trigger/webhook"
TRY_URL="http://127.0.0.1:$N8N_PORT/workflow/agntixDevTryACall"

# Every process this script starts runs in a process group of its own (job control), with
# whatever it starts (n8n starts task runners): stopping a group stops all of it. Groups are
# stopped on exit, on Ctrl+C and on any other signal. Long steps run in the background and
# are waited for, so a signal is handled at once.
set -m
groups=()
start() {
	"$@" &
	groups+=($!)
}
stop_all() {
	trap - EXIT INT TERM HUP
	local group left
	for group in "${groups[@]}"; do kill -- "-$group" 2>/dev/null || true; done
	# n8n stops within seconds, but one whose terminal was closed may not: 10 s, then for good.
	for _ in $(seq 20); do
		left=0
		for group in "${groups[@]}"; do kill -0 -- "-$group" 2>/dev/null && left=1; done
		[ "$left" = 0 ] && return
		sleep 0.5
	done
	for group in "${groups[@]}"; do kill -KILL -- "-$group" 2>/dev/null || true; done
}
trap stop_all EXIT
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap 'stop_all; exit 129' HUP
run() {
	start "$@"
	wait $!
}
# Whatever started this script may go away without passing its signal on (SIGTERM to
# `npm run dev` reaches neither the script nor npm's `sh -c` around it): then stop too.
parent_of() {
	if command -v ps >/dev/null; then ps -o ppid= -p "$1" | tr -d ' '; else awk '{print $4}' "/proc/$1/stat"; fi
}
name_of() {
	if command -v ps >/dev/null; then ps -o comm= -p "$1"; else cat "/proc/$1/comm"; fi
}
watched=$PPID
case "$(name_of "$PPID" 2>/dev/null)" in sh | dash | bash) watched=$(parent_of "$PPID") ;; esac
watch_parent() {
	while kill -0 "$watched" 2>/dev/null; do sleep 2; done
	kill -TERM $$ 2>/dev/null
}
start watch_parent

started=$(date +%s)
phases=()
phase() { phases+=("$1 $(($(date +%s) - $2)) s"); }

say() { echo "npm run dev: $*"; }
# n8n installs while the project's packages install and the package builds: neither needs
# the other, and both mostly wait on the network.
say "1/4 installing what is missing: the project's packages and n8n $N8N_VERSION (the first time: about 3.3 GB of disk and a few minutes)"
start bash scripts/install-n8n.sh "$N8N_VERSION"
install_pid=$!
step=$(date +%s)
if [ ! -d node_modules ]; then
	# Errors only: npm's engine warnings are about n8n's own packages, which run on the Node
	# n8n gets (below), not on this machine's.
	run npm ci --no-audit --no-fund --loglevel=error
	phase "npm ci" "$step"
fi
say "2/4 building the package"
step=$(date +%s)
build_log=$(mktemp)
if ! run npm run build --silent >"$build_log" 2>&1; then
	cat "$build_log" >&2
	echo "Building the package failed: see above." >&2
	exit 1
fi
rm -f "$build_log"
phase "build" "$step"
if ! wait $install_pid; then
	echo "Installing n8n $N8N_VERSION failed: see above." >&2
	exit 1
fi
phase "n8n install (alongside)" "$started"
say "3/4 setting up n8n: the package, the sandbox credential, the example workflows, the trigger"
run bash scripts/stage-package.sh "$user_folder" >/dev/null
# n8n's own output (its warnings, each failed item's stack trace) goes to a file the banner
# names: the terminal keeps the project's lines.
n8n_log="$user_folder/n8n.log"
: >"$n8n_log"

CALL_MS=${SANDBOX_CALL_DURATION_MS:-8000}
SANDBOX_PORT=$SANDBOX_PORT SANDBOX_WEBHOOK_URL=$TRIGGER_URL SANDBOX_CALL_DURATION_MS=$CALL_MS \
	start node node_modules/ts-node/dist/bin.js --transpile-only tools/sandbox/main.ts

export N8N_USER_FOLDER="$user_folder" N8N_ENCRYPTION_KEY=agntix-dev-encryption-key DB_SQLITE_POOL_SIZE=2 \
	N8N_DIAGNOSTICS_ENABLED=false N8N_VERSION_NOTIFICATIONS_ENABLED=false N8N_PERSONALIZATION_ENABLED=false \
	N8N_TEMPLATES_ENABLED=false N8N_HIRING_BANNER_ENABLED=false N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS=true \
	N8N_SECURE_COOKIE=false N8N_LISTEN_ADDRESS=127.0.0.1 N8N_PORT="$N8N_PORT" N8N_RUNNERS_BROKER_PORT="$BROKER_PORT" \
	N8N_VERIFIED_PACKAGES_ENABLED=false N8N_DISABLED_MODULES=mcp-registry
PATH="$(bash scripts/n8n-node-path.sh "$N8N_VERSION"):$PATH"
n8n="$root/n8n/$N8N_VERSION/node_modules/.bin/n8n"

step=$(date +%s)
credentials=$(mktemp)
node node_modules/ts-node/dist/bin.js --transpile-only scripts/dev-credential.ts "http://127.0.0.1:$SANDBOX_PORT" >"$credentials"
run "$n8n" import:credentials --input="$credentials" >>"$n8n_log" 2>&1 ||
	{ echo "Importing the sandbox credential into n8n failed: see $n8n_log" >&2; exit 1; }
rm -f "$credentials"
workflows=$(mktemp -d)
cp examples/*.json scripts/dev-workflows/*.json "$workflows"
if ! imported=$(run "$n8n" import:workflow --separate --input="$workflows" 2>&1); then
	echo "Importing the workflows into n8n failed:" >&2
	echo "$imported" | tail -20 >&2
	exit 1
fi
rm -rf "$workflows"
# Active from the start: the sandbox sends its webhooks to this trigger's Production URL.
if [ "${N8N_VERSION%%.*}" = 1 ]; then
	run "$n8n" update:workflow --id=agntixDevTrigger --active=true >>"$n8n_log" 2>&1 || activated=no
else
	run "$n8n" publish:workflow --id=agntixDevTrigger >>"$n8n_log" 2>&1 || activated=no
fi
if [ "${activated:-yes}" = no ]; then
	echo "Activating the Agntix Trigger workflow failed: see $n8n_log" >&2
	exit 1
fi
phase "imports" "$step"

step=$(date +%s)
say "4/4 starting n8n (its log: $n8n_log)"
start "$n8n" start >>"$n8n_log" 2>&1
# Wait for the REST API, then create the owner account (fresh user folder only).
if ! run node -e '
const [port, email, password] = process.argv.slice(1);
const base = `http://127.0.0.1:${port}`;
(async () => {
	for (const deadline = Date.now() + 180_000; ; await new Promise((r) => setTimeout(r, 1000))) {
		try { if ((await fetch(`${base}/rest/settings`)).ok) break; } catch {}
		if (Date.now() > deadline) {
			console.error(`n8n did not answer on ${base} within 180 s. Is port ${port} free (N8N_PORT)? The end of its log:`);
			process.exit(1);
		}
	}
	await fetch(`${base}/rest/owner/setup`, {
		method: "POST",
		headers: { "content-type": "application/json", "browser-id": "dev" },
		body: JSON.stringify({ email, firstName: "Dev", lastName: "User", password }),
	}).catch(() => undefined);
})();
' "$N8N_PORT" "$OWNER_EMAIL" "$OWNER_PASSWORD"; then
	tail -n 30 "$n8n_log" >&2
	exit 1
fi
phase "n8n start" "$step"

cat <<MSG

  n8n is running at http://127.0.0.1:$N8N_PORT  (sign in: $OWNER_EMAIL / $OWNER_PASSWORD)

  Try a call: $TRY_URL
    then "Execute workflow". The execution pauses until the call ends (about $((CALL_MS / 1000)) s); then
    open "Outcome of the call" to read it. Nobody is dialled: calls go to the local Agntix sandbox.

  The "Agntix sandbox" credential points at the sandbox on http://127.0.0.1:$SANDBOX_PORT, and the
  active workflow "Agntix Trigger (local sandbox)" gets its signed webhooks, as Agntix sends them
  to an endpoint. To see a trigger's test event too: open its node, copy its Test URL, click
  the button that starts listening ("Execute step"), then
    SANDBOX_PORT=$SANDBOX_PORT npm run sandbox:call-ended -- <that URL>
  Sandbox requests so far: curl http://127.0.0.1:$SANDBOX_PORT/__sandbox/requests
  n8n's own log: $n8n_log

  Ready in $(($(date +%s) - started)) s: $(IFS=,; echo "${phases[*]}" | sed 's/,/ · /g')
  Ctrl+C stops n8n and the sandbox.

MSG
wait
