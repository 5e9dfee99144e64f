# lib.sh — helpers for end-to-end tests: source it, call `t_*` checks, end with `t_done`.
# REFSOG must point at the binary; each test gets a scratch directory $T_TMP.
set -u
T_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
T_SAMPLE="$T_ROOT/data/sample"
: "${REFSOG:=$T_ROOT/build/refsog}"
T_TMP=$(mktemp -d)
trap 'rm -rf "$T_TMP"' EXIT
t_pass=0; t_fail=0

t_ok()   { t_pass=$((t_pass + 1)); echo "ok   $1"; }
t_bad()  { t_fail=$((t_fail + 1)); echo "FAIL $1"; shift; for l in "$@"; do echo "     $l"; done; }

# t_eq NAME EXPECTED ACTUAL
t_eq() { if [ "$2" = "$3" ]; then t_ok "$1"; else t_bad "$1" "expected: $2" "actual:   $3"; fi; }
# t_match NAME REGEX TEXT  (grep -E on the text)
t_match() { if printf '%s' "$3" | grep -qE -- "$2"; then t_ok "$1"; else t_bad "$1" "no match for /$2/ in:" "$(printf '%s' "$3" | head -20)"; fi; }
t_nomatch() { if printf '%s' "$3" | grep -qE -- "$2"; then t_bad "$1" "unexpected match for /$2/ in:" "$(printf '%s' "$3" | head -20)"; else t_ok "$1"; fi; }
# t_status NAME EXPECTED_RC CMD...  (runs the command, stdout+stderr into $T_OUT)
t_status() {
  local name=$1 want=$2; shift 2
  T_OUT=$("$@" 2>&1); local rc=$?
  if [ "$rc" = "$want" ]; then t_ok "$name"; else t_bad "$name" "exit $rc, expected $want" "$(printf '%s' "$T_OUT" | head -20)"; fi
}
t_done() { echo "$t_pass passed, $t_fail failed"; [ "$t_fail" = 0 ]; }
