#!/usr/bin/env bash
# run-unit.sh — run only the given unit-test binaries (see run-all.sh).
RS_NO_BROWSER=1 exec "$(dirname "$0")/run-all.sh" "$@" --
