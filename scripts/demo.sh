#!/usr/bin/env bash
# demo.sh — the README's main job: run refsog on the bundled sample minutes.
set -euo pipefail
refsog=${1:-build/refsog}
cd "$(dirname "$0")/.."
echo "\$ refsog help"
"$refsog" help
