/* filters.c — the facet filters of a query (kommune:, udvalg:, type:, udfald:, kle:, sag:, dato:)
 * as boolean Xapian terms and value ranges around the query. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer.h"
#include "committee.h"
#include "schema.h"
#include "search_priv.h"
#include "terms.h"

static const char *const type_names[] = {"beslutning", "orientering", "drøftelse", "formalia", "lukket"};
static const char *const outcome_names[] = {"godkendt", "anbefalet", "orientering givet",
                                            "taget til efterretning", "udsat", "forkastet",
                                            "oversendt", "drøftet", "andet"};

/* Match a typed value against names, accent- and case-insensitively;
 * a unique prefix is enough ("efterretning" also matches by word). */
static const char *match_name(const char *v, const char *const *names, size_t n) {
    char kv[256], kn[256];
    rs_fold_key(v, strlen(v), kv, sizeof kv);
    const char *hit = NULL;
    int hits = 0;
    for (size_t i = 0; i < n; i++) {
        rs_fold_key(names[i], strlen(names[i]), kn, sizeof kn);
        if (!strcmp(kv, kn)) return names[i];
        if (!strncmp(kn, kv, strlen(kv)) || strstr(kn, kv)) hit = names[i], hits++;
    }
    return hits == 1 ? hit : NULL;
}

/* The boolean term for a filter value into b->term; RS_ERR_QUERY if the value is unknown. */
static RsStatus filter_term(RsFilterCtx *b, const RsQFilter *f) {
    char key[512];
    rs_buf_reset(b->term);
    switch (f->facet) {
    case RS_FACET_KOMMUNE:
        rs_fold_key(f->value, strlen(f->value), key, sizeof key);
        return rs_term_makes(b->term, RS_PREFIX_MUNICIPALITY, key, b->err);
    case RS_FACET_UDVALG: {
        char *k = rs_committee_key(f->value);
        if (!k) return rs_error_set(b->err, RS_ERR_NOMEM, "out of memory");
        RsStatus rc = rs_term_makes(b->term, RS_PREFIX_COMMITTEE, k, b->err);
        free(k);
        return rc;
    }
    case RS_FACET_TYPE:
    case RS_FACET_UDFALD: {
        int is_type = f->facet == RS_FACET_TYPE;
        const char *name = is_type ? match_name(f->value, type_names, 5) : match_name(f->value, outcome_names, 9);
        if (!name)
            return rs_error_set(b->err, RS_ERR_QUERY, "malformed query: unknown %s '%s' (%s)",
                                is_type ? "type" : "outcome", f->value,
                                is_type ? "beslutning, orientering, drøftelse, formalia, lukket"
                                        : "godkendt, anbefalet, \"orientering givet\", \"taget til "
                                          "efterretning\", udsat, forkastet, oversendt, drøftet, andet");
        rs_buf_puts(b->term, is_type ? RS_PREFIX_TYPE : RS_PREFIX_OUTCOME);
        rs_buf_puts(b->term, name);
        return RS_OK;
    }
    case RS_FACET_KLE: {
        int g = -1, k = 0;
        if (sscanf(f->value, "%2d%n", &g, &k) != 1 || g < 0 || (f->value[k] && f->value[k] != ' ' && f->value[k] != '.'))
            return rs_error_set(b->err, RS_ERR_QUERY,
                                "malformed query: kle: takes a KLE main group number (e.g. kle:27)");
        char gs[8];
        snprintf(gs, sizeof gs, "%02d", g % 100);
        rs_buf_puts(b->term, RS_PREFIX_KLE);
        rs_buf_puts(b->term, gs);
        return RS_OK;
    }
    case RS_FACET_DOKUMENT: {
        static const char *const kinds[] = {"dagsorden", "referat"};
        const char *name = match_name(f->value, kinds, 2);
        if (!name)
            return rs_error_set(b->err, RS_ERR_QUERY,
                                "malformed query: dokument: takes dagsorden or referat, not '%s'", f->value);
        rs_buf_puts(b->term, RS_PREFIX_KIND);
        rs_buf_puts(b->term, name);
        return RS_OK;
    }
    case RS_FACET_SAG: {
        size_t kl = rs_case_key(f->value, strlen(f->value), key, sizeof key);
        if (!kl)
            return rs_error_set(b->err, RS_ERR_QUERY, "malformed query: '%s' is not a case number",
                                f->value);
        rs_snippet_keys_add(&b->keys->cases, key, kl);
        return rs_term_make(b->term, RS_PREFIX_CASE, key, kl, b->err);
    }
    default: return RS_OK;
    }
}

RsxQuery *rs_apply_filters(RsxQuery *q, const RsQuery *pq, RsFilterCtx *b) {
    QList per_facet = {.n = 0}, negs = {.n = 0};
    for (int f = 0; f < RS_FACET_COUNT && b->rc == RS_OK; f++) {
        QList alts = {.n = 0};
        for (size_t i = 0; i < pq->n_filters && b->rc == RS_OK; i++) {
            const RsQFilter *fl = &pq->filters[i];
            if ((int)fl->facet != f) continue;
            RsxQuery *t;
            if (fl->facet == RS_FACET_DATO) {
                char lo[16], hi[16];
                snprintf(lo, sizeof lo, "%08d", fl->from);
                snprintf(hi, sizeof hi, "%08d", fl->to);
                t = rsx_query_value_range(RS_SLOT_DATE, fl->from ? lo : NULL, fl->to ? hi : NULL, b->err);
            } else {
                if ((b->rc = filter_term(b, fl)) != RS_OK) break;
                t = rsx_query_term(b->term->data, b->term->len, 1, 0, b->err);
            }
            if (!t) { b->rc = RS_ERR_NOMEM; break; }
            ql_add(fl->negated ? &negs : &alts, t);
        }
        if (alts.n) ql_add(&per_facet, rsx_query_combine(RSX_OP_OR, alts.q, alts.n, 0, b->err));
        ql_free(&alts);
    }
    RsxQuery *res = q;
    if (b->rc == RS_OK && per_facet.n) {
        QList l = {.n = 0};
        ql_add(&l, res);
        for (size_t i = 0; i < per_facet.n; i++) l.q[l.n++] = per_facet.q[i];
        per_facet.n = 0;
        res = rsx_query_combine(RSX_OP_FILTER, l.q, l.n, 0, b->err);
        ql_free(&l);
    }
    if (b->rc == RS_OK && negs.n) {
        QList l = {.n = 0};
        ql_add(&l, res);
        ql_add(&l, rsx_query_combine(RSX_OP_OR, negs.q, negs.n, 0, b->err));
        res = rsx_query_combine(RSX_OP_AND_NOT, l.q, l.n, 0, b->err);
        ql_free(&l);
    }
    ql_free(&per_facet);
    ql_free(&negs);
    if (b->rc != RS_OK && res) {
        rsx_query_free(res);
        res = NULL;
    }
    return res;
}

