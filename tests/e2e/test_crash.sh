#!/usr/bin/env bash
# test_crash.sh — SIGKILL `refsog index` at random points: the index always opens, stats and search
# work, and re-running the same command ends with exactly the items of an uninterrupted run.
# RS_CRASH_ROUNDS (default 5 in make check; `make check-crash` runs 20).
source "$(dirname "$0")/lib.sh"
cd "$T_ROOT"
rounds=${RS_CRASH_ROUNDS:-5}
for i in $(seq 1 40); do mkdir -p "$T_TMP/c/$i"; cp data/sample/*.txt "$T_TMP/c/$i/"; done
mkdir -p "$T_TMP/empty" # indexing an empty directory creates an empty index
"$REFSOG" index --quiet --index "$T_TMP/ref" "$T_TMP/c"
want=$("$REFSOG" stats --index "$T_TMP/ref" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"])')
t_eq "uninterrupted run: 200 files x their items" 1800 "$want"
RANDOM=42
for r in $(seq 1 "$rounds"); do
  ix="$T_TMP/ix$r"
  # an existing (empty) index, so one writer adds in small batches: a kill can land between
  # commits, inside one, or in a file
  "$REFSOG" index --quiet --index "$ix" "$T_TMP/empty"
  "$REFSOG" index --quiet --batch-bytes 150000 --index "$ix" "$T_TMP/c" & pid=$!
  sleep "0.$(( (RANDOM % 9) + 1 ))$(( RANDOM % 10 ))"
  kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
  if [ -d "$ix" ]; then
    got=$("$REFSOG" stats --index "$ix" --json 2>&1 | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"])' 2>&1)
    if [[ "$got" =~ ^[0-9]+$ ]] && [ "$got" -le "$want" ]; then t_ok "round $r: killed index opens ($got items committed)"
    else t_bad "round $r: killed index opens" "$got"; fi
    t_status "round $r: search works after the kill" 0 "$REFSOG" search --index "$ix" --json misbrug
  else
    t_ok "round $r: killed before the index was created"
  fi
  "$REFSOG" index --quiet --index "$ix" "$T_TMP/c"
  t_eq "round $r: re-run ends with the full item count" "$want" \
    "$("$REFSOG" stats --index "$ix" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"])')"
  rm -rf "$ix"
done
# a new index built by parallel jobs and merged: a kill leaves no index or the whole one, and the
# next run removes the killed run's temporary trees
for r in $(seq 1 "$rounds"); do
  ix="$T_TMP/px$r"
  "$REFSOG" index --quiet --jobs 2 --index "$ix" "$T_TMP/c" & pid=$!
  sleep "0.$(( (RANDOM % 9) + 1 ))$(( RANDOM % 10 ))"
  kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
  if [ -d "$ix" ]; then
    t_eq "parallel round $r: killed after the merge: the whole index" "$want" \
      "$("$REFSOG" stats --index "$ix" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"])')"
  else
    t_ok "parallel round $r: killed before the merge: no index"
  fi
  "$REFSOG" index --quiet --jobs 2 --index "$ix" "$T_TMP/c"
  t_eq "parallel round $r: re-run ends with the full item count" "$want" \
    "$("$REFSOG" stats --index "$ix" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"])')"
  t_eq "parallel round $r: no temporary trees left" "" "$(ls -d "$ix".* 2>/dev/null)"
  rm -rf "$ix"
done
# a second writer is refused with a clear message while the first runs: while the first builds a
# new index in parallel, and while it adds to an existing one
"$REFSOG" index --quiet --jobs 2 --index "$T_TMP/newlock" "$T_TMP/c" & pid=$!
sleep 0.2
t_status "second writer of a new index exits 1" 1 "$REFSOG" index --index "$T_TMP/newlock" data/sample
t_match "second writer of a new index: locked message" "index is locked by another writer" "$T_OUT"
wait $pid
t_eq "the first writer's new index is whole" "$want" \
  "$("$REFSOG" stats --index "$T_TMP/newlock" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"])')"
"$REFSOG" index --quiet --index "$T_TMP/lock" "$T_TMP/empty"
"$REFSOG" index --quiet --batch-bytes 150000 --index "$T_TMP/lock" "$T_TMP/c" & pid=$!
for i in $(seq 1 50); do [ -d "$T_TMP/lock" ] && break; sleep 0.02; done
sleep 0.2
t_status "second writer exits 1" 1 "$REFSOG" index --index "$T_TMP/lock" data/sample
t_match "second writer: locked message" "index is locked by another writer" "$T_OUT"
# and searches keep answering while the indexer commits (small batches: a commit every few ms)
fails=0
for i in $(seq 1 20); do "$REFSOG" search --index "$T_TMP/lock" --json misbrug >/dev/null 2>"$T_TMP/err" || fails=$((fails + 1)); done
t_eq "20 searches during indexing, none failed" 0 "$fails"
wait $pid
t_done
