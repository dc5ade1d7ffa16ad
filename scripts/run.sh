#!/usr/bin/env bash
# Start ChatGepeto: the backend (API + ingestion worker) on :8000 and the web app on :3000.
# Prints the address once /api/health answers through the web app; Ctrl-C stops everything.
#
# Environment: HOST (bind address, default 127.0.0.1), CHATGEPETO_DATA_DIR (default ./data),
# CHATGEPETO_SAMPLE_COURSE=0 (skip the sample course), BACKEND_PORT, FRONTEND_PORT.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

HOST="${HOST:-127.0.0.1}"
BACKEND_PORT="${BACKEND_PORT:-8000}"
FRONTEND_PORT="${FRONTEND_PORT:-3000}"
export CHATGEPETO_DATA_DIR="${CHATGEPETO_DATA_DIR:-$ROOT/data}"
BIN="$ROOT/.venv/bin/chatgepeto"
case "$HOST" in 0.0.0.0 | :: | "") LOCAL_HOST=127.0.0.1 ;; *) LOCAL_HOST="$HOST" ;; esac
BACKEND_URL="http://$LOCAL_HOST:$BACKEND_PORT"
APP_URL="http://$LOCAL_HOST:$FRONTEND_PORT"

# Without a teacher credential writes are open to loopback callers only (the web app forwards
# /api/* with X-Forwarded-For set from the socket it accepted, frontend/server/accepted-socket.cjs).
# Serving a network needs ADMIN_TOKEN: teachers elsewhere need it, and a proxy put in front that
# does not add X-Forwarded-For would make every caller look local.
case "$HOST" in
  127.* | localhost | ::1) ;;
  *)
    if [[ -z "${ADMIN_TOKEN:-}" ]]; then
      echo "run: HOST=$HOST exposes ChatGepeto to the network; set ADMIN_TOKEN (the teachers' credential) first." >&2
      exit 1
    fi
    ;;
esac
if [[ ! -x "$BIN" ]]; then
  echo "run: $BIN is missing; run 'make setup' first." >&2
  exit 1
fi
for port in "$BACKEND_PORT" "$FRONTEND_PORT"; do
  if (exec 3<>"/dev/tcp/$LOCAL_HOST/$port") 2>/dev/null; then
    echo "run: port $port is already in use (another ChatGepeto running?); stop it or set BACKEND_PORT/FRONTEND_PORT." >&2
    exit 1
  fi
done
mkdir -p "$CHATGEPETO_DATA_DIR"
bash frontend/scripts/ensure-deps.sh
bash frontend/scripts/build.sh

pids=()
cleanup() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Each server gets its own process group so its children (gunicorn workers, the ingestion
# worker) stop with it.
setsid "$BIN" serve --host "$HOST" --port "$BACKEND_PORT" &
pids+=("$!")
(cd frontend/.next/standalone && BACKEND_URL="$BACKEND_URL" PORT="$FRONTEND_PORT" HOSTNAME="$HOST" \
  NEXT_TELEMETRY_DISABLED=1 exec setsid node --require "$ROOT/frontend/server/accepted-socket.cjs" server.js) &
pids+=("$!")

echo "run: waiting for the backend and the web app..."
for _ in $(seq 1 240); do
  if curl -fsS -o /dev/null "$APP_URL/api/health" 2>/dev/null; then break; fi
  for pid in "${pids[@]}"; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "run: a server exited during start-up" >&2; exit 1; fi
  done
  sleep 0.5
done
if ! curl -fsS -o /dev/null "$APP_URL/api/health"; then
  echo "run: $APP_URL/api/health did not answer in 2 minutes" >&2
  exit 1
fi
for pid in "${pids[@]}"; do
  if ! kill -0 "$pid" 2>/dev/null; then echo "run: a server exited during start-up" >&2; exit 1; fi
done

bash scripts/sample-course/load.sh "$APP_URL" || echo "run: the sample course could not be loaded (see above)" >&2

echo
echo "ChatGepeto está no ar: http://localhost:$FRONTEND_PORT"
echo "(Ctrl-C para parar)"
wait -n "${pids[@]}" || true
echo "run: a server stopped; shutting down" >&2
exit 1
