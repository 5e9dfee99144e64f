/* itemcase.c — an item's case numbers and the growth of its arrays (item_priv.h). */
#include "item_priv.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "casenum.h"
#include "caseno.h"
#include "classify.h"
#include "text.h"
#include "vocab.h"

int rs_item_grow(void **arr, size_t *cap, size_t n, size_t elem) {
    if (n < *cap) return 1;
    size_t c = *cap ? *cap * 2 : 8;
    void *p = realloc(*arr, c * elem);
    if (!p) return 0;
    memset((char *)p + *cap * elem, 0, (c - *cap) * elem);
    *arr = p;
    *cap = c;
    return 1;
}

/* (item_priv.h) */
char *rs_item_collapse(const char *s, size_t n) {
    RsBuf b = {0};
    if (rs_buf_reserve(&b, n) != RS_OK) return NULL;
    for (size_t i = 0; i < n;) {
        size_t k = rs_blank_len(s + i, n - i);
        if (!k && (s[i] == '\n' || s[i] == '\r')) k = 1;
        if (k) {
            if (b.len && b.data[b.len - 1] != ' ') b.data[b.len++] = ' ';
            i += k;
        } else {
            b.data[b.len++] = s[i++];
        }
    }
    while (b.len && b.data[b.len - 1] == ' ') b.len--;
    b.data[b.len] = '\0';
    return rs_buf_steal(&b);
}

RsStatus rs_item_add_case(RsItem *it, RsItemCaps *cap, const char *s, size_t n) {
    char key[128], key2[128];
    size_t kl = rs_caseno_key(s, n, 0, key, sizeof key);
    for (size_t i = 0; i < it->n_cases; i++) {
        if (strlen(it->cases[i]) == n && !memcmp(it->cases[i], s, n)) return RS_OK;
        size_t k2 = rs_caseno_key(it->cases[i], strlen(it->cases[i]), 0, key2, sizeof key2);
        if (kl && k2 == kl && !memcmp(key, key2, kl)) return RS_OK;
    }
    if (!rs_item_grow((void **)&it->cases, &cap->cases, it->n_cases, sizeof *it->cases)) return RS_ERR_NOMEM;
    if (!(it->cases[it->n_cases] = strndup(s, n))) return RS_ERR_NOMEM;
    it->n_cases++;
    return RS_OK;
}

/* The item's own case number: first in the list, and case_no. */
RsStatus rs_item_set_case(RsItem *it, RsItemCaps *cap, const char *s, size_t n) {
    if (it->case_no || !n) return RS_OK;
    if (!(it->case_no = strndup(s, n))) return RS_ERR_NOMEM;
    RsStatus rc = rs_item_add_case(it, cap, s, n);
    if (rc != RS_OK) return rc;
    /* move it to the front */
    for (size_t i = 0; i < it->n_cases; i++)
        if (!strcmp(it->cases[i], it->case_no) && i) {
            char *t = it->cases[i];
            memmove(it->cases + 1, it->cases, i * sizeof *it->cases);
            it->cases[0] = t;
        }
    it->kle_group = rs_kle_of(it->case_no);
    return RS_OK;
}

/* Whether a case line's label s[0..off) names a journal number ("J.nr.:", "Journalnr.") rather
 * than the case's own number. Can't fail. */
int rs_item_journal_label(const char *s, size_t off) {
    return rs_ci_prefix(s, off, "J.nr") || rs_ci_prefix(s, off, "J. nr") || rs_ci_prefix(s, off, "Journal");
}

/* "(ØU 23/2010)", "(BU 12/2019)": an upper-case abbreviation before a case-like number inside
 * parentheses is another committee's item, not a case of this one. */
static size_t ref_before(const char *s, size_t b) {
    size_t i = b;
    while (i > 0 && s[i - 1] == ' ') i--;
    size_t e = i;
    while (i > 0 && (rs_is_upper(s + i - 1, 1) || ((unsigned char)s[i - 1] >= 0x80 && i >= 2 &&
                                                     rs_is_upper(s + i - 2, 2))))
        i -= (unsigned char)s[i - 1] >= 0x80 ? 2 : 1;
    if (e == i || e - i > 6 || i == 0 || s[i - 1] != '(') return (size_t)-1;
    return i;
}

/* Case numbers cited in a text (strict forms; not document numbers, not references). */
RsStatus rs_item_cited_cases(RsItem *it, RsItemCaps *cap, const char *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        while (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t')) i++;
        size_t b = i;
        while (i < n && s[i] != ' ' && s[i] != '\n' && s[i] != '\t') i++;
        size_t e = i;
        while (b < e && strchr("(\"'[", s[b])) b++;
        while (e > b && strchr(").,;:\"']", s[e - 1])) e--;
        if (e <= b || !rs_is_digit(s[e - 1]) || !rs_is_digit(s[b]) || !rs_caseno_parse(s + b, e - b, 1, NULL))
            continue;
        /* "Dok.nr.: 18/20771-14", "Dok. 306-2019-263412" */
        size_t w = b;
        while (w > 0 && s[w - 1] == ' ') w--;
        size_t ws = w;
        while (ws > 0 && s[ws - 1] != ' ' && s[ws - 1] != '\n') ws--;
        if (w > ws && rs_vocab_doc_label(s + ws, w - ws)) continue;
        if (b + 2 < n && s[e] == '-' && rs_is_digit(s[e + 1])) continue; /* part of a longer id */
        size_t r = ref_before(s, b);
        if (r != (size_t)-1) {
            if (!rs_item_grow((void **)&it->refs, &cap->refs, it->n_refs, sizeof *it->refs)) return RS_ERR_NOMEM;
            if (!(it->refs[it->n_refs] = rs_item_collapse(s + r, e - r))) return RS_ERR_NOMEM;
            it->n_refs++;
            continue;
        }
        RsStatus rc = rs_item_add_case(it, cap, s + b, e - b);
        if (rc != RS_OK) return rc;
    }
    return RS_OK;
}

