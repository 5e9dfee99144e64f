/* spelling.c — "Mente du": the query with each word the index does not know replaced by the
 * index's spelling suggestion (Xapian's spelling data, built from the indexed words). */
#include "spelling.h"

#include <stdlib.h>
#include <string.h>

#include "analyzer.h"
#include "buf.h"
#include "stem.h"
#include "xapian_shim.h"

typedef struct {
    RsBuf norm; /* the one token's exact form */
    int tokens;
} OneForm;

static int on_token(void *ctx, const RsToken *t) {
    OneForm *f = ctx;
    f->tokens++;
    if (f->tokens == 1) rs_buf_append(&f->norm, t->norm.s, t->norm.len);
    return f->tokens > 1; /* more than one token (a compound with sub-tokens, two words): skip */
}

/* Stopwords are indexed (phrases need them) but never offered: "udner" is not "der". */
static int not_stopword(void *ctx, const char *w, size_t len) {
    (void)ctx;
    return !rs_is_stopword(w, len);
}

static char *suggest(RsSearcher *s, const RsQuery *pq, const char *query, int typo_rule) {
    if (!pq->root) return NULL;
    const RsQNode *kids1[1] = {pq->root};
    const RsQNode *const *kids = pq->root->kind == RS_QN_AND ? (const RsQNode *const *)pq->root->kids : kids1;
    size_t n = pq->root->kind == RS_QN_AND ? pq->root->n_kids : 1;
    RsBuf out = {0};
    rs_buf_puts(&out, query);
    int changed = 0;
    for (size_t i = 0; i < n && out.data; i++) {
        const RsQNode *w = kids[i];
        if (w->kind != RS_QN_WORD || w->negated || w->field) continue;
        char key[64];
        if (rs_case_key(w->text, strlen(w->text), key, sizeof key)) continue;
        OneForm f = {{0}, 0};
        RsError e;
        rs_analyze(s->an, RS_MODE_QUERY, w->text, strlen(w->text), 0, on_token, &f, NULL, &e);
        size_t freq = 0;
        const char *exact = f.tokens == 1 ? f.norm.data : NULL;
        /* known as typed (the exact form is indexed)? then leave it */
        if (exact && rsx_db_termfreq(s->db, exact, strlen(exact), &freq, &e) != RS_OK) freq = 1;
        size_t letters = 0, digits = 0; /* characters, not bytes */
        for (const unsigned char *p = (const unsigned char *)(exact ? exact : ""); *p; p++) {
            letters += (*p & 0xC0) != 0x80;
            digits += *p >= '0' && *p <= '9';
        }
        unsigned max_edit = !typo_rule ? 2 : digits ? 0 : letters >= 9 ? 2 : letters >= 5 ? 1 : 0;
        if (exact && freq == 0 && strlen(exact) >= 3 && max_edit) {
            char *sugg = NULL;
            char *at = strstr(out.data, w->text);
            if (at && rsx_db_spelling(s->db, exact, strlen(exact), max_edit, not_stopword, NULL, &sugg, &e) == RS_OK && sugg && *sugg) {
                RsBuf nb = {0};
                rs_buf_append(&nb, out.data, (size_t)(at - out.data));
                rs_buf_puts(&nb, sugg);
                rs_buf_puts(&nb, at + strlen(w->text));
                rs_buf_free(&out);
                out = nb;
                changed = 1;
            }
            free(sugg);
        }
        rs_buf_free(&f.norm);
    }
    char *r = changed ? rs_buf_steal(&out) : NULL;
    rs_buf_free(&out);
    return r;
}

char *rs_spelling_suggest(RsSearcher *s, const RsQuery *pq, const char *query) { return suggest(s, pq, query, 0); }

char *rs_spelling_correct(RsSearcher *s, const RsQuery *pq, const char *query) { return suggest(s, pq, query, 1); }
