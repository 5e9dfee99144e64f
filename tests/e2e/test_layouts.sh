#!/usr/bin/env bash
# test_layouts.sh — the parser on the hand-written fixture of every portal layout and heading form
# (tests/fixtures/layouts/, one per layout family; exact: items, numbers, titles, cases, closed,
# decisions, meeting metadata), and the same pages as HTML (tests/fixtures/layouts/html/: a
# meeting page, an item page, a table layout, a PDF converted to HTML) against the same
# expectations. tests/layouts/check.py does the comparing.
source "$(dirname "$0")/lib.sh"
cd "$T_ROOT"
python3 tests/layouts/check.py "$REFSOG" tests/fixtures/layouts > "$T_TMP/txt.log"; rc1=$?
python3 tests/layouts/check.py "$REFSOG" tests/fixtures/layouts --html tests/fixtures/layouts/html > "$T_TMP/html.log"; rc2=$?
grep -v '^[0-9]* passed' "$T_TMP/txt.log" "$T_TMP/html.log" | sed 's/^[^:]*log://'
p=$(( $(tail -1 "$T_TMP/txt.log" | cut -d' ' -f1) + $(tail -1 "$T_TMP/html.log" | cut -d' ' -f1) ))
f=$(( $(tail -1 "$T_TMP/txt.log" | cut -d' ' -f3) + $(tail -1 "$T_TMP/html.log" | cut -d' ' -f3) ))
echo "$p passed, $f failed"
[ "$rc1" = 0 ] && [ "$rc2" = 0 ]
