#!/usr/bin/env bash
# test_portal.sh — what the portals publish, end to end (tests/fixtures/portal): HTML pages,
# sidecar metadata (the official URL on every hit, overrides of what the text says), attachments
# indexed with their item and named in the snippet, an agenda replaced by its minutes in any
# order, the meeting view (CLI and /api/meeting), and bad input named while the rest goes in.
source "$(dirname "$0")/lib.sh"
cd "$T_ROOT"
P=tests/fixtures/portal
A=$(pwd -P)/$P # sources are canonical paths (issue 17)
IX="$T_TMP/ix"
BURL="https://www.example-kommune.dk/politik/byraadet/2019-11-27/referat"
js() { "$REFSOG" search --index "$IX" --json -- "$1" | python3 -c "import json,sys; r=json.load(sys.stdin); print($2)"; }

t_status "index: one bad page fails, the rest goes in" 1 "$REFSOG" index --index "$IX" $P
t_match "summary: files, unstructured ones and the agenda replaced" \
  "^7 files indexed \(2 as one item\), 0 unchanged, 1 failed; 14 items added, 0 removed \(2 agenda items replaced by minutes\)" "$T_OUT"
t_match "an empty page is named" "bad/tom.html: the HTML page has no text \(skipped\)" "$T_OUT"
t_match "a sidecar that is not JSON is named" "bad/notat.meta.json: not JSON \(line 2" "$T_OUT"
t_match "a misspelt key is named" "bad/snerydning.meta.json: unknown key 'municpality'" "$T_OUT"
t_match "a missing attachment is named with its source" \
  "broenderslev/bilag/findes-ikke.pdf: No such file or directory \(attachment of $P/broenderslev/byraad-2019-11-27.html: skipped, the item is indexed\)" "$T_OUT"
t_match "an attachment file is not a source of its own" \
  "broenderslev/bilag/belysningsplan.pdf: an attachment of $P/broenderslev/byraad-2019-11-27.html, indexed with it" "$T_OUT"
t_eq "a file with a bad sidecar is still indexed" "1 $A/bad/notat.txt" "$(js vejsalt 'r["total"], r["hits"][0]["source"]' | tr -d "(),'")"
t_eq "… as is the file with the misspelt key" 1 "$(js snerydning 'r["total"]')"

# the HTML meeting page, its sidecar and its attachment
t_eq "HTML page: five items" 5 "$(js 'kommune:brønderslev' 'r["total"]')"
t_eq "every hit links to the official page" "['$BURL']" "$(js 'kommune:brønderslev' 'sorted({h["url"] for h in r["hits"]})')"
t_eq "the attachment's text finds its item, once" "1 $A/broenderslev/byraad-2019-11-27.html#4" \
  "$(js flagermusene 'r["total"], r["hits"][0]["id"]' | tr -d "(),'")"
t_eq "the snippet names the attachment it comes from" "Belysningsplan for Lindholm Å-stien" \
  "$(js flagermusene 'r["hits"][0]["snippet_attachment"]')"
t_eq "a snippet from the item's own text names none" "None" "$(js 'skolebørn' 'r["hits"][0].get("snippet_attachment")')"
t_match "CLI: the snippet is marked [bilag: …] and the URL printed" \
  "\[bilag: Belysningsplan for Lindholm Å-stien\].*flagermusene" "$("$REFSOG" search --index "$IX" flagermusene)"
t_match "CLI: the official URL is printed" "^   $BURL$" "$("$REFSOG" search --index "$IX" flagermusene)"
t_eq "bilag: searches attachment titles, the URL-only one too" "1" "$(js 'bilag:oversigtskort' 'r["total"]')"
t_eq "no chrome in the page's text" 0 "$(js '"til toppen" OR tilgængelighedserklæring' 'r["total"]')"

# an item page: the sidecar's title and committee over the text's
t_eq "item page: the sidecar's url, title, committee" \
  "https://www.example-kommune.dk/dagsordener/teknik-og-miljoudvalget/2020-03-11/punkt-6|Plan for cykelparkering ved S-togsstationer 2020-2024|Teknik- og Miljøudvalget|København" \
  "$(js cykelparkering '"|".join([r["hits"][0]["url"], r["hits"][0]["title"], r["hits"][0]["committee"], r["hits"][0]["municipality"]])')"

# agenda and minutes of the same meeting: the minutes replace the agenda
t_eq "a folder's _meta.json names the municipality" "['Odder']" "$(js 'udvalg:økonomiudvalget' 'sorted({h["municipality"] for h in r["hits"]})')"
t_eq "only the minutes of 5 March are found" "1 referat $A/odder/referat-2024-03-05.txt" \
  "$(js mindstepris 'r["total"], r["hits"][0]["kind"], r["hits"][0]["source"]' | tr -d "(),'")"
t_eq "the upcoming meeting's agenda stays" "2 ['2024-04-09']" \
  "$(js 'dokument:dagsorden' 'r["total"], sorted({h["date"] for h in r["hits"]})' | tr -d "(),")"
t_eq "kind facet counts = a click on it" \
  "$(js 'udvalg:økonomiudvalget dokument:dagsorden' 'r["total"]') $(js 'udvalg:økonomiudvalget dokument:referat' 'r["total"]')" \
  "$(js 'udvalg:økonomiudvalget' '{f["value"]: f["count"] for f in r["facets"]["kind"]}["dagsorden"], {f["value"]: f["count"] for f in r["facets"]["kind"]}["referat"]' | tr -d '(),')"
t_status "dokument: takes only the two kinds" 2 "$REFSOG" search --index "$IX" 'dokument:protokol'
t_match "… and says so" "dokument: takes dagsorden or referat" "$T_OUT"

# the other order: an agenda indexed after its minutes does not come back
IX2="$T_TMP/ix2"
mkdir -p "$T_TMP/o"
"$REFSOG" index --quiet --index "$IX2" $P/odder/referat-2024-03-05.txt
t_status "agenda after minutes: indexed" 0 "$REFSOG" index --index "$IX2" $P/odder/dagsorden-2024-03-05.txt
t_match "… and not added: its items are replaced at once" "0 items added, 0 removed \(2 agenda items replaced by minutes\)" "$T_OUT"
t_eq "… so a search finds the minutes only" "1 referat" \
  "$("$REFSOG" search --index "$IX2" --json mindstepris | python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["total"], r["hits"][0]["kind"])')"

IX4="$T_TMP/ix4"
"$REFSOG" index --quiet --index "$IX4" $P/odder/dagsorden-2024-03-05.txt
t_eq "agenda alone: found" "1 dagsorden" \
  "$("$REFSOG" search --index "$IX4" --json mindstepris | python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["total"], r["hits"][0]["kind"])')"
t_status "minutes after the agenda" 0 "$REFSOG" index --index "$IX4" $P/odder/referat-2024-03-05.txt
t_match "… replace it in their own transaction" "2 items added, 0 removed \(2 agenda items replaced by minutes\)" "$T_OUT"
t_eq "… so the stats count the minutes' items only" 2 "$("$REFSOG" stats --index "$IX4" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"])')"
t_eq "case history carries the official URL" "https://www.example-kommune.dk/politik/oekonomiudvalget/2024-03-05/referat referat" \
  "$("$REFSOG" case --index "$IX4" --json 24/3101 | python3 -c 'import json,sys; r=json.load(sys.stdin)["items"]; print(len(r) == 1 and r[0]["url"], r[0]["kind"])')"

# unchanged files are skipped; a changed sidecar or attachment re-indexes its file
cp -r $P/broenderslev "$T_TMP/b"
IX3="$T_TMP/ix3"
"$REFSOG" index --quiet --index "$IX3" "$T_TMP/b" 2>/dev/null
t_status "re-index: unchanged" 0 "$REFSOG" index --index "$IX3" "$T_TMP/b"
t_match "… nothing to do" "^0 files indexed, 1 unchanged" "$T_OUT"
sed -i 's|/referat"|/referat-rettet"|' "$T_TMP/b/byraad-2019-11-27.meta.json"
t_status "re-index after the sidecar changed" 0 "$REFSOG" index --index "$IX3" "$T_TMP/b"
t_match "… the file is indexed again" "^1 file indexed" "$T_OUT"
t_eq "… with the new URL" "$BURL-rettet" \
  "$("$REFSOG" search --index "$IX3" --json flagermusene | python3 -c 'import json,sys; print(json.load(sys.stdin)["hits"][0]["url"])')"

# parse shows what the index gets
t_status "parse --json: sidecar and attachment" 0 "$REFSOG" parse --json $P/broenderslev/byraad-2019-11-27.html
t_eq "parse: url, and the attachment section flagged" "$BURL ['Bilag: Belysningsplan for Lindholm Å-stien']" \
  "$(printf '%s' "$T_OUT" | sed -n '/^{/,$p' | python3 -c 'import json,sys; j=json.load(sys.stdin); print(j["url"], [s["heading"] for it in j["items"] for s in it["sections"] if s.get("attachment")])')"

# the meeting view: CLI and HTTP
MID="$P/broenderslev/byraad-2019-11-27.html"
t_status "meeting: the whole meeting" 0 "$REFSOG" meeting --index "$IX" "$MID"
t_match "meeting: heading and URL" "^Byrådet · Brønderslev · 2019-11-27 · referat" "$T_OUT"
t_eq "meeting: items in agenda order" "1 2 3 4 5" "$(printf '%s' "$T_OUT" | sed -n 's/^  Punkt \([0-9]*\):.*/\1/p' | tr '\n' ' ' | sed 's/ $//')"
t_eq "meeting: a file that names no kind is minutes in the meeting view as in its hits" "referat referat" \
  "$("$REFSOG" meeting --index "$IX" --json $P/bad/notat.txt | python3 -c 'import json,sys; print(json.load(sys.stdin)["kind"], end=" ")'; js vejsalt 'r["hits"][0]["kind"]')"
t_status "meeting: unknown id" 1 "$REFSOG" meeting --index "$IX" nope.txt
t_match "… is said" "nope.txt" "$T_OUT"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$REFSOG" serve --index "$IX" --port "$port" --web web 2>"$T_TMP/serve.log" & pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$T_TMP"' EXIT
B="http://127.0.0.1:$port"
for i in $(seq 1 50); do curl -sf "$B/healthz" >/dev/null && break; sleep 0.1; done
enc=$(python3 -c "import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1], safe=''))" "$MID")
t_eq "/api/meeting: 200" 200 "$(curl -s -o "$T_TMP/m.json" -w '%{http_code}' "$B/api/meeting/$enc")"
t_eq "/api/meeting: url, items, the item with the attachment" "$BURL 5 4" \
  "$(python3 -c "import json; r=json.load(open('$T_TMP/m.json')); print(r['url'], len(r['items']), r['items'][3]['number'])")"
t_eq "/api/meeting: unknown is 404" 404 "$(curl -s -o /dev/null -w '%{http_code}' "$B/api/meeting/nope.txt")"
t_eq "/api/search: the hit's url and kind" "$BURL referat" \
  "$(curl -s "$B/api/search?q=flagermusene" | python3 -c 'import json,sys; h=json.load(sys.stdin)["hits"][0]; print(h["url"], h["kind"])')"
t_eq "/api/search: dokument= is the dokument: filter" "$(js 'dokument:dagsorden' 'r["total"]')" \
  "$(curl -s "$B/api/search?q=udvalg:%C3%B8konomiudvalget&dokument=dagsorden" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')"
t_done
