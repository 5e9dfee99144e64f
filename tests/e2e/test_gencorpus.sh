#!/usr/bin/env bash
# test_gencorpus.sh — the benchmark corpus generator is deterministic and its minutes parse with
# exactly the items it says it wrote.
source "$(dirname "$0")/lib.sh"
cd "$T_ROOT"
t_match "generate 300 items" "^300 items in 30 files" "$(bench/gen-corpus --items 300 --seed 3 --out "$T_TMP/a")"
bench/gen-corpus --items 300 --seed 3 --out "$T_TMP/b" >/dev/null
t_eq "same seed, same corpus" "" "$(diff -r "$T_TMP/a" "$T_TMP/b")"
n=0
for f in $(find "$T_TMP/a" -name '*.txt'); do
  c=$("$REFSOG" parse --json "$f" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))')
  n=$((n + c))
done
t_eq "refsog parse finds every generated item" 300 "$n"
"$REFSOG" index --quiet --index "$T_TMP/ix" "$T_TMP/a"
t_eq "and the index holds them" 300 "$("$REFSOG" stats --index "$T_TMP/ix" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"])')"
t_done
