#!/usr/bin/env bash
# test_near.sh — near matches: when the items with every word do not fill the first page, the
# items with some of the words follow, each naming the words it lacks; never counted, never on
# a later page, sorted by date, after the OR fallback or for a case number; filters and
# excluded words apply to them too (engine/near.h), and to the OR fallback.
source "$(dirname "$0")/lib.sh"
cd "$T_TMP"
mkdir -p m
mk() { # file municipality title body
  printf '%s Kommune\nReferat\nMødedato: 2024-03-0%s\n\nPunkt 1: %s\n\nSagsfremstilling\n%s\n' "$2" "${#1}" "$3" "$4" > "m/$1.txt"
}
mk a Odder "Integration af flygtninge" "Integrationen af flygtninge i arbejde er godt i gang."
mk b Odder "Integrationshuset" "Integrationshuset har fået nye lokaler og et nyt budget."
mk c Esbjerg "Modtagelse" "Kommunen modtager flere flygtninge end sidste år."
mk dd Odder "Fritid" "Idrætshallen får nyt gulv og nye lys."
mk ee Odder "Budget for modtagelse" "Flygtninge: budget for modtagelsen af nye borgere."
"$REFSOG" index --quiet --index ix m
js() { "$REFSOG" search --index ix --json "$@" | python3 -c "import json,sys; r=json.load(sys.stdin); exec(sys.argv[1])" "$P"; }
ids='print(" ".join([str(r["total"]), " ".join(h["id"].split("/")[-1] for h in r["hits"]), "|", " ".join(h["id"].split("/")[-1] + ":" + ",".join(h.get("missing", [])) for h in r["near"])]).strip())'

P=$ids
t_eq "integration flygtninge: one item has both, the items with one of them follow, each with what it lacks" \
  "1 a.txt#1 | b.txt#1:flygtninge c.txt#1:integration ee.txt#1:integration" \
  "$(js -- 'integration flygtninge' | sed 's/ c.txt#1:integration ee.txt#1:integration/ CE/;s/ ee.txt#1:integration c.txt#1:integration/ CE/;s/ CE/ c.txt#1:integration ee.txt#1:integration/')"
t_eq "the near matches are not counted, not in the facets" "1 1" \
  "$(P='print(r["total"], sum(f["count"] for f in r["facets"]["municipality"]))' js -- 'integration flygtninge')"
t_eq "an item with none of the words is not among them" "" \
  "$(P='print(" ".join(h["id"] for h in r["near"] if "dd.txt" in h["id"]))' js -- 'integration flygtninge')"
t_eq "their ranks follow the hits'" "2 3 4" "$(P='print(" ".join(str(h["rank"]) for h in r["near"]))' js -- 'integration flygtninge')"
t_eq "an excluded word excludes near matches too (b and ee say budget)" "1 a.txt#1 | c.txt#1:integration" \
  "$(js -- 'integration flygtninge -budget')"
t_eq "filters apply to them as to the hits" "1 a.txt#1 | b.txt#1:flygtninge ee.txt#1:integration" \
  "$(js -- 'integration flygtninge kommune:Odder' | sed 's/ee.txt#1:integration b.txt#1:flygtninge/b.txt#1:flygtninge ee.txt#1:integration/')"
t_eq "a phrase and a section word are named as typed" "titel:integration" \
  "$(P='print(" ".join(",".join(h["missing"]) for h in r["near"] if "c.txt" in h["id"]))' js -- 'titel:integration flygtninge')"
t_eq "only to fill the page: with --limit 1 the page is full" "1 a.txt#1 |" "$(js --limit 1 -- 'integration flygtninge')"
t_eq "not on a later page" "1  |" "$(js --offset 1 -- 'integration flygtninge')"
t_eq "not sorted by date" "1 a.txt#1 |" "$(js --sort date -- 'integration flygtninge')"
t_eq "not with --no-near" "1 a.txt#1 |" "$(js --no-near -- 'integration flygtninge')"
t_eq "not for one word" "2 a.txt#1 b.txt#1 |" "$(js -- 'integration' | sed 's/b.txt#1 a.txt#1/a.txt#1 b.txt#1/')"
t_eq "not after the OR fallback (no item has every word)" "or 0" \
  "$(P='print(r["fallback"], len(r["near"]))' js -- 'idrætshallen flygtninge')"
t_eq "the OR fallback: any of the words" "or 4" "$(P='print(r["fallback"], r["total"])' js -- 'idrætshallen flygtninge')"
t_eq "… but never an excluded one (ee says budget)" "or 3 False" \
  "$(P='print(r["fallback"], r["total"], any("ee.txt" in h["id"] for h in r["hits"]))' js -- 'idrætshallen flygtninge -budget')"
t_eq "not for a case number typed with another word" "0" "$(P='print(len(r["near"]))' js -- '24/1629 flygtninge')"
out=$("$REFSOG" search --index ix -- 'integration flygtninge')
t_match "the terminal says so under a heading, each with »mangler«" \
  "Punkter med nogle af ordene:" "$out"
t_match "… and the word it lacks" "mangler: flygtninge" "$out"
t_match "… the count is of the full matches" "^1 punkt fundet" "$out"
# no item is both a hit and a near match: over the sample minutes, every two-word judged query
# (an AND_MAYBE in the excluded part once let the hit back in, index/xapian_query.cc qbuild)
"$REFSOG" index --quiet --index ixs "$T_SAMPLE"
both=$(cut -f3 "$T_ROOT/tests/relevance/queries.tsv" | grep -v '^#' | grep -E '^[^ :"*-]+ [^ :"*-]+$' | while read -r q; do
  "$REFSOG" search --index ixs --json -- "$q" | python3 -c '
import json, sys
r = json.load(sys.stdin)
dup = {h["id"] for h in r["hits"]} & {h["id"] for h in r["near"]}
if dup: print(sys.argv[1], sorted(dup))' "$q"
done)
t_eq "no item both a hit and a near match (the judged two-word queries)" "" "$both"
t_match "RS_DEBUG_QUERY prints the near matches' query too: any word, not every word" \
  "^near query: Query\(\(.* OR .*\) AND_NOT \(.* AND .*\)\)\)$" \
  "$(RS_DEBUG_QUERY=1 "$REFSOG" search --index ix -- integration flygtninge 2>&1 >/dev/null | grep '^near query')"
t_done
