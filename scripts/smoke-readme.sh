#!/usr/bin/env bash
# Smoke test of the README: runs its first command (build the fat jar, start Edgeroute) on free
# ports with the KV files in a temporary directory, waits until the admin API reports live health
# and the router answers an unknown host with 404, then stops it. Exit 0 when both answered.
set -euo pipefail
cd "$(dirname "$0")/.."

# The README's command 1: the first line inside the first fenced block.
command=$(awk '/^```/ { if (inside) exit; inside = 1; next } inside { print; exit }' README.md)
[ -n "$command" ] || { echo "smoke: no command found in README.md" >&2; exit 1; }

# A port nothing answers on (bash's /dev/tcp, no extra tools).
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

work=$(mktemp -d)
router_port=$(free_port)
admin_port=$(free_port)
while [ "$admin_port" = "$router_port" ]; do admin_port=$(free_port); done
log="$work/edgeroute.log"
pid=""

cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || true   # the process group we started: the build and java
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "smoke: running '$command' with router :$router_port, admin :$admin_port"
EDGEROUTE_ROUTER_PORT=$router_port EDGEROUTE_ADMIN_PORT=$admin_port \
  EDGEROUTE_KV_FILE="$work/kv.json" EDGEROUTE_KV_CACHE_SNAPSHOTFILE="$work/kv-snapshot.json" \
  setsid bash -c "$command" >"$log" 2>&1 &
pid=$!

# Bounded polling: the command builds first, so allow a few minutes in all.
deadline=$(( SECONDS + ${SMOKE_TIMEOUT_SECONDS:-300} ))
live="" notfound=""
while [ $SECONDS -lt $deadline ]; do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "smoke: FAILED, the command exited early; its output:" >&2
    cat "$log" >&2
    exit 1
  fi
  [ -n "$live" ] || live=$(curl -fsS --max-time 2 "http://127.0.0.1:$admin_port/health/live" 2>/dev/null | grep -c '"UP"' || true)
  [ "$live" = "1" ] || live=""
  if [ -n "$live" ]; then
    status=$(curl -s --max-time 2 -o /dev/null -w '%{http_code}' -H 'Host: smoke.invalid' "http://127.0.0.1:$router_port/" || true)
    if [ "$status" = "404" ]; then
      echo "smoke: OK, /health/live is UP and the router answers an unknown host with 404"
      exit 0
    fi
  fi
  sleep 1
done
echo "smoke: FAILED, no answer within the time limit; output:" >&2
cat "$log" >&2
exit 1
