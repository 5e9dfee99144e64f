/* search.h — search over one or more indexes: the query language to hits, facets, snippets, case history.
 *
 * The engine behind `refsog search`, `refsog case` and `refsog serve`. It
 * parses the query with engine/query.h, runs every word through the same
 * analyser as the indexer (stemmer/analyzer.h), builds a Xapian query
 * through the shim (index/xapian_shim.h) with the schema of index/schema.h,
 * and returns results as jansson objects shaped exactly like the JSON
 * output contract of the design brief.
 */
#ifndef RS_SEARCH_H
#define RS_SEARCH_H

#include <stddef.h>

#include <jansson.h>

#include "error.h"

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

/* Pick up what the indexer committed since open (cheap when nothing
 * changed). Fails like rs_searcher_open. */
RsStatus rs_searcher_reopen(RsSearcher *s, RsError *err);

/* One limit for every front end (CLI, API): a page holds at most RS_SEARCH_MAX_LIMIT hits and
 * starts at most RS_SEARCH_MAX_OFFSET hits in; past them rs_search fails with RS_ERR_USAGE. */
#define RS_SEARCH_MAX_LIMIT 100
#define RS_SEARCH_MAX_OFFSET 100000

typedef struct RsSearchRequest {
    const char *query;     /* the query language of docs/query-language.md */
    size_t offset;         /* hits to skip */
    size_t limit;          /* hits to return (0 = default 10; at most RS_SEARCH_MAX_LIMIT) */
    RsSort sort;
    int no_facets;         /* 1 = skip facet counting (faster) */
    int no_snippets;       /* 1 = no snippets */
    double time_budget;    /* seconds for the whole request (0 = none): past it the search
                              fails with RS_ERR_TIMEOUT, "søgningen tog for lang tid …" */
} RsSearchRequest;

/* Run a search. On success *out is a new JSON object (caller json_decref's
 * it) with exactly the fields of the output contract: query, total,
 * fallback (null or "or": no item matched every word, so any word was
 * accepted), spelling (null or a suggested query), hits[] (rank, score,
 * source, item, title, case, municipality, committee, date, type,
 * outcome[], closed, snippet with <mark>…</mark>, id), facets
 * (municipality, committee, year, type, outcome, kle: [{value, count}]).
 * Malformed query: RS_ERR_QUERY with a message for the user. */
RsStatus rs_search(RsSearcher *s, const RsSearchRequest *req, json_t **out, RsError *err);

/* The history of one case (any separator/zero-padding variant of its
 * number): {"case": key, "query": as typed, "items": [...]} in meeting date
 * order, each with date, municipality, committee, item, title, source, id,
 * decisions[] (committee, date, outcome, text). An unknown case gives an
 * empty items list; a string that is not a case number is RS_ERR_QUERY. */
RsStatus rs_case_history(RsSearcher *s, const char *caseno, json_t **out, RsError *err);

/* One agenda item in full by its id ("<source>#<item>"): the stored
 * document data (meeting, title, sections with text, decisions, votes,
 * attachments). RS_ERR_NOTFOUND if no such item. */
RsStatus rs_item_get(RsSearcher *s, const char *id, json_t **out, RsError *err);

/* A whole meeting: `id` is an item's "meeting" ("<source>", or "<source>#m2" for a file's
 * second meeting). *out: {"meeting", "source", "municipality", "committee", "date", "kind",
 * "url", "time", "items": [{"id", "item", "number", "title", "closed", "case", "type",
 * "outcome", "decisions"}]} in agenda order (a closed item has only its title and case: its
 * body is never stored). RS_ERR_NOTFOUND when no item has that meeting. */
RsStatus rs_meeting_get(RsSearcher *s, const char *id, json_t **out, RsError *err);

/* Index statistics: items, meetings, municipalities, committees, years,
 * date range, analyser fingerprint, schema version, and per index its path
 * and size in bytes (null for a remote one). */
RsStatus rs_index_stats(RsSearcher *s, json_t **out, RsError *err);

#endif
