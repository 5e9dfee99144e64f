#!/usr/bin/env bash
# test_facet_columns.sh — the server counts facets from columns kept per index revision
# (rs_searcher_keep_facet_columns) of one unsharded index; the CLI counts them match by match.
# Both must give the same counts: on one index, on two indexes and on a sharded one (where the
# server counts match by match too: a match spy sees each shard's own docids), and after the
# index changed under a running server (the columns of the old revision must not be used), also
# for the counts the server keeps per search (another page of it). The server finds the matches to
# count in two ways (rs_searcher_facet_sets): as a bitset from the query's posting lists (a query
# that may match much; RS_FACET_SETS=always forces it) or match by match in the matcher
# (RS_FACET_SETS=never): totals and counts must be the CLI's either way.
source "$(dirname "$0")/lib.sh"
cd "$T_ROOT"
A="$T_TMP/a" B="$T_TMP/b" C="$T_TMP/c" S="$T_TMP/s"
mkdir -p "$T_TMP/more"
cp tests/fixtures/layouts/*.txt "$T_TMP/more/"
"$REFSOG" index --quiet --index "$A" data/sample
"$REFSOG" index --quiet --index "$B" "$T_TMP/more"
"$REFSOG" index --quiet --index "$C" data/sample "$T_TMP/more"
"$REFSOG" index --quiet --shards 2 --index "$S" data/sample "$T_TMP/more"
pids=""
trap 'kill $pids 2>/dev/null; wait 2>/dev/null; rm -rf "$T_TMP"' EXIT
serve() { # a server on the indexes given; its URL in $url
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  "$REFSOG" serve "$@" --port "$port" --web web >/dev/null 2>>"$T_TMP/serve.log" & pids="$pids $!"
  url="http://127.0.0.1:$port"
  for i in $(seq 1 50); do curl -sf "$url/healthz" >/dev/null && break; sleep 0.1; done
}

# every facet's values and counts, sorted, one line per facet
facets() { python3 -c '
import json, sys
r = json.load(sys.stdin)
print("total", r["total"])
for name in sorted(r["facets"]):
    print(name, sorted((v["value"], v["count"]) for v in r["facets"][name]))'; }
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$1"; }
same() { # label URL query: the server's facets equal the CLI's (on the one index C), and there are some
  local cli srv
  cli=$("$REFSOG" search --json --index "$C" -- "$3" | facets)
  srv=$(curl -s "$2/api/search?q=$(enc "$3")" | facets)
  t_eq "$1: server = CLI: $3" "$cli" "$srv"
  t_match "$1: … and counts something" "[1-9]\)" "$srv"
}
serve --index "$C"; U=$url
serve --index "$A" --index "$B"; UAB=$url
serve --index "$S"; US=$url
RS_FACET_SETS=always serve --index "$C"; USETS=$url
RS_FACET_SETS=never serve --index "$C"; UMATCH=$url
for q in '*' misbrug kommune udvalget 'kommune:esbjerg' 'type:beslutning' 'dato:2020..2024' 'budget*' 'kommune -misbrug'; do
  same "one index (columns)" "$U" "$q"
  same "two indexes" "$UAB" "$q"
  same "two shards" "$US" "$q"
done
# every kind of query part the bitsets answer (and a phrase, which they leave to the matcher)
for q in '*' misbrug 'kommune udvalget' 'kommune OR misbrug' 'kommune -udvalget' 'kommune -kommune:esbjerg' \
         'udvalg*' 'dato:..2019' 'dato:2021..' 'dato:2019..2021 kommune' 'kommune:esbjerg kommune:odder' \
         'titel:budget' 'sagsfremstilling:kommune' 'beslutning:godkendt' 'udfald:godkendt -type:orientering' \
         '"byrådet godkender"' 'budgetopfølgning' 'sag:23/15645' '23/25324 OR kommune' 'kommune xyzzyq' 'okonomi'; do
  cli=$("$REFSOG" search --json --index "$C" -- "$q" | facets)
  t_eq "bitsets (always): server = CLI: $q" "$cli" "$(curl -s "$USETS/api/search?q=$(enc "$q")" | facets)"
  t_eq "matcher (never): server = CLI: $q" "$cli" "$(curl -s "$UMATCH/api/search?q=$(enc "$q")" | facets)"
  t_match "… and counts something: $q" "[1-9]\)" "$cli"
done
# RS_FACET_SETS picks the way (RS_DEBUG_QUERY=1 says which on stderr): always the sets, never,
# and the default on a search of every item (it may match all of them: the sets)
for way in always never default; do
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  if [ "$way" = default ]; then
    RS_DEBUG_QUERY=1 "$REFSOG" serve --index "$C" --port "$port" --web web >/dev/null 2>"$T_TMP/way-$way.log" &
  else
    RS_FACET_SETS=$way RS_DEBUG_QUERY=1 "$REFSOG" serve --index "$C" --port "$port" --web web >/dev/null 2>"$T_TMP/way-$way.log" &
  fi
  pids="$pids $!"
  for i in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  curl -s "http://127.0.0.1:$port/api/search?q=$(enc kommune)" >/dev/null
  curl -s "http://127.0.0.1:$port/api/search?q=$(enc '*')" >/dev/null
done
t_eq "RS_FACET_SETS=always: counted from the match set" "2" "$(grep -c '^counts: from the match set' "$T_TMP/way-always.log")"
t_eq "RS_FACET_SETS=never: counted match by match" "2" "$(grep -c '^counts: match by match' "$T_TMP/way-never.log")"
t_match "by default a search of every item: from the match set" "^counts: from the match set" \
  "$(grep '^counts' "$T_TMP/way-default.log" | tail -1)"
t_match "RS_DEBUG_QUERY prints the query" "^query: Query\(" "$(grep '^query' "$T_TMP/way-never.log" | head -1)"

# the committee and outcome facets are multi-valued: a count over one word checked by hand
t_eq "a multi-valued facet: the committee counts add up to at least the hits" "True" \
  "$(curl -s "$U/api/search?q=udvalget" | python3 -c '
import json, sys; r = json.load(sys.stdin)
print(sum(v["count"] for v in r["facets"]["committee"]) >= r["total"] > 0)')"

# another page of a search: the counts the server keeps for it (engine/facetcache.h), equal
t_eq "another page of a search has the first page's counts" "$(curl -s "$U/api/search?q=misbrug" | facets)" \
  "$(curl -s "$U/api/search?q=misbrug&offset=1&sort=date" | facets)"

# the index changes under the running server: new counts, not the kept columns' old ones
before=$(curl -s "$U/api/search?q=*" | facets)
mkdir -p "$T_TMP/late"
cp data/sample/*.txt "$T_TMP/late/"
for f in "$T_TMP"/late/*.txt; do mv "$f" "${f%.txt}-late.txt"; done
"$REFSOG" index --quiet --index "$C" "$T_TMP/late"
after=$(curl -s "$U/api/search?q=*" | facets)
t_nomatch "after an update the server's counts change" "^$(printf '%s' "$before" | head -1 | sed 's/[][()*.^$]/./g')\$" \
  "$(printf '%s' "$after" | head -1)"
for q in '*' misbrug 'kommune:esbjerg'; do same "after an update" "$U" "$q"; done
t_eq "after an update another page of a search kept before is counted again" \
  "$("$REFSOG" search --json --index "$C" -- misbrug | facets)" "$(curl -s "$U/api/search?q=misbrug&offset=2" | facets)"
t_done
