#!/usr/bin/env bash
# Start this project's mock Cognito server on loopback exactly the way the
# peer scripts in bench/peers/ start moto and cognito-local, so all three
# startup times are taken by the same probe (curl, same poll interval).
#
# Usage: mock_start.sh [PORT] [LOGDIR]
#   PORT    loopback port (default 9229)
#   LOGDIR  where server.log goes (default: a new temporary folder)
# Env:    DENO (default deno), MOCK_ARGS extra `mock` options,
#         MOCK_ROOT checkout to run the mock from (default: this repository),
#         POLL_INTERVAL seconds between probes (default 0.05),
#         READY_TIMEOUT seconds (default 15)
# Prints "READY_MS <ms>" (spawn of `deno run` → first HTTP answer),
# "ENDPOINT_MS <ms>" (spawn → the "ENDPOINT" line seen in the log, at the
# probe's grain), "PID <pid>" and "ENDPOINT <url>".
# Stop it with: kill <pid>
set -eu
PORT=${1:-9229}
LOGDIR=${2:-$(mktemp -d)}
POLL=${POLL_INTERVAL:-0.05}
TIMEOUT_MS=$(( ${READY_TIMEOUT:-15} * 1000 ))
DENO=${DENO:-deno}
ROOT=${MOCK_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
mkdir -p "$LOGDIR"
LOG="$LOGDIR/server.log"
cd "$ROOT"
start=$(date +%s%N)
# shellcheck disable=SC2086 # MOCK_ARGS is a list of options
setsid "$DENO" run --allow-all src/cli/main.ts mock --host 127.0.0.1 --port "$PORT" \
  ${MOCK_ARGS:-} > "$LOG" 2>&1 < /dev/null &
pid=$!
endpoint_ms=""
while :; do
  now_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  if [ -z "$endpoint_ms" ] && grep -q '^ENDPOINT ' "$LOG"; then endpoint_ms=$now_ms; fi
  if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then
    ready_ms=$(( ($(date +%s%N) - start) / 1000000 ))
    if [ -z "$endpoint_ms" ] && grep -q '^ENDPOINT ' "$LOG"; then endpoint_ms=$ready_ms; fi
    echo "READY_MS $ready_ms"
    echo "ENDPOINT_MS ${endpoint_ms:-unknown}"
    echo "PID $pid"
    echo "ENDPOINT http://127.0.0.1:$PORT"
    exit 0
  fi
  kill -0 "$pid" 2>/dev/null || { cat "$LOG" >&2; exit 1; }
  if [ "$now_ms" -gt "$TIMEOUT_MS" ]; then
    echo "the mock did not answer within ${READY_TIMEOUT:-15} s" >&2
    kill "$pid" 2>/dev/null
    exit 1
  fi
  sleep "$POLL"
done
