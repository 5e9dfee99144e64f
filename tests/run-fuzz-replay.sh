#!/usr/bin/env bash
# run-fuzz-replay.sh — replay only the fuzz corpora of the given replay binaries.
RS_NO_BROWSER=1 exec "$(dirname "$0")/run-all.sh" -- "$@"
