#!/usr/bin/env bash
# test_layers.sh — the layering holds by construction: each layer compiles with its own headers
# and those below it (common ← stemmer ← ingest ← index ← engine ← cli); a header of a layer
# above is not found, so an upward #include fails to compile (Makefile INC_<layer>).
source "$(dirname "$0")/lib.sh"
cd "$T_ROOT"
command -v cc >/dev/null || { t_bad "a C compiler"; t_done; exit 1; }
pkg=$(pkg-config --cflags xapian-core icu-uc jansson libxml-2.0 2>/dev/null)
# layer, one of its own headers, a header of the layer above
while read -r layer own above; do
  inc=$(make --no-print-directory -s print-includes LAYER="$layer")
  t_match "$layer: include flags are its own and below" "^-I$layer( |$)" "$inc"
  printf '#include "%s"\nint rs_probe;\n' "$own" > "$T_TMP/own.c"
  printf '#include "%s"\nint rs_probe;\n' "$above" > "$T_TMP/up.c"
  t_status "$layer: its own header $own compiles" 0 cc -std=c11 -D_GNU_SOURCE $inc $pkg -fsyntax-only "$T_TMP/own.c"
  t_status "$layer: the upper layer's $above is not found" 1 cc -std=c11 -D_GNU_SOURCE $inc $pkg -fsyntax-only "$T_TMP/up.c"
  t_match "… with 'No such file'" "$above: No such file" "$T_OUT"
done <<'LAYERS'
common buf.h analyzer.h
stemmer analyzer.h referat.h
ingest referat.h indexer.h
index indexer.h query.h
engine search.h args.h
LAYERS
t_done
