#!/usr/bin/env bash
# demo.sh — the README's main job: index the bundled sample minutes and show searches.
set -euo pipefail
refsog=${1:-build/refsog}
cd "$(dirname "$0")/.."
index=build/demo-index
rm -rf "$index"
run() { echo; echo "\$ refsog $*"; "$refsog" "$@"; }
run index --index "$index" data/sample
run search --index "$index" --limit 3 misbrug
run search --index "$index" --limit 3 'hygiejne kommune:esbjerg'
run search --index "$index" --limit 3 'EMN 24/1629'
run case --index "$index" 27.00.00-P22-1-20
