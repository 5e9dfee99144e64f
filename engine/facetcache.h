/* facetcache.h — the exact total and facet counts of recent searches, per index revision
 * (engine-internal; a long-lived searcher's: rs_searcher_cache_facets).
 *
 * Counting facets visits every match; the hits of a page do not. Another page of the same
 * search, another sort order, the near matches on or off — the same words and filters, so the
 * same counts: a searcher that keeps this cache counts once per index revision and answers the
 * rest with a top-k search. Entries are keyed by what the counts depend on (the query as typed,
 * the filters passed as data, the facet mode) and tagged with the database's generation
 * (rsx_db_generation): an entry of another revision is never returned. Least recently used
 * entries go first. Not thread-safe: one per searcher, as the searcher.
 */
#ifndef RS_FACETCACHE_H
#define RS_FACETCACHE_H

#include <stddef.h>

#include "error.h"
#include "results.h"

typedef struct RsFacetCache RsFacetCache;

/* A cache of up to `entries` searches (at least 1). NULL on out of memory. */
RsFacetCache *rs_facet_cache_new(size_t entries);
void rs_facet_cache_free(RsFacetCache *c); /* NULL is a no-op */

/* The entry for `key` at generation `gen` into *total and facets[] (deep copies the
 * caller owns, as RsResults' facets: rs_facet_list_clear); 1 when found, 0 when not (facets
 * untouched), RS_ERR_NOMEM as a negative status (-RS_ERR_NOMEM) when the copy failed. */
int rs_facet_cache_get(RsFacetCache *c, const char *key, unsigned long gen, size_t *total,
                       RsFacetList facets[RS_RF_COUNT]);

/* Keep a copy of total and facets under key at generation gen (replacing an entry of
 * the same key, else the least recently used). Best effort: out of memory keeps nothing. Can't
 * fail. */
void rs_facet_cache_put(RsFacetCache *c, const char *key, unsigned long gen, size_t total,
                        const RsFacetList facets[RS_RF_COUNT]);

/* Lookups answered and not answered since the cache was made (for tests and the stats). */
void rs_facet_cache_counters(const RsFacetCache *c, size_t *hits, size_t *misses);

#endif
