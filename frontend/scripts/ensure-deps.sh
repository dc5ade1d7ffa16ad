#!/usr/bin/env bash
# Install the frontend's dependencies from the lockfile, only when they are missing or stale.
set -euo pipefail
cd "$(dirname "$0")/.."

stamp=node_modules/.chatgepeto-deps
want="$(sha256sum package-lock.json | cut -d' ' -f1) node-$(node --version)"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  exit 0
fi
echo "frontend: installing dependencies (npm ci)"
# Playwright drives Debian's chromium; it must never try to download a browser.
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
echo "$want" >"$stamp"
