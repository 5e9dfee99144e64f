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
t_done
