/* spelling.h — "Mente du": a spelling suggestion for a query (engine-internal). */
#ifndef RS_SPELLING_H
#define RS_SPELLING_H

#include "query.h"
#include "search_priv.h"

/* `query` with each plain word whose exact form no item has replaced by the index's suggestion
 * (edit distance ≤ 2), malloc'd; NULL when nothing was replaced (or memory ran out: a
 * suggestion is optional). Case numbers, fields and excluded words are left alone. */
char *rs_spelling_suggest(RsSearcher *s, const RsQuery *pq, const char *query);

#endif
