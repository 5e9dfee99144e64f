#!/usr/bin/env bash
# test_danish.sh — Danish beyond Snowball (issue 19): lemmas (syncope, irregular plurals),
# compounds typed whole meeting their parts, folding that does not merge other words, typo
# tolerance that says so, case numbers without their letter prefix, case numbers as printed.
source "$(dirname "$0")/lib.sh"
cd "$T_TMP"
cp -r "$T_SAMPLE" s
"$REFSOG" index --quiet --index ix s
js() { "$REFSOG" search --index ix --json -- "$1" | python3 -c "import json,sys; r=json.load(sys.stdin); print($2)"; }
stem() { "$REFSOG" analyze --json "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["tokens"][0]["stem"])'; }

# lemmas: forms Snowball cannot join (from hunspell-da at build time, and irregular plurals)
t_eq "centret has center's stem (syncope)" "$(stem center)" "$(stem centret)"
t_eq "reglen has regel's stem" "$(stem regel)" "$(stem reglen)"
t_eq "børn has barn's stem (irregular plural)" "$(stem barn)" "$(stem børn)"
t_eq "mænd has mand's stem" "$(stem mand)" "$(stem mænd)"
t_eq "a compound's last part too: Familiecentret = familiecenter" "$(stem familiecenter)" "$(stem Familiecentret)"
t_eq "an irregular plural ends compounds too: formænd = formand" "$(stem formand)" "$(stem formænd)"
t_eq "familiecenter finds Familiecentret's item first" "Status på omorganisering af Familiecentret" \
  "$(js familiecenter 'r["hits"][0]["title"]')"
mkdir -p pl
printf 'Referat\n\nPunkt 1: Ombygning\n\nSagsfremstilling\nKommunens plejecentre skal ombygges, og teatret lukker.\n' > pl/a.txt
printf 'Referat\n\nPunkt 1: Andet\n\nSagsfremstilling\nEt center for pleje af parker.\n' > pl/b.txt
"$REFSOG" index --quiet --index plx pl
pj() { "$REFSOG" search --index plx --json -- "$1" | python3 -c "import json,sys; r=json.load(sys.stdin); print($2)"; }
t_match "plejecenter finds the item that says plejecentre, first" "a.txt#1$" "$(pj plejecenter 'r["hits"][0]["id"]')"
t_match "teater finds teatret" "a.txt#1$" "$(pj teater 'r["hits"][0]["id"] if r["hits"] else ""')"
t_eq "barn finds the items about børn" "$(js '"børn"' 'r["total"]')" "$(js barn 'r["total"]')"

# a compound typed whole meets its parts written apart or inside another compound
t_match "ungdomsmisbrug finds the item with ungdomsmisbrugsbehandlingen" "opiater" "$(js ungdomsmisbrug 'r["hits"][0]["title"] if r["hits"] else ""')"
t_eq "… and the whole word ranks first where it is written" "$(js 'ungdom misbrug' 'r["hits"][0]["id"]')" \
  "$(js ungdomsmisbrug 'r["hits"][0]["id"]')"
# … while the index has the whole word in fewer than 100 items: a compound it has in 100 no
# longer meets the items that only name its parts apart, typed with or without æ/ø/å
whole_items() { # DIR N: N items that say dagtilbud and Økonomiudvalget; two with the parts apart
  mkdir -p "$1"
  { printf 'Referat\n\n'; for i in $(seq "$2"); do printf 'Punkt %s: Sag %s\n\nSagsfremstilling\nØkonomiudvalget drøfter dagtilbud nummer %s.\n\n' "$i" "$i" "$i"; done; } > "$1/a.txt"
  printf 'Referat\n\nPunkt 1: Andet\n\nSagsfremstilling\nEn dag kom et tilbud om økonomi til udvalget.\n' > "$1/b.txt"
  printf 'Referat\n\nPunkt 1: Gammelt\n\nSagsfremstilling\nUdvalget skrev om okonomi.\n' > "$1/c.txt"
  "$REFSOG" index --quiet --index "$1x" "$1"
}
wt() { # INDEX QUERY: the total, and which of the items with the parts apart are among the hits
  "$REFSOG" search --index "$1" --json --limit 100 -- "$2" |
    python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["total"], "".join(f for f in "bc" if any(h["id"].endswith(f + ".txt#1") for h in r["hits"])) or "-")'
}
whole_items w100 100
whole_items w99 99
t_eq "dagtilbud in 100 items: not the item with dag and tilbud apart" "100 -" "$(wt w100x dagtilbud)"
t_eq "økonomiudvalget in 100 items: not the item with økonomi and udvalget apart" "100 -" "$(wt w100x økonomiudvalget)"
t_eq "okonomiudvalget (its folding key in 100 items): not the item with okonomi and udvalget apart" "100 -" \
  "$(wt w100x okonomiudvalget)"
t_eq "dagtilbud in 99 items: the item with dag and tilbud apart too" "100 b" "$(wt w99x dagtilbud)"
# … 100 items, one of them deleted (a tombstone until the next compaction): 99 live items count
"$REFSOG" delete --index w100x --item "$("$REFSOG" search --index w100x --json -- 'sag 7' | python3 -c 'import json,sys; print(json.load(sys.stdin)["hits"][0]["id"])')" >/dev/null
t_eq "dagtilbud in 100 items, one deleted: the item with dag and tilbud apart too" "100 b" "$(wt w100x dagtilbud)"
t_eq "økonomiudvalget in 99 items: the item with økonomi and udvalget apart too" "100 b" "$(wt w99x økonomiudvalget)"
t_eq "okonomiudvalget in 99 items: the items with økonomi or okonomi and udvalget apart too" "101 bc" \
  "$(wt w99x okonomiudvalget)"

# compounds the word list knows whole, split at a three-letter head hunspell-da lets begin a
# compound (build/da-words.txt), and syncopated plurals that are verbs too (centre)
parts() { "$REFSOG" analyze --json "$1" | python3 -c 'import json,sys; print("+".join(json.load(sys.stdin)["tokens"][0]["parts"]))'; }
t_eq "daginstitutioner is dag + institution" "dag+institution" "$(parts daginstitutioner)"
t_eq "målgrupper is mål + gruppe (as stems)" "mål+$(stem gruppe)" "$(parts målgrupper)"
t_eq "rusmidler is rus + middel" "rus+middel" "$(parts rusmidler)"
t_eq "vejledning stays whole (not vej + ledning)" "" "$(parts vejledning)"
t_eq "semester stays whole" "" "$(parts semester)"
t_eq "centre (a plural of center, and a verb) has center's stem" "$(stem center)" "$(stem centre)"
t_eq "jobcentre has jobcenter's stem" "$(stem jobcenter)" "$(stem jobcentre)"
t_eq "jobcentre finds what jobcenter finds" "$(js jobcenter 'r["total"]')" "$(js jobcentre 'r["total"]')"
t_match "rusmiddelforebyggelse finds the items on rusmidler and forebyggelse" "^[1-9]" \
  "$(js rusmiddelforebyggelse 'r["total"]')"
mkdir -p dg
printf 'Referat\n\nPunkt 1: Pladser\n\nSagsfremstilling\nKommunens daginstitutioner mangler pladser for nye målgrupper.\n' > dg/a.txt
printf 'Referat\n\nPunkt 1: Andet\n\nSagsfremstilling\nEn vejledning om semesteret.\n' > dg/b.txt
"$REFSOG" index --quiet --index dgx dg
dj() { "$REFSOG" search --index dgx --json -- "$1" | python3 -c "import json,sys; r=json.load(sys.stdin); print($2)"; }
t_match "institution finds the item that says daginstitutioner" "a.txt#1$" "$(dj institution 'r["hits"][0]["id"] if r["hits"] else ""')"
t_match "gruppe finds the item that says målgrupper" "a.txt#1$" "$(dj gruppe 'r["hits"][0]["id"] if r["hits"] else ""')"
t_eq "ledning finds nothing (vejledning is no compound of it)" 0 "$(dj ledning 'r["total"]')"

# a word and its compounds are one term (a synonym of the exact form, the stem and the stem as
# a compound part): an item about the integration effort, which says »Integrationsindsatsen«
# four times, ranks above an item that names »Integration« once in a table; the exact form is a
# small bonus on top, so of two items alike the one with the word as typed comes first
mkdir -p wg
printf 'Referat\n\nPunkt 1: Integrationsindsatsen i kommunen\n\nSagsfremstilling\nIntegrationsindsatsen har i år haft fokus på sprog. Integrationsindsatsen for nye borgere og integrationsindsatsen på arbejdspladser blev drøftet.\n' > wg/a.txt
printf 'Referat\n\nPunkt 1: Budgetopfølgning\n\nSagsfremstilling\nOversigt over forbruget fordelt på område: Beskæftigelse 120, Integration 45, Sygedagpenge 300, Ledelse 12, Administration 80, Kørsel 7, Drift 99.\n' > wg/b.txt
printf 'Referat\n\nPunkt 1: Lokalplaner\n\nSagsfremstilling\nPlanen for området blev vedtaget.\n' > wg/c.txt
printf 'Referat\n\nPunkt 1: Lokalplaner\n\nSagsfremstilling\nPlan for området blev vedtaget.\n' > wg/d.txt
"$REFSOG" index --quiet --index wgx wg
wj() { "$REFSOG" search --index wgx --json -- "$1" | python3 -c "import json,sys; r=json.load(sys.stdin); print($2)"; }
t_match "integration: the item about integrationsindsatsen ranks above one naming Integration once" \
  "a.txt#1 .*b.txt#1" "$(wj integration '" ".join(h["id"] for h in r["hits"])')"
t_match "plan: of two items alike, the one that says plan (as typed) comes before the one saying planen" \
  "d.txt#1 .*c.txt#1" "$(wj plan '" ".join(h["id"] for h in r["hits"])')"
t_match "planen: … and the other way round" "c.txt#1 .*d.txt#1" "$(wj planen '" ".join(h["id"] for h in r["hits"])')"

# folding: a word typed with æ/ø/å does not meet another word through the folding key
t_eq "Ærø does not find Aarøe" 0 "$(js Ærø 'r["total"]')"
t_match "… though Aarøe is there" "^[1-9]" "$(js Aarøe 'r["total"]')"
t_eq "okonomi (typed without ø) still finds økonomi" "$(js økonomi 'r["total"]')" "$(js okonomi 'r["total"]')"

# typo tolerance: the corrected query's results, said
out=$("$REFSOG" search --index ix misbrg)
t_match "misbrg shows misbrug's results and says so" "^Viser resultater for misbrug — søg i stedet efter misbrg" "$out"
t_eq "… the same hits as misbrug" "$(js misbrug 'r["total"]')" "$(js misbrg 'r["total"]')"
t_eq "… and the JSON names the correction" "misbrug misbrg" "$(js misbrg 'r["corrected"], r["query"]' | tr -d "(),'")"
t_eq "--no-correction searches only what was typed" 0 \
  "$("$REFSOG" search --index ix --json --no-correction misbrg | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')"
t_eq "a 4-letter word is never corrected (Meilisearch: one typo from 5 letters)" "None" "$(js misb 'r["corrected"]')"

# case numbers: typed without the letter prefix, below an exact case; printed as the minutes print them
mkdir -p cn
printf 'Referat\n\nPunkt 1: Støtte til foreningen\n24/1629\n\nSagsfremstilling\nTekst om støtte.\n' > cn/a.txt
printf 'Referat\n\nPunkt 1: Puljemidler til projektet\nEMN-24/0001629\n\nSagsfremstilling\nTekst om puljemidler.\n' > cn/b.txt
"$REFSOG" index --quiet --index cix cn
cj() { "$REFSOG" search --index cix --json -- "$1" | python3 -c "import json,sys; r=json.load(sys.stdin); print($2)"; }
t_eq "24/1629 finds both, the exact case first" "2 24/1629 EMN-24/0001629" "$(cj 24/1629 'r["total"], r["hits"][0]["case"], r["hits"][1]["case"]' | tr -d "(),'")"
t_eq "EMN-24/1629 finds only its own" "1 EMN-24/0001629" "$(cj EMN-24/1629 'r["total"], r["hits"][0]["case"]' | tr -d "(),'")"
t_eq "24/1629 finds EMN-24/0001629 in the sample" "EMN-24/0001629" "$(js 24/1629 'r["hits"][0]["case"]')"
t_eq "a year and serial without the prefix: 2020-26746 finds S2020-26746" "S2020-26746" "$(js 2020-26746 'r["hits"][0]["case"] if r["hits"] else ""')"
t_eq "… and 2024/19506 finds mig-a-2024-19506" "MIG-A-2024-19506" "$(js 2024/19506 'r["hits"][0]["case"].upper() if r["hits"] else ""')"
t_match "refsog case prints the number as the minutes print it" "^Sag 27.00.00-P22-1-20: " \
  "$("$REFSOG" case --index ix 27.0.0-p22-1-20)"
# the lexicon image (stemmer/leximage.h): analyses as the text files it is made from do; a damaged
# one is refused by name
IMG=$(dirname "$REFSOG")/da-lexicon.img
if [ -f "$IMG" ]; then
  t_eq "the image analyses the sample minutes as the text files do" \
    "$(cat "$T_SAMPLE"/*.txt | RS_LEXICON= "$REFSOG" analyze --json - | sha256sum)" \
    "$(cat "$T_SAMPLE"/*.txt | "$REFSOG" analyze --json - | sha256sum)"
  head -c 5000 "$IMG" > short.img
  t_status "a truncated image is refused" 1 env RS_LEXICON="$T_TMP/short.img" "$REFSOG" analyze x
  t_match "… naming it" "short.img: truncated lexicon image" "$T_OUT"
  t_status "… by a search too" 1 env RS_LEXICON="$T_TMP/short.img" "$REFSOG" search --index ix barn
  # a binary away from its data files analyses without the lemma table: said, not silent
  one="$T_SAMPLE/000_082cc86b9df59ed8.txt"
  t_match "version names the lexicon image and its tables" \
    "^Danish data: .*/da-lexicon\.img \([1-9][0-9]* words for compounds, [1-9][0-9]* lemma forms\)$" \
    "$(env -u RS_LEXICON -u RS_LEMMAS "$REFSOG" version)"
  t_eq "… and indexing with them says nothing on stderr" "" \
    "$(env -u RS_LEXICON -u RS_LEMMAS "$REFSOG" index --quiet --index ix-with "$one" 2>&1 >/dev/null)"
  mkdir -p alone && cp "$REFSOG" alone/refsog
  # (unless an installed copy's data, which it would find, is on this machine)
  if ls /usr/local/share/refsog/da-* /usr/share/refsog/da-* >/dev/null 2>&1; then
    echo "skip the copied binary: refsog's data is installed on this machine"
  else
  t_match "a binary copied away from them says it has no lemma table" "^Danish data: text files, .* 0 lemma forms\)$" \
    "$(env -u RS_LEXICON -u RS_LEMMAS alone/refsog version)"
  t_match "… and indexing with it warns, --quiet or not" "^refsog: warning: no lemma table found .*centret/center" \
    "$(env -u RS_LEXICON -u RS_LEMMAS alone/refsog index --quiet --index ix-alone "$one" 2>&1 >/dev/null)"
  fi
else
  t_bad "the lexicon image was built ($IMG)"
fi
t_done
