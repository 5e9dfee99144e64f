#!/usr/bin/env bash
# test_pdf_limits.sh — (issue 14, item 6) PDF CPU bombs: small PDFs whose one shared content
# stream expands to millions of text operations are refused by the page limit, the CPU budget
# (also inside one page: the helper process's kernel limit) and the text limit checked while
# extracting; the good files of the same run land.
source "$(dirname "$0")/lib.sh"
cd "$T_TMP"
R="$REFSOG"
# mkpdf FILE PAGES REPS: PAGES pages sharing one Flate content stream of REPS text operations
mkpdf() { python3 - "$@" <<'PY'
import sys, zlib
path, pages, reps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
stream = zlib.compress(b"BT /F1 12 Tf 72 700 Td " + b"(Budget for biblioteker og vejbelysning) Tj\n" * reps + b"ET\n", 9)
objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (5 + i) for i in range(pages)) + b"] /Count %d >>" % pages,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"]
objs += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"] * pages
out, offs = bytearray(b"%PDF-1.4\n"), []
for i, o in enumerate(objs):
    offs.append(len(out)); out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
x = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offs)
out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, x)
open(path, "wb").write(out)
PY
}
mkdir in
mkpdf in/pages.pdf 2000 2000      # 315 kB, 2,000 pages: 7 s of CPU and 100 MB of operations unbounded
mkpdf in/onepage.pdf 1 3000000    # 385 kB, one page: 5 s of CPU inside that one page
cp "$T_SAMPLE/000_082cc86b9df59ed8.txt" in/good.txt
cp "$T_ROOT/tests/fixtures/minutes/odder_2020-10-22.pdf" in/odder.pdf
t_status "bombs in a run: exit 1 (files failed)" 1 "$R" index --pdf-seconds 1 --index ix in
t_match "2,000 pages: stopped by the CPU budget between pages" "pages.pdf: reading the PDF took more than its 1 s of CPU \(page [0-9]+ of 2000" "$T_OUT"
t_match "one page: stopped by the CPU budget inside the page" "onepage.pdf: reading the PDF took more than its 1 s of CPU" "$T_OUT"
t_match "the good files land: a text and a real PDF" "2 files indexed, 0 unchanged, 2 failed" "$T_OUT"
t_status "page limit: refused before reading" 1 "$R" parse --pdf-pages 100 in/pages.pdf
t_match "page limit: said" "the PDF has 2000 pages, over the limit of 100 \(--pdf-pages\)" "$T_OUT"
t_status "text limit: refused while extracting" 1 "$R" parse --pdf-text-bytes 100000 in/pages.pdf
t_match "text limit: said with the page it stopped at" "text is over the limit of 100000 bytes \(page [0-9]+ of 2000\)" "$T_OUT"
t_nomatch "text limit: stopped before the last page" "page 2000 of 2000" "$T_OUT"
t_status "a real PDF within the defaults" 0 "$R" parse in/odder.pdf
t_done
