/* casenum.h — case numbers in minutes: the one an item's case line gives (after a label such as
 * "Sagsnr.", "Sagsnummer", "J.nr.", "Sagsid", or alone on its line), and those a text cites.
 *
 * Formats are stemmer/caseno.h's (23/15645, 85.02.02-G01-5-17, 00.01.00P35-0098, 24-011578,
 * 018520-2013, 330-2018-3619, EMN-24/0001629, S2020-26746 …); after a label, any identifier with
 * digits is taken too (a bare "299836", "1-51-71-3321-08"). "Dok." numbers are document numbers
 * and never a case. None of these can fail.
 */
#ifndef RS_INGEST_CASENUM_H
#define RS_INGEST_CASENUM_H

#include <stddef.h>

/* The case-number token at the start of s[0..n): its length (trailing punctuation not
 * included), 0 if none. `labelled`: a label said it is one, so any identifier with at least
 * four digits will do; otherwise only the strict formats. */
size_t rs_case_token(const char *s, size_t n, int labelled);

/* A case line: "Sagsnr.: 23/15645  Dok.nr.: …", "Sag 306-2009-600", "J.nr.:", or a line that is
 * one case number (strict) optionally followed by an open/closed marker. Returns 1, with
 * *tok and *tok_len the case (tok_len 0 for a label without a value) and *labelled; 0 if the line
 * is not one. */
int rs_case_line(const char *s, size_t n, size_t *tok, size_t *tok_len, int *labelled);

/* A short piece that is a case label whose value is no case number, cut in extraction
 * ("J.nr.: A00", "J.nr.: S00."): neither a title's words nor the end of an item's case lines. */
int rs_case_label_stray(const char *s, size_t n);

#endif
