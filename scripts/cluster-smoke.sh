#!/usr/bin/env bash
# Two fat-jar processes started as the README's "Running a cluster" section starts them
# (java -jar app/target/edgeroute.jar -conf conf/cluster-nodeN.json -cluster) form one Hazelcast
# cluster. Ports are moved to free ones and the KV store to memory through EDGEROUTE_* overrides,
# so the script needs no Redis and no fixed port; it proves membership, not shared routing data
# (the integration test ClusteredNodesTest does that against a real Redis Cluster).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f app/target/edgeroute.jar ] || ./mvnw -B -q -DskipTests package

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$(( 20000 + RANDOM % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

hz1=$(free_port); hz2=$(free_port)
while [ "$hz2" = "$hz1" ]; do hz2=$(free_port); done
members="127.0.0.1:$hz1,127.0.0.1:$hz2"

start_node() { # n hazelcast-port
  local n=$1 hz=$2
  EDGEROUTE_ROUTER_PORT=0 EDGEROUTE_ADMIN_PORT=0 EDGEROUTE_KV_TYPE=memory \
    EDGEROUTE_KV_FILE="$work/kv$n.json" EDGEROUTE_KV_CACHE_SNAPSHOTFILE="$work/snap$n.json" \
    EDGEROUTE_CLUSTER_PORT=$hz EDGEROUTE_CLUSTER_MEMBERS="$members" \
    java -jar app/target/edgeroute.jar -conf "conf/cluster-node$n.json" -cluster >"$work/node$n.log" 2>&1 &
  pids+=($!)
}
start_node 1 "$hz1"
start_node 2 "$hz2"
echo "cluster-smoke: two nodes on Hazelcast ports $hz1 and $hz2"

deadline=$(( SECONDS + ${SMOKE_TIMEOUT_SECONDS:-120} ))
while [ $SECONDS -lt $deadline ]; do
  for n in 1 2; do
    kill -0 "${pids[$((n-1))]}" 2>/dev/null || { echo "cluster-smoke: FAILED, node $n exited:" >&2; cat "$work/node$n.log" >&2; exit 1; }
  done
  if grep -q "Members {size:2" "$work/node1.log" && grep -q "Members {size:2" "$work/node2.log" \
      && grep -q "Edgeroute started" "$work/node1.log" && grep -q "Edgeroute started" "$work/node2.log"; then
    echo "cluster-smoke: OK, both nodes started and see a cluster of 2 members"
    exit 0
  fi
  sleep 1
done
echo "cluster-smoke: FAILED, no 2-member cluster within the time limit" >&2
tail -n 30 "$work/node1.log" "$work/node2.log" >&2
exit 1
