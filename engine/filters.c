/* filters.c — the facet filters of a query (kommune:, udvalg:, type:, udfald:, kle:, sag:, dato:)
 * as boolean Xapian terms and value ranges around the query. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer.h"
#include "committee.h"
#include "referat.h"
#include "schema.h"
#include "search_priv.h"
#include "terms.h"

/* The names a type:/udfald: filter matches: the parser's own vocabulary (ingest/classify.c), the
 * one table the indexer writes them from. */
#define N_TYPES (RS_TYPE_LUKKET + 1)
#define N_OUTCOMES (RS_OUT_DROEFTET + 1)

static void vocab_names(int is_type, const char **names) {
    for (int i = 0; i < (is_type ? N_TYPES : N_OUTCOMES); i++)
        names[i] = is_type ? rs_case_type_name((RsCaseType)i) : rs_outcome_name((RsOutcome)i);
}

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
        return rs_term_makes(b->term, RS_PREFIX_KOMMUNE, key, b->err);
    case RS_FACET_UDVALG: {
        char *k = rs_committee_key(f->value);
        if (!k) return rs_error_set(b->err, RS_ERR_NOMEM, "out of memory");
        RsStatus rc = rs_term_makes(b->term, RS_PREFIX_UDVALG, k, b->err);
        free(k);
        return rc;
    }
    case RS_FACET_TYPE:
    case RS_FACET_UDFALD: {
        int is_type = f->facet == RS_FACET_TYPE;
        const char *names[N_OUTCOMES > N_TYPES ? N_OUTCOMES : N_TYPES];
        vocab_names(is_type, names);
        size_t n = is_type ? N_TYPES : N_OUTCOMES;
        const char *name = match_name(f->value, names, n);
        if (!name) {
            RsBuf known = {0}; /* "beslutning, orientering, …", names of two words in quotes */
            for (size_t i = 0; i < n; i++)
                rs_buf_printf(&known, strchr(names[i], ' ') ? "%s\"%s\"" : "%s%s", i ? ", " : "", names[i]);
            rs_error_set(b->err, RS_ERR_QUERY, "malformed query: unknown %s '%s' (%s)", is_type ? "type" : "outcome",
                         f->value, known.data ? known.data : "");
            rs_buf_free(&known);
            return RS_ERR_QUERY;
        }
        rs_buf_puts(b->term, is_type ? RS_PREFIX_TYPE : RS_PREFIX_UDFALD);
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
        rs_buf_puts(b->term, RS_PREFIX_DOKUMENT);
        rs_buf_puts(b->term, name);
        return RS_OK;
    }
    case RS_FACET_AAR: /* four digits, checked by the parser */
        return rs_term_makes(b->term, RS_PREFIX_YEAR, f->value, b->err);
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

/* A udvalg: value "Udvalg (Kommune)": the committee in that municipality (its KV term), or a
 * committee whose own name ends in "(…)" (t, the KU term of the whole value). Takes t. */
static RsxQuery *with_pair(RsFilterCtx *b, const char *value, RsxQuery *t) {
    char *committee, *municipality;
    if (!rs_udvalg_pair(value, &committee, &municipality)) return t;
    RsBuf kv = {0};
    RsxQuery *p = NULL;
    if (rs_term_udvalg_kommune(&kv, municipality, committee, b->err) == RS_OK)
        p = rsx_query_term(kv.data, kv.len, 1, 0, b->err);
    rs_buf_free(&kv);
    free(committee);
    free(municipality);
    RsxQuery *pair[] = {p, t};
    RsxQuery *either = p ? rsx_query_combine(RSX_OP_OR, pair, 2, 0, b->err) : NULL;
    rsx_query_free(p);
    rsx_query_free(t);
    return either;
}

RsxQuery *rs_apply_filters(RsxQuery *q, const RsQuery *pq, RsFilterCtx *b) {
    QList per_facet = {0}, negs = {0};
    for (int f = 0; f < RS_FACET_COUNT && b->rc == RS_OK; f++) {
        QList alts = {0};
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
                if (t && fl->facet == RS_FACET_UDVALG) t = with_pair(b, fl->value, t);
                if (t && fl->facet == RS_FACET_SAG && b->term->len > 1 && b->term->data[1] >= '0' &&
                    b->term->data[1] <= '9') { /* sag:24/1629 also takes EMN-24/0001629 */
                    RsBuf bare = {0};
                    RsxQuery *tb = NULL;
                    if (rs_term_make(&bare, RS_PREFIX_CASE_BARE, b->term->data + 1, b->term->len - 1, b->err) == RS_OK)
                        tb = rsx_query_term(bare.data, bare.len, 1, 0, b->err);
                    rs_buf_free(&bare);
                    RsxQuery *pair[] = {t, tb};
                    RsxQuery *either = tb ? rsx_query_combine(RSX_OP_OR, pair, 2, 0, b->err) : NULL;
                    rsx_query_free(t);
                    rsx_query_free(tb);
                    t = either;
                }
            }
            if (!t) { b->rc = RS_ERR_NOMEM; break; }
            ql_add(fl->negated ? &negs : &alts, t);
        }
        if (alts.n) ql_add(&per_facet, rsx_query_combine(RSX_OP_OR, alts.q, alts.n, 0, b->err));
        ql_free(&alts);
    }
    RsxQuery *res = q;
    if (b->rc == RS_OK && per_facet.n) {
        QList l = {0};
        ql_add(&l, res);
        for (size_t i = 0; i < per_facet.n; i++) ql_add(&l, per_facet.q[i]);
        per_facet.n = 0;
        if (l.oom) b->rc = RS_ERR_NOMEM;
        res = rsx_query_combine(RSX_OP_FILTER, l.q, l.n, 0, b->err);
        ql_free(&l);
    }
    if (b->rc == RS_OK && negs.n) {
        QList l = {0};
        ql_add(&l, res);
        ql_add(&l, rsx_query_combine(RSX_OP_OR, negs.q, negs.n, 0, b->err));
        res = rsx_query_combine(RSX_OP_AND_NOT, l.q, l.n, 0, b->err);
        ql_free(&l);
    }
    if (per_facet.oom || negs.oom) b->rc = rs_error_set(b->err, RS_ERR_NOMEM, "out of memory");
    ql_free(&per_facet);
    ql_free(&negs);
    if (b->rc != RS_OK && res) {
        rsx_query_free(res);
        res = NULL;
    }
    return res;
}


/* ------------------------------------------------------------ unknown filter values */

/* Edit distance of two byte strings, at most 64 bytes each (longer: SIZE_MAX). */
static size_t distance(const char *a, size_t la, const char *b, size_t lb) {
    if (la > 64 || lb > 64) return (size_t)-1;
    size_t row[65];
    for (size_t j = 0; j <= lb; j++) row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best) best = up + 1;
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            diag = up;
            row[j] = best;
        }
    }
    return row[lb];
}

#define NEAR_MAX 3

typedef struct {
    const char *want; /* the typed value's key (after the prefix) */
    size_t want_len, plen;
    char term[NEAR_MAX][RS_TERM_MAX + 1]; /* the nearest known terms, best first */
    size_t dist[NEAR_MAX], n;
} Near;

static int near_term(void *ctx, const char *t, size_t len, unsigned freq) {
    Near *nr = ctx;
    (void)freq;
    if (len <= nr->plen || len > RS_TERM_MAX) return 0;
    size_t d = distance(nr->want, nr->want_len, t + nr->plen, len - nr->plen);
    size_t limit = nr->want_len < 6 ? 1 : nr->want_len < 12 ? 2 : 3;
    /* a typed value that is a word of a longer name ("Social" of "Social- og …") is near too */
    if (d > limit && !(nr->want_len >= 4 && memmem(t + nr->plen, len - nr->plen, nr->want, nr->want_len)))
        return 0;
    if (d > limit) d = limit + 1;
    size_t at = nr->n;
    while (at > 0 && nr->dist[at - 1] > d) at--;
    if (at >= NEAR_MAX) return 0;
    size_t last = nr->n < NEAR_MAX ? nr->n : NEAR_MAX - 1;
    for (size_t k = last; k > at; k--) {
        memcpy(nr->term[k], nr->term[k - 1], sizeof nr->term[k]);
        nr->dist[k] = nr->dist[k - 1];
    }
    memcpy(nr->term[at], t, len);
    nr->term[at][len] = '\0';
    nr->dist[at] = d;
    if (nr->n < NEAR_MAX) nr->n++;
    return 0;
}

/* "Udvalg (Kommune)" of a known KV term: the committee facet of its items, the value whose
 * term it is. Appended to out; nothing when it cannot be read. */
static void pair_name(RsxDb *db, const char *term, RsBuf *out) {
    RsError e;
    RsxQuery *q = rsx_query_term(term, strlen(term), 1, 0, &e);
    RsxFacetRequest fr = {RS_SLOT_UDVALG, 1};
    RsxSearchOptions o = {.limit = 0, .sort_slot = -1, .facets = &fr, .n_facets = 1};
    RsxMSet *m = NULL;
    RsFacetList l = {0};
    RsBuf t = {0};
    if (q && rsx_search(db, q, &o, &m, &e) == RS_OK && rs_facet_list_of(m, 0, RS_RF_UDVALG, &l, &e) == RS_OK)
        for (size_t i = 0; i < l.n; i++)
            if (rs_term_udvalg_kommune(&t, l.v[i].municipality, l.v[i].committee, &e) == RS_OK && t.len == strlen(term) &&
                !memcmp(t.data, term, t.len)) {
                rs_buf_puts(out, l.v[i].value);
                break;
            }
    rs_buf_free(&t);
    rs_facet_list_clear(&l);
    rsx_mset_free(m);
    rsx_query_free(q);
}

/* The display name of the known filter term `term` (a municipality or committee key): of the
 * names its items show for it (one key may be written several ways: "Social & …udvalget",
 * "Social- og …udvalget"), the one nearest to what was typed, then the most used, then the
 * first in byte order — the same answer whatever order the index holds its items in. Appended
 * to out; nothing when it cannot be read. */
static void display_name(RsxDb *db, RsFacet facet, const char *term, const char *typed, RsBuf *out) {
    RsError e;
    if (!strncmp(term, RS_PREFIX_UDVALG_KOMMUNE, strlen(RS_PREFIX_UDVALG_KOMMUNE))) { /* "Udvalg (Kommune)" */
        pair_name(db, term, out);
        return;
    }
    RsxQuery *q = rsx_query_term(term, strlen(term), 1, 0, &e);
    RsxFacetRequest fr = {facet == RS_FACET_KOMMUNE ? RS_SLOT_KOMMUNE : RS_SLOT_UDVALG, facet == RS_FACET_UDVALG};
    RsxSearchOptions o = {.limit = 0, .sort_slot = -1, .facets = &fr, .n_facets = 1};
    RsxMSet *m = NULL;
    if (!q || rsx_search(db, q, &o, &m, &e) != RS_OK) {
        rsx_query_free(q);
        return;
    }
    rsx_query_free(q);
    const char *key = term + strlen(facet == RS_FACET_KOMMUNE ? RS_PREFIX_KOMMUNE : RS_PREFIX_UDVALG);
    char want[256], have[256], *best = NULL;
    size_t wl = rs_fold_key(typed, strlen(typed), want, sizeof want), best_d = (size_t)-1, best_n = 0;
    for (size_t i = 0; i < rsx_mset_facet_size(m, 0); i++) {
        const char *v;
        size_t len, count;
        rsx_mset_facet(m, 0, i, &v, &len, &count);
        const char *sep = facet == RS_FACET_UDVALG ? memchr(v, RS_UDVALG_SEP, len) : NULL;
        if (sep) len -= (size_t)(sep + 1 - v), v = sep + 1; /* "<municipality>\x1e<committee>" */
        char *name = strndup(v, len);
        char *k = facet == RS_FACET_UDVALG && name ? rs_committee_key(name) : NULL;
        /* a committee: only the names with this key (its items may name other committees too) */
        if (name && (facet == RS_FACET_KOMMUNE || (k && !strcmp(k, key)))) {
            size_t hl = rs_fold_key(name, len, have, sizeof have), d = distance(want, wl, have, hl);
            if (!best || d < best_d || (d == best_d && (count > best_n || (count == best_n && strcmp(name, best) < 0)))) {
                free(best);
                best = name;
                name = NULL;
                best_d = d;
                best_n = count;
            }
        }
        free(k);
        free(name);
    }
    rsx_mset_free(m);
    if (best) rs_buf_puts(out, best);
    free(best);
}

RsStatus rs_filter_warnings(RsxDb *db, const RsQuery *pq, char ***warnings, size_t *n_warnings, RsError *err) {
    RsBuf term = {0}, msg = {0};
    RsSnippetKeys keys = {0};
    RsFilterCtx c = {&term, &keys, err, RS_OK};
    RsStatus rc = RS_OK;
    for (size_t i = 0; rc == RS_OK && i < pq->n_filters; i++) {
        const RsQFilter *f = &pq->filters[i];
        if (f->negated || (f->facet != RS_FACET_KOMMUNE && f->facet != RS_FACET_UDVALG)) continue;
        size_t freq = 0;
        if ((rc = filter_term(&c, f)) != RS_OK) break;
        if ((rc = rsx_db_termfreq(db, term.data, term.len, &freq, err)) != RS_OK || freq) continue;
        const char *prefix = f->facet == RS_FACET_KOMMUNE ? RS_PREFIX_KOMMUNE : RS_PREFIX_UDVALG;
        char *committee, *municipality;
        if (f->facet == RS_FACET_UDVALG && rs_udvalg_pair(f->value, &committee, &municipality)) {
            /* "Udvalg (Kommune)": the committee in that municipality; the nearest of those */
            rc = rs_term_udvalg_kommune(&term, municipality, committee, err);
            free(committee);
            free(municipality);
            if (rc != RS_OK) break;
            if ((rc = rsx_db_termfreq(db, term.data, term.len, &freq, err)) != RS_OK || freq) continue;
            prefix = RS_PREFIX_UDVALG_KOMMUNE;
        }
        Near nr = {.want = term.data + strlen(prefix), .want_len = term.len - strlen(prefix), .plen = strlen(prefix)};
        if ((rc = rsx_db_allterms(db, prefix, near_term, &nr, err)) != RS_OK) break;
        int kommune = f->facet == RS_FACET_KOMMUNE;
        rs_buf_reset(&msg);
        rs_buf_printf(&msg, "%s:\"%s\": ingen punkter har %s", kommune ? "kommune" : "udvalg", f->value,
                      kommune ? "den kommune" : "det udvalg");
        for (size_t k = 0; k < nr.n; k++) {
            rs_buf_puts(&msg, k == 0 ? "; mente du " : k + 1 == nr.n ? " eller " : ", ");
            display_name(db, f->facet, nr.term[k], f->value, &msg);
        }
        if (nr.n) rs_buf_putc(&msg, '?');
        char **w = msg.data ? realloc(*warnings, (*n_warnings + 1) * sizeof *w) : NULL;
        if (w) *warnings = w;
        if (!w || !(w[*n_warnings] = strdup(msg.data))) rc = rs_error_set(err, RS_ERR_NOMEM, "out of memory");
        else ++*n_warnings;
    }
    rs_buf_free(&term);
    rs_buf_free(&msg);
    rs_snippet_keys_free(&keys);
    return rc;
}
