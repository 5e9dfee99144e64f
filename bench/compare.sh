#!/usr/bin/env bash
# compare.sh — refsog against its peers on one generated corpus, in one run (`make bench SIZE=N`):
# indexing (items/s, MB/s, CPU, peak RSS, size) and query latency per query class, engines
# alternated round-robin, with ratios taken within each round. Peers: Xapian TermGenerator/
# QueryParser (bench/peers/xapian_peer.cc) and SQLite FTS5 unicode61 (bench/peers/fts5_peer.c).
# PostgreSQL is not measured yet.
set -euo pipefail
build=${1:-build}; size=${2:-5000}; rounds=${ROUNDS:-3}
cd "$(dirname "$0")/.."
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
bench/gen-corpus --items "$size" --seed 1 --out "$tmp/corpus" >/dev/null
# the same items for every engine: the parser's items, as id, municipality, date, text
python3 - "$build/refsog" "$tmp/corpus" > "$tmp/items.tsv" <<'PY'
import json, subprocess, sys, pathlib
for f in sorted(pathlib.Path(sys.argv[2]).rglob("*.txt")):
    m = json.loads(subprocess.run([sys.argv[1], "parse", "--json", str(f)], capture_output=True, check=True).stdout)
    for it in m["items"]:
        text = it["title"] + "\n" + (it["case"] or "") + "\n" + "\n".join(s["text"] for s in it["sections"])
        print("\t".join([f"{f}#{it['number']}", m["municipality"] or "", m["date"] or "",
                         text.replace("\\", " ").replace("\n", "\\n")]))
PY
mb=$(du -sb "$tmp/corpus" | cut -f1)
echo "corpus: $size items, $(find "$tmp/corpus" -name '*.txt' | wc -l) files, $(python3 -c "print(f'{$mb/1e6:.1f}')") MB ($(date -u +%F), $(nproc) cores)"
echo
echo "== indexing (median of $rounds rounds, engines alternated; ratio = peer time / refsog time per round)"
run() { /usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "$@" >/dev/null 2>&1 || true; cat "$tmp/time"; }
declare -A W
for r in $(seq 1 "$rounds"); do
  rm -rf "$tmp/ix"* "$tmp/xp" "$tmp/fts.db"*
  W[floor,$r]=$(run sh -c "cat $tmp/items.tsv | md5sum")
  W[refsog,$r]=$(run "$build/refsog" index --quiet --index "$tmp/ix" "$tmp/corpus")
  W[refsog2,$r]=$(run "$build/refsog" index --quiet --shards 2 --index "$tmp/ix2" "$tmp/corpus")
  W[xapian,$r]=$(run sh -c "$build/bench/xapian_peer index $tmp/xp < $tmp/items.tsv")
  W[fts5,$r]=$(run sh -c "$build/bench/fts5_peer index $tmp/fts.db < $tmp/items.tsv")
done
sizes="refsog=$(du -sb "$tmp/ix" | cut -f1) refsog2=$(du -sb "$tmp/ix2" | cut -f1) xapian=$(du -sb "$tmp/xp" | cut -f1) fts5=$(du -cb "$tmp"/fts.db* | tail -1 | cut -f1)"
"$build/refsog" compact --index "$tmp/ix" --output "$tmp/ixc" >/dev/null
xapian-compact "$tmp/xp" "$tmp/xpc" >/dev/null
sizes="$sizes refsog_compact=$(du -sb "$tmp/ixc" | cut -f1) xapian_compact=$(du -sb "$tmp/xpc" | cut -f1)"
python3 - "$size" "$mb" "$rounds" "$sizes" <<PY
import statistics, sys
size, mb, rounds = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
sizes = dict(kv.split("=") for kv in sys.argv[4].split())
W = {}
$(for k in "${!W[@]}"; do echo "W['$k'] = '${W[$k]}'.split()"; done)
print(f"{'engine':22} {'wall s':>7} {'CPU s':>7} {'items/s':>8} {'MB/s':>6} {'peak RSS':>9} {'ratio':>12}")
for e, label in [("floor", "floor (read+md5)"), ("refsog", "refsog"), ("refsog2", "refsog --shards 2"),
                 ("xapian", "Xapian TermGenerator"), ("fts5", "SQLite FTS5")]:
    wall = max(0.01, statistics.median(float(W[f"{e},{r}"][0]) for r in range(1, rounds + 1)))
    cpu = statistics.median(float(W[f"{e},{r}"][1]) + float(W[f"{e},{r}"][2]) for r in range(1, rounds + 1))
    rss = max(int(W[f"{e},{r}"][3]) for r in range(1, rounds + 1))
    ratios = [float(W[f"{e},{r}"][0]) / float(W[f"refsog,{r}"][0]) for r in range(1, rounds + 1)]
    print(f"{label:22} {wall:7.2f} {cpu:7.2f} {size/wall:8.0f} {mb/1e6/wall:6.2f} {rss/1024:7.0f}MB "
          f"{statistics.median(ratios):5.2f} ({min(ratios):.2f}-{max(ratios):.2f})")
print()
print("index size / text: " + ", ".join(f"{k} {int(v)/1e6:.1f} MB ({int(v)/mb:.2f}x)" for k, v in sizes.items()))
PY
echo
echo "== queries (warm; per query best/median ms of 10 runs; count = matches)"
case=$(grep -m1 -ohE '^[0-9]{2}/[0-9]{3,}$' -r "$tmp/corpus" --include='*.txt' | head -1 || true)
muni=$(cut -f2 "$tmp/items.tsv" | grep -v '^$' | sort | uniq -c | sort -rn | head -1 | awk '{print $2}')
# class, refsog query, xapian query, fts5 MATCH expression, municipality filter
cat > "$tmp/classes.tsv" <<Q
frequent word	kommune	kommune	kommune	
rare word	kortlægningen	kortlægningen	kortlægningen	
two-word AND	budget unge	budget unge	budget AND unge	
phrase	"den aktuelle situation"	"den aktuelle situation"	"den aktuelle situation"	
case number	$case	$case	"$case"	
prefix	budget*	budget*	budget*	
facet-filtered	budget kommune:$muni	budget	budget	$muni
Q
cut -f1,2 "$tmp/classes.tsv" > "$tmp/q_refsog"; cut -f1,3,5 "$tmp/classes.tsv" > "$tmp/q_xapian"; cut -f1,4,5 "$tmp/classes.tsv" > "$tmp/q_fts5"
"$build/bench/bench_query" "$tmp/ix" 10 < "$tmp/q_refsog" > "$tmp/r_refsog"
"$build/bench/xapian_peer" bench "$tmp/xp" 10 < "$tmp/q_xapian" > "$tmp/r_xapian"
"$build/bench/fts5_peer" bench "$tmp/fts.db" 10 < "$tmp/q_fts5" > "$tmp/r_fts5"
"$build/bench/bench_query" "$tmp/ix" 10 --facets < "$tmp/q_refsog" > "$tmp/rf_refsog"
"$build/bench/bench_query" "$tmp/ix" 10 --no-snippets < "$tmp/q_refsog" > "$tmp/rn_refsog"
"$build/bench/xapian_peer" bench "$tmp/xp" 10 --facets < "$tmp/q_xapian" > "$tmp/rf_xapian"
python3 - "$tmp" <<'PY'
import sys
t = sys.argv[1]
def load(n): return {l.split("\t")[0]: l.rstrip("\n").split("\t")[1:] for l in open(f"{t}/{n}")}
r, x, f, rf, xf, rn = (load(n) for n in ("r_refsog", "r_xapian", "r_fts5", "rf_refsog", "rf_xapian", "rn_refsog"))
print(f"{'class':15} {'refsog':>17} {'refsog no snip.':>17} {'Xapian peer':>17} {'FTS5':>17} | {'refsog+facets':>17} {'Xapian+facet':>17}")
for c in r:
    cell = lambda d: f"{d[c][0]:>6} {float(d[c][1]):4.2f}/{float(d[c][2]):4.2f}" if c in d else "-"
    print(f"{c:15} {cell(r):>17} {cell(rn):>17} {cell(x):>17} {cell(f):>17} | {cell(rf):>17} {cell(xf):>17}")
print("(count best/median ms; counts differ where the semantics differ: refsog also matches stems,")
print(" folded forms and compound parts; FTS5 unicode61 has no stemming; the Xapian peer stems)")
PY
