#!/usr/bin/env bash
# test_longterms.sh — (issue 14, item 2) names longer than Xapian's 245-byte terms: a file path of
# 300+ bytes and a committee name of 250+ characters are indexed, found, addressed and deleted, in
# a new index (parallel build) and when added to an existing one; nothing else is lost.
source "$(dirname "$0")/lib.sh"
cd "$T_TMP"
deep=$(python3 -c 'print("/".join(["mappe" * 12] * 5))')   # 304 bytes of folders
mkdir -p "in/$deep"
cp "$T_SAMPLE/000_082cc86b9df59ed8.txt" in/
cp "$T_SAMPLE/003_2da60960a1decf7e.txt" "in/$deep/"
name="Udvalget for $(python3 -c 'print("Langtnavngivne" * 18)')"   # 264 characters
python3 - "$name" <<'PY'
import sys
name = sys.argv[1]
with open("in/udvalg.txt", "w") as f:
    f.write(f"REFERAT {name} 2022-2025 d. 05-03-2024\n\n")
    for i, t in ((1, "Budget for biblioteker"), (2, "Vejbelysning")):
        f.write(f"Punkt {i}: {t}\n\n24/1000{i}\n\nSagsfremstilling\n\nTekst.\n\nBeslutning\n\nGodkendt.\n\n")
PY
DEEP="$(pwd -P)/in/$deep/003_2da60960a1decf7e.txt" # the canonical path (issue 17)
items() { "$REFSOG" stats --index "$1" --json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"])' 2>/dev/null; }
js() { "$REFSOG" search --index "$1" --json --limit 100 "$2" 2>/dev/null | python3 -c "import json,sys; r=json.load(sys.stdin); print($3)" 2>/dev/null; }

# a new index, built in parallel
t_status "new index: long path and long committee indexed, exit 0" 0 "$REFSOG" index --index new in
t_match "new index: every file counted as indexed" "3 files indexed, 0 unchanged, 0 failed; 15 items added" "$T_OUT"
t_nomatch "new index: no Xapian term error" "Term too long|NOT created" "$T_OUT"
t_eq "new index: all 15 items there" 15 "$(items new)"
t_eq "the deep file's items carry its whole path" "8 $DEEP" \
  "$(js new 'dato:..2100' 'sum(h["source"] == "'"$DEEP"'" for h in r["hits"]), "'"$DEEP"'"')"
t_eq "udvalg: with the 264-character name finds its 2 items" 2 "$(js new "udvalg:\"$name\"" 'r["total"]')"
t_status "re-index: the long names are recognised as unchanged" 0 "$REFSOG" index --index new in
t_match "re-index: 3 unchanged" "0 files indexed, 3 unchanged, 0 failed" "$T_OUT"
id=$(js new 'sag:27.00.00-P22-1-20' 'r["hits"][0]["id"]')
t_status "delete --item by the long id" 0 "$REFSOG" delete --index new --item "$id"
t_match "delete --item: one deleted" "^1 item deleted" "$T_OUT"
t_status "delete --source by the long path" 0 "$REFSOG" delete --index new --source "$DEEP"
t_match "delete --source: the other 7 deleted" "^7 items deleted" "$T_OUT"
t_eq "7 items left" 7 "$(items new)"

# added to an existing index by one writer: the files before and after the long ones land too
t_status "existing index: one file first" 0 "$REFSOG" index --index old in/000_082cc86b9df59ed8.txt
t_status "existing index: adding the rest, exit 0" 0 "$REFSOG" index --index old in
t_match "existing index: summary" "2 files indexed, 1 unchanged, 0 failed; 10 items added" "$T_OUT"
t_eq "existing index: all 15 items there" 15 "$(items old)"
t_eq "existing index: udvalg: with the long name" 2 "$(js old "udvalg:\"$name\"" 'r["total"]')"
t_done
