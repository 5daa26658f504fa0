#!/usr/bin/env bash
# Measures the floor of the peer benchmark on this stack beside nginx: a bare Vert.x 5 proxy and
# in-memory cache (scripts/vertx-floor/Floor.java, no Edgeroute code) in the candidate slot of
# ../shared/bench/run.sh, on the jar's own Vert.x and Netty. Usage, from the project root after
# building the fat jar:  scripts/vertx-floor.sh [scenarios]   (default: nginx candidate nginx-cache
# candidate-cache). Results go to target/vertx-floor/<date>/summary.md, as the harness writes them.
# The harness warns that an unknown Host is answered 200, not 404: the floor relays every host.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
jar=$repo/app/target/edgeroute.jar
[ -f "$jar" ] || { echo "build first: ./mvnw -B -q -DskipTests package" >&2; exit 1; }
bench=${BENCH_DIR:-$repo/../shared/bench}
out=$repo/target/vertx-floor
mkdir -p "$out/classes"
javac --release 17 -cp "$jar" -d "$out/classes" scripts/vertx-floor/Floor.java
cat >"$out/candidate.sh" <<CMD
#!/usr/bin/env bash
exec java \${CANDIDATE_JAVA_OPTS:--Xms512m -Xmx512m} -Dport=\$CANDIDATE_PORT -cp "$jar:$out/classes" Floor
CMD
chmod +x "$out/candidate.sh"
export RUN_DIR="$out/run" RESULTS_ROOT="$out" CANDIDATE_NAME=vertx-floor CANDIDATE_CACHE=1 \
  CANDIDATE_CMD="$out/candidate.sh"
(($#)) || set -- nginx candidate nginx-cache candidate-cache
exec "$bench/run.sh" "$@"
