#!/usr/bin/env bash
# run.sh — the real-browser test (`make check-browser`): index the sample minutes, serve them on a
# free loopback port, drive the page with playwright-core in Debian's chromium. Installs the npm
# package (playwright-core only; no browser download) into tests/browser/node_modules.
set -u
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
refsog=${REFSOG:-$root/build/refsog}
chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ] || ! command -v node >/dev/null; then
  echo "check-browser: needs $chromium and node (scripts/deps.sh --browser installs them)"; echo "0 passed, 1 failed"; exit 1
fi
if [ ! -d "$here/node_modules/playwright-core" ] || [ ! -f "$here/node_modules/axe-core/axe.min.js" ]; then
  (cd "$here" && npm ci --no-audit --no-fund >/dev/null 2>&1 || npm install --no-audit --no-fund >/dev/null) || { echo "npm install failed"; echo "0 passed, 1 failed"; exit 1; }
fi
tmp=$(mktemp -d)
"$refsog" index --quiet --index "$tmp/ix" "$root/data/sample" "$root/tests/fixtures/portal/broenderslev" \
  "$root/tests/fixtures/portal/odder" 2>/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$refsog" serve --index "$tmp/ix" --port "$port" --web "$root/web" 2>/dev/null & pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT
for i in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
mkdir -p "$root/build/browser"
BASE_URL="http://127.0.0.1:$port" SHOTS="$root/build/browser" CHROMIUM="$chromium" \
  node "$here/page.test.js"
