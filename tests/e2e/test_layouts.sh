#!/usr/bin/env bash
# test_layouts.sh — the parser on the hand-written fixture of every portal layout and heading form
# (tests/fixtures/layouts/, one per layout family; exact: items, numbers, titles, cases, closed,
# decisions, meeting metadata), and the same pages as HTML (tests/fixtures/layouts/html/: a
# meeting page, an item page, a table layout, a PDF converted to HTML) against the same
# expectations, and perturbed copies of the text fixtures (below). tests/layouts/check.py does the
# comparing.
source "$(dirname "$0")/lib.sh"
cd "$T_ROOT"
python3 tests/layouts/check.py "$REFSOG" tests/fixtures/layouts > "$T_TMP/txt.log"; rc1=$?
python3 tests/layouts/check.py "$REFSOG" tests/fixtures/layouts --html tests/fixtures/layouts/html > "$T_TMP/html.log"; rc2=$?
# The same fixtures as extraction and portals leave text (tests/layouts/perturb.py: CRLF, no-break
# and doubled spaces, soft hyphens, zero-width spaces, page turns, blank lines, trailing blanks,
# lines wrapped at 70): the same answers (a wrapped letter's numbered remarks are no items: a
# numbered sentence is judged by where its wrapped text ends).
python3 tests/layouts/perturb.py tests/fixtures/layouts "$T_TMP/perturbed" \
  crlf nbsp softhyph zwsp pagebreak dblspace blank trailing wrap70
rc3=0
for k in crlf nbsp softhyph zwsp pagebreak dblspace blank trailing wrap70; do
  names=$(cd "$T_TMP/perturbed/$k" && ls *.expect.json | sed 's/\.expect\.json$//')
  # shellcheck disable=SC2086
  python3 tests/layouts/check.py "$REFSOG" "$T_TMP/perturbed/$k" $names | sed "s/^\(ok  \|FAIL\) /&[$k] /" \
    > "$T_TMP/p-$k.log" || rc3=1
done
logs=("$T_TMP/txt.log" "$T_TMP/html.log" "$T_TMP"/p-*.log)
grep -hv '^[0-9]* passed' "${logs[@]}" | grep -v '^ok   ' || true
grep -h '^ok   ' "${logs[@]}" | grep -v '^ok   \[' || true
p=0; f=0
for l in "${logs[@]}"; do
  p=$(( p + $(tail -1 "$l" | cut -d' ' -f1) )); f=$(( f + $(tail -1 "$l" | cut -d' ' -f3) ))
done
echo "$p passed, $f failed"
[ "$rc1" = 0 ] && [ "$rc2" = 0 ] && [ "$rc3" = 0 ]
