#!/usr/bin/env bash
# run.sh — the benchmarks `make bench` runs: analyser throughput, then indexing and query speed of refsog.
set -euo pipefail
build=${1:-build}
cd "$(dirname "$0")/.."
echo "== analyser throughput (bench_analyze -r 7 -x 50 data/sample/*.txt)"
"$build/bench/bench_analyze" -r 7 -x 50 data/sample/*.txt
echo
echo "== parser throughput (bench_parse -r 7 on a 500-file gen-corpus corpus)"
ptmp=$(mktemp -d)
bench/gen-corpus --items 5000 --seed 7 --out "$ptmp/pc" >/dev/null
"$build/bench/bench_parse" -r 7 $(find "$ptmp/pc" -name '*.txt' | sort)
rm -rf "$ptmp"
echo
echo "== indexing the sample minutes 20 times over (100 files)"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for i in $(seq 1 20); do mkdir -p "$tmp/c/$i"; cp data/sample/*.txt "$tmp/c/$i/"; done
start=$(date +%s.%N)
"$build/refsog" index --quiet --index "$tmp/ix" "$tmp/c"
end=$(date +%s.%N)
items=$("$build/refsog" stats --index "$tmp/ix" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"])')
python3 -c "print(f'indexed {$items} items, {$(du -sb "$tmp/c" | cut -f1)/1e6:.1f} MB of text in {$end-$start:.2f} s: {$items/($end-$start):.0f} items/s; index {$(du -sb "$tmp/ix" | cut -f1)/1e6:.1f} MB')"
echo
echo "== queries (10 runs each, wall time per query incl. process start)"
for q in misbrug 'misbrug unge' '"åben rådgivning"' 23/15645 'budget*' 'kommune:esbjerg hygiejne'; do
  s=$(date +%s.%N)
  for i in $(seq 1 10); do "$build/refsog" search --index "$tmp/ix" --json "$q" > /dev/null; done
  e=$(date +%s.%N)
  printf '%-28s %7.1f ms\n' "$q" "$(python3 -c "print(($e-$s)/10*1000)")"
done
