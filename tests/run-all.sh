#!/usr/bin/env bash
# run-all.sh — run unit tests (cmocka), fuzz-corpus replays and end-to-end tests;
# print one closing line "N passed, N failed" over all of them. Exit 1 on any failure.
# Usage: run-all.sh [--only unit|replay|e2e] UNIT_BIN... -- REPLAY_BIN...
#   (REFSOG=path/to/refsog in the environment). --only runs that part alone (e2e: the end-to-end
#   scripts and the browser test), as run-unit.sh, run-fuzz-replay.sh and run-e2e.sh do.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
parts=" unit replay e2e "
if [ "${1:-}" = "--only" ]; then
  case "${2:-}" in
    unit|replay|e2e) parts=" $2 " ;;
    *) echo "run-all.sh: --only takes unit, replay or e2e" >&2; exit 2 ;;
  esac
  shift 2
fi
want() { [[ "$parts" == *" $1 "* ]]; }
units=(); replays=(); seen=0
for a in "$@"; do
  if [ "$a" = "--" ]; then seen=1; continue; fi
  if [ $seen = 0 ]; then units+=("$a"); else replays+=("$a"); fi
done
passed=0; failed=0
log=$(mktemp); trap 'rm -f "$log"' EXIT

# Add the "N passed, N failed" line of a script's output in $log; a non-zero exit
# without failures counted is one failure.
count_plain() { # NAME RC
  local line p f
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
  p=$(echo "$line" | sed -n 's/^\([0-9]*\) passed.*/\1/p'); f=$(echo "$line" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
  p=${p:-0}; f=${f:-0}
  if [ "$2" -ne 0 ] && [ "$f" = 0 ]; then f=1; echo "!! $1 exited with status $2"; fi
  passed=$((passed + p)); failed=$((failed + f))
}

want unit && echo "=== unit tests"
want unit && for t in "${units[@]}"; do
  "$t" >"$log" 2>&1; rc=$?
  cat "$log"
  p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -1)
  f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | tail -1)
  p=${p:-0}; f=${f:-0}
  if [ $rc -ne 0 ] && [ "$f" = 0 ]; then f=1; echo "!! $t exited with status $rc"; fi
  passed=$((passed + p)); failed=$((failed + f))
done

want replay && echo "=== fuzz corpus replay"
want replay && for r in "${replays[@]}"; do
  name=${r##*/replay_}; name=${name#*_}
  corpus="$root/fuzz/corpus/$name"
  if [ ! -d "$corpus" ]; then echo "!! no corpus $corpus for $r"; failed=$((failed + 1)); continue; fi
  if "$r" "$corpus" >"$log" 2>&1; then
    echo "ok   replay $name: $(tail -1 "$log")"; passed=$((passed + 1))
  else
    cat "$log"; echo "FAIL replay $name"; failed=$((failed + 1))
  fi
done

want e2e && echo "=== end-to-end tests"
want e2e && for s in "$root"/tests/e2e/test_*.sh; do
  [ -e "$s" ] || continue
  bash "$s" >"$log" 2>&1; rc=$?
  cat "$log"
  count_plain "$s" $rc
done

if want e2e && [ "${RS_NO_BROWSER:-}" != 1 ]; then
  echo "=== browser test (tests/browser/run.sh; RS_NO_BROWSER=1 skips it)"
  REFSOG=${REFSOG:-} "$root/tests/browser/run.sh" >"$log" 2>&1; rc=$?
  cat "$log"
  count_plain "browser test" $rc
fi

echo
echo "$passed passed, $failed failed"
[ "$failed" = 0 ] && [ "$passed" -gt 0 ]
