#!/usr/bin/env bash
# Build the production frontend (standalone server) unless the sources are unchanged since the last build.
set -euo pipefail
cd "$(dirname "$0")/.."

export NEXT_TELEMETRY_DISABLED=1
stamp=.next/standalone/.chatgepeto-build
sources_hash() {
  find app components hooks lib public -type f 2>/dev/null | LC_ALL=C sort | xargs -r sha256sum
  sha256sum package.json package-lock.json next.config.ts tsconfig.json
}
want="$(sources_hash | sha256sum | cut -d' ' -f1)"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" && -f .next/standalone/server.js ]]; then
  echo "frontend: production build is up to date"
  exit 0
fi
echo "frontend: building (next build)"
npx next build
# The standalone server serves static assets only from its own folder.
rm -rf .next/standalone/.next/static .next/standalone/public
cp -r .next/static .next/standalone/.next/static
if [[ -d public ]]; then cp -r public .next/standalone/public; fi
echo "$want" >"$stamp"
