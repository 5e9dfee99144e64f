/* caseno.h — recognising ESDH case numbers and their canonical key. */
#ifndef RS_CASENO_H
#define RS_CASENO_H

#include <stddef.h>

/* A case number split into its groups: maximal runs of ASCII letters or of
 * digits. Separators between groups are one of / - . space _ (or none
 * between a letter run and a digit run: "S2020", "P22"). */
#define RS_CASENO_MAX_GROUPS 12

typedef struct RsCaseGroups {
    size_t n;
    size_t start[RS_CASENO_MAX_GROUPS], len[RS_CASENO_MAX_GROUPS];
    char sep[RS_CASENO_MAX_GROUPS]; /* separator before group i (0: none) */
    int digits[RS_CASENO_MAX_GROUPS];
    size_t chars[RS_CASENO_MAX_GROUPS]; /* characters (a letter group may hold Æ, Ø, Å) */
} RsCaseGroups;

/* Recognise a case number in `s` (the whole string must be one). Formats:
 *   NN/N+            23/15645, 24/929          (two-digit year / serial ≥ 3 digits)
 *   NN-NNNNNN        24-011578                 (two-digit year - six-digit serial)
 *   NNN-YYYY-N+      330-2018-3619             (organisation, year, serial; Acadre)
 *   NNNNNN-YYYY      018520-2013               (serial, year)
 *   YYYY/N+          2007/34364                (year / serial)
 *   NN.NN.NNLNN-N+   00.01.00P35-0098          (KLE and facet, no year; SBSYS export)
 *   L+ NN N+         EMN-24/0001629            (letters, two-digit year, serial)
 *   L+ NNNN N+       EMN-2023-04567, S2020-26746, SAG-2022-1234
 *   L+ L NNNN N+     mig-a-2024-19506
 *   NN.NN.NN-LNN-N+-NN   27.00.00-P22-1-20     (SBSYS/KLE; user input may drop
 *                        the zero padding: 27.0.0-P22-1-20)
 * `strict` (document text) requires "/" in the NN/N+ form (or "-" before
 * exactly six digits), so that "11-2023" is not taken for a case; user input
 * (strict = 0) accepts any separator. Fills *g when not NULL. Returns 1 if it is one. Can't fail. */
int rs_caseno_parse(const char *s, size_t len, int strict, RsCaseGroups *g);

/* Æ, Ø, Å, æ, ø or å in UTF-8 at s[0..n) (a letter a case number's facet may hold): 2, else 0. */
size_t rs_caseno_danish_letter(const char *s, size_t n);

/* The canonical key of a recognised case number: groups lower-cased,
 * leading zeros of digit groups dropped, joined by "-"
 * (EMN-24/0001629 → emn-24-1629). Returns its length (0 if not a case
 * number); writes at most cap bytes incl. NUL. Can't fail. */
size_t rs_caseno_key(const char *s, size_t len, int strict, char *out, size_t cap);

/* The key without its leading letter groups ("emn-24-1629" → "24-1629", "mig-a-2024-19506" →
 * "2024-19506", "s-2020-26746" → "2020-26746"): what a user types who leaves the ESDH system's
 * prefix out. Returns its length, or 0 when the key starts with digits (nothing to leave out)
 * or nothing but letters would be left. Can't fail. */
size_t rs_caseno_key_bare(const char *key, size_t len, char *out, size_t cap);

#endif
