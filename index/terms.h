/* terms.h — every term and metadata key the index holds, bounded to what Xapian can store.
 *
 * Xapian refuses a term over 245 bytes (and a metadata key over 253) with an exception that
 * used to end a whole indexing run. Every prefixed term of the schema (index/schema.h) and
 * every per-file metadata key is built here, by the indexer and by the searcher alike, so both
 * sides agree on the bounded form: a value that fits is kept as it is; a longer one is cut at
 * a UTF-8 character boundary and ends in the marker RS_TERM_MARK followed by the 16 hex digits
 * of the 64-bit FNV-1a hash of the whole value, so two long values that share their first
 * ~200 bytes still get two terms.
 */
#ifndef RS_TERMS_H
#define RS_TERMS_H

#include <stddef.h>

#include "buf.h"
#include "error.h"

/* The longest term (prefix included) and metadata key made: under Xapian's 245 bytes. */
#define RS_TERM_MAX 240
/* What ends a cut value, before the hash: "…" (U+2026), valid UTF-8 like the rest. */
#define RS_TERM_MARK "\xe2\x80\xa6"

/* `prefix` followed by the `len` bytes of `v`, bounded to RS_TERM_MAX bytes as said above,
 * into `out` (its contents replaced). RS_ERR_NOMEM when out of memory. */
RsStatus rs_term_make(RsBuf *out, const char *prefix, const char *v, size_t len, RsError *err);

/* The same for a NUL-terminated value. */
RsStatus rs_term_makes(RsBuf *out, const char *prefix, const char *v, RsError *err);

/* The term of a committee in one municipality (RS_PREFIX_UDVALG_KOMMUNE, index/schema.h):
 * "KV" + the municipality's folded key + "|" + the committee's key (rs_committee_key), both
 * from display names, bounded like every term; into `out`. The indexer writes it and the
 * searcher filters and groups the committee facet by it, so the two always agree.
 * RS_ERR_NOMEM when out of memory. */
RsStatus rs_term_udvalg_kommune(RsBuf *out, const char *municipality, const char *committee, RsError *err);

/* The pair term (RS_PREFIX_PAIR, index/schema.h) of two exact forms at neighbouring positions:
 * "N" + a + " " + b, bounded like every term; into `out`. The indexer writes one for each two
 * neighbouring stopwords, and a phrase's query looks for it, so the two always agree.
 * RS_ERR_NOMEM when out of memory. */
RsStatus rs_term_pair(RsBuf *out, const char *a, size_t alen, const char *b, size_t blen, RsError *err);

/* Whether a term of `len` bytes is one Xapian can store (a check before writing). Can't fail. */
int rs_term_storable(size_t len);

#endif
