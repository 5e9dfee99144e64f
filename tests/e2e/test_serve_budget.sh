#!/usr/bin/env bash
# test_serve_budget.sh — (issue 14, item 5) no request runs unbounded: prefix expansion is capped
# for the whole query, a search has a time budget with a clear answer, and one item's stored text
# is bounded (snippets read only that).
source "$(dirname "$0")/lib.sh"
cd "$T_TMP"
R="$REFSOG"
mkdir c
for i in $(seq 1 10); do for f in "$T_SAMPLE"/*.txt; do cp "$f" "c/$i-${f##*/}"; done; done
python3 - <<'PY'   # one item of 1.5 MB of text (no agenda structure)
import random
random.seed(7)
syl = ["ba","bu","de","di","fa","fo","ga","gu","ha","hi","ka","ko","la","lu","ma","mo","na","ne"]
with open("c/stor.txt", "w") as f:
    f.write("REFERAT Økonomiudvalget 2022-2025 d. 05-03-2024\n\n")
    for _ in range(20000):
        f.write(" ".join("".join(random.choice(syl) for _ in range(3)) for _ in range(12)) + " budget.\n")
PY
"$R" index --quiet --index ix c 2>/dev/null
# 70 two-letter prefixes OR'ed (139 terms: the parser takes 256)
prefixes=$(python3 -c 'print(" OR ".join(a + b + "*" for a in "bdfghklmnprstv" for b in "aeiou"))')

# prefix expansion: bounded for the whole query, refused with a reason
t_status "70 two-letter prefixes: refused" 2 "$R" search --index ix --limit 100 "$prefixes"
t_match "refused with the reason" "prefixes .* match more than 2000 words in all" "$T_OUT"
t_status "a few prefixes still work" 0 "$R" search --index ix --json 'bud* OR misbr*'

# the time budget, from the CLI and the server
t_status "CLI --seconds 0.001: out of time, exit 1" 1 "$R" search --index ix --seconds 0.001 --limit 100 'dato:..2100'
t_match "CLI: the message" "søgningen tog for lang tid" "$T_OUT"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$R" serve --index ix --port "$port" --request-seconds 0.001 2>serve.log & pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$T_TMP"' EXIT
B="http://127.0.0.1:$port"
for i in $(seq 1 50); do curl -sf "$B/healthz" >/dev/null && break; sleep 0.1; done
t_eq "server: a search over its budget is a 503" 503 "$(curl -s -o body -w '%{http_code}' "$B/api/search?q=dato:..2100&limit=100")"
t_match "server: with the message" '"error":"søgningen tog for lang tid' "$(cat body)"
t_eq "server: still answering" '{"status":"ok"}' "$(curl -s "$B/healthz")"
kill $pid; wait $pid 2>/dev/null
"$R" serve --index ix --port "$port" 2>serve.log & pid=$!
for i in $(seq 1 50); do curl -sf "$B/healthz" >/dev/null && break; sleep 0.1; done
t_eq "default budget: 70 prefixes are a 400" 400 "$(curl -s -o body -w '%{http_code}' --get --data-urlencode "q=$prefixes" "$B/api/search")"
t_eq "default budget: an ordinary search answers" 200 "$(curl -s -o body -w '%{http_code}' "$B/api/search?q=budget&limit=100")"

# one item's stored text is bounded (its words are all indexed)
t_eq "the big item: stored text cut at 1 MiB, its length and the cut said" "True True True" \
  "$(curl -s "$B/api/item/c%2Fstor.txt%231" | python3 -c '
import json,sys; r=json.load(sys.stdin)
print(len(r["text"].encode()) <= 1048576, r["text_cut"], r["text_bytes"] > 1048576)')"
t_eq "a word beyond the cut is still found" 1 \
  "$("$R" search --index ix --json "$(tail -1 c/stor.txt | cut -d' ' -f1)" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')"
t_done
