#!/usr/bin/env bash
# Prints the Chromium-family browser the editor journeys use: E2E_BROWSER when set, else the
# first of Debian's chromium, Google Chrome (which GitHub's Ubuntu runners have) and an
# Ubuntu chromium-browser that is a real binary. Exits 1, printing nothing, when none is there.
set -euo pipefail
for candidate in "${E2E_BROWSER:-}" /usr/bin/chromium /usr/bin/google-chrome /usr/bin/google-chrome-stable "${CHROME_BIN:-}"; do
	if [ -n "$candidate" ] && [ -x "$candidate" ] && "$candidate" --version >/dev/null 2>&1; then
		echo "$candidate"
		exit 0
	fi
done
exit 1
