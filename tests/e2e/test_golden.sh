#!/usr/bin/env bash
# test_golden.sh — `refsog analyze` on a passage of every sample minutes file against reviewed golden token streams.
# To change a golden file: regenerate it (refsog analyze - < X.in > X.out), then read the diff line by line.
source "$(dirname "$0")/lib.sh"
cd "$T_ROOT"
for in in tests/golden/analyze/*.in; do
  want="${in%.in}.out"
  got=$("$REFSOG" analyze - < "$in")
  if [ "$got" = "$(cat "$want")" ]; then t_ok "golden $(basename "$in" .in)"
  else t_bad "golden $(basename "$in" .in)" "$(diff <(echo "$got") "$want" | head -10)"; fi
done
# Index time and query time meet: each golden passage indexed as one item, every word of it
# (each non-stopword surface form, typed as a query in quotes) finds the file. This goes through the
# indexer's and the query builder's real paths (the analyser has one code path for both).
for in in tests/golden/analyze/*.in; do
  name=$(basename "$in" .in)
  mkdir -p "$T_TMP/g_$name"
  # (agenda headings of the passage left out: the parser takes "Punkt 2:" off a title)
  grep -v '^ *Punkt [0-9]' "$in" > "$T_TMP/g_$name/body"
  { printf 'Referat\n\nPunkt 1: Prøve\n\nSagsfremstilling\n'; cat "$T_TMP/g_$name/body"; } > "$T_TMP/g_$name/p.txt"
  "$REFSOG" index --quiet --index "$T_TMP/gx_$name" "$T_TMP/g_$name/p.txt" >/dev/null 2>&1
  words=$("$REFSOG" analyze --json - < "$T_TMP/g_$name/body" | python3 -c '
import json,sys
seen=set()
for t in json.load(sys.stdin)["tokens"]:
    if t["stopword"] or t["subtoken"] or t["kind"] not in ("word","caseno","number"): continue
    if t["surface"] not in seen and len(seen) < 60: seen.add(t["surface"]); print(t["surface"])')
  missed=""
  while IFS= read -r w; do
    [ -z "$w" ] && continue
    # in quotes: the exact (normalised) form; as a section field: the stem and folding key only
    for q in "\"$w\"" "sagsfremstilling:\"$w\"" "sagsfremstilling:$w"; do
      n=$("$REFSOG" search --json --index "$T_TMP/gx_$name" -- "$q" 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])' 2>/dev/null)
      [ "${n:-0}" -ge 1 ] || missed="$missed $q"
    done
  done <<< "$words"
  t_eq "index and query analysis meet: every word of $name finds the file" "" "$missed"
done
t_done
