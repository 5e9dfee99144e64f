#!/usr/bin/env bash
# test_layouts.sh — the parser on the hand-written fixture of every portal layout and heading form
# (tests/fixtures/layouts/, one per layout family; exact: items, numbers, titles, cases, closed,
# decisions, meeting metadata). tests/layouts/check.py does the comparing.
source "$(dirname "$0")/lib.sh"
cd "$T_ROOT"
python3 tests/layouts/check.py "$REFSOG" tests/fixtures/layouts
