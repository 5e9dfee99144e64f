#!/usr/bin/env bash
# test_writers.sh — (issue 14, items 7-9) the writers of an index: delete and search never create
# an index and say when nothing matched; one lock keeps every writer out while another runs.
source "$(dirname "$0")/lib.sh"
cd "$T_TMP"
R="$REFSOG"
items() { "$R" stats --index "$1" --json 2>/dev/null | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"])' 2>/dev/null; }

# --- item 7: delete and search refuse what is not an index, never create one
"$R" index --quiet --index ix "$T_SAMPLE" 2>/dev/null
mkdir empty junk && echo x > junk/notes.txt
for target in typo empty junk; do
  t_status "delete --index $target: refused" 1 "$R" delete --index "$target" --case 23/15645
  t_match "delete --index $target: says it is not an index" "$target: (no index there|not an index)" "$T_OUT"
  t_status "search --index $target: refused" 1 "$R" search --index "$target" misbrug
done
t_eq "nothing created: no typo directory, empty and junk unchanged" "absent||notes.txt" \
  "$([ -e typo ] && echo present || echo absent)|$(ls -A empty)|$(ls -A junk)"
t_status "delete with an invalid case number: usage error" 2 "$R" delete --index typo2 --case hello
t_match "invalid case number named" "'hello' is not a case number" "$T_OUT"
t_eq "invalid case number: no directory created" "absent" "$([ -e typo2 ] && echo present || echo absent)"
t_status "delete of a source that is not there: exit 1" 1 "$R" delete --index ix --source no/such.txt
t_match "nothing deleted: said" "0 items deleted.*|nothing deleted" "$T_OUT"
t_match "nothing deleted: named" "no item has the source 'no/such.txt'" "$T_OUT"
t_status "delete of an unknown item id: exit 1" 1 "$R" delete --index ix --item 'x.txt#1'
t_status "delete of a case number no item has: exit 1" 1 "$R" delete --index ix --case 99/99999
t_eq "the index is untouched: 45 items" 45 "$(items ix)"
t_status "delete that matches: exit 0" 0 "$R" delete --index ix --case 23/15645
t_match "one deleted" "^1 item deleted" "$T_OUT"

# --- item 8: one lock for every writer, taken first: while a new index is being built in
# parallel, a one-file writer, a delete and a compact into it are refused, and the build lands
mkdir c
for i in $(seq 1 40); do for f in "$T_SAMPLE"/*.txt; do cp "$f" "c/$i-${f##*/}"; done; done
"$R" index --quiet --jobs 2 --index big c 2>build.err & pid=$!
for i in $(seq 1 500); do ls -d big.build-* >/dev/null 2>&1 && break; sleep 0.01; done
t_status "during a build: a one-file writer is refused" 1 "$R" index --index big "$T_SAMPLE/000_082cc86b9df59ed8.txt"
t_match "one-file writer: locked message" "index is locked by another writer" "$T_OUT"
t_status "during a build: delete is refused" 1 "$R" delete --index big --case 23/15645
t_match "delete: locked message" "index is locked by another writer" "$T_OUT"
t_status "during a build: compact into it is refused" 1 "$R" compact --index ix --output big
t_match "compact: locked message" "index is locked by another writer" "$T_OUT"
still=$(ls -d big.build-* 2>/dev/null | wc -l)
wait $pid; rc=$?
t_eq "the build was still running during those (its temporary tree existed)" 1 "$still"
t_eq "the build succeeds" "0 " "$rc $(grep -v '^$' build.err | head -3)"
t_eq "the build holds all 1,800 items" 1800 "$(items big)"
t_eq "no lock file or temporary tree left" "" "$(ls -d big.* 2>/dev/null)"

# --- item 9: `--shards 2` killed early leaves no index or the whole one (the stub is written
# last, atomically, and the new layout renamed into place); the re-run completes
mkdir c9 && cp c/[1-9]-* c/1[0-1]-* c9/   # 55 files, 495 items
for k in 0.05 0.15 0.3; do
  "$R" index --quiet --shards 2 --index "sh$k" c9 2>/dev/null & pid=$!
  sleep "$k"; kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
  if [ -e "sh$k" ]; then
    t_eq "--shards 2 killed after ${k}s: the index there is whole" 495 "$(items "sh$k")"
  else
    t_ok "--shards 2 killed after ${k}s: no index"
  fi
  t_status "--shards 2 killed after ${k}s: the re-run succeeds" 0 "$R" index --quiet --shards 2 --index "sh$k" c9
  t_eq "--shards 2 killed after ${k}s: re-run holds all 495 items, no temporary tree" "495 " \
    "$(items "sh$k") $(ls -d "sh$k".* 2>/dev/null)"
done
t_done
