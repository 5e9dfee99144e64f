#!/usr/bin/env bash
# test_serve_load.sh — `refsog serve --threads 8` under concurrent load of every query kind (words,
# phrases, prefixes, filters alone, negations, case numbers, facets, stats): the server must stay
# up and answer every request. Filter-only and negated queries once crashed it (a shared Xapian
# MatchAll whose reference count was not thread-safe). RS_LOAD_SECONDS sets the length (default 4).
source "$(dirname "$0")/lib.sh"
cd "$T_ROOT"
command -v wrk >/dev/null || { echo "FAIL wrk is not installed (scripts/deps.sh installs it)"; echo "0 passed, 1 failed"; exit 1; }
IX="$T_TMP/ix"
"$REFSOG" index --quiet --index "$IX" data/sample
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$REFSOG" serve --index "$IX" --port "$port" --threads 8 2>"$T_TMP/serve.log" & pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$T_TMP"' EXIT
B="http://127.0.0.1:$port"
for i in $(seq 1 300); do curl -sf "$B/healthz" >/dev/null && break; sleep 0.1; done

cat >"$T_TMP/rotate.lua" <<'LUA'
local paths = {
  "/api/search?q=kommune:esbjerg", "/api/search?q=type:formalia", "/api/search?q=budget%20OR%20-misbrug",
  "/api/search?q=misbrug%20-budget", "/api/search?q=dato:2023", "/api/search?q=kommune:odder",
  "/api/search?q=type:orientering%20dato:2020", "/api/search?q=kommune:lolland%20-type:formalia", "/api/search?q=misbrug",
  "/api/search?q=%22misbrug%20af%20opiater%22", "/api/search?q=budget*", "/api/search?q=23/15645",
  "/api/search?q=udfald:godkendt%20kommune:odder", "/api/search?q=misbrug&sort=-date",
  "/api/case/27.00.00-P22-1-20", "/api/stats", "/api/search?q=kle:27", "/api/search?q=titel:budget"
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
local bad = 0
response = function(status, headers, body)
  if status ~= 200 then bad = bad + 1 end
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("REQUESTS %d NON200 %d SOCKERR %d\n", summary.requests,
    summary.errors.status, e.connect + e.read + e.write + e.timeout))
end
LUA
secs=${RS_LOAD_SECONDS:-4}
out=$(wrk -t 4 -c 64 -d "${secs}s" --timeout 10s -s "$T_TMP/rotate.lua" "$B" 2>&1)
line=$(printf '%s\n' "$out" | grep '^REQUESTS' || true)
t_match "wrk ran ($line)" '^REQUESTS [0-9]+' "$line"
t_ok_alive() { if kill -0 "$pid" 2>/dev/null; then t_ok "$1"; else t_bad "$1" "server died:" "$(tail -5 "$T_TMP/serve.log")"; fi; }
t_ok_alive "server alive after the load"
t_match "every answer 200, no socket errors" 'NON200 0 SOCKERR 0$' "$line"
n=$(printf '%s' "$line" | awk '{print $2}')
if [ "${n:-0}" -ge 200 ]; then t_ok "at least 200 requests ($n)"; else t_bad "at least 200 requests" "only ${n:-0}"; fi
t_nomatch "no sanitizer report in the server log" 'ThreadSanitizer|AddressSanitizer|runtime error' "$(cat "$T_TMP/serve.log")"
t_eq "healthz after the load" '{"status":"ok"}' "$(curl -s "$B/healthz")"
t_eq "filter-only search still right" \
  "$("$REFSOG" search --index "$IX" --json 'kommune:esbjerg' | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')" \
  "$(curl -s "$B/api/search?q=kommune:esbjerg" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')"
t_done
