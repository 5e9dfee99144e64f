#!/usr/bin/env bash
# test_walk.sh — (issue 14, items 10 and 12) what `refsog index` finds in the paths it is given:
# file names that are not UTF-8 get a stable escaped source and id the API can address; every
# path it skips is named with its reason.
source "$(dirname "$0")/lib.sh"
cd "$T_TMP"
R="$REFSOG"

# --- item 10: a file name that is not UTF-8 (Latin-1 ø, a lone 0xFF, a literal %)
mkdir in
python3 -c '
import shutil, sys
shutil.copy(sys.argv[1] + "/000_082cc86b9df59ed8.txt", b"in/m\xf8de-100%-\xff.txt")
shutil.copy(sys.argv[1] + "/003_2da60960a1decf7e.txt", "in/god.txt")' "$T_SAMPLE"
SRC='in/m%F8de-100%25-%FF.txt'
t_status "index a folder with a non-UTF-8 name: exit 0" 0 "$R" index --index ix in
t_match "both files indexed" "2 files indexed, 0 unchanged, 0 failed; 13 items added" "$T_OUT"
hit() { "$R" search --index ix --json 'sag:23/15645' | python3 -c 'import json,sys; h=json.load(sys.stdin)["hits"][0]; print(h["id"], h["source"])'; }
ABS="$(pwd -P)/$SRC" # sources are canonical paths (issue 17), escaped the same way
t_eq "the item has an escaped id and source" "$ABS#2 $ABS" "$(hit)"
t_status "re-index: the escaped name is stable (unchanged)" 0 "$R" index --index ix in
t_match "re-index: 2 unchanged" "0 files indexed, 2 unchanged" "$T_OUT"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$R" serve --index ix --port "$port" 2>/dev/null & pid=$!
for i in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
enc=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$ABS#2")
t_eq "the API addresses the item by its id" "200 $ABS#2" \
  "$(curl -s -o item.json -w '%{http_code}' "http://127.0.0.1:$port/api/item/$enc") $(python3 -c 'import json; print(json.load(open("item.json"))["id"])' 2>/dev/null)"
kill $pid; wait $pid 2>/dev/null
t_status "delete --item by the escaped id" 0 "$R" delete --index ix --item "$SRC#2"
t_status "delete --source by the raw name" 0 "$R" delete --index ix --source "$(printf 'in/m\xf8de-100%%-\xff.txt')"
t_match "the other 4 items deleted" "^4 items deleted" "$T_OUT"

# --- item 12: every path passed over is named with its reason; --include / --exclude
mkdir -p sk/.hid sk/empty.txt sk/sub
cp "$T_SAMPLE/000_082cc86b9df59ed8.txt" sk/a.txt
cp sk/a.txt sk/.hidden.txt; cp sk/a.txt sk/.hid/d.txt; cp sk/a.txt sk/b.doc; cp sk/a.txt sk/sub/c.txt
mkfifo sk/fifo.txt
want=5
if mknod sk/dev.txt c 1 3 2>/dev/null; then want=6; fi
t_status "a folder with files it passes over: exit 0 (skipping is not failing)" 0 "$R" index --index skix sk
t_match "summary counts the skipped paths" "2 files indexed, 0 unchanged, 0 failed, $want skipped" "$T_OUT"
t_match "hidden file named" "skipped sk/.hidden.txt: hidden file" "$T_OUT"
t_match "hidden folder named" "skipped sk/.hid: hidden folder" "$T_OUT"
t_match "other extension named" "skipped sk/b.doc: not a .txt, .pdf or .html file" "$T_OUT"
t_match "FIFO named" "skipped sk/fifo.txt: a FIFO" "$T_OUT"
[ $want = 6 ] && t_match "device named" "skipped sk/dev.txt: a character device" "$T_OUT"
t_match "a folder named *.txt without minutes named" "skipped sk/empty.txt: a folder" "$T_OUT"
t_status "--include/--exclude" 0 "$R" index --index skix2 --include '*.doc' --include .hid --exclude 'sub' sk
t_match "--include takes b.doc and walks .hid, --exclude passes over sub" \
  "3 files indexed, 0 unchanged, 0 failed, $((want - 1)) skipped" "$T_OUT"
t_match "--exclude named" "skipped sk/sub: excluded by --exclude 'sub'" "$T_OUT"
t_eq "the included files are indexed" "$(pwd -P)/sk/.hid/d.txt $(pwd -P)/sk/a.txt $(pwd -P)/sk/b.doc" \
  "$("$R" search --index skix2 --json --limit 100 'dato:..2100' | python3 -c 'import json,sys; print(" ".join(sorted({h["source"] for h in json.load(sys.stdin)["hits"]})))')"
t_status "--quiet says nothing of skips" 0 "$R" index --quiet --index skix3 sk
t_eq "--quiet: no output" "" "$T_OUT"
t_done
