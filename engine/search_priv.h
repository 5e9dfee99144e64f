/* search_priv.h — what the engine's search files share and no one else sees: the searcher, the
 * retry of a read that a committing writer invalidated, and the facets counted. */
#ifndef RS_SEARCH_PRIV_H
#define RS_SEARCH_PRIV_H

#include <stddef.h>
#include <stdlib.h>

#include "analyzer.h"
#include "buf.h"
#include "query.h"
#include "search.h"
#include "snippet.h"
#include "xapian_shim.h"

struct RsSearcher {
    RsxDb *db;
    RsAnalyzer *an;
    size_t n_indexes;
    char **paths; /* as given, for stats */
    int facet_columns; /* rs_searcher_keep_facet_columns */
    int facet_sets;    /* rs_searcher_facet_sets: an RsxFacetSets */
    struct RsFacetCache *facet_cache; /* rs_searcher_cache_facets, or NULL */
};

/* Let a writer in the middle of a commit finish: 2, 4, 6 … ms. Can't fail. */
void rs_search_backoff(int attempt);

#define RS_READ_ATTEMPTS 12
/* Run `call` (an RsStatus expression reading s->db) again after reopening while it fails with
 * RS_ERR_MODIFIED, up to RS_READ_ATTEMPTS times; returns from the enclosing function. */
#define WITH_RETRY(call)                                                   \
    do {                                                                   \
        RsStatus rc_ = RS_OK;                                              \
        for (int a_ = 0; a_ < RS_READ_ATTEMPTS; a_++) {                    \
            rc_ = (call);                                                  \
            if (rc_ != RS_ERR_MODIFIED) return rc_;                        \
            rs_search_backoff(a_);                                         \
            if (rsx_db_reopen(s->db, NULL, err) != RS_OK) return err->code; \
        }                                                                  \
        return rc_;                                                        \
    } while (0)

/* Collect the owned queries of a combination and free them after. Grows as needed: a query
 * is never dropped for lack of room (a failed allocation sets `oom`, which the builder turns into
 * RS_ERR_NOMEM). Initialise with {0}. */
typedef struct {
    RsxQuery **q;
    size_t n, cap;
    int oom;
} QList;

static inline void ql_free(QList *l) {
    for (size_t i = 0; i < l->n; i++) rsx_query_free(l->q[i]);
    free(l->q);
    l->q = NULL;
    l->n = l->cap = 0;
}

/* Take ownership of q (NULL: a failed build, not added). 0 when q is NULL or out of memory. */
static inline int ql_add(QList *l, RsxQuery *q) {
    if (!q) return 0;
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 8;
        RsxQuery **nq = realloc(l->q, cap * sizeof *nq);
        if (!nq) {
            rsx_query_free(q);
            l->oom = 1;
            return 0;
        }
        l->q = nq;
        l->cap = cap;
    }
    l->q[l->n++] = q;
    return 1;
}

/* What rs_apply_filters works with: a scratch term, the snippet keys (sag: adds a case key), the
 * error, and the status it sets on failure. */
typedef struct RsFilterCtx {
    RsBuf *term;
    RsSnippetKeys *keys;
    RsError *err;
    RsStatus rc;
} RsFilterCtx;

/* Wrap `q` with the filters of pq: OR within a facet, AND across, negated ones AND NOT. Takes
 * ownership of `q`: on failure (c->rc set: RS_ERR_QUERY for an unknown value, RS_ERR_NOMEM) it
 * is freed and NULL returned. */
RsxQuery *rs_apply_filters(RsxQuery *q, const RsQuery *pq, RsFilterCtx *c);

/* For each kommune:/udvalg: filter value no item has (a misspelling: "kommune:Esbjergg"), a
 * Danish warning naming the nearest known values, appended to *warnings (malloc'd strings in a
 * malloc'd array of *n, owned by the caller, as in RsResults). Fails
 * only when the index cannot be read or memory runs out. */
RsStatus rs_filter_warnings(RsxDb *db, const RsQuery *pq, char ***warnings, size_t *n, RsError *err);

/* RS_WEIGHTS="word,exact,fold,part,split,case" overrides the weights of the query forms, for tuning
 * runs (tests/relevance/eval.py). Can't fail. */
void rs_search_read_weights(void);

/* With RS_DEBUG_QUERY set, q's description on stderr after `label` ("query", "near query"). Can't
 * fail (out of memory is printed as such). */
void rs_search_debug_query(const char *label, const RsxQuery *q);

/* Hit i of m into *h: its record (the result-list fields) and, when asked, its snippet (the
 * build's snippet keys). What is filled belongs to *h, also on failure (RS_ERR_NOMEM, the
 * index's errors). */
struct RsQBuild;
RsStatus rs_search_fill_hit(struct RsQBuild *b, RsxMSet *m, size_t i, int snippets, RsHit *h);

/* The facets every search and the stats count: municipality, committee, year, type, outcome, kle. */
#define RS_N_FACETS 7
extern const RsxFacetRequest rs_facet_req[RS_N_FACETS];

/* Facet number i of m, which counts the result facet `f`, into *out (its values owned by
 * *out). The committee facet's slot entries ("<municipality>\x1e<committee>") are merged by
 * their committee-in-municipality term (two spellings of one committee are one value, counted
 * once per item, named by the spelling most items use) into values "Udvalg (Kommune)", each
 * with its parts: the count of a value is what filtering by it gives. RS_ERR_NOMEM. */
RsStatus rs_facet_list_of(RsxMSet *m, size_t i, RsResultFacet f, RsFacetList *out, RsError *err);

/* A udvalg: value "Udvalg (Kommune)" split into its committee (malloc'd into *committee) and
 * municipality (*municipality); 0 (and nothing allocated) when the value has no "(…)" at its
 * end, or memory runs out. */
int rs_udvalg_pair(const char *value, char **committee, char **municipality);

#endif
