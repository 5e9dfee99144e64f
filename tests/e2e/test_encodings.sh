#!/usr/bin/env bash
# test_encodings.sh — minutes that are not UTF-8 in NFC (issue 17, item 7): a Windows-1252 export
# is converted (named on stderr, counted in the summary, its æøå searchable), an NFD file's
# municipality is recognised, a Windows-1252 attachment and a UTF-16 file are converted, and a
# file of control bytes is still refused as binary.
source "$(dirname "$0")/lib.sh"
cd "$T_ROOT"
IN="$T_TMP/in"
IX="$T_TMP/ix"
mkdir -p "$IN/bilag"
js() { "$REFSOG" search --index "$IX" --json -- "$1" | python3 -c "import json,sys; r=json.load(sys.stdin); print($2)"; }
pj() { "$REFSOG" parse --json "$1" 2>/dev/null | python3 -c "import json,sys; r=json.load(sys.stdin); print($2)"; }

# Windows-1252 minutes as an old ESDH system exports them: æ ø å Ø, €, curly quotes, en dash, CRLF
iconv -f UTF-8 -t WINDOWS-1252 > "$IN/naestved-1252.txt" <<'EOF'
REFERAT
Økonomiudvalget
Mødedato: 12. marts 2024 kl. 16:00
Mødested: Næstved Rådhus, mødelokale 2

Punkt 1: Tilskud til fælles køkkenhaver
Sag 24/4711

Sagsfremstilling
Haveforeningen Grønne Gårde søger 25.000 € til “fælles grøntsagsbede” – også til skolens elever.

Beslutning
Godkendt.

Punkt 2: Orientering om vejarbejde på Ringstedgade
Sag 24/4712

Sagsfremstilling
Vejarbejdet varer til udgangen af maj. Kørsel ad omkørslen via Åvænget.

Beslutning
Taget til efterretning.
EOF
sed -i 's/$/\r/' "$IN/naestved-1252.txt"
t_eq "fixture: the Windows-1252 file is not UTF-8" "no" \
  "$(python3 -c "import sys; open(sys.argv[1],'rb').read().decode('utf-8')" "$IN/naestved-1252.txt" 2>/dev/null && echo yes || echo no)"

# the same kind of minutes in NFD (as macOS writes names and some exports write text): å = a + U+030A
python3 - "$IN/aarhus-nfd.txt" <<'PY'
import sys, unicodedata
t = """REFERAT
Teknisk Udvalg
Mødedato: 4. april 2024 kl. 15:00
Mødested: Aarhus Rådhus, lokale 390

Punkt 1: Ny sti langs åen
Sag 24/999

Sagsfremstilling
Stien går fra Åby til Brabrand Sø og får belysning på broerne.

Beslutning
Godkendt.
"""
open(sys.argv[1], "w", encoding="utf-8").write(unicodedata.normalize("NFD", t))
PY
t_eq "fixture: the NFD file has a combining ring" "yes" \
  "$(python3 -c "import sys; print('yes' if '\u030a' in open(sys.argv[1], encoding='utf-8').read() else 'no')" "$IN/aarhus-nfd.txt")"

# UTF-16LE with a BOM (Windows "Unicode" text)
{ printf '\xff\xfe'; printf 'Notat om vintervedligeholdelse\n\nSaltning af cykelstierne på Søndergade fra 1. november.\n' | iconv -f UTF-8 -t UTF-16LE; } > "$IN/notat-utf16.txt"

# a UTF-8 file with a Windows-1252 attachment (named by its sidecar)
cat > "$IN/vejle.txt" <<'EOF'
REFERAT
Vejle Kommune, Teknisk Udvalg
Mødedato: 5. marts 2024 kl. 15:00

Punkt 1: Ansøgning om byhaver

Sagsfremstilling
Ansøgningen er vedlagt som bilag.

Beslutning
Godkendt.
EOF
printf '{"attachments": [{"path": "bilag/ansoegning.txt", "title": "Ansøgning fra beboerne", "item": "1"}]}\n' > "$IN/vejle.meta.json"
printf 'Vi ønsker plantekasser med jordbær og rødbeder i gården.\n' | iconv -f UTF-8 -t WINDOWS-1252 > "$IN/bilag/ansoegning.txt"

t_status "index: converted files go in, exit 0" 0 "$REFSOG" index --index "$IX" "$IN"
t_match "the Windows-1252 file is named on stderr" "naestved-1252.txt: read as Windows-1252, converted to UTF-8" "$T_OUT"
t_match "the UTF-16 file is named on stderr" "notat-utf16.txt: read as UTF-16LE, converted to UTF-8" "$T_OUT"
t_match "the attachment's conversion is named with its source" \
  "bilag/ansoegning.txt: attachment of $IN/vejle.txt read as Windows-1252, converted to UTF-8" "$T_OUT"
t_nomatch "the NFD file is not called converted" "aarhus-nfd.txt: read as" "$T_OUT"
t_match "the summary counts the conversions" "^4 files indexed \(1 as one item, 2 converted to UTF-8\), 0 unchanged, 0 failed" "$T_OUT"

t_eq "a word with ø finds the Windows-1252 minutes" "1 $IN/naestved-1252.txt#1" \
  "$(js grøntsagsbede 'r["total"], r["hits"][0]["id"]' | tr -d "(),'")"
t_eq "its title keeps æ and ø" "Tilskud til fælles køkkenhaver" "$(js grøntsagsbede 'r["hits"][0]["title"]')"
t_eq "… and € and the curly quotes survive in the snippet" "True" \
  "$(js grøntsagsbede '"25.000 € til “fælles" in r["hits"][0]["snippet"].replace("<b>","").replace("</b>","").replace("*","")')"
t_eq "Åvænget (Å in Windows-1252) is found" 1 "$(js åvænget 'r["total"]')"
t_eq "the municipality of the Windows-1252 minutes is read from Næstved Rådhus" 2 "$(js 'kommune:næstved' 'r["total"]')"
t_eq "the NFD minutes are found under Aarhus" 1 "$(js 'kommune:aarhus' 'r["total"]')"
t_eq "the UTF-16 note is found by a word with ø" 1 "$(js søndergade 'r["total"]')"
t_eq "the Windows-1252 attachment's words find its item" "1 $IN/vejle.txt#1" \
  "$(js rødbeder 'r["total"], r["hits"][0]["id"]' | tr -d "(),'")"

t_eq "parse --json: the encoding and the municipality of the Windows-1252 file" "windows-1252 Næstved place" \
  "$(pj "$IN/naestved-1252.txt" 'r["encoding"], r["municipality"], r["municipality_from"]' | tr -d "(),'")"
t_eq "parse --json: the NFD file's municipality is recognised, it was UTF-8" "None Aarhus place Aarhus Rådhus lokale 390" \
  "$(pj "$IN/aarhus-nfd.txt" 'r["encoding"], r["municipality"], r["municipality_from"], r["place"]' | tr -d "(),'")"
t_eq "parse --json: its text is NFC" "Ny sti langs åen" "$(pj "$IN/aarhus-nfd.txt" 'r["items"][0]["title"]')"
"$REFSOG" parse "$IN/naestved-1252.txt" >/dev/null 2>"$T_TMP/parse.err"
t_match "parse: the conversion is said on stderr" "naestved-1252.txt: read as Windows-1252, converted to UTF-8" "$(cat "$T_TMP/parse.err")"

t_status "re-index: nothing changed" 0 "$REFSOG" index --index "$IX" "$IN"
t_match "re-index: unchanged files are not converted again" "^0 files indexed, 4 unchanged" "$T_OUT"

# one encoding in the run: named in the summary
mkdir -p "$T_TMP/one"
cp "$IN/naestved-1252.txt" "$T_TMP/one/a.txt"
sed 's/24\/4711/24\/4811/; s/24\/4712/24\/4812/' "$IN/naestved-1252.txt" > "$T_TMP/one/b.txt"
t_status "index two Windows-1252 files" 0 "$REFSOG" index --index "$T_TMP/ix1" "$T_TMP/one"
t_match "the summary names the one encoding" "^2 files indexed \(2 converted from Windows-1252\)" "$T_OUT"

# binary data without NUL bytes is still refused
mkdir -p "$T_TMP/bad"
cp "$IN/vejle.txt" "$T_TMP/bad/good.txt"
printf '\x01\x02\x03\x04\x05\x06\x07\x08\xff\xfe\x0e\x0f\x10\x11\x12\x13' > "$T_TMP/bad/ctl.txt"
t_status "control bytes: the run exits 1" 1 "$REFSOG" index --index "$T_TMP/ix2" "$T_TMP/bad"
t_match "control bytes: named as binary" "ctl.txt: not UTF-8 text, nor 8-bit text \(14 control bytes in 16.*binary file" "$T_OUT"
t_match "the good file still went in" "^1 files? indexed, 0 unchanged, 1 failed" "$T_OUT"
t_done
