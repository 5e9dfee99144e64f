#!/usr/bin/env bash
# test_relevance.sh — a floor on refsog's nDCG@10 over the judged queries, so relevance cannot silently regress.
source "$(dirname "$0")/lib.sh"
cd "$T_ROOT"
out=$(python3 tests/relevance/eval.py --refsog "$REFSOG" --floor 0.97 2>&1); rc=$?
echo "$out" | grep -E "^(category|ALL|relevance floor)"
if [ $rc = 0 ]; then t_ok "relevance floor nDCG@10 >= 0.97"; else t_bad "relevance floor nDCG@10 >= 0.97" "$out"; fi
t_done
