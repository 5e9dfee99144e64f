/* casenum.c — case numbers in minutes (see casenum.h). */
#include "casenum.h"

#include <string.h>

#include "caseno.h"
#include "text.h"
#include "vocab.h"

#define STRAY_LABEL 40 /* bytes: a label with a stray value is short */

static int id_char(char c) {
    return rs_is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '/' ||
           c == '-' || c == '.' || c == '_';
}

size_t rs_case_token(const char *s, size_t n, int labelled) {
    size_t e = 0, l; /* its characters: ASCII ones, and Æ Ø Å of a facet ("Ø40") */
    while (e < n && e < 64 && (l = id_char(s[e]) ? 1 : rs_caseno_danish_letter(s + e, n - e)) != 0) e += l;
    while (e > 0 && (s[e - 1] == '.' || s[e - 1] == '-' || s[e - 1] == '/' || s[e - 1] == '_')) e--;
    if (e == 0 || (e < n && rs_is_letter(s + e, n - e))) return 0;
    if (rs_caseno_parse(s, e, 1, NULL)) return e;
    if (!labelled) return 0;
    if (rs_caseno_parse(s, e, 0, NULL)) return e;
    size_t digits = 0, letters = 0;
    for (size_t i = 0; i < e; i++) {
        digits += rs_is_digit(s[i]);
        letters += !rs_is_digit(s[i]) && s[i] != '/' && s[i] != '-' && s[i] != '.' && s[i] != '_';
    }
    return digits >= 4 && letters <= 6 ? e : 0;
}

int rs_case_line(const char *s, size_t n, size_t *tok, size_t *tok_len, int *labelled) {
    if (rs_vocab_doc_label(s, n)) return 0;
    size_t l = rs_vocab_case_label(s, n);
    if (l) {
        /* "Sag" alone is a label only when a case follows it ("Sag 306-2009-600") */
        size_t t = rs_case_token(s + l, n - l, 1);
        int word_sag = (l <= 4 && (s[3] == ' ' || l == 3)) && rs_ci_prefix(s, n, "Sag") &&
                       !rs_ci_prefix(s, n, "Sag:");
        if (!t && word_sag) return 0;
        if (!t) {
            /* a row of labels, then their values: "Sagsnr.: Sagen afgøres i: Bilag: 15/30411 …" */
            size_t j = l, labels = 0;
            while (j < n && labels < 4) {
                size_t c = j;
                while (c < n && c < j + 30 && s[c] != ':') c++;
                if (c >= n || s[c] != ':' || !rs_is_upper(s + j, n - j)) break;
                j = rs_skip_blanks(s, c + 1, n);
                labels++;
            }
            size_t t2 = labels ? rs_case_token(s + j, n - j, 0) : 0;
            if (t2) {
                *tok = j;
                *tok_len = t2;
                *labelled = 1;
                return 1;
            }
        }
        if (!t && l < n && !rs_vocab_doc_label(s + l, n - l) && !rs_ci_prefix(s + l, n - l, "Initialer")) {
            /* a label followed by words that are no case: "Sagsforløb: BY" is not one either */
            if (rs_is_letter(s + l, n - l) && !rs_vocab_case_label(s + l, n - l)) return 0;
        }
        *tok = l;
        *tok_len = t;
        *labelled = 1;
        return 1;
    }
    size_t t = rs_case_token(s, n, 0);
    if (!t) return 0;
    size_t i = rs_skip_blanks(s, t, n);
    /* "25/19069 -": a dash left where a portal printed an empty field after it */
    if (i < n && s[i] == '-' && rs_skip_blanks(s, i + 1, n) == n) i = n;
    else if (i + 3 <= n && !memcmp(s + i, "\xE2\x80\x93", 3) && rs_skip_blanks(s, i + 3, n) == n) i = n;
    if (i < n && rs_vocab_marker(s + i, n - i) < 0) return 0;
    *tok = 0;
    *tok_len = t;
    *labelled = 0;
    return 1;
}

int rs_case_label_stray(const char *s, size_t n) {
    return n < STRAY_LABEL && rs_vocab_case_label(s, n) != 0;
}
