#!/usr/bin/env bash
# Benchmark of the response cache: cache-hit serving against the same request sent straight to the
# origin and through the router without the cache. Compiles the test classes (nothing is installed;
# MAVEN_ARGS=-o keeps Maven offline), then runs io.edgeroute.router.bench.ResponseCacheBench from the
# router's test classpath.
#
# Tunables (system properties, defaults in brackets): connections [50], warmupSeconds [3],
# seconds [10], bodyBytes [4096], originDelayMs [0], routerInstances [1]. Example:
#   scripts/bench-response-cache.sh -Dconnections=100 -DoriginDelayMs=5
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck disable=SC2086
./mvnw -B -q ${MAVEN_ARGS:-} test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp \
  -Dmdep.includeScope=test -pl shared,cache-verticle,router-verticle
cp="router-verticle/target/test-classes:router-verticle/target/classes:$(cat router-verticle/target/bench.cp)"
exec java -Xmx512m "$@" -Djava.util.logging.config.file=/dev/null -cp "$cp" io.edgeroute.router.bench.ResponseCacheBench
