#!/usr/bin/env python3
"""report.py — the tables of bench/compare.sh from the files it leaves in its work dir.

    bench/report.py WORKDIR ITEMS TEXT_BYTES ROUNDS QROUNDS

index.tsv: engine, round, wall, user, sys, peak RSS kB (+ for PostgreSQL the server backend's CPU
s, peak RSS kB, total bytes, GIN bytes; + for Lucene its own analyser setup s, indexing s, indexing
CPU s, segments; `jvm`: the bare JVM start of the Lucene peer); sizes.tsv: engine, bytes,
compacted bytes; rR.ENGINE: per query name, count, best ms, median ms; lucene_warmup: the Lucene
peer's warm-up passes.
"""
import collections, statistics, sys

work, items, text_bytes, rounds, qrounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
mb = text_bytes / 1e6


def pct(xs, p):
    """Nearest-rank percentile: the smallest value with at least p % of the values at or below it."""
    xs = sorted(xs)
    k = max(0, min(len(xs) - 1, -(-len(xs) * p // 100) - 1))
    return xs[int(k)]


def span(ratios):
    return f"{statistics.median(ratios):5.2f} ({min(ratios):.2f}-{max(ratios):.2f})"


# ---- indexing
runs = collections.defaultdict(dict)
for line in open(f"{work}/index.tsv"):
    f = line.rstrip("\n").split("\t")
    v = f[2].split()
    if len(v) < 4:
        continue
    wall, cpu, rss = float(v[0]), float(v[1]) + float(v[2]), int(v[3])
    if f[0] == "pg" and len(f) > 3:  # the client's own CPU/RSS are nothing: the server does the work
        cpu, rss = float(f[3]), int(f[4])
    runs[f[0]][int(f[1])] = (wall, cpu, rss)
    if f[0] == "lucene" and len(f) > 6:  # its own clock: adding the items + commit, no JVM start or setup
        runs["lucene_in"][int(f[1])] = (float(f[4]), float(f[5]), rss)
        runs["lucene_setup"][int(f[1])] = (float(f[3]), int(f[6]))
base = "refsog" if "refsog" in runs else "refsog2"  # FAST runs have only the 2-core build
names = [("floor", "floor: read+md5 of the items"), ("analyser", "floor: analyser only"),
         ("refsog", "refsog new index, 1 core"), ("refsog2", "refsog new index, 2 cores"),
         ("refsog_add", "refsog adding, 1 writer"),
         ("xapian", "Xapian TermGenerator"), ("fts5", "SQLite FTS5 unicode61"), ("pg", "PostgreSQL 15 GIN"),
         ("lucene", "Lucene 8 tuned, whole process"), ("lucene_in", "Lucene 8 tuned, in-process")]
print(f"== indexing (median of {rounds} rounds, engines alternated; ratio = engine time / refsog time per round)")
if "refsog" not in runs:
    print("(FAST: refsog only as `refsog index` builds a new index on this machine; ratios against it)")
print(f"{'engine':30} {'wall s':>7} {'CPU s':>7} {'items/s':>8} {'MB/s':>6} {'peak RSS':>9}  {'time / refsog time':>18}")
for e, label in names:
    if e not in runs or base not in runs:
        continue
    rs = sorted(set(runs[e]) & set(runs[base]))
    wall = max(0.005, statistics.median(runs[e][r][0] for r in rs))
    cpu = statistics.median(runs[e][r][1] for r in rs)
    rss = max(runs[e][r][2] for r in rs)
    ratios = [max(0.005, runs[e][r][0]) / runs[base][r][0] for r in rs]
    print(f"{label:30} {wall:7.2f} {cpu:7.2f} {items / wall:8.0f} {mb / wall:6.2f} {rss / 1024:7.0f}MB  {span(ratios):>18}")
print("(PostgreSQL: wall time of the client's COPY + CREATE INDEX + VACUUM ANALYZE; CPU and peak RSS of the server backend)")
if "lucene_in" in runs:
    jvm = statistics.median(v[0] for v in runs["jvm"].values()) if runs.get("jvm") else float("nan")
    setup = statistics.median(v[0] for v in runs["lucene_setup"].values())
    segs = sorted(set(v[1] for v in runs["lucene_setup"].values()))
    print(f"(Lucene: whole process = JVM start + analyser setup + indexing, timed like the others; the bare JVM start and"
          f" exit {jvm:.2f} s, the analyser's setup (wdanish folded into the decompounder's dictionary) {setup:.2f} s;"
          f" in-process = its own clock around adding the items and the commit, CPU of the whole JVM meanwhile;"
          f" {'/'.join(map(str, segs))} segment(s) at commit)")
print()
sizes = {}
tables = []
for line in open(f"{work}/sizes.tsv"):
    f = line.rstrip("\n").split("\t")
    if f[0].startswith("table:"):
        tables.append((f[0][6:], int(f[1])))
    else:
        sizes[f[0]] = (int(f[1]), int(f[2]) if len(f) > 2 and f[2] else None)
print(f"{'index size':30} {'MB':>8} {'x text':>7} {'compacted MB':>13} {'x text':>7}")
for e, label in names[2:]:
    if e in sizes:
        b, c = sizes[e]
        if e == "lucene":
            label = "Lucene 8 tuned (forceMerge(1))"
        cc = (f"{c / 1e6:13.1f} {c / text_bytes:7.2f}" if c else
              f"{'(already)':>13} {'':>7}" if e in ("refsog", "refsog2") else f"{'-':>13} {'-':>7}")
        print(f"{label:30} {b / 1e6:8.1f} {b / text_bytes:7.2f} {cc}")
print(("refsog (adding, then compacted)" if base == "refsog" else "refsog (new index)") + ", per table: " + ", ".join(f"{n} {b / 1e6:.1f} MB" for n, b in tables))

# ---- queries
engines = [("refsog", "refsog"), ("refsog_nosnip", "refsog, no snippets"), ("xapian", "Xapian peer"),
           ("fts5", "FTS5"), ("pg", "PostgreSQL"), ("lucene", "Lucene 8 tuned"),
           ("lucene_nd", "Lucene, no query decomp.")]
facet_engines = [("refsog_facets", "refsog + 6 facets"), ("refsog_kept", "refsog + 6 facets, columns kept"), ("xapian_facets", "Xapian + 1 facet"),
                 ("fts5_facets", "FTS5 + GROUP BY"), ("pg_facets", "PostgreSQL + GROUP BY"),
                 ("lucene_facets", "Lucene + 1 SSDV facet")]


def load(e, r):
    try:
        rows = [l.rstrip("\n").split("\t") for l in open(f"{work}/r{r}.{e}")]
    except FileNotFoundError:
        return None
    return {f[0]: (int(f[1]), float(f[2]), float(f[3])) for f in rows if len(f) >= 4}


server_ways = [("refsog_matcher", "columns, match by match"), ("refsog_kept", "columns + match sets"),
               ("refsog_cold", "match sets, none kept"), ("refsog_cached", "2nd page, counts cached")]
data = {e: {r: load(e, r) for r in range(1, qrounds + 1)} for e, _ in engines + facet_engines + server_ways}
data = {e: v for e, v in data.items() if all(v.values())}
classes = []
for name in data["refsog"][1]:
    c = name.split("#")[0]
    if c not in classes:
        classes.append(c)


def per_query_medians(e, cls):
    """per query: the median over rounds of its per-round median ms"""
    names = [n for n in data[e][1] if n.split("#")[0] == cls]
    return [statistics.median(data[e][r][n][2] for r in data[e]) for n in names]


def round_p50(e, cls, r):
    return pct([v[2] for n, v in data[e][r].items() if n.split("#")[0] == cls], 50)


def table(group, base, title):
    group = [(e, l) for e, l in group if e in data]
    print()
    print(title)
    head = f"{'class':15} {'n':>3}"
    for e, l in group:
        head += f" | {l:>26}"
    print(head)
    sub = f"{'':15} {'':>3}"
    for e, l in group:
        sub += f" | {'p50/p95/p99 ms':>16} {'x refsog':>9}"
    print(sub)
    for cls in classes:
        n = len(per_query_medians(base, cls))
        row = f"{cls:15} {n:3}"
        for e, l in group:
            m = per_query_medians(e, cls)
            ratios = [round_p50(e, cls, r) / max(0.001, round_p50(base, cls, r)) for r in data[e]]
            row += f" | {pct(m, 50):5.2f}/{pct(m, 95):5.2f}/{pct(m, 99):5.1f} {statistics.median(ratios):9.2f}"
        print(row)
    print("matches per class (sum over the queries of the class):")
    for cls in classes:
        row = f"  {cls:15}"
        for e, l in group:
            row += f" {l}: {sum(v[0] for n, v in data[e][1].items() if n.split('#')[0] == cls):>7}"
        print(row)


print()
print(f"== queries (warm, one client thread; {qrounds} rounds, engines alternated)")
table(engines, "refsog", "-- top 10 (refsog: with snippets; its count is Xapian's estimate; "
      "peers' counts taken once, untimed)")
table(facet_engines, "refsog_facets", "-- top 10 + exact facet counts over all matches")
if "refsog_matcher" in data:
    table(server_ways, "refsog_matcher", "-- the server's ways to count (x: against columns counted match by match; "
          "2nd page: rare words and case numbers have none)")
print()
print("p50/p95/p99: nearest-rank percentiles over the class's queries of each query's median over its runs")
print("(median over the rounds); x refsog: engine p50 / refsog p50 within each round, median of the rounds.")
try:
    kept = [l.strip() for l in open(f"{work}/kept_build") if "built" in l]
except FileNotFoundError:
    kept = []
if kept:
    print("refsog, columns kept: the server's way (rs_searcher_keep_facet_columns); the columns' one-time build")
    print("per index revision, not in the times above: " + "; ".join(kept))
try:
    warm = [l.strip() for l in open(f"{work}/lucene_warmup") if "warm-up" in l]
except FileNotFoundError:
    warm = []
if warm:
    print("Lucene: timed after warm-up passes over the whole query set (the JIT compiling), then one warm-up run per query")
    print("like the others; its counts are exact (IndexSearcher.count, untimed). The passes, per round:")
    for l in warm:
        print("  " + l)
