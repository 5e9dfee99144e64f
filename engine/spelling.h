/* spelling.h — "Mente du": a spelling suggestion for a query (engine-internal). */
#ifndef RS_SPELLING_H
#define RS_SPELLING_H

#include "query.h"
#include "search_priv.h"

/* `query` with each plain word whose exact form no item has replaced by the index's suggestion
 * (edit distance ≤ 2), malloc'd; NULL when nothing was replaced (or memory ran out: a
 * suggestion is optional). Case numbers, fields and excluded words are left alone. */
char *rs_spelling_suggest(RsSearcher *s, const RsQuery *pq, const char *query);

/* The same with the typo tolerance of an automatic correction (as Meilisearch counts it): no
 * correction of a word under 5 letters, one edit from 5 letters, two from 9; never a case number
 * or a number. NULL when no word can be corrected so. */
char *rs_spelling_correct(RsSearcher *s, const RsQuery *pq, const char *query);

#endif
