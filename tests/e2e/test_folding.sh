#!/usr/bin/env bash
# test_folding.sh — every word with æ/ø/å in the sample minutes, typed without them (æ→ae/a,
# ø→oe/o, å→aa/a), must reach the same folding key as the original (floor 99 %).
source "$(dirname "$0")/lib.sh"
cd "$T_ROOT"
out=$(python3 - "$REFSOG" <<'PY'
import glob, json, re, subprocess, sys
words = set()
for f in glob.glob("data/sample/*.txt"):
    words |= {w.lower() for w in re.findall(r"[A-Za-zÆØÅæøå]+", open(f, encoding="utf-8").read()) if re.search("[æøåÆØÅ]", w)}
words = sorted(words)
def keys(ws):
    r = json.loads(subprocess.run([sys.argv[1], "analyze", "--json", " ".join(ws)], capture_output=True, text=True).stdout)
    return [t["fold"] or t["stem"] for t in r["tokens"] if not t["subtoken"]]
orig, ok, total, bad = keys(words), 0, 0, []
for tr in (str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"}), str.maketrans({"æ": "a", "ø": "o", "å": "a"})):
    for w, a, b in zip(words, orig, keys([w.translate(tr) for w in words])):
        total += 1
        ok += a == b
        if a != b: bad.append(w.translate(tr))
print(f"{ok} {total} {' '.join(bad[:10])}")
PY
)
read -r ok total rest <<< "$out"
echo "folding: $ok of $total respellings meet the original's key; misses: ${rest:-none}"
t_eq "at least 99 % of ASCII respellings fold like the original" True "$(python3 -c "print($ok >= 0.99 * $total and $total > 1000)")"
t_done
