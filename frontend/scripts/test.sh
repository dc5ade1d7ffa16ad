#!/usr/bin/env bash
# Every frontend check: dependencies, lint, typecheck, unit tests (Jest), end-to-end (Playwright).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

step() { printf '\n== frontend: %s (at %ss)\n' "$1" "$SECONDS"; }

step "dependencies"
bash scripts/ensure-deps.sh
step "lint (eslint)"
npx eslint --max-warnings=0 .
step "typecheck (tsc --noEmit)"
npx next typegen >/dev/null # next-env.d.ts and route types, generated (not committed)
npx tsc --noEmit
mkdir -p test-results
rm -f test-results/jest.json test-results/playwright.json
step "unit tests (jest)"
npx jest --ci --json --outputFile=test-results/jest.json
step "end-to-end (playwright)"
bash scripts/e2e.sh
printf '\n== frontend: done in %ss\n' "$SECONDS"
node scripts/summary.mjs
