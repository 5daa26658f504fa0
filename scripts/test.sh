#!/usr/bin/env bash
# The README's test command: the whole test suite. Some tests run real outside programs, which come
# from Debian packages: Pebble and pebble-challtestsrv (the ACME tests, package `pebble`) and promtool
# (the /metrics exposition check, package `prometheus`). They are installed here when missing, never
# skipped: as root directly, otherwise through sudo when it needs no password.
set -euo pipefail
cd "$(dirname "$0")/.."

needed=()
command -v pebble >/dev/null && command -v pebble-challtestsrv >/dev/null || needed+=(pebble)
command -v promtool >/dev/null || needed+=(prometheus)

if ((${#needed[@]})); then
  echo "test: installing Debian packages the tests run: ${needed[*]}" >&2
  as_root=()
  if [[ $EUID -ne 0 ]]; then
    sudo -n true 2>/dev/null || { echo "test: run as root, or install: apt-get install ${needed[*]}" >&2; exit 1; }
    as_root=(sudo -n)
  fi
  # Keep the packages' maintainer scripts from starting daemons (prometheus would take :9090).
  policy_created=0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' | "${as_root[@]}" tee /usr/sbin/policy-rc.d >/dev/null
    "${as_root[@]}" chmod +x /usr/sbin/policy-rc.d
    policy_created=1
  fi
  "${as_root[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
  ((policy_created)) && "${as_root[@]}" rm -f /usr/sbin/policy-rc.d
fi

exec ./mvnw -B verify "$@"
