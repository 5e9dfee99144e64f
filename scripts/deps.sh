#!/usr/bin/env bash
# deps.sh — install every Debian package refsog needs to build, test and benchmark.
# Idempotent: a no-op when everything is present. `--check` only reports (exit 1 if missing).
# `--bench` adds what only `make bench` needs (the PostgreSQL peer's server and client library, a
# JDK and Lucene 8 for the Lucene peer).
# `--relevance` adds what only `make relevance` needs (a JDK and Lucene 8 for the Lucene peer).
set -euo pipefail
bench=0 relevance=0
if [ "${1:-}" = "--bench" ]; then bench=1; shift; fi
if [ "${1:-}" = "--relevance" ]; then relevance=1; shift; fi

PACKAGES=(
  build-essential g++ pkg-config make
  libxapian-dev xapian-tools
  libicu-dev libstemmer-dev wdanish hunspell hunspell-da
  libglib2.0-dev libpoppler-glib-dev poppler-utils
  libmicrohttpd-dev libjansson-dev libxml2-dev zlib1g-dev libzstd-dev zstd
  # loaded at run time (dlopen, common/dynlib.h), not linked: named so a machine has them
  libpoppler-glib8 libmicrohttpd12
  libcmocka-dev
  clang curl python3 python3-xapian groff-base bsdutils
  chromium wrk libsqlite3-dev
)
# node and npm for the browser test: Debian's packages only when the machine has none
command -v npm >/dev/null 2>&1 || PACKAGES+=(nodejs npm)
[ "$bench" = 1 ] && PACKAGES+=(postgresql libpq-dev default-jdk-headless liblucene8-java)
[ "$relevance" = 1 ] && PACKAGES+=(default-jdk-headless liblucene8-java)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ "${1:-}" = "--check" ]; then
  if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
  echo "missing packages: ${missing[*]}"
  exit 1
fi

if [ ${#missing[@]} -eq 0 ]; then
  echo "deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "deps: missing ${missing[*]}; run this script as root" >&2; exit 1
  fi
fi
echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
