#!/usr/bin/env bash
# run-fuzz-replay.sh — replay only the fuzz corpora of the given replay binaries.
exec "$(dirname "$0")/run-all.sh" --only replay -- "$@"
