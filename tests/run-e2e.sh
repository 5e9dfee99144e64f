#!/usr/bin/env bash
# run-e2e.sh — run only the end-to-end tests (tests/e2e/test_*.sh, then the browser test).
exec "$(dirname "$0")/run-all.sh" --only e2e --
