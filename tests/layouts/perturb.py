#!/usr/bin/env python3
"""perturb.py — copies of minutes texts with what extraction and portals do to text, whose
ground truth is unchanged: the parser must read them as it reads the originals.

Usage: perturb.py SRC_DIR OUT_DIR KIND...
Writes OUT_DIR/KIND/ for each KIND: every SRC_DIR/*.txt perturbed, every other file copied as it
is (X.expect.json, expected.json), so that tests/layouts/check.py (our fixtures) or
../shared/real-dev/score.py (real minutes) can score the copy as they score the original.
Seeded: the same input gives the same output.

Kinds:
  crlf       CRLF line ends
  nbsp       15 % of the spaces between words no-break spaces (HTML &nbsp;, PDF text)
  softhyph   soft hyphens inside 5 % of the long words (&shy;, word processors)
  zwsp       zero-width spaces inside 3 % of the long words
  pagebreak  every 25 lines a page turn: a form feed and "Side N af 9"
  dblspace   20 % of the spaces between words doubled (justified PDF text)
  blank      every blank line doubled
  trailing   two spaces at the end of every line
  wrap70     lines over 70 characters wrapped at a space (a PDF page; files whose lines run
             over 400 characters — flattened pages — are left as they are)
"""
import os
import random
import re
import shutil
import sys

WORD = r"[a-zæøå]{4}"


def crlf(t):
    return t.replace("\n", "\r\n")


def nbsp(t):
    return re.sub(r"(?<=\S) (?=\S)", lambda m: "\u00a0" if random.random() < 0.15 else " ", t)


def softhyph(t):
    return re.sub(r"(?<=%s)(?=%s)" % (WORD, WORD), lambda m: "\u00ad" if random.random() < 0.05 else "", t)


def zwsp(t):
    return re.sub(r"(?<=%s)(?=%s)" % (WORD, WORD), lambda m: "\u200b" if random.random() < 0.03 else "", t)


def pagebreak(t):
    out = []
    for i, line in enumerate(t.split("\n")):
        out.append(line)
        if i and i % 25 == 0:
            out += ["\f", "Side %d af 9" % (i // 25 + 1), ""]
    return "\n".join(out)


def dblspace(t):
    return re.sub(r"(?<=\w) (?=\w)", lambda m: "  " if random.random() < 0.2 else " ", t)


def blank(t):
    return t.replace("\n\n", "\n\n\n")


def trailing(t):
    return t.replace("\n", "  \n")


def wrap70(t):
    if max(len(line) for line in t.split("\n")) > 400:
        return t
    out = []
    for line in t.split("\n"):
        while len(line) > 70:
            k = line.rfind(" ", 0, 70)
            if k < 20:
                break
            out.append(line[:k])
            line = line[k + 1:]
        out.append(line)
    return "\n".join(out)


KINDS = {f.__name__: f for f in (crlf, nbsp, softhyph, zwsp, pagebreak, dblspace, blank, trailing, wrap70)}


def main():
    if len(sys.argv) < 4 or any(k not in KINDS for k in sys.argv[3:]):
        sys.exit(__doc__)
    src, out = sys.argv[1], sys.argv[2]
    for kind in sys.argv[3:]:
        random.seed(3)
        d = os.path.join(out, kind)
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        for name in sorted(os.listdir(src)):
            p = os.path.join(src, name)
            if not os.path.isfile(p):
                continue
            if name.endswith(".txt"):
                with open(p, encoding="utf-8") as f:
                    t = f.read()
                with open(os.path.join(d, name), "w", encoding="utf-8", newline="") as f:
                    f.write(KINDS[kind](t))
            else:
                shutil.copy(p, d)


if __name__ == "__main__":
    main()
