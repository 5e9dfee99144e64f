#!/bin/sh
# make-docdict-zstd.sh — regenerates index/docdict_zstd.c (zstd's tables for the preset
# dictionary; scripts/make-docdict-zstd.c says what and why). Run from the repository root.
set -eu
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 scripts/make-docdict.py --raw > "$tmp/content"
python3 scripts/make-docdict.py --samples > "$tmp/samples"
cc -std=c11 -O2 -o "$tmp/gen" scripts/make-docdict-zstd.c -lzstd
"$tmp/gen" "$tmp/content" "$tmp/samples" > index/docdict_zstd.c
