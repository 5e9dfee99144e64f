/* results.h — what the engine answers, as typed data: a search's results, a case history, a
 * meeting, the index's stats. Presentation (JSON for the API and `--json`, text for a
 * terminal) is done from these by the front ends (engine/present.h, cli/).
 *
 * Ownership: every struct here owns its strings and arrays; each has one *_free that frees all
 * of it (NULL is a no-op). Items are index/record.h records.
 */
#ifndef RS_RESULTS_H
#define RS_RESULTS_H

#include <stddef.h>

#include "record.h"

/* A matched word in a snippet: bytes [start, end) of the snippet's text. */
typedef struct RsMark {
    size_t start, end;
} RsMark;

/* A snippet: plain text (whitespace runs made single spaces; "… " before and " …" after when
 * the item's text goes on) and the matched words in it, in order. */
typedef struct RsSnippet {
    char *text;
    RsMark *marks;
    size_t n_marks;
    char *attachment; /* the attachment's title when the snippet comes from its text, or NULL */
} RsSnippet;

typedef struct RsHit {
    size_t rank;      /* 1-based over the whole result */
    double score;     /* rounded to 3 decimals */
    RsItemRecord rec; /* the hit fields (no detail, no text) */
    int has_snippet;  /* 0 when snippets were not asked for */
    RsSnippet snippet;
    char **missing;   /* a near match (RsResults.near): the query's words it lacks, as typed */
    size_t n_missing;
} RsHit;

typedef struct RsFacetCount {
    char *value;        /* what a filter takes: a committee's is "Udvalg (Kommune)" */
    size_t count;
    char *committee;    /* the committee facet only: its display name and municipality (the */
    char *municipality; /* two parts of value); NULL in every other facet */
} RsFacetCount;

typedef struct RsFacetList {
    RsFacetCount *v;
    size_t n;
} RsFacetList;

/* The facets of a result list, in this order. */
typedef enum RsResultFacet {
    RS_RF_KOMMUNE = 0,
    RS_RF_UDVALG,
    RS_RF_AAR,
    RS_RF_TYPE,
    RS_RF_UDFALD,
    RS_RF_KLE,
    RS_RF_DOKUMENT,
    RS_RF_COUNT
} RsResultFacet;

/* The name of facet f in the JSON contract ("municipality", …). Can't fail. */
const char *rs_result_facet_name(RsResultFacet f);

typedef struct RsResults {
    char *query;        /* as asked */
    size_t total;       /* matches (Xapian's estimate: exact when facets were counted) */
    int counts_exact;   /* 1: total and facet counts are over every match; 0: a facet cap stopped
                           the count (RsSearchRequest.facet_cap): the total is an estimate, each
                           count a lower bound */
    int fallback_or;    /* 1: no item matched every word, so any word was accepted */
    char *spelling;     /* a suggested query, or NULL */
    char *corrected;    /* when the words as typed matched nothing and a correction did: the
                           corrected query, whose results these are (the query is never changed
                           silently: front ends say "Viser resultater for …"); else NULL */
    char **warnings;    /* Danish warnings (a filter value no item has, with the nearest ones) */
    size_t n_warnings;
    RsHit *hits;
    size_t n_hits;
    RsHit *near;        /* near matches: when the items with every word (hits) do not fill the
                           first page, items with some of the words, below them (not in total
                           nor in the facets); each says what it lacks (engine/near.h) */
    size_t n_near;
    RsFacetList facets[RS_RF_COUNT]; /* empty when facets were not asked for; with disjunctive
                                        facets, a facet that has filters is counted as if it had
                                        none (the other facets' filters apply) */
    size_t limit, offset; /* the page asked for (limit: the default when 0 was asked) */
    int browse;         /* 1: no words (an empty query, "*", or only filters): newest first */
    double took_ms;     /* the engine's time for this answer */
} RsResults;

void rs_results_free(RsResults *r);

/* The history of one case across meetings. */
typedef struct RsCaseHistory {
    char *key;    /* the canonical case key */
    char *query;  /* as typed */
    RsItemRecord *items; /* with detail (decisions), in meeting date order */
    size_t n_items;
} RsCaseHistory;

void rs_case_history_free(RsCaseHistory *h);

/* A whole meeting: its first item's meeting fields and every item in agenda order. */
typedef struct RsMeetingView {
    char *meeting; /* the id asked for, as the index spells it */
    char *source;
    RsItemRecord *items; /* with detail, in agenda order; items[0] carries the meeting's fields */
    size_t n_items;
} RsMeetingView;

void rs_meeting_view_free(RsMeetingView *m);

typedef struct RsIndexInfo {
    char *path;
    long long bytes; /* -1 for a remote index */
} RsIndexInfo;

typedef struct RsStats {
    size_t items, files;
    size_t deleted; /* items deleted or replaced but still in the index files until `refsog
                       compact` (tombstones: docs/shim.md); not in `items` */
    char date_from[11], date_to[11]; /* ISO dates, "" when no item has one */
    RsFacetList municipalities, committees, years;
    RsIndexInfo *indexes;
    size_t n_indexes;
    char *schema, *analyzer;
    /* 1: every shard gives each item the pair terms of its neighbouring stopwords (schema 10,
     * docs/index-schema.md "Pair terms"); 0: some shard was made before, and phrases of common
     * words are slower there until it is rebuilt */
    int pair_terms;
} RsStats;

void rs_stats_free(RsStats *s);

/* Free a facet list's values; can't fail. */
void rs_facet_list_clear(RsFacetList *l);

#endif
