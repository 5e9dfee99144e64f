#!/usr/bin/env bash
# test_ingest.sh — what the layout-general parser promises end to end: a file without agenda
# structure is indexed as one item and said; --municipality fills in only where the text and the
# folders say nothing; two meetings in one file index as two meetings with distinct item ids; and,
# where ../shared/real-dev is present, the real-minutes score stays at the issue's targets.
source "$(dirname "$0")/lib.sh"
cd "$T_ROOT"
mkdir -p "$T_TMP/in"
printf 'Notat om snekrystalplanen\n\nVejene saltes fra kl. 5.\n' > "$T_TMP/in/notat.txt"
cp tests/fixtures/layouts/form-two-meetings.txt "$T_TMP/in/to.txt"
printf 'REFERAT Økonomiudvalget d. 05-03-2024\n\nPunkt 1: Budget\n\nSagsfremstilling\n\nEsbjerg Kommune betaler.\n' > "$T_TMP/in/esb.txt"
t_status "parse: no structure is no error" 0 "$REFSOG" parse "$T_TMP/in/notat.txt"
t_match "parse: says one item" "notat.txt: indexed as one item \(no agenda structure found\)" "$T_OUT"
t_status "index with --municipality" 0 "$REFSOG" index --index "$T_TMP/ix" --municipality Vejle "$T_TMP/in"
t_match "summary counts the unstructured file" "3 files indexed \(1 as one item\)" "$T_OUT"
muni() { "$REFSOG" search --index "$T_TMP/ix" --json "$1" | python3 -c 'import json,sys; r=json.load(sys.stdin); print(sorted({h["municipality"] for h in r["hits"]}))'; }
t_eq "--municipality fills in where nothing says" "['Vejle']" "$(muni snekrystalplanen)"
t_eq "the text's municipality wins over --municipality" "['Esbjerg']" "$(muni budget)"
t_eq "two meetings: the second meeting's item 1 has its own id" \
  "['to.txt#1', 'to.txt#m2-1']" \
  "$("$REFSOG" search --index "$T_TMP/ix" --json 'godkendelse af dagsorden' | python3 -c 'import json,sys; print(sorted(h["id"].rsplit("/",1)[1] for h in json.load(sys.stdin)["hits"]))')"
t_eq "two meetings: each item has its meeting's date" "['2004-05-12', '2004-05-26']" \
  "$("$REFSOG" search --index "$T_TMP/ix" --json 'godkendelse af dagsorden' | python3 -c 'import json,sys; print(sorted(h["date"] for h in json.load(sys.stdin)["hits"]))')"
if [ -f ../shared/real-dev/score.py ]; then
  t_status "real minutes: the issue's targets" 0 python3 ../shared/real-dev/score.py "$REFSOG" ../shared/real-dev \
    --min items=0.95,case=0.95,decision=0.90,date=0.95,municip=0.95
  echo "     $(printf '%s' "$T_OUT" | tail -1)"
else
  echo "note: ../shared/real-dev not here; the real-minutes score was not run"
fi
t_done
