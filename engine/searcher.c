/* searcher.c — opening a searcher over one or more indexes (checked against this refsog's schema
 * and analyser), reopening, closing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "facetcache.h"
#include "schema.h"
#include "search.h"
#include "search_priv.h"

void rs_search_backoff(int attempt) {
    struct timespec ts = {0, 2000000L * (attempt + 1)};
    nanosleep(&ts, NULL);
}

/* Schema version and analyser fingerprint of every shard, against ours. */
static RsStatus check_shards(RsSearcher *s, const char *const *indexes, size_t n, RsError *err) {
    RsStatus rc = RS_OK;
    for (size_t i = 0; rc == RS_OK && i < n; i++) {
        char *v;
        size_t len;
        rc = rsx_db_get_shard_metadata(s->db, i, RS_META_SCHEMA, &v, &len, err);
        if (rc != RS_OK) break;
        if (len && strcmp(v, RS_SCHEMA_VERSION) && !RS_SCHEMA_UPGRADED(v))
            rc = rs_error_set(err, RS_ERR_MISMATCH, "%s: index schema %s, this refsog reads %s: rebuild it (index the "
                              "same folders into a new directory, then put it in this one's place)",
                              indexes[i], v, RS_SCHEMA_VERSION);
        free(v);
        if (rc != RS_OK) break;
        rc = rsx_db_get_shard_metadata(s->db, i, RS_META_FINGERPRINT, &v, &len, err);
        if (rc != RS_OK) break;
        if (len && strcmp(v, rs_analyzer_fingerprint(s->an)))
            rc = rs_error_set(err, RS_ERR_MISMATCH,
                              "%s: the index was built with another analyser configuration "
                              "(\"%s\"; this refsog has \"%s\"): re-index, or searches would "
                              "silently miss words",
                              indexes[i], v, rs_analyzer_fingerprint(s->an));
        free(v);
    }
    return rc;
}

RsStatus rs_searcher_open(const char *const *indexes, size_t n, RsSearcher **out, RsError *err) {
    *out = NULL;
    rs_search_read_weights();
    RsSearcher *s = calloc(1, sizeof *s);
    if (!s) return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    s->n_indexes = n;
    const char *fs = getenv("RS_FACET_SETS");
    rs_searcher_facet_sets(s, fs && !strcmp(fs, "never") ? RS_SETS_NEVER : fs && !strcmp(fs, "always") ? RS_SETS_ALWAYS : RS_SETS_AUTO);
    _Static_assert(RS_SETS_KEEP == RSX_SETS_BUDGET, "the engine's default is the shim's");
    s->paths = calloc(n ? n : 1, sizeof *s->paths);
    for (size_t i = 0; s->paths && i < n; i++) s->paths[i] = strdup(indexes[i]);
    RsStatus rc = rsx_db_open(indexes, n, 0, &s->db, err);
    if (rc == RS_OK) rc = rs_analyzer_open(NULL, &s->an, err);
    for (int attempt = 0; rc == RS_OK && attempt < RS_READ_ATTEMPTS; attempt++) {
        rc = check_shards(s, indexes, n, err);
        if (rc != RS_ERR_MODIFIED) break;
        rs_search_backoff(attempt); /* a writer committed meanwhile: read again */
        rc = rsx_db_reopen(s->db, NULL, err);
    }
    if (rc != RS_OK) {
        rs_searcher_close(s);
        return rc;
    }
    *out = s;
    return RS_OK;
}

void rs_searcher_close(RsSearcher *s) {
    if (!s) return;
    rsx_db_close(s->db);
    rs_analyzer_close(s->an);
    rs_facet_cache_free(s->facet_cache);
    for (size_t i = 0; s->paths && i < s->n_indexes; i++) free(s->paths[i]);
    free(s->paths);
    free(s);
}

void rs_searcher_keep_facet_columns(RsSearcher *s, int on) { s->facet_columns = on != 0; }

void rs_searcher_facet_sets(RsSearcher *s, RsFacetSets mode) {
    s->facet_sets = mode == RS_SETS_NEVER ? RSX_SETS_NEVER : mode == RS_SETS_ALWAYS ? RSX_SETS_ALWAYS : RSX_SETS_AUTO;
}

void rs_searcher_keep_sets(RsSearcher *s, size_t bytes) { rsx_db_keep_sets(s->db, bytes); }

RsStatus rs_searcher_cache_facets(RsSearcher *s, size_t entries, RsError *err) {
    rs_facet_cache_free(s->facet_cache);
    s->facet_cache = NULL;
    if (entries && !(s->facet_cache = rs_facet_cache_new(entries)))
        return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    return RS_OK;
}

void rs_searcher_facet_cache_counters(const RsSearcher *s, size_t *hits, size_t *misses) {
    rs_facet_cache_counters(s->facet_cache, hits, misses);
}

RsStatus rs_searcher_reopen(RsSearcher *s, RsError *err) { return rsx_db_reopen(s->db, NULL, err); }

