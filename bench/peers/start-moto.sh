#!/usr/bin/env bash
# Start moto's standalone server (all services, cognito-idp included) on
# loopback, with the moto that the machine image already has.
# Copied from the shared peer scripts so the repository is self-contained;
# changes: a configurable poll interval and a time-based deadline, and the
# interpreter is resolved to the real Python binary first, so the startup time
# measures moto and not the pyenv shim in front of it.
#
# Usage: start-moto.sh [PORT] [LOGDIR]
#   PORT    loopback port (default 5055)
#   LOGDIR  where server.log goes (default: a new temporary folder)
# Env:    MOTO_PYTHON (default python3), POLL_INTERVAL seconds between
#         readiness probes (default 0.05), READY_TIMEOUT seconds (default 30)
# Prints "READY_MS <ms>", "PID <pid>" and "ENDPOINT http://127.0.0.1:<port>"
# once it answers. READY_MS runs from just before the server process is
# spawned to its first HTTP answer.
# Stop it with: kill <pid>
#
# Where moto comes from: NOT Debian (bookworm has no python3-moto) and NOT
# PyPI (unreachable here). The node/python machine images ship moto 5.2.1 +
# Flask 3.1 + flask-cors + joserfc in the pyenv Python 3.11
# (the pyenv Python on PATH, `moto_server` via its shims). If that is
# missing, this script fails (exit 2): there is no registry to install it from.
# State is in memory only; POST /moto-api/reset clears it.
set -eu
PORT=${1:-5055}
LOGDIR=${2:-$(mktemp -d)}
POLL=${POLL_INTERVAL:-0.05}
TIMEOUT_MS=$(( ${READY_TIMEOUT:-30} * 1000 ))
mkdir -p "$LOGDIR"
PY=${MOTO_PYTHON:-python3}
if ! "$PY" -c 'import moto, flask, flask_cors' 2>/dev/null; then
  echo "moto (server extras) not importable by $PY; no registry here provides it" >&2
  exit 2
fi
PY=$("$PY" -c 'import sys; print(sys.executable)')
start=$(date +%s%N)
# python -m moto.server == moto_server; -H binds loopback only.
setsid "$PY" -m moto.server -H 127.0.0.1 -p "$PORT" \
  > "$LOGDIR/server.log" 2>&1 < /dev/null &
pid=$!
while :; do
  if curl -s -o /dev/null "http://127.0.0.1:$PORT/moto-api/"; then
    echo "READY_MS $(( ($(date +%s%N) - start) / 1000000 ))"
    echo "PID $pid"
    echo "ENDPOINT http://127.0.0.1:$PORT"
    exit 0
  fi
  kill -0 "$pid" 2>/dev/null || { cat "$LOGDIR/server.log" >&2; exit 1; }
  if [ $(( ($(date +%s%N) - start) / 1000000 )) -gt "$TIMEOUT_MS" ]; then
    echo "moto did not answer within ${READY_TIMEOUT:-30} s" >&2
    kill "$pid" 2>/dev/null
    exit 1
  fi
  sleep "$POLL"
done
