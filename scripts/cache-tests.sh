#!/usr/bin/env bash
# Runs the public HTTP cache test suite (cache-tests.fyi) through Edgeroute's response cache and
# prints the required / optimal pass counts and every failed test.
#
# The suite is not part of this repository: point CACHE_TESTS_DIR at a checkout of it on which
# `npm i` has been run. This script builds the fat jar (SKIP_BUILD=1 skips it), starts the suite's
# origin server and Edgeroute on free loopback ports with a generated conf and a memory KV holding
# one site (host `localhost`, origin the suite's server, `cache.enabled: true`), runs the suite's
# client against the router, and stops both. The raw results are left in $OUT (default
# target/cache-tests/results.json). Usage: CACHE_TESTS_DIR=/path/to/cache-tests scripts/cache-tests.sh [test-id]
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
suite=${CACHE_TESTS_DIR:?set CACHE_TESTS_DIR to a checkout of the cache-tests suite (after npm i)}
out_dir=${OUT:-$repo/target/cache-tests}
mkdir -p "$out_dir"

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}

if [ -z "${SKIP_BUILD:-}" ]; then
  ./mvnw -B -q -DskipTests package
fi

origin_port=$(free_port); router_port=$(free_port); admin_port=$(free_port)
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

site=$(cat <<JSON
{"host":"localhost","tenant":"cache-tests","siteId":"cachetests01","version":1,
 "origin":{"url":"http://127.0.0.1:$origin_port"},
 "cache":{"enabled":true,"defaultTtl":0,"heuristic":true,"staleIfError":"${SITE_STALE_IF_ERROR:-1d}"},"status":"active","cacheGeneration":0}
JSON
)
node -e 'const fs=require("fs");fs.writeFileSync(process.argv[1],JSON.stringify({values:{"edgeroute:site:localhost":process.argv[2]},sets:{}}))' \
  "$work/kv.json" "$site"
cat > "$work/edgeroute.json" <<JSON
{"router":{"host":"127.0.0.1","port":$router_port},"admin":{"host":"127.0.0.1","port":$admin_port},
 "kv":{"type":"memory","file":"$work/kv.json","cache":{"snapshotFile":"$work/kv-snapshot.json"}}}
JSON

(cd "$suite" && npm_config_port="$origin_port" npm_config_protocol=http npm_config_pidfile="$work/origin.pid" exec node test-engine/server/server.mjs >"$out_dir/origin.log" 2>&1) &
pids+=($!)
java -jar app/target/edgeroute.jar -conf "$work/edgeroute.json" >"$out_dir/edgeroute.log" 2>&1 &
pids+=($!)

deadline=$(( SECONDS + 60 ))
until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$router_port/" 2>/dev/null)" != "000" ] \
   && (exec 3<>"/dev/tcp/127.0.0.1/$origin_port") 2>/dev/null; do
  [ $SECONDS -lt $deadline ] || { echo "cache-tests: router or origin did not start" >&2; cat "$out_dir/edgeroute.log" >&2; exit 1; }
  sleep 0.5
  kill -0 "${pids[0]}" 2>/dev/null || { echo "cache-tests: the origin exited" >&2; cat "$out_dir/origin.log" >&2; exit 1; }
done

cd "$suite"
if [ $# -gt 0 ]; then
  npm_config_base="http://localhost:$router_port" npm_config_id="$1" node --no-warnings test-engine/cli.mjs
  exit 0
fi
npm_config_base="http://localhost:$router_port" npm_package_config_id="" node --no-warnings test-engine/cli.mjs \
  >"$out_dir/results.json"
node "$repo/scripts/cache-tests-summary.mjs" "$suite" "$out_dir/results.json"
