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
# the query side gives the same tokens as the document side for the same text
for in in tests/golden/analyze/*.in; do
  t_eq "query mode = document mode: $(basename "$in" .in)" "$("$REFSOG" analyze - < "$in")" "$("$REFSOG" analyze --query - < "$in")"
done
t_done
