#!/usr/bin/env bash
# compare.sh — refsog against its peers on one generated corpus, in one run (`make bench SIZE=N`).
#   bench/compare.sh BUILD SIZE        env: ROUNDS (indexing rounds, 3), QROUNDS (query rounds, 3),
#                                           PER_CLASS (queries per class, 20), QRUNS (runs per query,
#                                           10), BENCH_TMP (work dir), BENCH_KEEP (copy results),
#                                           FAST=1 (refsog only as `refsog index` runs here: no
#                                           1-core and no one-writer rows; for 1M items)
# Indexing: items/s, MB/s, CPU s, peak RSS, index size (and after compaction for the Xapian-based
# ones), engines alternated round-robin, ratio = engine time / refsog time within each round.
# refsog runs three times: a new index on one core (--jobs 1, pinned) and on two (--jobs 2, what
# `refsog index` does on this machine; queries run on it), both built in segments merged
# compacted; and adding the same files to an existing empty index (one writer, atomic batches:
# how updates are indexed), whose size is also measured after compaction.
# Queries: a seeded query set per class (bench/make-queries), warm, one client thread; per query
# the best and median of 10 runs after a warm-up; p50/p95/p99 over the set of per-query medians;
# engines alternated over QROUNDS rounds, ratio of p50s within each round.
# Peers: Xapian TermGenerator/QueryParser (bench/peers/xapian_peer.cc), SQLite FTS5 unicode61
# (bench/peers/fts5_peer.c), PostgreSQL to_tsvector('danish') + GIN (bench/peers/pg_peer.c, a
# server started here on loopback in the work dir and stopped after), Lucene 8 with the tuned
# Danish chain (bench/peers/LuceneBench.java; LUCENE_BENCH is the command that runs it, set by
# `make bench`; skipped without it): timed as a whole process (JVM start and analyser setup
# included) and in-process (its own clock around adding the items and the commit), the JVM's bare
# start timed apart; force-merged to one segment for the compacted size; its queries run after
# warm-up passes over the whole set (the JIT); its top-10 queries also run with the decompounder
# left out of the query analyser (compounds split at index time only). Floors: reading+hashing
# the items, and the analyser alone over them. Single-threaded engines are pinned to core 1
# (taskset).
set -euo pipefail
build=${1:-build}; size=${2:-5000}
rounds=${ROUNDS:-3}; qrounds=${QROUNDS:-3}; per_class=${PER_CLASS:-20}; qruns=${QRUNS:-10}
cd "$(dirname "$0")/.."
root=$PWD
tmp=$(mktemp -d "${BENCH_TMP:-/tmp}/refsog-bench.XXXXXX")
chmod 755 "$tmp"
pg=0
cleanup() { [ "$pg" = 1 ] && bench/pg.sh stop "$tmp/pg"; rm -rf "$tmp"; }
trap cleanup EXIT
pin=""; command -v taskset >/dev/null && [ "$(nproc)" -ge 2 ] && pin="taskset -c 1"

bench/gen-corpus --items "$size" --seed 1 --out "$tmp/corpus" >/dev/null
# the same items for every engine: the parser's items, as id, municipality, date, text
find "$tmp/corpus" -name '*.txt' | sort > "$tmp/files"
xargs -a "$tmp/files" -n 2000 "$build/refsog" parse --json | python3 -c '
import json, sys
for line in sys.stdin:
    m = json.loads(line)
    for it in m["items"]:
        text = it["title"] + "\n" + (it["case"] or "") + "\n" + "\n".join(s["text"] for s in it["sections"])
        print("\t".join([m["source"] + "#" + str(it["number"]), m["municipality"] or "", m["date"] or "",
                         text.replace("\\", " ").replace("\t", " ").replace("\n", "\\n")]))
' > "$tmp/items.tsv"
items=$(wc -l < "$tmp/items.tsv")
mb=$(find "$tmp/corpus" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
echo "corpus: bench/gen-corpus --items $size --seed 1: $items items, $(wc -l < "$tmp/files") files," \
     "$(python3 -c "print(f'{$mb/1e6:.1f}')") MB; $(date -u +%F), $(nproc) cores, $(uname -m)"

lucene=${LUCENE_BENCH:-}
if [ -z "$lucene" ] && [ -f "$build/bench/LuceneBench.class" ]; then
  lucene="java -cp $build/bench$(for j in core analyzers-common queryparser facet; do printf ':%s' "$(ls /usr/share/java/lucene-$j-[0-9]*.jar 2>/dev/null | sort -V | tail -1)"; done) LuceneBench"
fi
if [ -z "$lucene" ] || [ ! -f "$build/bench/LuceneBench.class" ]; then
  echo "(Lucene peer skipped: no $build/bench/LuceneBench.class; scripts/deps.sh --bench installs a JDK and liblucene8-java, make bench builds it)"
  lucene=""
fi

if [ -x "$build/bench/pg_peer" ] && bench/pg.sh start "$tmp/pg" "$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')" 2>"$tmp/pg.err"; then
  pg=1
  pgport=$(sed -n 's/.*port \([0-9]*\).*/\1/p' "$tmp/pg/log" | head -1)
  conn="host=127.0.0.1 port=$pgport user=bench dbname=postgres"
  [ -n "$pin" ] && taskset -a -p -c 1 "$(head -1 "$tmp/pg/data/postmaster.pid")" >/dev/null
else
  echo "(PostgreSQL peer skipped: $(cat "$tmp/pg.err" 2>/dev/null | head -1); scripts/deps.sh --bench installs it)"
fi

run() { /usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "$@" >"$tmp/out" 2>"$tmp/err" || { echo "failed: $* ($(head -3 "$tmp/err"))" >&2; }; cat "$tmp/time" | tail -1; }
# The Xapian peer commits at its fastest batch of text for the size. 5,000 items, one core, user
# s: 2 MiB 3.05-3.24, 256 KiB 2.47-2.61, 128 KiB 2.10-2.68, 64 KiB 2.13-2.93 (Xapian's in-memory
# postings cost more per posting the more there are). 100,000 items, one core, wall s (eighteenth
# session, docs/benchmarks.md): 128 KiB 113.6-116.0 (36 s of it in the kernel: each commit
# rewrites more of a growing index), 256 KiB 80.1, 512 KiB 64.5, 1 MiB 59.4-65.2, 2 MiB 58.3,
# 4 MiB 80.2-84.0, 16 MiB 93.0-98.8, Xapian's default (10,000 documents) 86.4-112.8.
batch=$((128 << 10)); [ "$size" -gt 20000 ] && batch=$((1 << 20))
echo "Xapian peer: a commit every $((batch >> 10)) KiB of text"
: > "$tmp/index.tsv"
for r in $(seq 1 "$rounds"); do
  rm -rf "$tmp/ix" "$tmp/ix1" "$tmp/ixa" "$tmp/xp" "$tmp/fts.db"* "$tmp/lx"
  mkdir -p "$tmp/empty"; "$build/refsog" index --quiet --index "$tmp/ixa" "$tmp/empty"
  echo "floor	$r	$(run $pin sh -c "cat $tmp/items.tsv | md5sum")" >> "$tmp/index.tsv"
  echo "analyser	$r	$(run $pin "$build/bench/bench_analyze" -r 1 -x 1 "$tmp/items.tsv")" >> "$tmp/index.tsv"
  if [ -z "${FAST:-}" ]; then
    echo "refsog	$r	$(run $pin "$build/refsog" index --quiet --jobs 1 --index "$tmp/ix1" "$tmp/corpus")" >> "$tmp/index.tsv"
    echo "refsog_add	$r	$(run $pin "$build/refsog" index --quiet --index "$tmp/ixa" "$tmp/corpus")" >> "$tmp/index.tsv"
  fi
  echo "refsog2	$r	$(run "$build/refsog" index --quiet --jobs 2 --index "$tmp/ix" "$tmp/corpus")" >> "$tmp/index.tsv"
  echo "xapian	$r	$(run $pin sh -c "$build/bench/xapian_peer index $tmp/xp $batch < $tmp/items.tsv")" >> "$tmp/index.tsv"
  echo "fts5	$r	$(run $pin sh -c "$build/bench/fts5_peer index $tmp/fts.db < $tmp/items.tsv")" >> "$tmp/index.tsv"
  if [ "$pg" = 1 ]; then
    t=$(run sh -c "$build/bench/pg_peer index '$conn' < $tmp/items.tsv")
    echo "pg	$r	$t	$(cat "$tmp/out")" >> "$tmp/index.tsv"
  fi
  if [ -n "$lucene" ]; then # + its own: analyser setup s, indexing s, its CPU s, segments
    t=$(run $pin sh -c "$lucene index $tmp/lx < $tmp/items.tsv")
    echo "lucene	$r	$t	$(cat "$tmp/out")" >> "$tmp/index.tsv"
    echo "jvm	$r	$(run $pin $lucene start)" >> "$tmp/index.tsv"
  fi
done
[ -z "${FAST:-}" ] && "$build/refsog" compact --index "$tmp/ixa" --output "$tmp/ixc" >/dev/null
xapian-compact "$tmp/xp" "$tmp/xpc" >/dev/null
[ -n "$lucene" ] && cp -r "$tmp/lx" "$tmp/lxc" && $lucene merge "$tmp/lxc"
{
  [ -z "${FAST:-}" ] && echo "refsog	$(du -sb "$tmp/ix1" | cut -f1)	"
  echo "refsog2	$(du -sb "$tmp/ix" | cut -f1)	"
  [ -z "${FAST:-}" ] && echo "refsog_add	$(du -sb "$tmp/ixa" | cut -f1)	$(du -sb "$tmp/ixc" | cut -f1)"
  echo "xapian	$(du -sb "$tmp/xp" | cut -f1)	$(du -sb "$tmp/xpc" | cut -f1)"
  echo "fts5	$(du -cb "$tmp"/fts.db* | tail -1 | cut -f1)	"
  [ "$pg" = 1 ] && echo "pg	$(grep '^pg	' "$tmp/index.tsv" | tail -1 | cut -f6)	"
  [ -n "$lucene" ] && echo "lucene	$(du -sb "$tmp/lx" | cut -f1)	$(du -sb "$tmp/lxc" | cut -f1)"
  for t in "$tmp"/$([ -z "${FAST:-}" ] && echo ixc || echo ix)/*.glass; do echo "table:$(basename "$t" .glass)	$(stat -c %s "$t")	"; done
} > "$tmp/sizes.tsv"
rm -rf "$tmp/ix1" "$tmp/ixa" "$tmp/ixc" "$tmp/xpc" "$tmp/lxc" "$tmp/corpus" # measured; the queries need none of them

echo "queries: bench/make-queries --per-class $per_class --seed 1; $qruns runs per query after a warm-up"
echo
bench/make-queries "$tmp/items.tsv" --per-class "$per_class" --seed 1 > "$tmp/queries.tsv"
cut -f2,3 "$tmp/queries.tsv" > "$tmp/q_refsog"
cut -f2,4,7 "$tmp/queries.tsv" > "$tmp/q_xapian"
cut -f2,5,7 "$tmp/queries.tsv" > "$tmp/q_fts5"
cut -f2,6,7 "$tmp/queries.tsv" > "$tmp/q_pg"
awk -F'\t' -v OFS='\t' '{print $2, $8, $7}' "$tmp/queries.tsv" > "$tmp/q_lucene"
: > "$tmp/lucene_warmup"
for r in $(seq 1 "$qrounds"); do
  $pin "$build/bench/bench_query" "$tmp/ix" "$qruns" < "$tmp/q_refsog" > "$tmp/r$r.refsog"
  $pin "$build/bench/bench_query" "$tmp/ix" "$qruns" --no-snippets < "$tmp/q_refsog" > "$tmp/r$r.refsog_nosnip"
  $pin "$build/bench/xapian_peer" bench "$tmp/xp" "$qruns" < "$tmp/q_xapian" > "$tmp/r$r.xapian"
  $pin "$build/bench/fts5_peer" bench "$tmp/fts.db" "$qruns" < "$tmp/q_fts5" > "$tmp/r$r.fts5"
  [ "$pg" = 1 ] && $pin "$build/bench/pg_peer" bench "$conn" "$qruns" < "$tmp/q_pg" > "$tmp/r$r.pg"
  [ -n "$lucene" ] && $pin $lucene bench "$tmp/lx" "$qruns" < "$tmp/q_lucene" > "$tmp/r$r.lucene" 2>> "$tmp/lucene_warmup"
  [ -n "$lucene" ] && $pin $lucene bench "$tmp/lx" "$qruns" --no-query-decompounding < "$tmp/q_lucene" > "$tmp/r$r.lucene_nd" 2>> "$tmp/lucene_warmup"
  $pin "$build/bench/bench_query" "$tmp/ix" "$qruns" --facets < "$tmp/q_refsog" > "$tmp/r$r.refsog_facets"
  # as the server counts them: facet columns kept by a long-lived searcher (built once, timed apart)
  $pin "$build/bench/bench_query" "$tmp/ix" "$qruns" --facets-kept < "$tmp/q_refsog" > "$tmp/r$r.refsog_kept" 2>> "$tmp/kept_build"
  # … the same counted match by match (the server before match sets), with no frequent word's set
  # kept (each count reads its posting lists: the first count at a revision), and another page
  # of a search counted before (its counts from the searcher's cache)
  $pin "$build/bench/bench_query" "$tmp/ix" "$qruns" --facets-matcher < "$tmp/q_refsog" > "$tmp/r$r.refsog_matcher" 2>/dev/null
  $pin "$build/bench/bench_query" "$tmp/ix" "$qruns" --facets-cold < "$tmp/q_refsog" > "$tmp/r$r.refsog_cold" 2>/dev/null
  $pin "$build/bench/bench_query" "$tmp/ix" "$qruns" --facets-cached < "$tmp/q_refsog" > "$tmp/r$r.refsog_cached" 2>/dev/null
  $pin "$build/bench/xapian_peer" bench "$tmp/xp" "$qruns" --facets < "$tmp/q_xapian" > "$tmp/r$r.xapian_facets"
  $pin "$build/bench/fts5_peer" bench "$tmp/fts.db" "$qruns" --facets < "$tmp/q_fts5" > "$tmp/r$r.fts5_facets"
  [ "$pg" = 1 ] && $pin "$build/bench/pg_peer" bench "$conn" "$qruns" --facets < "$tmp/q_pg" > "$tmp/r$r.pg_facets"
  [ -n "$lucene" ] && $pin $lucene bench "$tmp/lx" "$qruns" --facets < "$tmp/q_lucene" > "$tmp/r$r.lucene_facets" 2>> "$tmp/lucene_warmup"
done
python3 bench/report.py "$tmp" "$items" "$mb" "$rounds" "$qrounds"
if [ -n "${BENCH_KEEP:-}" ]; then mkdir -p "$BENCH_KEEP"; cp "$tmp"/*.tsv "$tmp"/r[0-9]* "$tmp"/lucene_warmup "$BENCH_KEEP"/; fi
