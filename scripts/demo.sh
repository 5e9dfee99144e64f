#!/usr/bin/env bash
# demo.sh — the README's main job: run refsog on the bundled sample minutes.
set -euo pipefail
refsog=${1:-build/refsog}
cd "$(dirname "$0")/.."
echo "\$ refsog parse data/sample/000_082cc86b9df59ed8.txt"
"$refsog" parse data/sample/000_082cc86b9df59ed8.txt
