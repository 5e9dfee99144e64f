/* qbuild.h — building the Xapian query of a parsed query (engine-internal).
 *
 * An RsQBuild holds what one request's building needs: the searcher (its analyser and
 * database, for prefix expansion), the snippet keys it fills with the query's analysed forms,
 * a scratch term, the time budget, and the status of the first failure (then `err` says why).
 * Zero it, set s, err, keys, expansion_left, deadline and budget, build, then rs_qbuild_free.
 */
#ifndef RS_QBUILD_H
#define RS_QBUILD_H

#include <stddef.h>

#include "buf.h"
#include "error.h"
#include "query.h"
#include "search_priv.h"
#include "snippet.h"
#include "xapian_shim.h"

/* All the prefixes of one query together may expand to this many terms: 256 two-letter
 * prefixes OR'ed made 51,200 terms. */
#define RS_MAX_EXPANSION 2000

/* Things a build says to the user (a capped prefix), malloc'd strings. */
typedef struct RsQNotes {
    char **v;
    size_t n;
} RsQNotes;

typedef struct RsQBuild {
    RsSearcher *s;
    RsError *err;
    RsStatus rc;
    RsSnippetKeys *keys;
    RsBuf term;
    size_t expansion_left; /* terms the query's prefixes may still expand to */
    double deadline;       /* CLOCK_MONOTONIC seconds; 0: no time budget */
    double budget;         /* the request's budget, for the message */
    RsQNotes *notes;       /* when set: where notes for the user go */
} RsQBuild;

/* The query of node n (a word, phrase, prefix, AND/OR group), owned by the caller; NULL on
 * failure (b->rc and b->err set: RS_ERR_QUERY for too many prefix terms, RS_ERR_TIMEOUT,
 * RS_ERR_NOMEM, …). */
RsxQuery *rs_qbuild_node(RsQBuild *b, const RsQNode *n);

/* Any of the words of the AND node n and none of its excluded ones (-ord): the OR fallback's
 * and the near matches' query (without the filters), owned by the caller; NULL on failure as
 * rs_qbuild_node. */
RsxQuery *rs_qbuild_any_word(RsQBuild *b, const RsQNode *n);

/* Whether the AND node n has a case number among its words (one word, or two or three typed with
 * spaces: "EMN 24/1629"): a lookup, not a topic. Can't fail. */
int rs_qbuild_has_case(const RsQNode *n);

/* budget*: the exact forms starting with the node's prefix (lower-cased as the analyser does),
 * the 200 most frequent (and fewer when the query's RS_MAX_EXPANSION is nearly spent; a note in
 * b->notes says when some were left out); with a field, that section's keys. Owned by the caller;
 * NULL on failure as rs_qbuild_node. (qprefix.c) */
RsxQuery *rs_qbuild_prefix(RsQBuild *b, const RsQNode *n);

/* sagsfremstilling:key — the body's key (its copy, or the item's key that no other section has),
 * owned by the caller; NULL on failure (b->err says why). */
RsxQuery *rs_qbuild_body_key(RsQBuild *b, RsSpan key);

/* The term prefix of a section field (RS_PREFIX_SEC_*), NULL for RS_QF_ANY. Can't fail. */
const char *rs_qbuild_field_prefix(RsQField f);

/* `q` wrapped in the filters of pq (rs_apply_filters); takes q, also on failure. */
RsxQuery *rs_qbuild_filters(RsQBuild *b, RsxQuery *q, const RsQuery *pq);

/* Whether the request's time budget is spent; then b->rc and b->err say so (RS_ERR_TIMEOUT). */
int rs_qbuild_out_of_time(RsQBuild *b);

/* Release the build's scratch memory. NULL is a no-op. */
void rs_qbuild_free(RsQBuild *b);

/* CLOCK_MONOTONIC in seconds. Can't fail. */
double rs_now_s(void);

#endif
