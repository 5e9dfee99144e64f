/* search.c — one search: the query built (qbuild.h) and run, its hits read into records with
 * snippets, its facets counted, the OR fallback, the spelling suggestion; typed results. */
#include "search.h"
#include "search_priv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facetcache.h"
#include "near.h"
#include "qbuild.h"
#include "query.h"
#include "record.h"
#include "schema.h"
#include "snippet.h"
#include "spelling.h"
#include "terms.h"
#include "xapian_shim.h"

#define DEFAULT_LIMIT 10
#define SNIPPET_BYTES 240
/* Of a hit's stored text, a snippet looks at the first SNIPPET_TEXT bytes only (new indexes
 * store at most this much per item: index/itemdoc.c) */
#define SNIPPET_TEXT (1u << 20)

const RsxFacetRequest rs_facet_req[RS_N_FACETS] = {{RS_SLOT_KOMMUNE, 0}, {RS_SLOT_UDVALG, 1},
                                                   {RS_SLOT_YEAR, 0},         {RS_SLOT_TYPE, 0},
                                                   {RS_SLOT_UDFALD, 1},     {RS_SLOT_KLE, 0},
                                                   {RS_SLOT_DOKUMENT, 0}};

/* One slot entry of the committee facet with its group (the KV term) and count. */
typedef struct {
    char *term, *muni, *name;
    size_t count;
} Entry;

static int entry_cmp(const void *a, const void *b) {
    const Entry *x = a, *y = b;
    int c = strcmp(x->term, y->term);
    if (c) return c;
    if (x->count != y->count) return x->count > y->count ? -1 : 1; /* the most used spelling first */
    return strcmp(x->name, y->name);
}

static int count_cmp(const void *a, const void *b) {
    const RsFacetCount *x = a, *y = b;
    if (x->count != y->count) return x->count > y->count ? -1 : 1;
    return strcmp(x->value, y->value);
}

/* The committee facet's raw entries of `l` merged into "Udvalg (Kommune)" values (see
 * rs_facet_list_of); l is replaced. RS_ERR_NOMEM (l then cleared). */
static RsStatus merge_committees(RsFacetList *l, RsError *err) {
    Entry *e = calloc(l->n + 1, sizeof *e);
    RsFacetList out = {calloc(l->n + 1, sizeof *out.v), 0};
    RsBuf t = {0};
    int oom = !e || !out.v;
    size_t n = 0;
    for (size_t i = 0; !oom && i < l->n; i++) {
        char *v = l->v[i].value, *sep = strchr(v, RS_UDVALG_SEP);
        Entry *x = &e[n++];
        x->muni = sep ? strndup(v, (size_t)(sep - v)) : strdup("");
        x->name = strdup(sep ? sep + 1 : v);
        x->count = l->v[i].count;
        if (!x->muni || !x->name || rs_term_udvalg_kommune(&t, x->muni, x->name, err) != RS_OK ||
            !(x->term = strndup(t.data, t.len)))
            oom = 1;
    }
    if (!oom) qsort(e, n, sizeof *e, entry_cmp);
    for (size_t i = 0; !oom && i < n;) {
        size_t j = i, sum = 0;
        while (j < n && !strcmp(e[j].term, e[i].term)) sum += e[j++].count; /* at most one entry per item */
        RsFacetCount *c = &out.v[out.n++];
        RsBuf v = {0};
        rs_buf_printf(&v, e[i].muni[0] ? "%s (%s)" : "%s", e[i].name, e[i].muni);
        c->value = v.data;
        c->count = sum;
        c->committee = e[i].name;
        c->municipality = e[i].muni;
        e[i].name = e[i].muni = NULL;
        if (!c->value) oom = 1;
        i = j;
    }
    for (size_t i = 0; e && i < n; i++) free(e[i].term), free(e[i].muni), free(e[i].name);
    free(e);
    rs_buf_free(&t);
    rs_facet_list_clear(l);
    if (oom) {
        rs_facet_list_clear(&out);
        return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    }
    qsort(out.v, out.n, sizeof *out.v, count_cmp);
    *l = out;
    return RS_OK;
}

RsStatus rs_facet_list_of(RsxMSet *m, size_t f, RsResultFacet kind, RsFacetList *out, RsError *err) {
    out->n = 0;
    out->v = NULL;
    size_t n = rsx_mset_facet_size(m, f);
    if (!n) return RS_OK;
    if (!(out->v = calloc(n, sizeof *out->v))) return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        const char *v;
        size_t len, count;
        rsx_mset_facet(m, f, i, &v, &len, &count);
        if (!(out->v[i].value = strndup(v, len))) {
            rs_facet_list_clear(out);
            return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
        }
        out->v[i].count = count;
        out->n++;
    }
    return kind == RS_RF_UDVALG ? merge_committees(out, err) : RS_OK;
}

int rs_udvalg_pair(const char *value, char **committee, char **municipality) {
    size_t n = strlen(value);
    if (n < 4 || value[n - 1] != ')') return 0;
    size_t open = n - 1;
    while (open > 0 && value[open - 1] != '(' && value[open - 1] != ')') open--;
    /* "Udvalg (Kommune)": a space before the last '(', something inside and before it */
    if (open < 3 || value[open - 1] != '(' || value[open - 2] != ' ' || open == n - 1) return 0;
    *committee = strndup(value, open - 2);
    *municipality = strndup(value + open, n - 1 - open);
    if (!*committee || !*municipality || !**committee) {
        free(*committee);
        free(*municipality);
        *committee = *municipality = NULL;
        return 0;
    }
    return 1;
}

void rs_search_debug_query(const char *label, const RsxQuery *q) {
    if (!getenv("RS_DEBUG_QUERY")) return;
    char *d = rsx_query_describe(q);
    fprintf(stderr, "%s: %s\n", label, d ? d : "(out of memory)");
    free(d);
}

RsStatus rs_search_fill_hit(RsQBuild *b, RsxMSet *m, size_t i, int snippets, RsHit *h) {
    const char *data;
    size_t len;
    RsStatus rc = rsx_mset_data(m, i, &data, &len, b->err);
    if (rc != RS_OK) return rc;
    h->rank = rsx_mset_rank(m, i) + 1;
    h->score = round(rsx_mset_weight(m, i) * 1000) / 1000.0;
    RsError e2;
    /* the stored bytes opened once (inflated: index/docdata.h): the hit, and the text for a snippet */
    RsBuf scratch = {0};
    RsDocData dd;
    RsStatus opened = rs_docdata_open(data, len, snippets ? 3 : rs_item_record_parts_needed(RS_RECORD_HIT),
                                      &scratch, &dd, &e2);
    if (opened != RS_OK) { /* damaged deflated data: no text either */
        memset(&dd, 0, sizeof dd);
        dd.text = "";
    }
    rc = opened == RS_OK ? rs_item_record_decode_parts(&dd, RS_RECORD_HIT, &h->rec, &e2) : opened;
    if (rc != RS_OK) {
        if (e2.code == RS_ERR_NOMEM) {
            rs_buf_free(&scratch);
            return rs_error_set(b->err, RS_ERR_NOMEM, "out of memory");
        }
        memset(&h->rec, 0, sizeof h->rec); /* damaged data: an empty hit, as before */
    }
    if (!snippets) {
        rs_buf_free(&scratch);
        return RS_OK;
    }
    h->has_snippet = 1;
    const char *text = dd.text;
    size_t tl = dd.text_len;
    if (tl > SNIPPET_TEXT) tl = SNIPPET_TEXT; /* older indexes */
    size_t at = 0;
    RsStatus snip = rs_snippet_at(b->s->an, text, tl, b->keys, SNIPPET_BYTES, &h->snippet, &at, &e2);
    rs_buf_free(&scratch);
    if (snip != RS_OK) {
        if (e2.code == RS_ERR_NOMEM) return rs_error_set(b->err, RS_ERR_NOMEM, "out of memory");
        memset(&h->snippet, 0, sizeof h->snippet);
        if (!(h->snippet.text = strdup(""))) return rs_error_set(b->err, RS_ERR_NOMEM, "out of memory");
    }
    /* a snippet from an attachment's text names the attachment */
    for (size_t k = 0; k < h->rec.n_attachment_text; k++) {
        const RsAttachmentSpan *s = &h->rec.attachment_text[k];
        if (at >= s->start && at < s->end) {
            if (!(h->snippet.attachment = strdup(s->title ? s->title : "")))
                return rs_error_set(b->err, RS_ERR_NOMEM, "out of memory");
            break;
        }
    }
    return RS_OK;
}

/* Whether the tree is a plain AND of two or more words (the OR fallback applies). */
static int plain_words(const RsQNode *n) {
    if (!n || n->kind != RS_QN_AND) return 0;
    int words = 0;
    for (size_t i = 0; i < n->n_kids; i++) {
        if (n->kids[i]->negated) continue;
        if (n->kids[i]->kind != RS_QN_WORD && n->kids[i]->kind != RS_QN_PHRASE &&
            n->kids[i]->kind != RS_QN_PREFIX)
            return 0;
        words++;
    }
    return words >= 2;
}

/* The filters the request passes as structs, added to the parsed query's own. */
static RsStatus add_request_filters(RsQuery *pq, const RsSearchRequest *req, RsError *err) {
    for (size_t i = 0; i < req->n_filters; i++) {
        RsStatus rc = rs_query_add_filter(pq, req->filters[i].facet, req->filters[i].value,
                                          req->filters[i].negated, err);
        if (rc != RS_OK) return rc;
    }
    return RS_OK;
}

/* The results of the built query q (hits, facets, warnings, spelling) into *r. */
static RsStatus collect(RsQBuild *b, RsxMSet *m, const RsQuery *pq, const RsSearchRequest *req, int facets,
                        int fallback, RsResults *r) {
    RsError *err = b->err;
    RsStatus rc = RS_OK;
    r->total = rsx_mset_matches_estimated(m);
    r->counts_exact = facets && rsx_mset_facets_exact(m);
    r->fallback_or = fallback;
    if (r->total == 0 || fallback) r->spelling = rs_spelling_suggest(b->s, pq, req->query ? req->query : "");
    if (r->total == 0) rc = rs_filter_warnings(b->s->db, pq, &r->warnings, &r->n_warnings, err);
    /* Read every hit's stored data first (the only reads of the index here), then build
     * snippets: the window in which a committing writer can invalidate what we read stays
     * short. */
    for (size_t i = 0; rc == RS_OK && i < rsx_mset_size(m); i++) {
        const char *d;
        size_t dl;
        rc = rsx_mset_data(m, i, &d, &dl, err);
    }
    size_t n = rsx_mset_size(m);
    if (rc == RS_OK && n && !(r->hits = calloc(n, sizeof *r->hits))) rc = rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    for (size_t i = 0; rc == RS_OK && i < n; i++) {
        if (!req->no_snippets && rs_qbuild_out_of_time(b)) { /* snippets are the costly part */
            rc = RS_ERR_TIMEOUT;
            break;
        }
        rc = rs_search_fill_hit(b, m, i, !req->no_snippets, &r->hits[r->n_hits]);
        r->n_hits++; /* freed with the results, also half-filled */
    }
    for (int f = 0; rc == RS_OK && facets && f < RS_RF_COUNT; f++)
        rc = rs_facet_list_of(m, (size_t)f, (RsResultFacet)f, &r->facets[f], err);
    return rc;
}

/* The filter facet a result facet is filtered by. */
static RsFacet filter_of(RsResultFacet f) {
    static const RsFacet map[RS_RF_COUNT] = {RS_FACET_KOMMUNE, RS_FACET_UDVALG, RS_FACET_AAR, RS_FACET_TYPE,
                                              RS_FACET_UDFALD, RS_FACET_KLE, RS_FACET_DOKUMENT};
    return map[f];
}

/* Disjunctive counts: each facet that has (non-negated) filters counted again over the query
 * with every filter but its own, so its values show what choosing them too would add. */
static RsStatus disjunctive(RsQBuild *b, const RsQuery *pq, const RsxSearchOptions *base, RsResults *r) {
    RsStatus rc = RS_OK;
    for (int f = 0; rc == RS_OK && f < RS_RF_COUNT; f++) {
        RsFacet ff = filter_of((RsResultFacet)f);
        size_t own = 0;
        for (size_t i = 0; i < pq->n_filters; i++) own += pq->filters[i].facet == ff && !pq->filters[i].negated;
        if (!own) continue;
        RsQFilter *keep = calloc(pq->n_filters, sizeof *keep);
        if (!keep) return rs_error_set(b->err, RS_ERR_NOMEM, "out of memory");
        RsQuery sub = {pq->root, keep, 0}; /* borrows pq's nodes and values */
        for (size_t i = 0; i < pq->n_filters; i++)
            if (pq->filters[i].facet != ff || pq->filters[i].negated) keep[sub.n_filters++] = pq->filters[i];
        b->expansion_left = RS_MAX_EXPANSION;
        RsxQuery *core = pq->root ? rs_qbuild_node(b, pq->root) : rsx_query_match_all(b->err);
        RsxQuery *q = core ? rs_qbuild_filters(b, core, &sub) : NULL;
        free(keep);
        if (!q) return b->rc != RS_OK ? b->rc : (b->err->code ? b->err->code : RS_ERR_NOMEM);
        RsxSearchOptions o = *base;
        o.offset = 0;
        o.limit = 0;
        o.facets = &rs_facet_req[f];
        o.n_facets = 1;
        RsxMSet *m = NULL;
        rc = rsx_search(b->s->db, q, &o, &m, b->err);
        rsx_query_free(q);
        RsFacetList l = {0};
        if (rc == RS_OK) rc = rs_facet_list_of(m, 0, (RsResultFacet)f, &l, b->err);
        if (rc == RS_OK && !rsx_mset_facets_exact(m)) r->counts_exact = 0; /* capped: lower bounds */
        rsx_mset_free(m);
        if (rc == RS_OK) {
            rs_facet_list_clear(&r->facets[f]);
            r->facets[f] = l;
        }
        if (rc == RS_OK && rs_qbuild_out_of_time(b)) rc = RS_ERR_TIMEOUT;
    }
    return rc;
}

/* What a search's total and facet counts depend on: the query as typed, the filters passed as
 * data, the facet mode. Malloc'd; NULL on out of memory (then nothing is cached). */
static char *cache_key(const char *qs, const RsSearchRequest *req) {
    RsBuf k = {0};
    rs_buf_printf(&k, "%d\x1f%s", req->disjunctive_facets != 0, qs);
    for (size_t i = 0; i < req->n_filters; i++)
        rs_buf_printf(&k, "\x1f%d%c%s", (int)req->filters[i].facet, req->filters[i].negated ? '-' : '+',
                      req->filters[i].value ? req->filters[i].value : "");
    return k.data;
}

static RsStatus search_once(RsSearcher *s, const RsSearchRequest *req, double deadline, RsResults **out,
                            RsError *err) {
    *out = NULL;
    if (req->limit > RS_SEARCH_MAX_LIMIT || req->offset > RS_SEARCH_MAX_OFFSET)
        return rs_error_set(err, RS_ERR_USAGE, "limit must be 1 to %d and offset 0 to %d", RS_SEARCH_MAX_LIMIT,
                            RS_SEARCH_MAX_OFFSET);
    RsQuery *pq = NULL;
    const char *qs = req->query ? req->query : "";
    /* no words (empty, or a lone "*"): every item with the filters, newest first */
    const char *t = qs + strspn(qs, " \t\r\n");
    int browse = !*t || (t[0] == '*' && !t[1 + strspn(t + 1, " \t\r\n")]);
    RsStatus rc = rs_query_parse_filtered(browse ? "" : qs, browse ? 0 : strlen(qs), browse || req->n_filters > 0,
                                          &pq, err);
    if (rc == RS_OK) rc = add_request_filters(pq, req, err);
    if (rc != RS_OK) {
        rs_query_free(pq);
        return rc;
    }
    RsSnippetKeys keys = {0};
    RsQNotes notes = {NULL, 0};
    RsQBuild b = {.s = s, .err = err, .rc = RS_OK, .keys = &keys, .expansion_left = RS_MAX_EXPANSION,
                  .deadline = deadline, .budget = req->time_budget, .notes = &notes};
    RsxQuery *core = pq->root ? rs_qbuild_node(&b, pq->root) : rsx_query_match_all(err);
    b.notes = NULL; /* the fallback and disjunctive counts rebuild the query: noted once */
    if (!core && b.rc == RS_OK) b.rc = err->code ? err->code : RS_ERR_NOMEM;
    RsxQuery *q = NULL;
    if (b.rc == RS_OK) q = rs_qbuild_filters(&b, core, pq); /* takes core, also on failure */
    else rsx_query_free(core);
    if (b.rc == RS_OK) rs_qbuild_out_of_time(&b);
    int debug = getenv("RS_DEBUG_QUERY") != NULL; /* the query and how it was counted, on stderr */
    if (q) rs_search_debug_query("query", q);
    RsxSearchOptions o = {.offset = req->offset, .limit = req->limit ? req->limit : DEFAULT_LIMIT, .sort_slot = -1,
                          .stable_ties = 1, .tie_slot = RS_SLOT_ITEMKEY};
    if (req->sort != RS_SORT_RELEVANCE) {
        o.sort_slot = RS_SLOT_DATE;
        o.sort_descending = req->sort == RS_SORT_DATE_DESC;
    }
    if (!req->no_facets) {
        o.facets = rs_facet_req;
        o.n_facets = RS_N_FACETS;
        o.facet_columns = s->facet_columns;
        o.facet_sets = s->facet_sets;
        o.facet_cap = req->facet_cap;
    }
    /* the counts of this search at this revision already known: only the page is searched */
    char *ckey = s->facet_cache && o.n_facets && b.rc == RS_OK ? cache_key(qs, req) : NULL;
    unsigned long gen = rsx_db_generation(s->db);
    RsFacetList cached[RS_RF_COUNT] = {{0}};
    size_t cached_total = 0;
    int hit = 0;
    if (ckey) {
        hit = rs_facet_cache_get(s->facet_cache, ckey, gen, &cached_total, cached);
        if (hit < 0) b.rc = rs_error_set(err, RS_ERR_NOMEM, "out of memory");
        if (hit == 1) {
            o.facets = NULL;
            o.n_facets = 0;
        }
    }
    RsxMSet *m = NULL;
    int fallback = 0;
    if (deadline) o.time_limit = deadline - rs_now_s() > 0.001 ? deadline - rs_now_s() : 0.001; /* Xapian's own */
    if (b.rc == RS_OK) b.rc = rsx_search(s->db, q, &o, &m, err);
    if (b.rc == RS_OK && debug && o.n_facets)
        fprintf(stderr, "counts: %s\n", rsx_mset_from_sets(m) ? "from the match set" : "match by match");
    if (b.rc == RS_OK) rs_qbuild_out_of_time(&b);
    if (b.rc == RS_OK && rsx_mset_matches_estimated(m) == 0 && plain_words(pq->root)) {
        /* Nothing matches every word: accept any of them (never an excluded one), and say so. */
        RsxQuery *orq = rs_qbuild_any_word(&b, pq->root);
        RsxQuery *fq = orq ? rs_qbuild_filters(&b, orq, pq) : NULL;
        if (fq) {
            RsxMSet *m2 = NULL;
            if (rsx_search(s->db, fq, &o, &m2, err) == RS_OK && rsx_mset_matches_estimated(m2) > 0) {
                rsx_mset_free(m);
                m = m2;
                fallback = 1;
            } else {
                rsx_mset_free(m2);
            }
            rsx_query_free(fq);
        }
        if (b.rc == RS_OK) rs_qbuild_out_of_time(&b);
    }
    rc = b.rc;
    RsResults *r = NULL;
    if (rc == RS_OK && !(r = calloc(1, sizeof *r))) rc = rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    if (rc == RS_OK && !(r->query = strdup(qs))) rc = rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    if (rc == RS_OK) rc = collect(&b, m, pq, req, o.n_facets > 0, fallback, r);
    if (rc == RS_OK && hit == 1) { /* the exact total and counts, from the cache */
        r->total = cached_total;
        r->counts_exact = 1;
        for (int f = 0; f < RS_RF_COUNT; f++) {
            rs_facet_list_clear(&r->facets[f]);
            r->facets[f] = cached[f];
            cached[f] = (RsFacetList){0};
        }
    }
    for (int f = 0; f < RS_RF_COUNT; f++) rs_facet_list_clear(&cached[f]);
    /* the first page not full of items with every word: items with some of them below */
    if (rc == RS_OK && !fallback && r->total && r->total < o.limit && o.offset == 0 && o.sort_slot < 0 &&
        plain_words(pq->root) && !rs_qbuild_has_case(pq->root) && !req->no_near)
        rc = rs_near_matches(&b, pq, o.limit, !req->no_snippets, r);
    for (size_t i = 0; i < notes.n; i++) { /* a capped prefix: into the warnings */
        char **v = r && rc == RS_OK ? realloc(r->warnings, (r->n_warnings + 1) * sizeof *v) : NULL;
        if (v) {
            r->warnings = v;
            v[r->n_warnings++] = notes.v[i];
        } else {
            free(notes.v[i]);
        }
    }
    free(notes.v);
    if (rc == RS_OK && o.n_facets && req->disjunctive_facets) rc = disjunctive(&b, pq, &o, r);
    if (rc == RS_OK && ckey && hit == 0 && r->counts_exact) /* only exact counts are kept */
        rs_facet_cache_put(s->facet_cache, ckey, gen, r->total, r->facets);
    free(ckey);
    if (r) {
        r->limit = o.limit;
        r->offset = o.offset;
        r->browse = browse || !pq->root;
    }
    rsx_mset_free(m);
    rsx_query_free(q);
    rs_query_free(pq);
    rs_snippet_keys_free(&keys);
    rs_qbuild_free(&b);
    if (rc != RS_OK) {
        rs_results_free(r);
        r = NULL;
    }
    *out = r;
    return rc;
}

/* A writer that commits twice while we read discards the revision we read
 * (DatabaseModifiedError): reopen and run the whole request again. */
static RsStatus search_retry(RsSearcher *s, const RsSearchRequest *req, double deadline, RsResults **out,
                             RsError *err) {
    WITH_RETRY(search_once(s, req, deadline, out, err));
}

/* Typo tolerance: when the words as typed match nothing and a correction within Meilisearch's
 * limits does, the corrected query's results, said in `corrected` (never silently). */
static RsStatus correct(RsSearcher *s, const RsSearchRequest *req, double deadline, RsResults **r, RsError *err) {
    if (req->no_correction || (*r)->total || (*r)->fallback_or || (*r)->browse) return RS_OK;
    RsQuery *pq = NULL;
    RsError e2;
    const char *qs = req->query ? req->query : "";
    if (rs_query_parse_filtered(qs, strlen(qs), req->n_filters > 0, &pq, &e2) != RS_OK) return RS_OK;
    char *fix = rs_spelling_correct(s, pq, qs);
    rs_query_free(pq);
    if (!fix) return RS_OK;
    RsSearchRequest again = *req;
    again.query = fix;
    again.no_correction = 1;
    RsResults *r2 = NULL;
    RsStatus rc = search_retry(s, &again, deadline, &r2, err);
    if (rc == RS_OK && r2->total > 0) {
        free(r2->query);
        r2->query = (*r)->query; /* the query as asked */
        (*r)->query = NULL;
        r2->corrected = fix;
        fix = NULL;
        rs_results_free(*r);
        *r = r2;
        r2 = NULL;
    }
    rs_results_free(r2);
    free(fix);
    return rc == RS_ERR_NOMEM ? rc : RS_OK; /* a failed correction leaves the answer as it was */
}

RsStatus rs_search(RsSearcher *s, const RsSearchRequest *req, RsResults **out, RsError *err) {
    double t0 = rs_now_s();
    double deadline = req->time_budget > 0 ? t0 + req->time_budget : 0; /* for every attempt */
    RsStatus rc = search_retry(s, req, deadline, out, err);
    if (rc == RS_OK) rc = correct(s, req, deadline, out, err);
    if (rc == RS_OK) (*out)->took_ms = (rs_now_s() - t0) * 1000.0;
    return rc;
}
