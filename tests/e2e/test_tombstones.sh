#!/usr/bin/env bash
# test_tombstones.sh — an index without term lists (schema 7): changed and removed files leave
# tombstones that no answer shows, and `refsog compact` leaves their items out for good; after it
# the index answers exactly as a fresh index of the same files (hits, scores, totals, facets).
source "$(dirname "$0")/lib.sh"
cd "$T_ROOT"
mkdir -p "$T_TMP/m"
cp data/sample/*.txt "$T_TMP/m/"
cd "$T_TMP"
"$REFSOG" index --quiet --index ix m
t_eq "a new index has no term list table" "no" "$([ -e ix/termlist.glass ] && echo yes || echo no)"
"$REFSOG" index --quiet --termlists --index withtl m
t_eq "… unless --termlists" "yes" "$([ -e withtl/termlist.glass ] && echo yes || echo no)"

# change one file (a decision gets a new word) and remove another, then index the folder again
f1=$(ls m/*.txt | head -1); f2=$(ls m/*.txt | tail -1)
python3 - "$f1" <<'EOF'
import sys
p = sys.argv[1]; s = open(p, encoding='utf-8').read()
open(p, 'w', encoding='utf-8').write(s.replace('Godkendt.', 'Godkendt. Tombstonetest.', 1))
EOF
rm "$f2"
"$REFSOG" index --quiet --index ix m
"$REFSOG" index --quiet --index fresh m
py=python3; python3 -c 'import xapian' 2>/dev/null || py=/usr/bin/python3
if $py -c 'import xapian' 2>/dev/null; then
  t_match "the update left tombstones" "^[1-9][0-9]*$" \
    "$($py -c "import xapian; print(xapian.Database('ix').get_metadata('refsog:dead').decode())")"
fi

summary() { python3 -c '
import json,sys; r=json.load(sys.stdin)
print(r["total"], [(h["id"], round(h["score"], 6)) for h in r["hits"]], json.dumps(r["facets"], sort_keys=True))'; }
ids() { python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["total"], sorted(h["id"] for h in r["hits"]), json.dumps(r["facets"], sort_keys=True))'; }
queries=(misbrug 'misbrug unge' budget '"åben rådgivning"' 'kommune:esbjerg' 'type:orientering' 'dato:2020' tombstonetest 'titel:budget')
for q in "${queries[@]}"; do
  t_eq "tombstoned = fresh (totals, hits, facets): $q" \
    "$("$REFSOG" search --json --limit 100 --index fresh "$q" | ids)" \
    "$("$REFSOG" search --json --limit 100 --index ix "$q" | ids)"
done
t_eq "stats count the live items" \
  "$("$REFSOG" stats --json --index fresh | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"])')" \
  "$("$REFSOG" stats --json --index ix | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"])')"

t_eq "the changed file's new word is found once" 1 \
  "$("$REFSOG" search --json --index ix tombstonetest | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')"

deleted() { "$REFSOG" stats --json --index "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["deleted"])'; }
t_match "stats say how many deleted items the files still hold" "^[1-9][0-9]*$" "$(deleted ix)"
t_eq "… none in a fresh index" 0 "$(deleted fresh)"
t_match "… and in words, with what removes them" "Slettede punkter stadig i indeksets filer: [1-9].*refsog compact" \
  "$("$REFSOG" stats --index ix)"
t_nomatch "… said only when there are some" "Slettede" "$("$REFSOG" stats --index fresh)"

# compaction leaves the dead out: the same answers as the fresh index, scores included
t_status "compact" 0 "$REFSOG" compact --index ix --output ixc
t_match "… says how many deleted items it left out" "[1-9][0-9]* deleted or replaced items? left out for good" "$T_OUT"
t_eq "no temporary copies left" "" "$(ls -d ixc.purge 2>/dev/null)"
for q in "${queries[@]}"; do
  t_eq "compacted = fresh (hits, scores, totals, facets): $q" \
    "$("$REFSOG" search --json --limit 100 --index fresh "$q" | summary)" \
    "$("$REFSOG" search --json --limit 100 --index ixc "$q" | summary)"
done
t_match "a phrase matches after compaction (positions rebuilt)" "^[1-9]" \
  "$("$REFSOG" search --json --index ixc '"åben rådgivning"' | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')"
t_eq "none deleted after compaction" 0 "$(deleted ixc)"
# the same in windows of 4 docids shared out among 3 threads, and on one: the same index
t_status "compact in small windows, 3 jobs" 0 env RS_PURGE_WINDOW=4 "$REFSOG" compact --jobs 3 --index ix --output ixw
t_status "compact in small windows, 1 job" 0 env RS_PURGE_WINDOW=4 "$REFSOG" compact --jobs 1 --index ix --output ixw1
for q in "${queries[@]}"; do
  t_eq "compacted in small windows by 3 jobs = fresh: $q" \
    "$("$REFSOG" search --json --limit 100 --index fresh "$q" | summary)" \
    "$("$REFSOG" search --json --limit 100 --index ixw "$q" | summary)"
  t_eq "… by 1 job = fresh: $q" \
    "$("$REFSOG" search --json --limit 100 --index fresh "$q" | summary)" \
    "$("$REFSOG" search --json --limit 100 --index ixw1 "$q" | summary)"
done
# a single-file database (xapian-compact -s) is one database, not a stub: searched beside an index
# with tombstones (a stub kept whole would count as remote and be refused)
xapian-compact -s fresh single.db >/dev/null
t_status "a single-file database beside a tombstoned index" 0 "$REFSOG" search --index single.db --index ix misbrug
t_status "compact --jobs 0 is refused" 2 "$REFSOG" compact --jobs 0 --index ix --output ixj0
t_match "… saying what it takes" "jobs takes 1 to 64" "$T_OUT"
mkdir -p ixc2.purge && cp -r fresh ixc2.purge/0-0   # what a killed compaction leaves: a segment
t_status "a killed compaction's temporary files are no obstacle" 0 "$REFSOG" compact --index ix --output ixc2
t_eq "… and are gone after" "" "$(ls -d ixc2.purge 2>/dev/null)"
t_status "an index without tombstones compacts as before" 0 "$REFSOG" compact --index fresh --output freshc
t_nomatch "… and says nothing of deleted items" "deleted" "$T_OUT"
t_done
