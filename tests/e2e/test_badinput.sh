#!/usr/bin/env bash
# test_badinput.sh — large and hostile input: each gets a clear message or is indexed, in bounded
# time and memory, and the good files of the same run still land.
source "$(dirname "$0")/lib.sh"
cd "$T_ROOT"
mkdir -p "$T_TMP/in"
cp data/sample/003_2da60960a1decf7e.txt "$T_TMP/in/good.txt"
# 10,000 agenda items in one file
python3 - "$T_TMP/in/many.txt" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("REFERAT Økonomiudvalget 2022-2025 d. 05-03-2024\n\n")
    for i in range(1, 10001):
        f.write(f"Punkt {i}: Sag nummer {i} om budget\n\n24/{10000 + i}\n\nSagsfremstilling\n\nTekst {i}.\n\nBeslutning\n\nGodkendt.\n\n")
PY
# a 100 MB file on one line (over the 64 MiB limit), NUL bytes, random bytes named .pdf
head -c 100000000 /dev/zero | tr '\0' 'a' > "$T_TMP/in/huge.txt"
printf 'Punkt 1: A\0B\n' > "$T_TMP/in/nul.txt"
head -c 5000 /dev/urandom > "$T_TMP/in/noise.pdf"
# a symlink loop in an indexed directory
mkdir -p "$T_TMP/in/sub" && ln -s .. "$T_TMP/in/sub/loop"
start=$(date +%s)
t_status "mixed run exits 1 (some files failed)" 1 /usr/bin/time -f "maxrss=%MkB" "$REFSOG" index --index "$T_TMP/ix" "$T_TMP/in"
end=$(date +%s)
t_match "huge file: named, over the limit" "huge.txt: larger than the limit" "$T_OUT"
t_match "NUL bytes: named" "nul.txt: not UTF-8 text \(NUL byte" "$T_OUT"
t_match "random .pdf: named" "noise.pdf: not a PDF file" "$T_OUT"
t_match "symlink loop: named, not followed" "loop: symlink loop" "$T_OUT"
t_match "good files landed: 10,000 + 8 items" "2 files indexed, 0 unchanged, 4 failed; 10008 items added" "$T_OUT"
rss=$(printf '%s' "$T_OUT" | sed -n 's/.*maxrss=\([0-9]*\)kB.*/\1/p')
t_eq "memory bounded (< 1 GB peak RSS)" "True" "$(python3 -c "print(${rss:-9999999} < 1000000)")"
t_eq "time bounded (< 120 s)" "True" "$(python3 -c "print($end - $start < 120)")"
t_eq "the 10,000th item is findable by its case number" "1" \
  "$("$REFSOG" search --index "$T_TMP/ix" --json 24/20000 | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')"
# hostile queries: clear errors, exit 2, no crash
t_status "3,000 terms: refused" 2 "$REFSOG" search --index "$T_TMP/ix" "$(python3 -c 'print(" ".join(["budget"] * 3000))')"
t_match "3,000 terms: message" "longer than 4096 bytes|more than 256 terms" "$T_OUT"
# (a 1 MB query cannot pass through argv; the CLI takes 120 KB, the HTTP API has its own 4 KiB limit)
t_status "120 KB query: refused" 2 "$REFSOG" search --index "$T_TMP/ix" "$(head -c 120000 /dev/zero | tr '\0' 'x')"
t_status "only operators: refused" 2 "$REFSOG" search --index "$T_TMP/ix" 'OR AND NOT'
t_status "unbalanced parenthesis: refused" 2 "$REFSOG" search --index "$T_TMP/ix" '((budget'
t_done
