#!/usr/bin/env bash
# test_cli.sh — end to end: refsog index/search/case/stats/delete/parse/analyze on the sample minutes.
source "$(dirname "$0")/lib.sh"
cd "$T_ROOT"
IX="$T_TMP/ix"
S0=data/sample/000_082cc86b9df59ed8.txt
S2=data/sample/002_b5ca74bce736c226.txt
S3=data/sample/003_2da60960a1decf7e.txt
# a file is known in the index by its canonical path (issue 17)
P=$(pwd -P)

# JSON field of a search: js QUERY EXPR (python expression over r)
js() { "$REFSOG" search --index "$IX" --json --limit 100 "$1" | python3 -c "import json,sys; r=json.load(sys.stdin); print($2)"; }

# --- parse: item counts of the five sample minutes (the issue's numbers)
counts=""
for f in data/sample/*.txt; do
  counts+="$("$REFSOG" parse --json "$f" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))') "
done
t_eq "parse: items per sample file" "5 10 11 8 11 " "$counts"
# several files: one JSON object per line, in order; a bad file is named, the rest still printed
printf 'ikke et referat\n\x00\x01' > "$T_TMP/bad.txt"
lines=$("$REFSOG" parse --json data/sample/*.txt "$T_TMP/bad.txt" 2>"$T_TMP/parse.err"; echo "rc=$?")
t_eq "parse: several files give JSON Lines with the same counts" "5 10 11 8 11 rc=1" \
  "$(echo "$lines" | python3 -c 'import json,sys
out=[]
for l in sys.stdin:
    out.append(str(len(json.loads(l)["items"])) if l.startswith("{") else l.strip())
print(" ".join(out))')"
t_match "parse: the bad file is named" "bad.txt: not UTF-8" "$(cat "$T_TMP/parse.err")"

# --- index
t_status "index the sample minutes" 0 "$REFSOG" index --index "$IX" data/sample
t_match "index summary" "5 files indexed, 0 unchanged, 0 failed; 45 items added" "$T_OUT"
t_status "re-index is a no-op" 0 "$REFSOG" index --index "$IX" data/sample
t_match "re-index summary" "0 files indexed, 5 unchanged, 0 failed; 0 items added" "$T_OUT"
t_eq "stats: 45 items, 5 meetings" "45 5 2020-09-22 2025-01-21" \
  "$("$REFSOG" stats --index "$IX" --json | python3 -c 'import json,sys; s=json.load(sys.stdin); print(s["items"], s["meetings"], s["date_from"], s["date_to"])')"

# --- words: stems and compounds
t_eq "misbrug finds the opiate item first (compound opioidmisbruget, misbrugsområdet)" \
  "$P/$S0 2" "$(js misbrug 'r["hits"][0]["source"], r["hits"][0]["item"]')"
t_match "snippet marks a compound match" "<mark>misbrugsområdet</mark>" "$(js misbrug 'r["hits"][0]["snippet"]')"
t_eq "hygiejne finds håndhygiejne's item (002 item 5)" "$P/$S2#5" "$(js hygiejne 'r["hits"][0]["id"]')"
t_eq "okonomi (no ø) finds økonomi items" "True" "$(js okonomi 'r["total"] > 0 and r["total"] == len([h for h in r["hits"]]) ')"
t_eq "okonomi and økonomi find the same items" "$(js 'økonomi' 'sorted(h["id"] for h in r["hits"])')" \
  "$(js okonomi 'sorted(h["id"] for h in r["hits"])')"

# --- phrase vs words
t_eq "phrase \"åben rådgivning\": one item" "1 $P/$S0#3" "$(js '"åben rådgivning"' 'r["total"], r["hits"][0]["id"]')"
t_eq "words åben rådgivning include the phrase's item" "True" "$(js 'åben rådgivning' '"'"$P/$S0"'#3" in [h["id"] for h in r["hits"]]')"
t_eq "phrase in the wrong order finds nothing" "0" "$(js '"rådgivning åben"' 'r["total"]')"

# --- case numbers in every variant
for q in "23/15645" "23-15645" '"23 15645"' "23 15645" "sag:23/15645"; do
  t_eq "case number '$q'" "$P/$S0#2" "$(js "$q" 'r["hits"][0]["id"]')"
done
for q in "EMN-24/0001629" "emn-24/1629" "EMN-24-1629" "sag:emn-24/1629" "EMN 24/1629" "emn 24 0001629"; do
  t_eq "case number '$q'" "$P/$S2#4" "$(js "$q" 'r["hits"][0]["id"]')"
done
for q in "27.00.00-P22-1-20" "27-00-00-p22-1-20" "sag:27.0.0-P22-1-20"; do
  t_eq "KLE case number '$q'" "$P/$S3#2" "$(js "$q" 'r["hits"][0]["id"]')"
done
t_eq "S2020-26746 (Odder)" "$P/data/sample/004_4215b85305d5dec8.txt#5" "$(js S2020-26746 'r["hits"][0]["id"]')"
t_eq "mig-a-2024-19506" "$P/$S2#2" "$(js MIG-A-2024-19506 'r["hits"][0]["id"]')"

# --- facets: counts equal counts from the parser's own output
expected=$(for f in data/sample/*.txt; do "$REFSOG" parse --json "$f"; done | python3 -c '
import json,sys,collections
dec=json.JSONDecoder(); s=sys.stdin.read(); i=0; ms=[]
while i < len(s):
    while i < len(s) and s[i].isspace(): i+=1
    if i>=len(s): break
    m,i=dec.raw_decode(s,i); ms.append(m)
mun=collections.Counter(); typ=collections.Counter(); out=collections.Counter(); yr=collections.Counter()
for m in ms:
    for it in m["items"]:
        mun[m["municipality"]]+=1; typ[it["type"]]+=1; yr[m["date"][:4]]+=1
        for o in set(d["outcome"] for d in it["decisions"]): out[o]+=1
f=lambda c: sorted(c.items())
print(f(mun), f(typ), f(out), f(yr))')
actual=$(js 'dato:..2100' 'sorted((x["value"],x["count"]) for x in r["facets"]["municipality"]), sorted((x["value"],x["count"]) for x in r["facets"]["type"]), sorted((x["value"],x["count"]) for x in r["facets"]["outcome"]), sorted((x["value"],x["count"]) for x in r["facets"]["year"])' | sed 's/^(//; s/)$//; s/, \[/ [/g')
t_eq "facet counts = parser counts (municipality, type, outcome, year)" "$expected" "$actual"
t_eq "kommune:Esbjerg = 26 items" "26" "$(js 'kommune:esbjerg dato:..2100' 'r["total"]')"
t_eq "kommune:Odder OR Lolland (two values of one facet)" "19" "$(js 'kommune:Odder kommune:LOLLAND dato:..2100' 'r["total"]')"
t_eq "udvalg:\"Udvalg (Kommune)\" takes that municipality's committee only" "8 ['Lolland']" \
  "$(js 'udvalg:"Social- og Arbejdsmarkedsudvalget (Lolland)"' 'r["total"], sorted(set(h["municipality"] for h in r["hits"]))' | tr -d '(),' | sed 's/ \[/ [/')"
t_eq "udvalg variant spelling folds to one key (Esbjerg + Lolland S&A)" "True" \
  "$(js 'udvalg:"Social- og Arbejdsmarkedsudvalget" kommune:Lolland dato:..2100' 'r["total"] == 8')"
t_eq "type:lukket counts the closed items (1+1+4+3)" "9" "$(js 'type:lukket' 'r["total"]')"
t_eq "closed items are flagged" "True" "$(js 'type:lukket' 'all(h["closed"] for h in r["hits"])')"
t_eq "kle:27 finds the SBSYS 27.* items" "3" "$(js 'kle:27' 'r["total"]')"

# --- dates
t_eq "dato:2020 = Lolland + Odder" "19" "$(js 'dato:2020' 'r["total"]')"
t_eq "dato:2023-11 = the 21-11-2023 meeting" "5" "$(js 'dato:2023-11' 'r["total"]')"
t_eq "dato:2024-01-01..2025-12-31" "21" "$(js 'dato:2024-01-01..2025-12-31' 'r["total"]')"
t_eq "dato:..2019 is empty" "0" "$(js 'dato:..2019' 'r["total"]')"
t_eq "sort -date: newest first" "2025-01-21" "$("$REFSOG" search --index "$IX" --json --sort -date misbrug | python3 -c 'import json,sys; print(json.load(sys.stdin)["hits"][0]["date"])')"
t_eq "sort date: oldest first" "2020-09-22" "$("$REFSOG" search --index "$IX" --json --sort date misbrug | python3 -c 'import json,sys; print(json.load(sys.stdin)["hits"][0]["date"])')"

# --- fallback and spelling
t_eq "no item has every word: fall back to any, and say so" "or True" \
  "$(js 'opiater zzkvrqx' 'r["fallback"], r["total"] == '"$(js opiater 'r["total"]')")"
t_eq "a misspelt word: the correction's results, said (issue 19)" "hygiejne" "$(js 'hygiejme' 'r["corrected"]')"
t_eq "spelling suggestion when the correction is off" "hygiejne" \
  "$("$REFSOG" search --index "$IX" --json --no-correction hygiejme | python3 -c 'import json,sys; print(json.load(sys.stdin)["spelling"])')"

# --- malformed queries: exit 2 with a message
t_status "unbalanced quote exits 2" 2 "$REFSOG" search --index "$IX" '"misbrug'
t_match "unbalanced quote message" "unbalanced quote" "$T_OUT"
t_match "… said in the page's Danish" '^refsog: Et anførselstegn \(") er ikke lukket' "$T_OUT"
t_status "the place of the error: exit 2" 2 "$REFSOG" search --index "$IX" 'æble (misbrug'
t_eq "… the query and a caret under its character, counted in characters" \
  "$(printf '  æble (misbrug\n       ^ ved tegn 6')" "$(printf '%s\n' "$T_OUT" | sed -n 2,3p)"
t_match "… the engine's own message kept in parentheses" '^  \(malformed query: unbalanced parenthesis' "$(printf '%s\n' "$T_OUT" | sed -n 4p)"
t_status "a filter's error in Danish, without a place" 2 "$REFSOG" search --index "$IX" 'misbrug aar:20x'
t_match "… the sentence" "^refsog: »20x« er ikke et årstal" "$T_OUT"
t_status "a too short prefix exits 2" 2 "$REFSOG" search --index "$IX" '2*'
t_match "… named once, with its one star" '^refsog: »2\*« er for kort' "$T_OUT"
t_status "impossible date exits 2" 2 "$REFSOG" search --index "$IX" 'dato:2023-02-30'
t_status "unknown field exits 2" 2 "$REFSOG" search --index "$IX" 'foo:bar'
t_status "unknown type exits 2" 2 "$REFSOG" search --index "$IX" 'misbrug type:møde'
t_match "unknown type message" "unknown type 'møde'" "$T_OUT"
t_status "unknown outcome exits 2" 2 "$REFSOG" search --index "$IX" 'udfald:xyz'
t_match "unknown outcome message" "unknown outcome 'xyz'" "$T_OUT"
t_status "bad kle exits 2" 2 "$REFSOG" search --index "$IX" 'kle:abc'
t_status "bad sag exits 2" 2 "$REFSOG" search --index "$IX" 'sag:hello'
t_status "missing index is a clear error" 1 "$REFSOG" search --index "$T_TMP/none" misbrug
t_match "missing index message names it" "none" "$T_OUT"

# --- case history
t_eq "case history: one treatment, four decisions" "1 4" \
  "$("$REFSOG" case --index "$IX" --json 27-0-0-P22-1-20 | python3 -c 'import json,sys; c=json.load(sys.stdin); print(len(c["items"]), len(c["items"][0]["decisions"]))')"
t_status "case with a non-case-number exits 2" 2 "$REFSOG" case --index "$IX" hello

# --- bad files are named and skipped, the good ones land
mkdir -p "$T_TMP/bad"
cp "$S0" "$T_TMP/bad/good.txt"
: > "$T_TMP/bad/empty.txt"
printf '\x7fELF\x02\x01\x01\x00\x00' > "$T_TMP/bad/binary.txt"
head -c 3000 /dev/urandom > "$T_TMP/bad/random.pdf"
printf 'Notat uden punkter\n' > "$T_TMP/bad/plain.txt"
t_status "a run with bad files exits 1" 1 "$REFSOG" index --index "$T_TMP/ix2" "$T_TMP/bad"
t_match "empty file named" "empty.txt: empty file" "$T_OUT"
t_match "binary file named" "binary.txt: not UTF-8 text" "$T_OUT"
t_match "random .pdf named" "random.pdf" "$T_OUT"
t_match "no structure: said, indexed as one item" "plain.txt: indexed as one item \(no agenda structure found\)" "$T_OUT"
t_match "the good files landed" "2 files indexed \(1 as one item\), 0 unchanged, 3 failed; 6 items added" "$T_OUT"
t_eq "the unstructured note is found by its words" "1 Notat uden punkter" \
  "$("$REFSOG" search --index "$T_TMP/ix2" --json notat | python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["total"], r["hits"][0]["title"])')"

# --- changed file replaces its items; delete removes every trace
cp "$S0" "$T_TMP/m.txt"
"$REFSOG" index --index "$T_TMP/ix3" "$T_TMP/m.txt" >/dev/null
sed -i 's/^Punkt 4:.*$/Punkt 4: Ny titel om vandløbsregulativer/' "$T_TMP/m.txt"
t_status "changed file re-indexed" 0 "$REFSOG" index --index "$T_TMP/ix3" "$T_TMP/m.txt"
t_match "changed file summary" "1 file indexed, 0 unchanged, 0 failed; 5 items added" "$T_OUT"
t_eq "new title found, still 5 items" "1 5" "$("$REFSOG" search --index "$T_TMP/ix3" --json vandløbsregulativer | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])') $("$REFSOG" stats --index "$T_TMP/ix3" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"])')"
t_status "delete by source" 0 "$REFSOG" delete --index "$IX" --source "$S0"
t_match "delete count" "^5 items deleted" "$T_OUT"
t_eq "after delete: 40 items, the phrase is gone" "40 0" "$("$REFSOG" stats --index "$IX" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"])') $(js '"åben rådgivning"' 'r["total"]')"
t_status "delete by case number" 0 "$REFSOG" delete --index "$IX" --case 'emn 24/1629'
t_match "one item deleted by case" "^1 item deleted" "$T_OUT"
t_eq "the case is gone" "0" "$(js 'EMN-24/0001629' 'r["total"]')"
t_status "delete needs exactly one selector" 2 "$REFSOG" delete --index "$IX"

# --- PDF minutes index like text minutes
t_status "index a PDF" 0 "$REFSOG" index --index "$T_TMP/ixpdf" tests/fixtures/minutes/odder_2020-10-22.pdf
t_match "PDF: 11 items" "1 file indexed, 0 unchanged, 0 failed; 11 items added" "$T_OUT"
t_eq "PDF: case number search" "$P/tests/fixtures/minutes/odder_2020-10-22.pdf#5" \
  "$("$REFSOG" search --index "$T_TMP/ixpdf" --json s2020-26746 | python3 -c 'import json,sys; print(json.load(sys.stdin)["hits"][0]["id"])')"

# --- analyze
t_match "analyze shows compound parts" '"parts":\["opioid","misbrug"\]' "$("$REFSOG" analyze --json opioidmisbruget)"
t_match "analyze shows the case key" "case=emn-24-1629" "$("$REFSOG" analyze 'EMN-24/0001629')"

# --- whole-number options: one parser (cli/args.h rs_args_number), no silent atoi
t_eq "serve --threads rejects a non-number" $'refsog: --threads takes 0 (one per core) to 1024\nrc=2' \
  "$("$REFSOG" serve --threads abc 2>&1; echo "rc=$?")"
t_eq "serve --port rejects trailing junk" $'refsog: --port takes 1-65535\nrc=2' "$("$REFSOG" serve --port 80x 2>&1; echo "rc=$?")"
t_eq "index --pdf-pages rejects a negative number" $'refsog: --pdf-pages takes a positive number\nrc=2' \
  "$("$REFSOG" index --pdf-pages -3 x 2>&1; echo "rc=$?")"

t_done
