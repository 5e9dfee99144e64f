#!/usr/bin/env bash
# run-unit.sh — run only the given unit-test binaries (see run-all.sh).
exec "$(dirname "$0")/run-all.sh" --only unit "$@" --
