/* query.h — the query language (docs/query-language.md) parsed into a tree and a filter list.
 *
 * Grammar (OR binds looser than the implicit AND):
 *   query   := or
 *   or      := and ( ("OR" | "ELLER" | "|") and )*
 *   and     := unary ( ["AND" | "OG"] unary )*
 *   unary   := ("-" | "NOT" | "IKKE") primary | primary
 *   primary := "(" or ")" | section ":" primary | facet ":" value | "\"" phrase "\"" | word ["*"]
 * Facet filters (kommune: udvalg: type: udfald: kle: sag: dato: dokument: aar:) are not
 * part of the tree: they are collected in a list and apply to the whole
 * query wherever they stand, also inside OR or parentheses (OR within one
 * facet, AND across facets; "-kommune:X" excludes).
 * The parser does not analyse words: WORD text is kept exactly as typed
 * (a case number such as "EMN-24/0001629" is one word).
 */
#ifndef RS_QUERY_H
#define RS_QUERY_H

#include <stddef.h>

#include "error.h"

#define RS_QUERY_MAX_BYTES 4096
#define RS_QUERY_MAX_TERMS 256
#define RS_QUERY_MAX_DEPTH 32

typedef enum RsQKind { RS_QN_AND, RS_QN_OR, RS_QN_WORD, RS_QN_PHRASE, RS_QN_PREFIX } RsQKind;

typedef enum RsQField {
    RS_QF_ANY = 0,
    RS_QF_TITEL,
    RS_QF_RESUME,
    RS_QF_SAGSFREMSTILLING,
    RS_QF_INDSTILLING,
    RS_QF_BESLUTNING,
    RS_QF_BILAG
} RsQField;

typedef enum RsFacet {
    RS_FACET_KOMMUNE = 0,
    RS_FACET_UDVALG,
    RS_FACET_TYPE,
    RS_FACET_UDFALD,
    RS_FACET_KLE,
    RS_FACET_SAG,
    RS_FACET_DATO,
    RS_FACET_DOKUMENT, /* dagsorden or referat */
    RS_FACET_AAR,      /* a meeting year (aar:2020): the year facet's values, OR'ed like any facet */
    RS_FACET_COUNT
} RsFacet;

typedef struct RsQNode {
    RsQKind kind;
    RsQField field;        /* section restriction (inherited into groups) */
    int negated;           /* child of an AND that must not match */
    char *text;            /* WORD, PHRASE, PREFIX (prefix without '*'): owned */
    struct RsQNode **kids; /* AND, OR */
    size_t n_kids;
} RsQNode;

typedef struct RsQFilter {
    RsFacet facet;
    int negated;
    char *value;           /* as typed (owned); for dato the text after "dato:" */
    int from, to;          /* dato: inclusive YYYYMMDD bounds (0 = open) */
} RsQFilter;

typedef struct RsQuery {
    RsQNode *root;         /* NULL when the query has only filters */
    RsQFilter *filters;
    size_t n_filters;
} RsQuery;

/* Parse `len` bytes of `q`. On success *out is owned by the caller
 * (rs_query_free). Fails with RS_ERR_QUERY and a message that says what is
 * wrong and where ("unbalanced quote at byte 9", "unknown field 'foo'
 * (known: ...)", "impossible date 2023-02-30"); RS_ERR_NOMEM. */
RsStatus rs_query_parse(const char *q, size_t len, RsQuery **out, RsError *err);

/* rs_query_parse for a query that has filters given as data besides (rs_query_add_filter): when
 * `filtered`, an empty query or one of only exclusions is accepted, as it is when the query text
 * holds a filter. */
RsStatus rs_query_parse_filtered(const char *q, size_t len, int filtered, RsQuery **out, RsError *err);

void rs_query_free(RsQuery *q); /* NULL is a no-op */

/* Add one filter given as data (facet and value, as `facet:"value"` would be typed; for
 * RS_FACET_DATO the text after "dato:") to q, checked as the parser checks it: RS_ERR_QUERY
 * with the parser's message for a bad value (an impossible date, a '"'), RS_ERR_NOMEM. */
RsStatus rs_query_add_filter(RsQuery *q, RsFacet facet, const char *value, int negated, RsError *err);

/* Canonical S-expression of the parsed query (malloc'd; NULL when out of
 * memory), e.g. (and (word "misbrug") (not (word "lukket"))) [kommune "Esbjerg"]. */
char *rs_query_describe(const RsQuery *q);

const char *rs_facet_name(RsFacet f);    /* "kommune", ... */
const char *rs_qfield_name(RsQField f);  /* "titel", ... ("" for any) */

#endif
