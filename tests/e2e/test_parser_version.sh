#!/usr/bin/env bash
# test_parser_version.sh — an index records per file the parser version that read it
# (RS_PARSER_VERSION, ingest/source.h); `refsog index` reads an unchanged file again when another
# version read it, and says so. And the guard that keeps the version honest: the layout fixtures'
# parse is recorded with the version in tests/fixtures/parser-version; when they
# parse differently under the same version, this test fails (bump the version, then record:
# `tests/e2e/test_parser_version.sh --record`).
source "$(dirname "$0")/lib.sh"
cd "$T_ROOT"

version=$("$REFSOG" --version | sed -n 's/.*(minutes parser \([0-9]*\)).*/\1/p')
t_match "--version names the parser version" '^[0-9]+$' "$version"

# The parse of every layout fixture (text and HTML), one digest per file.
rec=tests/fixtures/parser-version
digests() {
  (cd tests/fixtures/layouts && for f in *.txt html/*.html; do
     printf '%s %s\n' "$("$REFSOG" parse --json "$f" 2>&1 | sha256sum | cut -c1-16)" "$f"
   done)
}
if [ "${1:-}" = --record ]; then
  { echo "parser $version"; digests; } > "$rec"
  echo "recorded: parser $version, $(($(wc -l < "$rec") - 1)) fixtures"
  exit 0
fi
rec_version=$(sed -n '1s/^parser //p' "$rec")
digests > "$T_TMP/now"
changed=$(tail -n +2 "$rec" | sort -k2 | join -j2 -o 1.1,2.1,0 - <(sort -k2 "$T_TMP/now") |
          awk '$1 != $2 {print $3}' | tr '\n' ' ')
new=$(cut -d' ' -f2 "$T_TMP/now" | sort | comm -23 - <(tail -n +2 "$rec" | cut -d' ' -f2 | sort) | tr '\n' ' ')
if [ "$rec_version" != "$version" ]; then
  t_bad "parser version $version has no recorded parse (recorded: $rec_version): run $0 --record"
else
  t_eq "the fixtures parse as recorded for parser $version (else bump RS_PARSER_VERSION, then --record)" "" "$changed"
  t_eq "every fixture's parse is recorded (a new fixture: run $0 --record)" "" "$new"
fi

# An index written by a refsog whose parser read the files (the sample minutes).
cp -r "$T_SAMPLE" "$T_TMP/src"
ix="$T_TMP/ix"
t_status "index" 0 "$REFSOG" index --termlists --index "$ix" "$T_TMP/src"
t_match "all indexed" "^5 files indexed, 0 unchanged" "$T_OUT"
n_before=$("$REFSOG" search --index "$ix" --json --limit 100 '' 2>/dev/null |
  python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["total"], sorted((h["id"], h["title"]) for h in d["hits"]))')
t_status "again" 0 "$REFSOG" index --index "$ix" "$T_TMP/src"
t_match "same version: all unchanged" "^0 files indexed, 5 unchanged" "$T_OUT"

# The records as another version left them: one file as a refsog before parser versions wrote
# it ("<hash> <items> <source>"), one with an older version.
py=python3; python3 -c 'import xapian' 2>/dev/null || py=/usr/bin/python3
$py - "$ix" "$version" <<'PY' || t_bad "rewrite the file records" "python3-xapian failed"
import sys, xapian
db = xapian.WritableDatabase(sys.argv[1], xapian.DB_OPEN)
keys = sorted(k for k in db.metadata_keys(b"refsog:src:"))
assert len(keys) == 5, keys
for i, k in enumerate(keys[:2]):
    h, rest = db.get_metadata(k).split(b" ", 1)
    assert h.endswith(b".p" + sys.argv[2].encode()), h
    h = h[:16] if i == 0 else h[:16] + b".p0"
    db.set_metadata(k, h + b" " + rest)
db.commit()
PY
t_status "after an upgrade" 0 "$REFSOG" index --index "$ix" "$T_TMP/src"
t_match "the two files read again, said" \
  "^2 files indexed \(2 read again: parsed by another version of refsog\), 3 unchanged, 0 failed" "$T_OUT"
n_after=$("$REFSOG" search --index "$ix" --json --limit 100 '' 2>/dev/null |
  python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["total"], sorted((h["id"], h["title"]) for h in d["hits"]))')
t_match "45 items" "^45 " "$n_before"
t_eq "read again: the same items, none twice" "$n_before" "$n_after"
t_status "and then" 0 "$REFSOG" index --index "$ix" "$T_TMP/src"
t_match "recorded again: all unchanged" "^0 files indexed, 5 unchanged" "$T_OUT"

# A changed file is "indexed", not "read again".
printf '\nEn tilføjet linje.\n' >> "$(ls "$T_TMP"/src/*.txt | head -1)"
t_status "a changed file" 0 "$REFSOG" index --index "$ix" "$T_TMP/src"
t_match "changed, not re-read" "^1 file indexed, 4 unchanged" "$T_OUT"
t_done
