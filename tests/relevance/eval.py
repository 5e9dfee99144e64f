#!/usr/bin/env python3
"""eval.py — relevance of refsog (and its peers) on the judged queries of queries.tsv.

Indexes data/sample with refsog (and the peers: --peer, the Xapian one; --lucene, the command that
runs bench/peers/LucenePeer.java, in both of its analyser configurations), runs every query, and
prints nDCG@10, MRR and recall@10 per category and overall, for the tuning queries and the held-out
ones (every 4th), every engine in one table.
--floor X exits 1 when refsog's overall nDCG@10 is below X (the check in `make check`).
"""
import argparse, collections, glob, json, math, os, shlex, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def load_queries(path):
    qs = []
    for line in open(path, encoding="utf-8"):
        if not line.strip() or line.startswith("#"):
            continue
        qid, cat, query, judg = line.rstrip("\n").split("\t")
        grades = {}
        for j in judg.split():
            item, g = j.rsplit(":", 1)
            grades[item] = int(g)
        qs.append({"id": int(qid), "cat": cat, "query": query, "grades": grades,
                   "split": "holdout" if int(qid) % 4 == 0 else "tune"})
    return qs


def short_id(source, item):
    return f"{os.path.basename(source)[:3]}#{item}"


def ndcg10(ranked, grades):
    dcg = sum((2 ** grades.get(d, 0) - 1) / math.log2(i + 2) for i, d in enumerate(ranked[:10]))
    ideal = sorted(grades.values(), reverse=True)[:10]
    idcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def mrr(ranked, grades):
    for i, d in enumerate(ranked):
        if grades.get(d, 0) > 0:
            return 1.0 / (i + 1)
    return 0.0


def recall10(ranked, grades):
    rel = [d for d, g in grades.items() if g > 0]
    return sum(1 for d in ranked[:10] if d in rel) / len(rel) if rel else 0.0


def items_of(refsog):
    """Every agenda item of the sample minutes, from the parser (the same items both engines index)."""
    items = {}
    for f in sorted(glob.glob(os.path.join(ROOT, "data/sample/*.txt"))):
        m = json.loads(subprocess.run([refsog, "parse", "--json", f], capture_output=True, check=True).stdout)
        for it in m["items"]:
            # title, case line, sections: what refsog indexes of the item too
            text = it["title"] + "\n" + (it["case"] or "") + "\n" + "\n".join(s["text"] for s in it["sections"])
            kle = it["kle"]["group"] if it["kle"] else None
            items[short_id(f, it["number"])] = {
                "text": text, "municipality": m["municipality"], "date": m["date"], "type": it["type"],
                "outcomes": {d["outcome"] for d in it["decisions"]}, "kle": kle}
    return items


def peer_filter(query, items):
    """The peer has no facets: apply the query's filters to its hits, as its user would by hand."""
    words, filters = [], []
    for tok in query.split():
        if ":" in tok and tok.split(":")[0] in ("kommune", "dato", "udfald", "kle", "type"):
            filters.append(tok.split(":", 1))
        else:
            words.append(tok)

    def ok(item):
        it = items[item]
        for k, v in filters:
            v = v.strip('"').lower()
            if k == "kommune" and it["municipality"].lower() != v: return False
            if k == "dato" and not it["date"].startswith(v): return False
            if k == "udfald" and v not in it["outcomes"]: return False
            if k == "kle" and it["kle"] != int(v): return False
            if k == "type" and it["type"] != v: return False
        return True
    return " ".join(words), ok


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--refsog", default=os.path.join(ROOT, "build/refsog"))
    ap.add_argument("--peer")
    ap.add_argument("--lucene", help="command running LucenePeer (it gets CONFIG ITEMS.tsv LIMIT)")
    ap.add_argument("--floor", type=float)
    ap.add_argument("--queries", default=os.path.join(ROOT, "tests/relevance/queries.tsv"))
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    qs = load_queries(a.queries)
    tmp = tempfile.mkdtemp()
    subprocess.run([a.refsog, "index", "--quiet", "--index", f"{tmp}/ix", os.path.join(ROOT, "data/sample")], check=True)
    items = items_of(a.refsog)
    engines = {"refsog": None}
    with open(f"{tmp}/items.tsv", "w", encoding="utf-8") as f:
        for iid, it in items.items():
            f.write("\t".join([iid, it["municipality"], it["date"] or "",
                                it["text"].replace("\\", " ").replace("\n", "\\n")]) + "\n")
    if a.peer:
        subprocess.run([a.peer, "index", f"{tmp}/peer"], stdin=open(f"{tmp}/items.tsv"), check=True)
        engines["xapian-peer"] = None
    if a.lucene:
        # One JVM per configuration answers every query (its index lives in memory); the facet
        # filters go in as the ids they allow, a filter clause inside the search.
        lines = []
        for q in qs:
            text, ok = peer_filter(q["query"], items)
            allowed = "" if text.split() == q["query"].split() else " ".join(i for i in items if ok(i))
            lines.append(text.replace("\t", " ") + ("\t" + allowed if allowed else ""))
        for conf in ("danish", "tuned"):
            r = subprocess.run(shlex.split(a.lucene) + [conf, f"{tmp}/items.tsv", "10"], input="\n".join(lines) + "\n",
                               capture_output=True, text=True, check=True)
            out = r.stdout.split("\n")
            engines["lucene-" + conf] = {q["id"]: out[i].split() for i, q in enumerate(qs)}
    scores = collections.defaultdict(lambda: collections.defaultdict(list))
    for q in qs:
        for eng in engines:
            if eng == "refsog":
                r = subprocess.run([a.refsog, "search", "--index", f"{tmp}/ix", "--json", "--limit", "10", q["query"]],
                                   capture_output=True, text=True)
                # the page as shown: the items with every word, then the near matches below them
                page = json.loads(r.stdout) if r.returncode == 0 else {"hits": [], "near": []}
                ranked = [short_id(h["source"], h["item"]) for h in page["hits"] + page.get("near", [])][:10]
            elif engines[eng] is not None:
                ranked = engines[eng][q["id"]][:10]
            else:
                text, ok = peer_filter(q["query"], items)
                r = subprocess.run([a.peer, "search", f"{tmp}/peer", "100", text], capture_output=True, text=True)
                ranked = [d for d in r.stdout.split() if ok(d)][:10]
            m = (ndcg10(ranked, q["grades"]), mrr(ranked, q["grades"]), recall10(ranked, q["grades"]))
            for key in (q["cat"], "ALL", "ALL " + q["split"], q["cat"] + " " + q["split"]):
                scores[eng][key].append(m)
            if a.verbose:
                print(f"{eng:12} q{q['id']:<3} nDCG {m[0]:.2f}  {q['query']!r:40} -> {ranked[:5]}")
    order = ["case", "compound", "joined", "split", "morphology", "spelling", "typo", "phrase", "topic", "facet"]
    cats = sorted({q["cat"] for q in qs}, key=lambda c: (order.index(c) if c in order else len(order), c))
    cats += ["ALL tune", "ALL holdout", "ALL"]
    print(f"{'':16}" + "".join(f"{e:^20}" for e in engines))
    print(f"{'category':12} {'n':>3}" + "".join(f" {'nDCG':>6} {'MRR':>5} {'R@10':>5} " for e in engines))
    for c in cats:
        row = f"{c:12} {len(scores['refsog'][c]):>3}"
        for e in engines:
            ms = scores[e][c]
            avg = [sum(x[i] for x in ms) / len(ms) for i in range(3)] if ms else [0, 0, 0]
            row += f" {avg[0]:>6.3f} {avg[1]:>5.3f} {avg[2]:>5.3f} "
        print(row.rstrip())
    if a.lucene or a.peer:  # the held-out queries alone, per category
        print(f"\nheld out (every 4th query; not used for tuning)")
        for c in cats[:-3]:
            if not any(q["cat"] == c and q["split"] == "holdout" for q in qs):
                continue
            row = f"{c:12} {sum(1 for q in qs if q['cat'] == c and q['split'] == 'holdout'):>3}"
            for e in engines:
                ms = scores[e][c + " holdout"]
                avg = [sum(x[i] for x in ms) / len(ms) for i in range(3)] if ms else [0, 0, 0]
                row += f" {avg[0]:>6.3f} {avg[1]:>5.3f} {avg[2]:>5.3f} "
            print(row.rstrip())
    overall = sum(x[0] for x in scores["refsog"]["ALL"]) / len(scores["refsog"]["ALL"])
    if a.floor is not None:
        print(f"relevance floor: refsog nDCG@10 {overall:.3f} (floor {a.floor})")
        print(f"{1 if overall >= a.floor else 0} passed, {0 if overall >= a.floor else 1} failed")
        sys.exit(0 if overall >= a.floor else 1)


if __name__ == "__main__":
    main()
