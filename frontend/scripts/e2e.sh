#!/usr/bin/env bash
# Playwright end-to-end suite against the real backend and the production frontend.
# Needs: the backend installed (make setup), Debian's chromium (installed here when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$(cd .. && pwd)"

export CHATGEPETO_BIN="${CHATGEPETO_BIN:-$REPO/.venv/bin/chatgepeto}"
if [[ ! -x "$CHATGEPETO_BIN" ]]; then
  if [[ "${CI:-}" == "true" ]]; then
    echo "e2e: $CHATGEPETO_BIN is missing (run make setup first)" >&2
    exit 1
  fi
  echo "e2e: SKIPPED - $CHATGEPETO_BIN is missing; run 'make setup' to install the backend" >&2
  exit 0
fi

if [[ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]]; then
  echo "e2e: installing Debian's chromium"
  if [[ "$(id -u)" != 0 ]]; then
    echo "e2e: chromium is missing and this user cannot apt-get install it" >&2
    exit 1
  fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}
# Four distinct free ports: the main pair and the classes pair (ADMIN_TOKEN set, classes.spec.ts).
PORTS=()
while [[ ${#PORTS[@]} -lt 4 ]]; do
  port="$(free_port)"
  [[ " ${PORTS[*]} " == *" $port "* ]] || PORTS+=("$port")
done
E2E_BACKEND_PORT="${PORTS[0]}" E2E_FRONTEND_PORT="${PORTS[1]}"
E2E_CLASSES_BACKEND_PORT="${PORTS[2]}" E2E_CLASSES_FRONTEND_PORT="${PORTS[3]}"
E2E_DATA_DIR="$(mktemp -d -t chatgepeto-e2e.XXXXXX)"
E2E_CLASSES_DATA_DIR="$(mktemp -d -t chatgepeto-e2e-classes.XXXXXX)"
export E2E_BACKEND_PORT E2E_FRONTEND_PORT E2E_DATA_DIR E2E_CLASSES_BACKEND_PORT E2E_CLASSES_FRONTEND_PORT E2E_CLASSES_DATA_DIR
trap 'rm -rf "$E2E_DATA_DIR" "$E2E_CLASSES_DATA_DIR"' EXIT

bash scripts/build.sh
mkdir -p test-results
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npx playwright test "$@"
