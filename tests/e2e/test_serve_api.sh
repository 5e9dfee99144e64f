#!/usr/bin/env bash
# test_serve_api.sh — `refsog serve` on a free loopback port over the sample minutes: hits, facets,
# filters, case history, item view, stats, the Atom feed, static files, and every error status.
source "$(dirname "$0")/lib.sh"
cd "$T_ROOT"
IX="$T_TMP/ix"
"$REFSOG" index --quiet --index "$IX" data/sample
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$REFSOG" serve --index "$IX" --port "$port" --web web 2>"$T_TMP/serve.log" & pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$T_TMP"' EXIT
B="http://127.0.0.1:$port"
for i in $(seq 1 50); do curl -sf "$B/healthz" >/dev/null && break; sleep 0.1; done
t_eq "healthz" '{"status":"ok"}' "$(curl -s "$B/healthz")"

# status code and body: req URL [curl args]
req() { local url=$1; shift; curl -s -o "$T_TMP/body" -w '%{http_code}' "$@" "$url"; }
jq_() { python3 -c "import json,sys; r=json.load(open('$T_TMP/body')); print($1)"; }

t_eq "search: 200" 200 "$(req "$B/api/search?q=misbrug")"
t_eq "search: same hits as the CLI" "$("$REFSOG" search --index "$IX" --json misbrug | python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["total"], [h["id"] for h in r["hits"]])')" \
  "$(jq_ 'r["total"], [h["id"] for h in r["hits"]]' | sed 's/^(//; s/)$//; s/, \[/ [/')"
t_eq "search: facets" "[('Esbjerg', 3), ('Lolland', 1)]" "$(jq_ '[(f["value"], f["count"]) for f in r["facets"]["municipality"]]')"
t_eq "filter parameters = query filters" "$(req "$B/api/search?q=dato:..2100%20kommune:odder" >/dev/null; jq_ 'r["total"]')" \
  "$(req "$B/api/search?q=dato:..2100&kommune=Odder" >/dev/null; jq_ 'r["total"]')"
t_eq "fra/til parameters" 19 "$(req "$B/api/search?q=-zzqx&fra=2020&til=2020-12-31" >/dev/null; jq_ 'r["total"]')"
t_eq "repeated filter parameters are OR'ed (as kommune:A kommune:B)" \
  "$(req "$B/api/search?q=misbrug%20kommune:esbjerg%20kommune:lolland" >/dev/null; jq_ 'r["total"]')" \
  "$(req "$B/api/search?q=misbrug&kommune=Esbjerg&kommune=Lolland" >/dev/null; jq_ 'r["total"]')"
t_nomatch "… and more than the first alone" "^$(req "$B/api/search?q=misbrug&kommune=Esbjerg" >/dev/null; jq_ 'r["total"]')\$" \
  "$(req "$B/api/search?q=misbrug&kommune=Esbjerg&kommune=Lolland" >/dev/null; jq_ 'r["total"]')"
t_eq "every answer says its page and time" "True True True" \
  "$(req "$B/api/search?q=misbrug&limit=3&offset=1" >/dev/null; jq_ 'r["limit"] == 3, r["offset"] == 1, r["took_ms"] >= 0' | tr -d '(),')"
t_eq "an empty q lists every item, newest first" "45 True" \
  "$(req "$B/api/search?q=&limit=100" >/dev/null; jq_ 'r["total"], [h["date"] for h in r["hits"]] == sorted([h["date"] for h in r["hits"]], reverse=True)' | tr -d '(),')"
t_eq "a bare filter browses a committee" "$(req "$B/api/search?q=udvalg:arbejdsmarkedsudvalget" >/dev/null; jq_ 'r["total"]')" \
  "$(req "$B/api/search?udvalg=Arbejdsmarkedsudvalget" >/dev/null; jq_ 'r["total"]')"
# disjunctive facets: with kommune=Esbjerg the municipality facet still shows Lolland, counted as
# its own filter would count it; the other facets are counted under the filter
lol=$(req "$B/api/search?q=misbrug&kommune=Lolland" >/dev/null; jq_ 'r["total"]')
t_eq "disjunctive facets: another municipality's count equals its own search" "$lol" \
  "$(req "$B/api/search?q=misbrug&kommune=Esbjerg&facets=disjunctive" >/dev/null; jq_ '[v["count"] for v in r["facets"]["municipality"] if v["value"] == "Lolland"][0]')"
t_eq "… conjunctive (the default) shows only Esbjerg" "['Esbjerg']" \
  "$(req "$B/api/search?q=misbrug&kommune=Esbjerg" >/dev/null; jq_ '[v["value"] for v in r["facets"]["municipality"]]')"
t_eq "… the other facets are counted under the filter" \
  "$(req "$B/api/search?q=misbrug&kommune=Esbjerg" >/dev/null; jq_ 'r["facets"]["year"]')" \
  "$(req "$B/api/search?q=misbrug&kommune=Esbjerg&facets=disjunctive" >/dev/null; jq_ 'r["facets"]["year"]')"
t_eq "the server's counts are exact" "True" "$(req "$B/api/search?q=kommune" >/dev/null; jq_ 'r["exact"]')"
t_eq "facets= takes conjunctive or disjunctive" 400 "$(req "$B/api/search?q=misbrug&facets=x")"
# near matches: the items with some of the words below a page the full matches do not fill
t_eq "near matches: the CLI's, with what each lacks" \
  "$("$REFSOG" search --index "$IX" --json 'mentor frivillige unge' | python3 -c 'import json,sys; r=json.load(sys.stdin); print([(h["id"], h["missing"]) for h in r["near"]])')" \
  "$(req "$B/api/search?q=mentor%20frivillige%20unge" >/dev/null; jq_ '[(h["id"], h["missing"]) for h in r["near"]]')"
t_match "… there are some" "missing" "$(cat "$T_TMP/body")"
t_eq "near=off leaves them out" "[]" "$(req "$B/api/search?q=mentor%20frivillige%20unge&near=off" >/dev/null; jq_ 'r["near"]')"
t_eq "near= takes on or off" 400 "$(req "$B/api/search?q=misbrug&near=x")"
# committees keyed by municipality (issue 18): same-named committees of two municipalities are two
# values "Udvalg (Kommune)", each counted as the hits its filter gives; the bare name takes both
t_eq "committee facet: one value per committee and municipality" \
  "[('Social & Arbejdsmarkedsudvalget (Esbjerg)', 'Social & Arbejdsmarkedsudvalget', 'Esbjerg'), ('Social- og Arbejdsmarkedsudvalget (Lolland)', 'Social- og Arbejdsmarkedsudvalget', 'Lolland')]" \
  "$(req "$B/api/search?q=&facets=disjunctive" >/dev/null; jq_ '[(v["value"], v["committee"], v["municipality"]) for v in r["facets"]["committee"] if "Arbejdsmarked" in v["value"] and "Social" in v["value"]]')"
req "$B/api/search?q=&limit=1" >/dev/null
python3 -c "import json; print('\n'.join('%s\t%d' % (v['value'], v['count']) for v in json.load(open('$T_TMP/body'))['facets']['committee']))" > "$T_TMP/committees"
bad=""
while IFS=$'\t' read -r v n; do
  got=$(req "$B/api/search?q=&limit=1&udvalg=$(python3 -c 'import sys,urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$v")" >/dev/null; jq_ 'r["total"]')
  [ "$got" = "$n" ] || bad="$bad [$v: facet $n, filter $got]"
done < "$T_TMP/committees"
t_eq "every committee value: its count = the hits its filter gives ($(wc -l < "$T_TMP/committees") values)" "" "$bad"
t_eq "… the filter takes only that municipality" "['Lolland']" \
  "$(req "$B/api/search?q=&limit=100&udvalg=Social-%20og%20Arbejdsmarkedsudvalget%20(Lolland)" >/dev/null; jq_ 'sorted(set(h["municipality"] for h in r["hits"]))')"
t_eq "… the same as the query language's udvalg:\"Udvalg (Kommune)\"" "8" \
  "$(req "$B/api/search?q=udvalg:%22Social-%20og%20Arbejdsmarkedsudvalget%20(Lolland)%22" >/dev/null; jq_ 'r["total"]')"
t_eq "a committee without its municipality: every municipality, as before" "['Esbjerg', 'Lolland']" \
  "$(req "$B/api/search?q=&limit=100&udvalg=Social-%20og%20Arbejdsmarkedsudvalget" >/dev/null; jq_ 'sorted(set(h["municipality"] for h in r["hits"]))')"
t_eq "a misspelt municipality: a warning naming the committee in the right one" \
  'udvalg:"Social- og Arbejdsmarkedsudvalget (Lollan)": ingen punkter har det udvalg; mente du Social- og Arbejdsmarkedsudvalget (Lolland)?' \
  "$(req "$B/api/search?q=&udvalg=Social-%20og%20Arbejdsmarkedsudvalget%20(Lollan)" >/dev/null; jq_ 'r["warnings"][0]')"
t_eq "stats: committees with their municipality" "True" \
  "$(req "$B/api/stats" >/dev/null; jq_ 'all(v["value"] == "%s (%s)" % (v["committee"], v["municipality"]) for v in r["committees"])')"
# the hit names every committee that treated the item
t_eq "hits carry every committee that treated the item" "True True" \
  "$(req "$B/api/search?q=&limit=100&udvalg=B%C3%B8rn%20%26%20Skoleudvalget%20(Esbjerg)" >/dev/null; jq_ 'all("Børn & Skoleudvalget" in h["committees"] for h in r["hits"]), any(h["committees"][0] == h["committee"] != "Børn & Skoleudvalget" for h in r["hits"])' | tr -d '(),')"
# several separate years: aar= repeated (OR), the year facet counted as the hits each gives
y20=$(req "$B/api/search?q=&aar=2020" >/dev/null; jq_ 'r["total"]')
y24=$(req "$B/api/search?q=&aar=2024" >/dev/null; jq_ 'r["total"]')
t_eq "aar=2020&aar=2024: the hits of both years" "$((y20 + y24))" "$(req "$B/api/search?q=&aar=2020&aar=2024" >/dev/null; jq_ 'r["total"]')"
t_eq "… disjunctive year counts = the hits each year gives" "$y20 $y24" \
  "$(req "$B/api/search?q=&aar=2024&facets=disjunctive" >/dev/null; jq_ '" ".join(str(v["count"]) for y in ("2020", "2024") for v in r["facets"]["year"] if v["value"] == y)')"
t_eq "… the query language's aar:2020" "$y20" "$(req "$B/api/search?q=aar:2020" >/dev/null; jq_ 'r["total"]')"
t_eq "aar= takes a year" "400 malformed_query None" "$(c=$(req "$B/api/search?q=&aar=20x"); echo "$c $(jq_ 'r["code"], r["position"]' | tr -d "(),'")")"
# errors in Danish from the one table (errors_da.c), the position in characters of the query
t_eq "error: Danish message and position" "Et anførselstegn (\") er ikke lukket. Tilføj det afsluttende anførselstegn, eller fjern det. 8" \
  "$(req "$B/api/search?q=misbrug%20%22abc" >/dev/null; jq_ 'r["message"], r["position"]')"
t_eq "error: the position counts characters, not bytes" "5 6" \
  "$(req "$B/api/search?q=%C3%A6ble%20(x" >/dev/null; jq_ 'r["position"], r["error"].split("at byte ")[1].split()[0]' | tr -d "(),'")"
t_eq "error: a bad parameter in Danish" "Ukendt sortering. Vælg relevans, nyeste eller ældste først." \
  "$(req "$B/api/search?q=a&sort=x" >/dev/null; jq_ 'r["message"]')"
t_eq "paging: offset" "$(req "$B/api/search?q=dato:..2100&limit=2" >/dev/null; jq_ 'r["hits"][1]["id"]')" \
  "$(req "$B/api/search?q=dato:..2100&limit=1&offset=1" >/dev/null; jq_ 'r["hits"][0]["id"]')"
t_eq "sort -date" "2025-01-21" "$(req "$B/api/search?q=misbrug&sort=-date" >/dev/null; jq_ 'r["hits"][0]["date"]')"
t_eq "case history" "200 1 4" "$(c=$(req "$B/api/case/27.00.00-P22-1-20"); echo "$c $(jq_ 'len(r["items"]), len(r["items"][0]["decisions"])' | tr -d '(),')")"
t_eq "item view (id with / and #)" "200 Orientering om den aktuelle situation vedrørende opiater i Esbjerg kommune" \
  "$(c=$(req "$B/api/item/data/sample/000_082cc86b9df59ed8.txt%232"); echo "$c $(jq_ 'r["title"]')")"
t_eq "stats" "200 45" "$(c=$(req "$B/api/stats"); echo "$c $(jq_ 'r["items"]')")"

# errors: JSON with a message and the right status, never 500 for bad input
t_eq "malformed query: 400" 400 "$(req "$B/api/search?q=%22misbrug")"
t_match "malformed query: message" "unbalanced quote" "$(cat "$T_TMP/body")"
t_eq "impossible date: 400" 400 "$(req "$B/api/search?q=dato:2023-02-30")"
t_eq "bad limit: 400" 400 "$(req "$B/api/search?q=a&limit=5000")"
t_eq "bad sort: 400" 400 "$(req "$B/api/search?q=a&sort=x")"
t_eq "filter with a quote: 400" 400 "$(req "$B/api/search?q=a&kommune=%22x")"
t_eq "no q at all: browse (200), as an empty q" 200 "$(req "$B/api/search")"
t_eq "unknown type filter: 400" 400 "$(req "$B/api/search?q=misbrug&type=m%C3%B8de")"
t_eq "unknown outcome in the query: 400" 400 "$(req "$B/api/search?q=udfald:xyz")"
t_eq "not a case number: 400" 400 "$(req "$B/api/case/hello")"
t_eq "unknown item: 404" 404 "$(req "$B/api/item/nope%231")"
t_eq "unknown endpoint: 404" 404 "$(req "$B/api/nope")"
t_eq "POST: 405" 405 "$(req "$B/api/search" -X POST)"
t_eq "request body: 413" 413 "$(req "$B/api/search" -X GET --data-binary @data/sample/000_082cc86b9df59ed8.txt)"
long=$(python3 -c 'print("aaaa%20" * 1000)')
t_eq "query over 4 KiB: 413" 413 "$(req "$B/api/search?q=$long")"
t_eq "oversized headers: 431" "431" "$(req "$B/healthz" -H "X-Big: $(head -c 70000 /dev/zero | tr '\0' a)")"
t_match "errors are JSON" '^\{"error":' "$(req "$B/api/nope" >/dev/null; cat "$T_TMP/body")"

# malformed HTTP: a clear 400 from the server, which keeps serving
raw() { python3 -c "
import socket,sys
s=socket.create_connection(('127.0.0.1',$port)); s.settimeout(5)
s.sendall(sys.argv[1].encode('latin-1'))
try: print(s.recv(200).decode('latin-1').split('\\r\\n')[0])
except Exception as e: print('no answer', e)" "$1"; }
g=$(raw $'GARBAGE\r\n\r\n'); case "$g" in ""|"HTTP/1.1 400"*) g=ok;; esac
t_eq "garbage request line: 400 or connection closed" ok "$g"
t_match "unknown HTTP version: 505" "^HTTP/1.[01] 505" "$(raw $'GET / HTTP/9.9\r\n\r\n')"
t_match "missing HTTP version: 400" "^HTTP/1.[01] 400" "$(raw $'GET /healthz\r\nHost: x\r\n\r\n')"
t_match "oversized request line refused" "^HTTP/1.[01] 41[34]" "$(raw "GET /api/search?q=$(head -c 80000 /dev/zero | tr '\0' a) HTTP/1.1"$'\r\nHost: x\r\n\r\n')"
t_eq "still serving after malformed requests" '{"status":"ok"}' "$(curl -s "$B/healthz")"

# security headers and static files
hdrs=$(curl -sI "$B/api/search?q=misbrug")
t_match "nosniff" "X-Content-Type-Options: nosniff" "$hdrs"
t_match "CSP" "Content-Security-Policy: default-src 'self'" "$hdrs"
t_match "JSON content type" "Content-Type: application/json; charset=utf-8" "$hdrs"
t_eq "page: 200 html" "200" "$(req "$B/")"
t_match "page is the search page" "<title>Referatsøg</title>" "$(cat "$T_TMP/body")"
t_eq "app.js served" "200" "$(req "$B/app.js")"
t_eq "path traversal refused" "404" "$(req "$B/..%2FMakefile" --path-as-is)"
t_eq "path traversal refused (raw)" "404" "$(req "$B/../Makefile" --path-as-is)"
t_eq "dot files refused" "404" "$(req "$B/.git" --path-as-is)"

# Atom feed: valid XML, Atom namespace, newest meeting first
t_eq "feed: 200" 200 "$(req "$B/feed.atom?q=misbrug")"
t_eq "feed parses, newest first" "4 True" "$(python3 -c "
import xml.etree.ElementTree as ET
ns={'a':'http://www.w3.org/2005/Atom'}
root=ET.parse('$T_TMP/body').getroot()
assert root.tag=='{http://www.w3.org/2005/Atom}feed'
for tag in ('title','id','updated'): assert root.find('a:'+tag, ns) is not None
es=root.findall('a:entry', ns)
for e in es:
    for tag in ('title','id','updated'): assert e.find('a:'+tag, ns) is not None
d=[e.find('a:updated', ns).text for e in es]
print(len(es), d==sorted(d, reverse=True))")"

# issue 18: the page's own URLs, error codes, gzip, validators, absolute feed links
for u in "/punkt/%2Fsrv%2Fx.txt%231" "/sag/23%2F15645" "/moede/%2Fsrv%2Fx.txt" "/?q=misbrug&kommune=Esbjerg"; do
  t_eq "page URL $u: the page" "200 1" "$(c=$(req "$B$u"); echo "$c $(grep -c '<script src="/app.js">' "$T_TMP/body")")"
done
t_eq "error code: malformed query" "400 malformed_query" "$(c=$(req "$B/api/search?q=%22abc"); echo "$c $(jq_ 'r["code"]')")"
t_match "error message keeps the byte offset" "at byte 0" "$(jq_ 'r["error"]')"
t_eq "error code: bad parameter" "400 bad_parameter" "$(c=$(req "$B/api/search?q=a&sort=x"); echo "$c $(jq_ 'r["code"]')")"
t_eq "error code: not found" "404 not_found" "$(c=$(req "$B/api/item/nowhere%231"); echo "$c $(jq_ 'r["code"]')")"
t_eq "error code: unknown endpoint" "404 not_found" "$(c=$(req "$B/api/nope"); echo "$c $(jq_ 'r["code"]')")"
t_eq "error code: too large" "413 too_large" "$(c=$(req "$B/api/search?q=$(head -c 5000 /dev/zero | tr '\0' a)"); echo "$c $(jq_ 'r["code"]')")"
t_eq "took_ms, limit, offset in a search" "True 3 2" "$(req "$B/api/search?q=misbrug&limit=3&offset=2" >/dev/null; jq_ 'isinstance(r["took_ms"], (int, float)), r["limit"], r["offset"]' | tr -d '(),')"
gz() { curl -s -D "$T_TMP/h" -o "$T_TMP/gz" -H 'Accept-Encoding: gzip' "$1"; grep -ci '^content-encoding: gzip' "$T_TMP/h"; }
t_eq "gzip: JSON" 1 "$(gz "$B/api/search?q=misbrug")"
t_eq "gzip: JSON decompresses to the same answer" "4" "$(python3 -c "import gzip,json; print(json.loads(gzip.open('$T_TMP/gz').read())['total'])")"
t_eq "gzip: app.js" 1 "$(gz "$B/app.js")"
t_eq "gzip: not without Accept-Encoding" 0 "$(curl -s -D- -o /dev/null "$B/app.js" | grep -ci '^content-encoding')"
t_eq "gzip: not when refused (q=0)" 0 "$(curl -s -D- -o /dev/null -H 'Accept-Encoding: gzip;q=0' "$B/app.js" | grep -ci '^content-encoding')"
h=$(curl -s -D- -o /dev/null "$B/style.css")
t_match "static: Cache-Control no-cache" '[Cc]ache-[Cc]ontrol: no-cache' "$h"
etag=$(printf '%s' "$h" | grep -i '^etag:' | cut -d' ' -f2 | tr -d '\r')
lm=$(printf '%s' "$h" | grep -i '^last-modified:' | cut -d' ' -f2- | tr -d '\r')
t_match "static: an ETag" '^"[0-9a-f]+-[0-9a-f]+"$' "$etag"
t_eq "static: If-None-Match -> 304" 304 "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$B/style.css")"
t_eq "static: If-Modified-Since -> 304" 304 "$(curl -s -o /dev/null -w '%{http_code}' -H "If-Modified-Since: $lm" "$B/style.css")"
t_eq "static: a stale ETag -> 200" 200 "$(curl -s -o /dev/null -w '%{http_code}' -H 'If-None-Match: "0-0"' "$B/style.css")"
t_match "API answers: no-store" '[Cc]ache-[Cc]ontrol: no-store' "$(curl -s -D- -o /dev/null "$B/api/search?q=misbrug")"
t_eq "feed for a bare filter: 200" 200 "$(req "$B/feed.atom?kommune=Lolland" -H 'Host: referater.example:8080')"
t_eq "feed: absolute links, rel=self, newest first" "True True True True" "$(python3 -c "
import xml.etree.ElementTree as ET
ns={'a':'http://www.w3.org/2005/Atom'}
root=ET.parse('$T_TMP/body').getroot()
links={l.get('rel'): l.get('href') for l in root.findall('a:link', ns)}
es=root.findall('a:entry', ns)
hrefs=[e.find('a:link', ns).get('href') for e in es]
d=[e.find('a:updated', ns).text for e in es]
print(links.get('self')=='http://referater.example:8080/feed.atom?kommune=Lolland',
      links.get('alternate')=='http://referater.example:8080/?kommune=Lolland',
      len(es)>0 and all(h.startswith('http://referater.example:8080/punkt/%2F') for h in hrefs), d==sorted(d, reverse=True))")"
t_eq "feed: a bad Host is not echoed" 0 "$(req "$B/feed.atom?q=misbrug" -H 'Host: evil"><x' >/dev/null; grep -c 'evil' "$T_TMP/body")"

# issue 14, item 11: every path answers; bad percent-encoding and NUL are 400; the feed stays XML
for u in "/api/item/%FF" "/api/case/%FF" "/api/search?q=%FF" "/api/search?q=a%zz" "/api/item/x%00y" \
         "/%00" "/index.html%00.txt" "/api/search?q=%C3" "/feed.atom?q=%E2%82"; do
  t_eq "bad target $u: 400 with a JSON message" "400 True" \
    "$(c=$(req "$B$u" --path-as-is); echo "$c $(python3 -c "import json; print('error' in json.load(open('$T_TMP/body')))" 2>/dev/null)")"
done
t_eq "an id with a control character: 404, still JSON" "404 True" \
  "$(c=$(req "$B/api/item/x%01y"); echo "$c $(python3 -c "import json; print('error' in json.load(open('$T_TMP/body')))" 2>/dev/null)")"
for q in "misbrug%01" "misbrug%0B" "misbrug%EF%BF%BE" "misbrug%EF%BF%BF%1F"; do
  t_eq "feed q=$q: well-formed XML" "200 ok" "$(c=$(req "$B/feed.atom?q=$q"); echo "$c $(python3 -c "
import xml.etree.ElementTree as ET; ET.parse('$T_TMP/body'); print('ok')" 2>/dev/null)")"
done
t_eq "still serving after bad targets" '{"status":"ok"}' "$(curl -s "$B/healthz")"

# the server picks up what the indexer commits while it runs
cp data/sample/000_082cc86b9df59ed8.txt "$T_TMP/new.txt"
sed -i 's/^Punkt 2: .*/Punkt 2: Orientering om vandløbsregulativer/' "$T_TMP/new.txt"
"$REFSOG" index --quiet --index "$IX" "$T_TMP/new.txt"
t_eq "reopen after a commit" 1 "$(req "$B/api/search?q=vandløbsregulativer" >/dev/null; jq_ 'r["total"]')"
t_done
