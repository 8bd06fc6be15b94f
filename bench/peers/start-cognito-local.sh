#!/usr/bin/env bash
# Install (from the npm registry) and start cognito-local on loopback.
# Copied from the shared peer scripts so the repository is self-contained;
# changes: a configurable poll interval and a time-based deadline, so the
# benchmark can time startup at a finer grain than 50 ms.
#
# Usage: start-cognito-local.sh [DIR] [PORT]
#   DIR   install + data folder (default: a new temporary folder; the
#         benchmark passes .peers/cognito-local, which is gitignored)
#   PORT  loopback port (default 9229)
# Env:   COGNITO_LOCAL_VERSION (default 5.3.0), POLL_INTERVAL seconds between
#        readiness probes (default 0.05), READY_TIMEOUT seconds (default 15)
# Prints "READY_MS <ms>", "PID <pid>" and "ENDPOINT http://127.0.0.1:<port>"
# once it answers. READY_MS runs from just before the server process is
# spawned (after the install) to its first HTTP answer of any status.
# Stop it with: kill <pid>   (the pid printed; it runs in its own session)
#
# Data lives in DIR/run/.cognito/db (cognito-local keeps it relative to its
# working directory); this script wipes it on every start for a clean peer.
# DIR/run/.cognito/config.json sets UserPoolDefaults.UsernameAttributes to []
# so a pool created without UsernameAttributes behaves like AWS (free-form
# usernames); cognito-local's own default is ["email"] ("Username should be an
# email." on AdminCreateUser with a non-email username).
set -eu
DIR=${1:-"$(mktemp -d)"}
PORT=${2:-9229}
VERSION=${COGNITO_LOCAL_VERSION:-5.3.0}
POLL=${POLL_INTERVAL:-0.05}
TIMEOUT_MS=$(( ${READY_TIMEOUT:-15} * 1000 ))
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
installed=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' \
  "$DIR/node_modules/cognito-local/package.json" 2>/dev/null | head -n 1)
if [ "$installed" != "$VERSION" ] || [ ! -x "$DIR/node_modules/.bin/cognito-local" ]; then
  npm install --prefix "$DIR" --no-audit --no-fund "cognito-local@$VERSION" >&2
fi
rm -rf "$DIR/run"
mkdir -p "$DIR/run/.cognito"
cat > "$DIR/run/.cognito/config.json" <<JSON
{"UserPoolDefaults":{"UsernameAttributes":[]},
 "TokenConfig":{"IssuerDomain":"http://127.0.0.1:$PORT"}}
JSON
cd "$DIR/run"
start=$(date +%s%N)
HOST=127.0.0.1 PORT=$PORT setsid "$DIR/node_modules/.bin/cognito-local" \
  > "$DIR/run/server.log" 2>&1 < /dev/null &
pid=$!
while :; do
  if curl -s -o /dev/null "http://127.0.0.1:$PORT/"; then
    echo "READY_MS $(( ($(date +%s%N) - start) / 1000000 ))"
    echo "PID $pid"
    echo "ENDPOINT http://127.0.0.1:$PORT"
    exit 0
  fi
  kill -0 "$pid" 2>/dev/null || { cat "$DIR/run/server.log" >&2; exit 1; }
  if [ $(( ($(date +%s%N) - start) / 1000000 )) -gt "$TIMEOUT_MS" ]; then
    echo "cognito-local did not answer within ${READY_TIMEOUT:-15} s" >&2
    kill "$pid" 2>/dev/null
    exit 1
  fi
  sleep "$POLL"
done
