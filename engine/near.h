/* near.h — near matches (engine-internal): the items that have some of a query's words, below
 * the items that have every word, when those do not fill the first page.
 *
 * A query of two or more words asks for items with every word, and the total and the facets
 * count those only. When fewer than a page have them, the page goes on with the items that have
 * some of the words (by score, under the same filters), each naming
 * the words it lacks: what a search engine's "Mangler: …" does. Never on a later page, sorted by
 * date, when the OR fallback already answers (no item has every word), or for a query with a
 * case number (a lookup: its near matches would be any item with a number group).
 */
#ifndef RS_NEAR_H
#define RS_NEAR_H

#include <stddef.h>

#include "qbuild.h"
#include "query.h"
#include "results.h"

/* Fill r->near (up to `limit` − r->n_hits items; r->n_hits hits already read) for the plain AND
 * of words pq->root, with snippets when asked; each near hit's `missing` lists the words (as
 * typed: »ord«, »"en frase"«, »præ*«, »titel:ord«) it lacks. What is filled belongs to r (freed
 * with it, also on failure). Fails with b's build errors, RS_ERR_NOMEM, or the index's. */
RsStatus rs_near_matches(RsQBuild *b, const RsQuery *pq, size_t limit, int snippets, RsResults *r);

#endif
