/* indexer_priv.h — the indexer's state, shared by its files (indexer.c: opening, files,
 * deleting, committing; prune.c: files gone from disk). Not for other layers. */
#ifndef RS_INDEXER_PRIV_H
#define RS_INDEXER_PRIV_H

#include <stddef.h>

#include "analyzer.h"
#include "indexer.h"
#include "xapian_shim.h"

struct RsIndexer {
    RsxWritable *db;
    RsAnalyzer *an;
    RsIndexerOptions opts;
    int xapian_positions; /* items' positions into Xapian's position table (an index with term
                             lists, for xapian-tcpsrv), not their stored data (schema 9) */
    RsIndexerTotals totals;
    RsIndexerTotals committed; /* the totals at the last successful commit */
    size_t pending_bytes;
    int in_txn;
};

/* Open the batch's transaction unless one is open. Fails as the index does. */
RsStatus rs_indexer_begin(RsIndexer *ix, RsError *err);

/* Delete every document with `term` (their words out of the spelling data first), in the open
 * transaction; *n gets how many. Fails as the index does. */
RsStatus rs_indexer_delete_docs(RsIndexer *ix, const char *term, size_t *n, RsError *err);

#endif
