#!/usr/bin/env python3
"""check.py — the parser against the hand-written layout fixtures (tests/fixtures/layouts/).

Usage: check.py REFSOG FIXTURE_DIR [--html HTML_DIR] [NAME...]

For every X.txt with an X.expect.json, runs `REFSOG parse --json X.txt` and compares exactly
(with --html: every X.html in HTML_DIR against FIXTURE_DIR/X.expect.json, the same page's text):
the meeting's municipality, committee, date and kind, the number of meetings, whether the text
had agenda structure, and per item its number, title, case number, closed flag and decisions
(committee, date, outcome, in order). Prints one "ok"/"FAIL" line per check and ends with
"N passed, N failed"; exit 1 on any failure.
"""
import json, os, subprocess, sys, unicodedata


def norm(s):
    return None if s is None else " ".join(unicodedata.normalize("NFC", s).split())


def main():
    refsog, d = sys.argv[1], sys.argv[2]
    args = sys.argv[3:]
    html_dir = None
    if args[:1] == ["--html"]:
        html_dir, args = args[1], args[2:]
    if html_dir:
        names = args or sorted(f[:-5] for f in os.listdir(html_dir) if f.endswith(".html"))
    else:
        names = args or sorted(f[:-len(".expect.json")] for f in os.listdir(d) if f.endswith(".expect.json"))
    passed = failed = 0

    def check(name, want, got):
        nonlocal passed, failed
        if want == got:
            passed += 1
            print(f"ok   {name}")
        else:
            failed += 1
            print(f"FAIL {name}\n     expected: {want!r}\n     actual:   {got!r}")

    for n in names:
        exp = json.load(open(os.path.join(d, n + ".expect.json")))
        src = os.path.join(html_dir, n + ".html") if html_dir else os.path.join(d, n + ".txt")
        r = subprocess.run([refsog, "parse", "--json", src], capture_output=True, text=True)
        if html_dir:
            n = n + ".html"
        if r.returncode != 0:
            check(f"{n}: parses", 0, r.returncode)
            continue
        got = json.loads(r.stdout)
        first = got.get("meetings", [got])[0]
        for k in ("municipality", "committee", "date", "kind"):
            if k in exp:
                check(f"{n}: {k}", norm(exp[k]), norm(first.get(k)))
        check(f"{n}: meetings", exp.get("meetings", 1), len(got.get("meetings", [got])))
        check(f"{n}: structured", exp.get("structured", True), got.get("structured"))
        items = got.get("items", [])
        check(f"{n}: items", len(exp["items"]), len(items))
        for i, (e, g) in enumerate(zip(exp["items"], items)):
            tag = f"{n}: item {i + 1} ({e.get('number')})"
            check(f"{tag} number", e.get("number"), g.get("number"))
            check(f"{tag} title", norm(e["title"]), norm(g.get("title")))
            check(f"{tag} case", e.get("case"), g.get("case"))
            check(f"{tag} closed", e.get("closed", False), g.get("closed"))
            want_d = [(norm(x.get("committee")), x.get("date"), x.get("outcome")) for x in e.get("decisions", [])]
            got_d = [(norm(x.get("committee")), x.get("date"), x.get("outcome")) for x in g.get("decisions", [])]
            check(f"{tag} decisions", want_d, got_d)
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
