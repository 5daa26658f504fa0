#!/usr/bin/env bash
# The microcache benchmark of issue 4: drives traffic over 10,000 hosts through the real router and
# cache verticle against a real (embedded) standalone Redis, and prints Redis reads per 1,000
# requests as counted by Redis itself (INFO commandstats). Usage:
#   scripts/bench-microcache.sh [requests-per-phase]     (default 50000; two phases: cold, warm)
# Extra Maven flags can be passed in MAVEN_ARGS (e.g. MAVEN_ARGS=-o to stay offline). The test JVM
# gets 1 GiB, not the router module's 256 MiB test cap: 10,000 cached sites plus the traffic's
# buffers are the benchmark's load, not a heap test.
set -euo pipefail
cd "$(dirname "$0")/.."
requests="${1:-50000}"
# shellcheck disable=SC2086
./mvnw -B -q ${MAVEN_ARGS:-} verify -pl shared,cache-verticle,router-verticle \
  -Dtest=MicrocacheBench -Dsurefire.failIfNoSpecifiedTests=false -Dbench.requests="$requests" \
  -Dsurefire.argLine=-Xmx1g
cat router-verticle/target/bench-microcache.txt
