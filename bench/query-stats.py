#!/usr/bin/env python3
"""query-stats.py — per-class figures from query-timing files (bench_query's or xapian_peer bench's
lines: name#i TAB count TAB best ms TAB median ms), as docs/benchmarks.md gives them.

    bench/query-stats.py FILE              p50/p90/p99 per class: nearest-rank percentiles of
                                           the queries' medians
    bench/query-stats.py OLD[,OLD…] NEW[,NEW…]
                                           per class, the median over its queries of NEW ÷ OLD,
                                           each side a query's smallest median over its files
                                           (alternated rounds); queries under 0.05 ms left out
"""
import collections, statistics, sys


def load(path):
    out = {}
    for line in open(path, encoding="utf-8"):
        p = line.rstrip("\n").split("\t")
        if len(p) < 4:
            continue
        try:
            out[p[0]] = float(p[3])
        except ValueError:
            pass
    return out


def percentiles(path):
    by = collections.defaultdict(list)
    for name, ms in load(path).items():
        by[name.split("#")[0]].append(ms)
    for c, v in by.items():
        v.sort()
        q = lambda f: v[min(len(v) - 1, int(f * len(v) + 0.999) - 1)]
        print(f"{c:16s} n={len(v):3d} p50 {q(.5):7.2f} p90 {q(.9):7.2f} p99 {q(.99):7.2f}")


def ratios(olds, news):
    a = [load(f) for f in olds.split(",")]
    b = [load(f) for f in news.split(",")]
    by = collections.defaultdict(list)
    for k in a[0]:
        if not all(k in x for x in a + b):
            continue
        va, vb = min(x[k] for x in a), min(x[k] for x in b)
        if va > 0.05:
            by[k.split("#")[0]].append(vb / va)
    for c, v in by.items():
        print(f"{c:16s} n={len(v):3d} median ratio {statistics.median(v):.2f}  min {min(v):.2f} max {max(v):.2f}")


if __name__ == "__main__":
    if len(sys.argv) == 2:
        percentiles(sys.argv[1])
    elif len(sys.argv) == 3:
        ratios(sys.argv[1], sys.argv[2])
    else:
        sys.exit(__doc__)
