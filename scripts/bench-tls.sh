#!/usr/bin/env bash
# HTTPS figures (issue 13). "heap": heap held by the certificate cache once 10,000 certificates were
# each served once (io.edgeroute.router.tls.CertificateHeapBench, from the router's test classpath).
# "handshakes": full TLS handshakes per second and HTTPS keep-alive requests per second with wrk,
# Edgeroute (one router instance, JVM pinned to one core) beside nginx (one worker on the same
# core, ssl_certificate with the same certificate), both proxying to one small origin (nginx, with
# wrk, on the other core). The site is "localhost" so that wrk's SNI and Host need no DNS.
#   scripts/bench-tls.sh heap [-Dcertificates=10000]
#   scripts/bench-tls.sh handshakes      (needs wrk, nginx, openssl, taskset; run on an idle machine)
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-heap}"
shift || true

if [ "$what" = heap ]; then
  # shellcheck disable=SC2086
  ./mvnw -B -q ${MAVEN_ARGS:-} test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp \
    -Dmdep.includeScope=test -pl shared,cache-verticle,router-verticle
  cp="router-verticle/target/test-classes:router-verticle/target/classes:$(cat router-verticle/target/bench.cp)"
  exec java -Xmx1g "$@" -Djava.util.logging.config.file=/dev/null -cp "$cp" io.edgeroute.router.tls.CertificateHeapBench
fi

[ -f app/target/edgeroute.jar ] || ./mvnw -B -q package -DskipTests
dir="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null; rm -rf "$dir"' EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
origin=$(free_port); plain=$(free_port); https=$(free_port); admin=$(free_port); nginx_https=$(free_port)
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout "$dir/key.pem" \
  -out "$dir/cert.pem" -days 2 -subj /CN=localhost -addext subjectAltName=DNS:localhost 2>/dev/null
mkdir -p "$dir/nginx"
cat > "$dir/nginx/origin.conf" <<CONF
worker_processes 1; daemon off; pid $dir/nginx/origin.pid; error_log $dir/nginx/origin.err;
events { worker_connections 4096; }
http { access_log off; server { listen 127.0.0.1:$origin; location / { return 200 "ok"; } } }
CONF
cat > "$dir/nginx/tls.conf" <<CONF
worker_processes 1; daemon off; pid $dir/nginx/tls.pid; error_log $dir/nginx/tls.err;
events { worker_connections 4096; }
http { access_log off;
  upstream origin { server 127.0.0.1:$origin; keepalive 64; }
  server { listen 127.0.0.1:$nginx_https ssl; server_name localhost;
    ssl_certificate $dir/cert.pem; ssl_certificate_key $dir/key.pem; ssl_protocols TLSv1.2 TLSv1.3;
    ssl_session_cache off; ssl_session_tickets off;
    location / { proxy_pass http://origin; proxy_http_version 1.1; proxy_set_header Connection ""; } } }
CONF
taskset -c 1 nginx -c "$dir/nginx/origin.conf" -p "$dir/nginx" &
taskset -c 0 nginx -c "$dir/nginx/tls.conf" -p "$dir/nginx" &
kek=$(openssl rand -base64 32)
cat > "$dir/edgeroute.json" <<CONF
{"router": {"host": "127.0.0.1", "port": $plain, "instances": 1, "https": {"port": $https}},
 "admin": {"port": $admin, "operatorTokens": ["bench"]},
 "kv": {"file": "$dir/kv.json", "cache": {"snapshotFile": "$dir/snap.json"}},
 "log": {"level": "WARNING"}}
CONF
EDGEROUTE_TLS_KEYENCRYPTIONKEY=$kek taskset -c 0 java -Xmx512m -jar app/target/edgeroute.jar -conf "$dir/edgeroute.json" \
  > "$dir/edgeroute.log" 2>&1 &
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$admin/health/live" >/dev/null && break; sleep 0.2; done
curl -sf -X PUT "http://127.0.0.1:$admin/v1/tenants/bench" -H 'Authorization: Bearer bench' >/dev/null
curl -sf -X PUT "http://127.0.0.1:$admin/v1/sites/localhost" -H 'Authorization: Bearer bench' \
  -d "{\"tenant\": \"bench\", \"origin\": {\"url\": \"http://origin.bench\", \"connectTo\": \"127.0.0.1:$origin\"}}" >/dev/null
python3 - "$dir" > "$dir/cert.json" <<'PY'
import json, sys
d = sys.argv[1]
print(json.dumps({"certificate": open(d + "/cert.pem").read(), "privateKey": open(d + "/key.pem").read()}))
PY
curl -sf -X PUT "http://127.0.0.1:$admin/v1/sites/localhost/certificate" -H 'Authorization: Bearer bench' \
  -d @"$dir/cert.json" >/dev/null
run() { # name url extra-wrk-args...
  local name=$1 url=$2; shift 2
  # A JVM pinned to one core shares it with its JIT compiler: it needs a longer warm-up than nginx.
  taskset -c 1 wrk -t1 -c32 -d"${WARMUP:-30}"s "$@" "$url" >/dev/null 2>&1 || true
  local out; out=$(taskset -c 1 wrk -t1 -c32 -d10s "$@" "$url" 2>&1)
  echo "$name:"; echo "$out" | grep -E "Requests/sec|Latency|Non-2xx|errors"
}
# The site is "localhost": wrk sends the URL's host as SNI and Host and has no --resolve.
run "edgeroute plain HTTP keep-alive (for reference)" "http://localhost:$plain/"
run "edgeroute HTTPS keep-alive" "https://localhost:$https/"
run "nginx     HTTPS keep-alive" "https://localhost:$nginx_https/"
run "edgeroute full handshakes (Connection: close)" "https://localhost:$https/" -H 'Connection: close'
run "nginx     full handshakes (Connection: close)" "https://localhost:$nginx_https/" -H 'Connection: close'
