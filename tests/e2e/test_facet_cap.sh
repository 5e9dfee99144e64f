#!/usr/bin/env bash
# test_facet_cap.sh — `refsog search --facet-cap N`: facets counted over at least N matches; past
# them the total is said to be an estimate ("ca.", "exact": false) and every count is a lower
# bound ("mindst") of the exact one; under the cap (the default, 200,000, on a small index) the
# counts are exact and the same as --facet-cap 0.
source "$(dirname "$0")/lib.sh"
cd "$T_TMP"
"$REFSOG" index --quiet --index ix "$T_SAMPLE"
js() { "$REFSOG" search --index ix --json "$@" | python3 -c "import json,sys; r=json.load(sys.stdin); print($P)"; }
P='r["exact"], r["total"], sorted((k, v["value"], v["count"]) for k in r["facets"] for v in r["facets"][k])'
exact=$(js --facet-cap 0 -- kommune)
t_match "--facet-cap 0 counts every match, said exact" "^True 21 " "$exact"
t_eq "the default cap on a small index gives the same exact counts" "$exact" "$(js -- kommune)"
t_eq "a cap above the matches too" "$exact" "$(js --facet-cap 1000 -- kommune)"
P='r["exact"]'
t_eq "a cap below the matches: not exact, and said so" "False" "$(js --facet-cap 5 -- kommune)"
P='json.dumps({k: {v["value"]: v["count"] for v in r["facets"][k]} for k in r["facets"]})'
full=$(js --facet-cap 0 -- kommune); capped=$(js --facet-cap 5 -- kommune)
t_eq "… every capped count is at most the exact one, and some are lower" "True True" "$(python3 -c '
import json, sys
full, capped = json.loads(sys.argv[1]), json.loads(sys.argv[2])
pairs = [(capped[k][v], full[k].get(v, 0)) for k in capped for v in capped[k]]
print(all(c <= f for c, f in pairs), sum(c for c, _ in pairs) < sum(sum(full[k].values()) for k in capped))' "$full" "$capped")"
out=$("$REFSOG" search --index ix --facet-cap 5 -- kommune)
t_match "the terminal says ca. and how to count them all" "^ca\. [0-9]+ punkter fundet .*--facet-cap 0" "$out"
t_match "… and mindst before each count" "Kommune: [^(]+\(mindst [0-9]+\)" "$out"
t_nomatch "exact counts say neither" "ca\.|mindst" "$("$REFSOG" search --index ix -- kommune)"
t_status "--facet-cap takes a number" 2 "$REFSOG" search --index ix --facet-cap x -- kommune
t_match "… and says so" "facet-cap takes a number" "$T_OUT"
t_done
