#!/usr/bin/env bash
# Development: the backend (API + ingestion worker) on :8000 and `next dev` (hot reload) on :3000.
# Ctrl-C stops both.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

HOST="${HOST:-127.0.0.1}"
BACKEND_PORT="${BACKEND_PORT:-8000}"
FRONTEND_PORT="${FRONTEND_PORT:-3000}"
export CHATGEPETO_DATA_DIR="${CHATGEPETO_DATA_DIR:-$ROOT/data}"
case "$HOST" in 0.0.0.0 | :: | "") LOCAL_HOST=127.0.0.1 ;; *) LOCAL_HOST="$HOST" ;; esac
PRELOAD="$ROOT/frontend/server/accepted-socket.cjs"

# The same guard as run.sh: without a teacher credential writes are open to loopback callers
# only, so a server for the network needs ADMIN_TOKEN.
case "$HOST" in
  127.* | localhost | ::1) ;;
  *)
    if [[ -z "${ADMIN_TOKEN:-}" ]]; then
      echo "dev: HOST=$HOST exposes ChatGepeto to the network; set ADMIN_TOKEN (the teachers' credential) first." >&2
      exit 1
    fi
    ;;
esac

for port in "$BACKEND_PORT" "$FRONTEND_PORT"; do
  if (exec 3<>"/dev/tcp/$LOCAL_HOST/$port") 2>/dev/null; then
    echo "dev: port $port is already in use; stop that server or set BACKEND_PORT/FRONTEND_PORT." >&2
    exit 1
  fi
done
mkdir -p "$CHATGEPETO_DATA_DIR"
bash frontend/scripts/ensure-deps.sh

pids=()
cleanup() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

setsid "$ROOT/.venv/bin/chatgepeto" serve --host "$HOST" --port "$BACKEND_PORT" &
pids+=("$!")
# The preload records each request's socket: the /api/* proxy's X-Forwarded-* come from it.
(cd frontend && BACKEND_URL="http://$LOCAL_HOST:$BACKEND_PORT" NEXT_TELEMETRY_DISABLED=1 \
  NODE_OPTIONS="${NODE_OPTIONS:+$NODE_OPTIONS }--require $PRELOAD" \
  exec setsid npx next dev --hostname "$HOST" --port "$FRONTEND_PORT") &
pids+=("$!")

echo "dev: http://localhost:$FRONTEND_PORT (hot reload; Ctrl-C stops both)"
wait -n "${pids[@]}" || true
exit 1
