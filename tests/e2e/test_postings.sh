#!/usr/bin/env bash
# test_postings.sh — schema 6 leaves terms out (a stem equal to the exact form; the body's
# section copies of keys no other section has) and answers as if they were there: a stem query
# meets the items that have only the exact form, sagsfremstilling: finds a key that is only in the
# body and not one that is only elsewhere, the body's prefixes expand, and the ranking's document
# lengths are kept (the length term).
source "$(dirname "$0")/lib.sh"
cd "$T_ROOT"
D="$T_TMP/m" IX="$T_TMP/ix"
mkdir -p "$D"
cat > "$D/2024-03-05_byraad.txt" <<'EOF'
REFERAT Teknik- og Miljøudvalget d. 05-03-2024

Punkt 1: Vejplan for bydelen

24/1001

Resumé

Forvaltningen fremlægger en vejplan.

Sagsfremstilling

Kvarteret har fået ny vejbelysningen og en ny rundkørsel ved havnen.

Indstilling

Forvaltningen indstiller, at planen godkendes.

Beslutning

Godkendt.

Punkt 2: Rundkørsel ved skolen

24/1002

Sagsfremstilling

Der er ønske om en rundkørsel ved skolen og parken. Budgettet er afsat.

Beslutning

Godkendt.

Punkt 3: Havnebadet

24/1003

Sagsfremstilling

Havnebadet åbner igen med en park. Budget og økonomi er drøftet med klubberne.

Beslutning

Taget til efterretning.
EOF
"$REFSOG" index --quiet --index "$IX" "$D"
ids() { python3 -c 'import json,sys; print(" ".join(sorted(h["id"].rsplit("#",1)[1] for h in json.load(sys.stdin)["hits"])))'; }
s() { "$REFSOG" search --json --limit 100 --index "$IX" -- "$1" | ids; }

# a stem equal to the exact form: "park" stems to itself, so the index has no Zpark for item 3's
# "park"; a query for the stem (typed "parken") must still meet it, and item 2's "parken"
t_eq "an inflected form finds the items that have only the form that is its own stem" "2 3" "$(s parken)"
t_eq "… and the base form finds both too" "2 3" "$(s park)"
# every item with the exact form has the stem, so the exact form is weighed on top (AND_MAYBE),
# not merged in with OR (engine/qbuild.c; tests/unit/test_engine_search.c checks the premise)
t_match "the exact form weighs on top of the stem's matches" "\\) AND_MAYBE 0\\.05[0-9]* \\* parken\\)\\)$" \
  "$(RS_DEBUG_QUERY=1 "$REFSOG" search --index "$IX" parken 2>&1 >/dev/null | grep '^query')"

# the body: "kvarteret" only in item 1's sagsfremstilling (no copy kept), "rundkørsel" in item 1's
# body and item 2's title and body (copies kept where another section has it), "vejplan" in item
# 1's title and resumé but not its body
t_eq "sagsfremstilling: a key only in the body" "1" "$(s sagsfremstilling:kvarteret)"
t_eq "sagsfremstilling: a key in the body and another section" "1 2" "$(s sagsfremstilling:rundkørsel)"
t_eq "sagsfremstilling: not a key only in other sections" "" "$(s sagsfremstilling:vejplan)"
t_eq "… which titel: finds" "1" "$(s titel:vejplan)"
t_eq "sagsfremstilling: a compound's part only in a body" "1" "$(s sagsfremstilling:belysning)"
t_eq "sagsfremstilling: a stem equal to the exact form, only in a body" "2 3" "$(s sagsfremstilling:parken)"
t_eq "sagsfremstilling: a prefix over the body's keys" "1 2" "$(s 'sagsfremstilling:rundkør*')"
t_eq "sagsfremstilling: a prefix of a key only in a body" "3" "$(s 'sagsfremstilling:havneba*')"
t_eq "sagsfremstilling: a prefix of a key only elsewhere finds nothing" "" "$(s 'sagsfremstilling:vejpl*')"
t_eq "beslutning: still its own copies" "3" "$(s beslutning:efterretning)"
t_eq "sagsfremstilling: a case number only in the case line is not in the body" "" "$(s 'sagsfremstilling:24*')"

# suggestions come from the indexed words, never a stopword (indexed for phrases): "mde" is
# one letter from "med" but is not offered it
t_nomatch "no stopword suggested" '^med$' \
  "$("$REFSOG" search --json --no-correction --index "$IX" mde | python3 -c 'import json,sys; print(json.load(sys.stdin)["spelling"])')"
t_eq "… a word is" "rundkørsel" \
  "$("$REFSOG" search --json --no-correction --index "$IX" rundkørsl | python3 -c 'import json,sys; print(json.load(sys.stdin)["spelling"])')"

# the length term: every item has one, with the wdf of what was left out
if python3 -c 'import xapian' 2>/dev/null || /usr/bin/python3 -c 'import xapian' 2>/dev/null; then
  py=python3; python3 -c 'import xapian' 2>/dev/null || py=/usr/bin/python3
  t_eq "every item has the length term" "3" "$($py -c "
import xapian; db = xapian.Database('$IX'); print(db.get_termfreq('XLEN'))")"
  t_eq "no stem term where the exact form stands in (item 3 has only park)" "False True" "$($py -c "
import xapian; db = xapian.Database('$IX')
# item 3 by its word (the stored data is deflated), its terms by postings (no term lists)
for d in [p.docid for p in db.postlist('havnebadet')]:
    has = lambda t: any(p.docid == d for p in db.postlist(t)); print(has('Zpark'), has('park'))")"
fi
t_done
