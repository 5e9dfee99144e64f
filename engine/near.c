/* near.c — near matches: when the items that have every word do not fill the first page, the
 * items that have some of the words below them, each saying which words it lacks. */
#include "near.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "schema.h"
#include "terms.h"
#include "xapian_shim.h"

/* The words of a plain AND (search.c's plain_words) as typed: »ord«, »"en frase"«, »præ*«,
 * with the section (»titel:ord«). Owned by the caller; NULL on out of memory. */
static char *word_text(const RsQNode *n) {
    RsBuf b = {0};
    if (n->field != RS_QF_ANY) rs_buf_printf(&b, "%s:", rs_qfield_name(n->field));
    if (n->kind == RS_QN_PHRASE) rs_buf_printf(&b, "\"%s\"", n->text ? n->text : "");
    else rs_buf_printf(&b, "%s%s", n->text ? n->text : "", n->kind == RS_QN_PREFIX ? "*" : "");
    return b.data ? b.data : strdup("");
}

/* Of the near hits, which lack word w: each hit's docid is looked up in the result of word w
 * restricted to the hits' id terms. Sets missing lists on r->near. */
static RsStatus mark_missing(RsQBuild *b, const RsQNode *w, RsxDocid *ids, RsResults *r) {
    RsError *err = b->err;
    QList idq = {0};
    RsBuf t = {0};
    for (size_t i = 0; i < r->n_near; i++) {
        const char *id = r->near[i].rec.id ? r->near[i].rec.id : "";
        if (rs_term_make(&t, RS_PREFIX_ID, id, strlen(id), err) != RS_OK) break;
        ql_add(&idq, rsx_query_term(t.data, t.len, 1, 0, err));
    }
    rs_buf_free(&t);
    b->expansion_left = RS_MAX_EXPANSION;
    RsxQuery *pair[2] = {rs_qbuild_node(b, w),
                         idq.oom || idq.n != r->n_near ? NULL : rsx_query_combine(RSX_OP_OR, idq.q, idq.n, 0, err)};
    ql_free(&idq);
    RsxQuery *q = pair[0] && pair[1] ? rsx_query_combine(RSX_OP_FILTER, pair, 2, 0, err) : NULL;
    rsx_query_free(pair[0]);
    rsx_query_free(pair[1]);
    if (!q) return b->rc != RS_OK ? b->rc : (err->code ? err->code : RS_ERR_NOMEM);
    RsxSearchOptions o = {.limit = r->n_near, .sort_slot = -1};
    RsxMSet *m = NULL;
    RsStatus rc = rsx_search(b->s->db, q, &o, &m, err);
    rsx_query_free(q);
    char *text = rc == RS_OK ? word_text(w) : NULL;
    if (rc == RS_OK && !text) rc = rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    for (size_t i = 0; rc == RS_OK && i < r->n_near; i++) {
        int has = 0;
        for (size_t k = 0; !has && k < rsx_mset_size(m); k++) has = rsx_mset_docid(m, k) == ids[i];
        if (has) continue;
        RsHit *h = &r->near[i];
        char **v = realloc(h->missing, (h->n_missing + 1) * sizeof *v);
        char *s = v ? strdup(text) : NULL;
        if (v) h->missing = v;
        if (!s) {
            rc = rs_error_set(err, RS_ERR_NOMEM, "out of memory");
            break;
        }
        h->missing[h->n_missing++] = s;
    }
    free(text);
    rsx_mset_free(m);
    return rc;
}

RsStatus rs_near_matches(RsQBuild *b, const RsQuery *pq, size_t limit, int snippets, RsResults *r) {
    RsError *err = b->err;
    size_t room = limit > r->n_hits ? limit - r->n_hits : 0;
    if (!room) return RS_OK;
    /* any word and none of the excluded (-ord), and not every word: the items already shown
     * are left out */
    RsxQuery *pair[2] = {rs_qbuild_any_word(b, pq->root), NULL};
    b->expansion_left = RS_MAX_EXPANSION;
    if (pair[0]) pair[1] = rs_qbuild_node(b, pq->root);
    RsxQuery *q = pair[0] && pair[1] ? rsx_query_combine(RSX_OP_AND_NOT, pair, 2, 0, err) : NULL;
    rsx_query_free(pair[0]);
    rsx_query_free(pair[1]);
    if (q) q = rs_qbuild_filters(b, q, pq); /* the filters apply as to the full matches */
    if (!q) return b->rc != RS_OK ? b->rc : (err->code ? err->code : RS_ERR_NOMEM);
    rs_search_debug_query("near query", q);
    RsxSearchOptions o = {.limit = room, .sort_slot = -1, .stable_ties = 1, .tie_slot = RS_SLOT_ITEMKEY};
    RsxMSet *m = NULL;
    RsStatus rc = rsx_search(b->s->db, q, &o, &m, err);
    rsx_query_free(q);
    size_t n = rc == RS_OK ? rsx_mset_size(m) : 0;
    RsxDocid *ids = n ? calloc(n, sizeof *ids) : NULL;
    if (n && (!ids || !(r->near = calloc(n, sizeof *r->near)))) rc = rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    for (size_t i = 0; rc == RS_OK && i < n; i++) {
        if (snippets && rs_qbuild_out_of_time(b)) { /* snippets are the costly part */
            rc = RS_ERR_TIMEOUT;
            break;
        }
        rc = rs_search_fill_hit(b, m, i, snippets, &r->near[i]);
        r->n_near++; /* freed with the results, also half-filled */
        r->near[i].rank = r->n_hits + i + 1;
        ids[i] = rsx_mset_docid(m, i);
    }
    rsx_mset_free(m);
    for (size_t i = 0; rc == RS_OK && n && i < pq->root->n_kids; i++)
        if (!pq->root->kids[i]->negated) rc = mark_missing(b, pq->root->kids[i], ids, r);
    free(ids);
    return rc;
}
