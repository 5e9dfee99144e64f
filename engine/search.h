/* search.h — search over one or more indexes: the query language to hits, facets, snippets, case history.
 *
 * The engine behind `refsog search`, `refsog case` and `refsog serve`. It
 * parses the query with engine/query.h, runs every word through the same
 * analyser as the indexer (stemmer/analyzer.h), builds a Xapian query
 * through the shim (index/xapian_shim.h) with the schema of index/schema.h,
 * and returns typed results (engine/results.h); engine/present.h renders them
 * as the JSON contract, cli/ as text.
 */
#ifndef RS_SEARCH_H
#define RS_SEARCH_H

#include <stddef.h>

#include "error.h"
#include "query.h"
#include "results.h"

typedef struct RsSearcher RsSearcher;

typedef enum RsSort {
    RS_SORT_RELEVANCE = 0,
    RS_SORT_DATE_DESC, /* newest meeting first ("-date") */
    RS_SORT_DATE_ASC   /* oldest first ("date") */
} RsSort;

/* Open the indexes (local directories or tcp://host:port) as one. Checks
 * the schema version and the analyser fingerprint stored in each index:
 * RS_ERR_MISMATCH with a message saying what differs and to re-index.
 * Missing index: RS_ERR_NOTFOUND naming the path. On success *out owns a
 * searcher (close with rs_searcher_close). Not thread-safe: one per thread. */
RsStatus rs_searcher_open(const char *const *indexes, size_t n_indexes, RsSearcher **out,
                          RsError *err);

/* Release a searcher. rs_searcher_close(NULL) is a no-op. */
void rs_searcher_close(RsSearcher *s);

/* For a searcher that answers many searches (the server): count facets from per-facet arrays
 * over the whole index, built by the first count at each index revision (it reads every value
 * of the six facet slots once) and kept until a reopen finds a newer revision; then a count
 * costs a few array reads per match. Off by default (one search per process: the build would
 * cost more than it saves). Shards (local or remote) always count the usual way. Can't fail. */
void rs_searcher_keep_facet_columns(RsSearcher *s, int on);

/* With facet columns kept: how the matches are found for counting. By default (RS_SETS_AUTO) a
 * query that may match more than one item in 128 and has no phrase gets its match set as a bitset
 * of item ids from its words' posting lists, and the matcher only finds the page; RS_SETS_NEVER
 * counts match by match, RS_SETS_ALWAYS uses the bitset whenever the query has no phrase.
 * RS_FACET_SETS=auto|never|always in the environment sets the default of every searcher opened
 * after (tests and benchmarks compare the two ways). Can't fail. */
typedef enum RsFacetSets { RS_SETS_AUTO = 0, RS_SETS_NEVER, RS_SETS_ALWAYS } RsFacetSets;
void rs_searcher_facet_sets(RsSearcher *s, RsFacetSets mode);

/* How many bytes of frequent words' bitsets (a word in one item in 64 or more) the searcher keeps
 * from count to count until the index moves to a new revision, the least recently used going
 * first: RS_SETS_KEEP by default, 0 none (each count reads its posting lists, as the first one at
 * a revision does). A set is one bit per item (125 kB at 1,000,000 items). Can't fail. */
#define RS_SETS_KEEP ((size_t)64 << 20)
void rs_searcher_keep_sets(RsSearcher *s, size_t bytes);

/* For a searcher that answers many searches (the server): keep the exact total and facet counts
 * of the last `entries` searches (0: none, the default) per index revision, so another page,
 * another sort order or the near matches on or off of the same words and filters cost a top-k
 * search instead of a visit of every match (engine/facetcache.h). Fails only with RS_ERR_NOMEM
 * (then nothing is cached). */
RsStatus rs_searcher_cache_facets(RsSearcher *s, size_t entries, RsError *err);

/* Searches whose counts the cache answered, and those it did not, since it was made (0, 0
 * without one). Can't fail. */
void rs_searcher_facet_cache_counters(const RsSearcher *s, size_t *hits, size_t *misses);

/* Pick up what the indexer committed since open (cheap when nothing
 * changed). Fails like rs_searcher_open. */
RsStatus rs_searcher_reopen(RsSearcher *s, RsError *err);

/* One limit for every front end (CLI, API): a page holds at most RS_SEARCH_MAX_LIMIT hits and
 * starts at most RS_SEARCH_MAX_OFFSET hits in; past them rs_search fails with RS_ERR_USAGE. */
#define RS_SEARCH_MAX_LIMIT 100
#define RS_SEARCH_MAX_OFFSET 100000

/* A filter passed as data (the API's kommune=…, fra=/til=), not spliced into the query text:
 * the same filter as `facet:"value"` in the query language (for RS_FACET_DATO the value is
 * what follows "dato:", e.g. "2020-01-01..2021-06-30"). */
typedef struct RsSearchFilter {
    RsFacet facet;
    const char *value;
    int negated;
} RsSearchFilter;

typedef struct RsSearchRequest {
    const char *query;     /* the query language of docs/query-language.md; empty or "*": every
                              item (with the filters), newest first */
    const RsSearchFilter *filters; /* more filters, ANDed across facets, ORed within one */
    size_t n_filters;
    size_t offset;         /* hits to skip */
    size_t limit;          /* hits to return (0 = default 10; at most RS_SEARCH_MAX_LIMIT) */
    RsSort sort;
    int no_facets;         /* 1 = skip facet counting (faster) */
    int no_correction;     /* 1 = never show a corrected query's results instead (typo tolerance) */
    size_t facet_cap;      /* 0 = exact total and counts (every match visited); else at least this
                              many matches are counted: past them the total is an estimate and the
                              counts lower bounds (RsResults.counts_exact 0: »ca.«, »mindst«) */
    int no_near;           /* 1 = no near matches (RsResults.near) below a first page that the
                              items with every word do not fill */
    int disjunctive_facets; /* 1 = count each facet that has filters as if it had none (the
                               other facets' filters apply): the counts a multi-select shows */
    int no_snippets;       /* 1 = no snippets */
    double time_budget;    /* seconds for the whole request (0 = none): past it the search
                              fails with RS_ERR_TIMEOUT, "søgningen tog for lang tid …" */
} RsSearchRequest;

/* Run a search. On success *out holds the results (rs_results_free): total, hits with their
 * records and snippets, facets, the OR fallback (no item matched every word, so any word was
 * accepted), a spelling suggestion, warnings for filter values no item has. Malformed query or
 * filter: RS_ERR_QUERY with a message for the user; limit/offset out of range: RS_ERR_USAGE;
 * past the time budget: RS_ERR_TIMEOUT. */
RsStatus rs_search(RsSearcher *s, const RsSearchRequest *req, RsResults **out, RsError *err);

/* The history of one case (any separator/zero-padding variant of its number), its items with
 * their decisions in meeting date order (rs_case_history_free). An unknown case gives no
 * items; a string that is not a case number is RS_ERR_QUERY. */
RsStatus rs_case_history(RsSearcher *s, const char *caseno, RsCaseHistory **out, RsError *err);

/* One agenda item in full by its id ("<source>#<item>", the path in any spelling): the record
 * with detail and text (the caller rs_item_record_clear's it). RS_ERR_NOTFOUND if no such item. */
RsStatus rs_item_get(RsSearcher *s, const char *id, RsItemRecord *out, RsError *err);

/* A whole meeting: `id` is an item's "meeting" ("<source>", or "<source>#m2" for a file's
 * second meeting; the path in any spelling); its items (with detail) in agenda order, a closed
 * item with only its title and case (its body is never stored) (rs_meeting_view_free).
 * RS_ERR_NOTFOUND when no item has that meeting. */
RsStatus rs_meeting_get(RsSearcher *s, const char *id, RsMeetingView **out, RsError *err);

/* Index statistics: items, files, municipalities, committees, years, date range, analyser
 * fingerprint, schema version, and per index its path and size in bytes (-1 for a remote one)
 * (rs_stats_free). */
RsStatus rs_index_stats(RsSearcher *s, RsStats **out, RsError *err);

#endif
