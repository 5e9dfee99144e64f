#!/usr/bin/env bash
# test_dynlibs.sh — (issue 20, item 4) the PDF library (poppler-glib) and the HTTP library
# (libmicrohttpd) are loaded when first needed, not linked: refsog starts without them, and when
# one is missing ($RS_PDF_LIBRARY / $RS_HTTP_LIBRARY name another library, as on a machine
# without the package) the PDF is reported with the library's name like any unreadable file and
# indexing goes on with the other files; `serve` says it cannot serve HTTP, and why.
source "$(dirname "$0")/lib.sh"
cd "$T_TMP"
R="$REFSOG"
NOPE=librefsog-no-such-library.so.0

if command -v ldd >/dev/null; then
  libs=$(ldd "$R")
  t_nomatch "not linked: poppler-glib, cairo, libmicrohttpd, GnuTLS" "libpoppler|libcairo|libmicrohttpd|libgnutls" "$libs"
fi

mkdir in
cp "$T_SAMPLE/000_082cc86b9df59ed8.txt" in/good.txt
cp "$T_ROOT/tests/fixtures/minutes/odder_2020-10-22.pdf" in/odder.pdf

# the library missing: the PDF is named with the reason, the text file lands
t_status "no PDF library: the run exits 1 (a file failed)" 1 env RS_PDF_LIBRARY=$NOPE "$R" index --index ix in
t_match "no PDF library: the file and the library named" "odder.pdf: cannot read PDFs: the library $NOPE \(named by RS_PDF_LIBRARY\) could not be loaded" "$T_OUT"
t_match "no PDF library: indexing goes on with the other files" "1 file indexed, 0 unchanged, 1 failed" "$T_OUT"
t_status "no PDF library: the text file is searchable" 0 "$R" search --index ix alkoholbehandling
t_status "no PDF library: parse says so" 1 env RS_PDF_LIBRARY=$NOPE "$R" parse in/odder.pdf
t_match "no PDF library: parse names the library" "cannot read PDFs: the library $NOPE" "$T_OUT"
t_status "no PDF library: pdf-text (in this process) says so" 1 \
  env RS_PDF_LIBRARY=$NOPE "$R" pdf-text odder.pdf < in/odder.pdf
t_match "no PDF library: pdf-text names the library" "odder.pdf: cannot read PDFs: the library $NOPE" "$T_OUT"
# a library that is not poppler-glib: the missing function named
t_status "another library: refused" 1 env RS_PDF_LIBRARY=libz.so.1 "$R" pdf-text odder.pdf < in/odder.pdf
t_match "another library: the missing function named" "the library libz.so.1 has no function poppler_document_new_from_bytes" "$T_OUT"

# the library there (the default): the PDF is read at the next run
t_status "PDF library loaded when needed: the PDF lands" 0 "$R" index --index ix in
t_match "PDF library: the PDF indexed" "1 file indexed, 1 unchanged, 0 failed" "$T_OUT"
t_status "PDF library: its text searchable" 0 "$R" search --index ix inspirationspartnerskaber
t_match "PDF library: the PDF found" "Odder" "$T_OUT"

# the HTTP library missing: serve stops at once with the reason
t_status "no HTTP library: serve exits 1" 1 env RS_HTTP_LIBRARY=$NOPE "$R" serve --index ix --port 1
t_match "no HTTP library: the library named" "cannot serve HTTP: the library $NOPE \(named by RS_HTTP_LIBRARY\) could not be loaded" "$T_OUT"
t_done
