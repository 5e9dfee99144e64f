#!/usr/bin/env python3
"""prefix-seed.py — does a prefix query lose its time to a late-rising 10th weight?
(docs/index-size-plan.md "Twenty-fourth session"). For each prefix query of a bench query file,
builds the OR refsog builds (index/xapian_query.cc rsx_query_expand_prefix: the 200 most frequent
exact forms, the 32 most frequent ORed on one at a time around a flat OR of the rest), and times
its top 11 with python3-xapian, best of 3:
  - as it is, and
  - with Xapian's starting minimum weight set (Enquire.set_cutoff) to a correct lower bound of the
    11th weight: the 11th weight of the rest searched alone (an OR only adds weight).
Prints per prefix both times and whether the top 11 are the same, then the p50 and max.

    /usr/bin/python3 bench/prefix-seed.py INDEX QUERYFILE     (QUERYFILE: name TAB query lines;
                                                             only queries ending in '*' are run)
"""
import statistics, sys, time

import xapian

LADDER, MAX_TERMS, N = 32, 200, 11
SCALE = 1.0 + 1e-12


def ladder(terms):
    top, rest = terms[:LADDER], terms[LADDER:]
    q = xapian.Query(xapian.Query.OP_OR, rest) if rest else None
    for t in reversed(top):
        q = xapian.Query(t) if q is None else xapian.Query(
            xapian.Query.OP_SCALE_WEIGHT, xapian.Query(xapian.Query.OP_OR, q, xapian.Query(t)), SCALE)
    return q


def top(db, q, cutoff=0.0):
    e = xapian.Enquire(db)
    e.set_query(q)
    if cutoff:
        e.set_cutoff(0, cutoff)
    return e.get_mset(0, N)


def main():
    db = xapian.Database(sys.argv[1])
    plain, seeded, same = [], [], 0
    for line in open(sys.argv[2], encoding="utf-8"):
        name, _, query = line.rstrip("\n").partition("\t")
        if not query.endswith("*"):
            continue
        pre = query[:-1].lower().encode()
        terms = [t for f, t in sorted(((t.termfreq, t.term) for t in db.allterms(pre)),
                                      key=lambda x: -x[0])[:MAX_TERMS]]
        if not terms:
            continue
        q, rest = ladder(terms), terms[LADDER:]
        a = b = 1e9
        for _ in range(3):
            t0 = time.perf_counter()
            m0 = top(db, q)
            t1 = time.perf_counter()
            bound = 0.0
            if rest:
                mr = top(db, xapian.Query(xapian.Query.OP_OR, rest))
                if mr.size() == N:
                    bound = mr[N - 1].weight * (1 - 1e-9)
            m1 = top(db, q, bound)
            t2 = time.perf_counter()
            a, b = min(a, t1 - t0), min(b, t2 - t1)
        ok = [x.docid for x in m0] == [x.docid for x in m1]
        same += ok
        plain.append(a * 1000)
        seeded.append(b * 1000)
        print(f"{name}\t{query}\t{a * 1000:.2f}\t{b * 1000:.2f}\tsame={ok}", flush=True)
    print(f"p50 {statistics.median(plain):.2f} -> {statistics.median(seeded):.2f} ms; "
          f"max {max(plain):.1f} -> {max(seeded):.1f}; same top {N}: {same}/{len(plain)}")


if __name__ == "__main__":
    main()
