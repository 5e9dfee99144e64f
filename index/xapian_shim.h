/* xapian_shim.h — the plain-C API over libxapian: the only way the project reaches Xapian.
 *
 * Opaque handles with open/close pairs, in the manner of ICU's C API and
 * Cyrus IMAP's xapian_wrap. Every function catches every C++ exception
 * and returns an RsStatus with a human-readable message in the RsError
 * (Xapian's own text): no exception ever crosses into C.
 *
 * Error mapping: DatabaseLockError → RS_ERR_LOCKED ("index is locked by
 * another writer"); DatabaseNotFoundError → RS_ERR_NOTFOUND;
 * DatabaseModifiedError → RS_ERR_MODIFIED (reopen and retry);
 * NetworkError/NetworkTimeoutError → RS_ERR_NETWORK; UnimplementedError →
 * RS_ERR_UNSUPPORTED; other Xapian::Error → RS_ERR_DATABASE;
 * std::bad_alloc → RS_ERR_NOMEM; anything else → RS_ERR_INTERNAL.
 *
 * Terms, values and data are byte strings with explicit lengths.
 */
#ifndef RS_XAPIAN_SHIM_H
#define RS_XAPIAN_SHIM_H

#include <stddef.h>

#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef unsigned RsxDocid;

/* Multi-valued facet slots hold their values joined by this byte. */
#define RSX_MULTI_SEP '\x1f'

/* ---------------------------------------------------------------- writing */

typedef struct RsxWritable RsxWritable;
typedef struct RsxDoc RsxDoc;

typedef enum RsxOpenMode {
    RSX_CREATE_OR_OPEN = 0, /* create the directory and index if missing */
    RSX_OPEN = 1,           /* the index must exist (RS_ERR_NOTFOUND if not) */
    RSX_CREATE_SCRATCH = 2, /* as RSX_CREATE_OR_OPEN, never fsync'd: for a scratch index that is
                               merged into a real one (or thrown away) afterwards */
    RSX_TERMLISTS = 16      /* or'ed with one of the above: a new index keeps Xapian's term lists
                               (what xapian-tcpsrv needs to serve it: it reads a document's values
                               through them; and what indexes of schema 6 and before have) */
} RsxOpenMode;

/* Open a writable index (glass backend) at `path`. Only one writer at a
 * time: a second gets RS_ERR_LOCKED. On success *out is owned by the
 * caller; close with rsx_writable_close.
 *
 * A new index is written without Xapian's term lists (a quarter of its size, and less work per
 * document), which Xapian 1.4 needs to delete a document: there rsx_writable_replace and
 * rsx_writable_delete_term mark the old documents dead instead (tombstones, kept in the index's
 * metadata and written in the same commit), and every reader of this shim leaves them out:
 * searches, counts, facets, postings, term frequencies, documents by docid (docs/shim.md).
 * They stay in the files until rsx_compact rebuilds the index without them. */
RsStatus rsx_writable_open(const char *path, int mode, RsxWritable **out, RsError *err);

/* Whether the index keeps Xapian's term lists (made with RSX_TERMLISTS, or before schema 7): what
 * xapian-tcpsrv needs to serve it. This function can't fail. */
int rsx_writable_has_termlists(const RsxWritable *w);

/* Commit pending changes (outside a transaction) and close. The status of
 * that final commit is returned; the handle is freed either way.
 * rsx_writable_close(NULL, ...) is a no-op returning RS_OK. */
RsStatus rsx_writable_close(RsxWritable *w, RsError *err);

/* Commit everything added since the last commit, atomically. */
RsStatus rsx_writable_commit(RsxWritable *w, RsError *err);

/* Transactions: changes between begin and commit become visible together
 * (flushed = 1: committed to disk at commit_transaction). cancel discards
 * them. */
RsStatus rsx_writable_begin(RsxWritable *w, int flushed, RsError *err);
RsStatus rsx_writable_commit_transaction(RsxWritable *w, RsError *err);
RsStatus rsx_writable_cancel_transaction(RsxWritable *w, RsError *err);

/* Add a document; *docid (may be NULL) receives its id. Both this and rsx_writable_replace first
 * hand doc's pending terms (rsx_doc_add_term) to its Xapian document: the document's content
 * stays the same, but its buffers change, so one doc is not added from two threads at once.
 * RS_ERR_NOMEM, or Xapian's error (a message naming it). */
RsStatus rsx_writable_add(RsxWritable *w, const RsxDoc *doc, RsxDocid *docid, RsError *err);
/* Replace the document(s) indexed by the unique id term `idterm` with
 * `doc` (added if there is none). The doc should contain idterm itself. Fails as rsx_writable_add. */
RsStatus rsx_writable_replace(RsxWritable *w, const char *idterm, size_t idlen,
                              const RsxDoc *doc, RsxDocid *docid, RsError *err);
/* Delete every document that has `term`; *n_deleted (may be NULL) gets
 * how many there were. */
RsStatus rsx_writable_delete_term(RsxWritable *w, const char *term, size_t len,
                                  size_t *n_deleted, RsError *err);

/* Metadata: *value is malloc'd (caller frees), NUL-terminated; an absent
 * key gives an empty string. Setting an empty value removes the key. */
RsStatus rsx_writable_get_metadata(RsxWritable *w, const char *key, char **value, size_t *len,
                                   RsError *err);
RsStatus rsx_writable_set_metadata(RsxWritable *w, const char *key, const char *value,
                                   size_t len, RsError *err);

/* Number of documents / documents containing `term`. */
RsStatus rsx_writable_doccount(RsxWritable *w, size_t *count, RsError *err);
RsStatus rsx_writable_termfreq(RsxWritable *w, const char *term, size_t len, size_t *freq,
                               RsError *err);

/* Called for each term of a document (terms in byte order). Return
 * non-zero to stop. */
typedef int (*RsxTermFn)(void *ctx, const char *term, size_t len, unsigned count);

/* Every term with `prefix` in the writable database (pending changes included), with its
 * frequency; fn may change the database (the terms are collected first). */
RsStatus rsx_writable_allterms(RsxWritable *w, const char *prefix, RsxTermFn fn, void *ctx, RsError *err);
/* Every metadata entry whose key starts with `prefix`, with its (non-empty) value; fn may change
 * the database (the entries are collected first). Return non-zero from fn to stop. */
typedef int (*RsxMetaFn)(void *ctx, const char *key, size_t klen, const char *value, size_t vlen);
RsStatus rsx_writable_metadata(RsxWritable *w, const char *prefix, RsxMetaFn fn, void *ctx, RsError *err);

/* Document builder. rsx_doc_new returns NULL only when out of memory. */
RsxDoc *rsx_doc_new(void);
void rsx_doc_free(RsxDoc *d); /* NULL is a no-op */
/* Positional occurrence of `term` at `pos` (wdf += wdfinc). */
RsStatus rsx_doc_add_posting(RsxDoc *d, const char *term, size_t len, unsigned pos,
                             unsigned wdfinc, RsError *err);
/* Non-positional occurrence (wdf += wdfinc). Kept in d until rsx_writable_add or _replace, which
 * hand each term to Xapian once, in order (faster to index; the document is the same).
 * RS_ERR_INPUT for an empty or too long term, or past 4 GiB of a document's terms. */
RsStatus rsx_doc_add_term(RsxDoc *d, const char *term, size_t len, unsigned wdfinc,
                          RsError *err);
/* Boolean term (wdf 0): for filters and ids. */
RsStatus rsx_doc_add_boolean_term(RsxDoc *d, const char *term, size_t len, RsError *err);
RsStatus rsx_doc_set_value(RsxDoc *d, unsigned slot, const char *value, size_t len,
                           RsError *err);
/* The document's stored item: kept in value slot RS_SLOT_DATA (schema 11), which Xapian stores as
 * it is, not as Xapian's document data, which it tries to deflate. */
RsStatus rsx_doc_set_data(RsxDoc *d, const char *data, size_t len, RsError *err);

/* Merge the databases at `srcs` (local directories) into a new compacted
 * database at `out` (Xapian::Database::compact, what xapian-compact does).
 * `out` must not exist. It has term lists when every source has them. A source with tombstones
 * (deleted documents kept in an index without term lists) is first copied without its dead
 * documents, rebuilt from its postings (under OUT.purge, removed after) by `jobs` threads (0: two,
 * or one on one core; each holds ~450 MB): the result has none, and its statistics count only the
 * live documents. *n_dropped (may be NULL): the dead documents left out. */
RsStatus rsx_compact(const char *const *srcs, size_t n, const char *out, unsigned jobs, size_t *n_dropped,
                     RsError *err);

/* ---------------------------------------------------------------- reading */

typedef struct RsxDb RsxDb;

/* Open `n` databases as one: local directories, or "tcp://host:port"
 * (remote, xapian-tcpsrv) with `timeout_ms` for connecting and for each
 * call (0 = 10 s). Term statistics are summed, so ranking is global. A local
 * path that is a Xapian stub (a sharded index, index/shards.h) is opened as
 * its databases, each on its own (their tombstones and metadata are each
 * their own). */
RsStatus rsx_db_open(const char *const *paths, size_t n, unsigned timeout_ms, RsxDb **out,
                     RsError *err);
void rsx_db_close(RsxDb *db); /* NULL is a no-op */

/* Move to the latest committed revision; *changed (may be NULL) = 1 if it
 * moved. */
RsStatus rsx_db_reopen(RsxDb *db, int *changed, RsError *err);
/* A number that changes whenever the database moves to another revision (a reopen, here or
 * inside a search that found its revision gone): what was read at one generation holds for it.
 * Can't fail. */
unsigned long rsx_db_generation(const RsxDb *db);

RsStatus rsx_db_doccount(RsxDb *db, size_t *count, RsError *err);
RsStatus rsx_db_termfreq(RsxDb *db, const char *term, size_t len, size_t *freq, RsError *err);
/* *yes = whether at least `min` live documents have the term: as rsx_db_termfreq(…) >= min, but
 * without reading the term's postings past the deleted ones when the count says it already. */
RsStatus rsx_db_termfreq_at_least(RsxDb *db, const char *term, size_t len, size_t min, int *yes, RsError *err);
/* Metadata of the first database (metadata is per shard); see writable. */
RsStatus rsx_db_get_metadata(RsxDb *db, const char *key, char **value, size_t *len,
                             RsError *err);
/* Metadata of shard `i` (0-based): the databases opened, a sharded index's stub expanded into
 * its shards (so a 2-shard index named by one path is 2). */
RsStatus rsx_db_get_shard_metadata(RsxDb *db, size_t i, const char *key, char **value,
                                   size_t *len, RsError *err);
size_t rsx_db_shard_count(const RsxDb *db); /* as above; can't fail */
/* Documents deleted or replaced but still in the files (tombstones of an index without term
 * lists, left out of every answer) at the open revision; can't fail. */
size_t rsx_db_deleted(const RsxDb *db);

/* Every term starting with `prefix`, in byte order, with its term
 * frequency (count = documents). */
RsStatus rsx_db_allterms(RsxDb *db, const char *prefix, RsxTermFn fn, void *ctx, RsError *err);

/* The documents having `term`, in docid order. Return non-zero to stop. */
typedef int (*RsxDocidFn)(void *ctx, RsxDocid docid);
RsStatus rsx_db_postings(RsxDb *db, const char *term, size_t len, RsxDocidFn fn, void *ctx,
                         RsError *err);

/* A document's stored item (*data malloc'd, NUL-terminated; caller frees): its value
 * RS_SLOT_DATA, or its document data when it has none (an item written before schema 11).
 * RS_ERR_NOTFOUND if there is no such document. */
RsStatus rsx_db_get_data(RsxDb *db, RsxDocid docid, char **data, size_t *len, RsError *err);
/* A document's value in `slot` (malloc'd; empty if unset). */
RsStatus rsx_db_get_value(RsxDb *db, RsxDocid docid, unsigned slot, char **value,
                          size_t *len, RsError *err);

/* Spelling suggestion for one word (*out malloc'd, empty string if none): the indexed word
 * (an exact term of lower-case letters, 3 to 40 bytes) within `max_edit` edits (insertions,
 * deletions, substitutions, adjacent transpositions, in characters) with the fewest edits, then
 * in the most items. Looked for among the words with the same first letter, then (none near
 * enough) among those a typo in the first letter leaves: a scan of parts of the term list, not
 * of all of it. `accept` (may be NULL) leaves words out (the engine: stopwords, which the old
 * spelling table never had). No spelling table: the index's own words, so a deleted or closed item's words
 * are never offered. Works on remote shards too. */
typedef int (*RsxWordFilter)(void *ctx, const char *word, size_t len); /* 0: never offer it */
RsStatus rsx_db_spelling(RsxDb *db, const char *word, size_t len, unsigned max_edit,
                         RsxWordFilter accept, void *ctx, char **out, RsError *err);

/* ---------------------------------------------------------------- queries */

/* Queries are immutable values; every constructor returns a new handle the
 * caller frees with rsx_query_free (NULL is a no-op). Combining copies the
 * sub-queries (Xapian queries are reference counted), so the caller keeps
 * owning them. Constructors return NULL and fill err only when out of
 * memory or given invalid arguments. */
typedef struct RsxQuery RsxQuery;

typedef enum RsxOp {
    RSX_OP_AND = 0,
    RSX_OP_OR,
    RSX_OP_AND_NOT,   /* first AND NOT (any of the rest) */
    RSX_OP_AND_MAYBE, /* first, weighted by the rest when they match */
    RSX_OP_FILTER,    /* first, filtered by the rest (no weight from them) */
    RSX_OP_SYNONYM,   /* like OR, weighted as one term */
    RSX_OP_ELITE_SET, /* OR of the `window` best-weighted terms */
    RSX_OP_PHRASE,    /* in order within `window` positions (0 = number of subqueries): of
                         plain terms, from the items' position blocks or Xapian's positions
                         (docs/shim.md "Phrases"); of anything else, Xapian's positions only */
    RSX_OP_NEAR       /* any order within `window` positions: Xapian's positions only (items
                         written before schema 9, or to an index with term lists); refsog's
                         query language has no NEAR */
} RsxOp;

RsxQuery *rsx_query_term(const char *term, size_t len, unsigned wqf, unsigned pos, RsError *err);
RsxQuery *rsx_query_combine(RsxOp op, RsxQuery *const *subs, size_t n, unsigned window,
                            RsError *err);
/* The phrase of `words` (n plain term queries, in order, each next to the one before): as
 * rsx_query_combine(RSX_OP_PHRASE, words, n, n). `pairs` (n_pairs terms, may be 0) are terms
 * every item having the phrase has in a shard whose metadata RS_META_PAIRS is RS_PAIRS_RULE (the
 * pair terms of its neighbouring stopwords, index/schema.h): in such a shard only the items
 * having them all are checked for the phrase, and a phrase of two words whose one pair is their
 * pair term (RS_PREFIX_PAIR a " " b) is that term; elsewhere they are not used, so the answers
 * are the same either way. The caller keeps what it passes. NULL on failure (err set). */
RsxQuery *rsx_query_phrase(RsxQuery *const *words, size_t n, const char *const *pairs,
                           const size_t *pair_lens, size_t n_pairs, RsError *err);
RsxQuery *rsx_query_scale(const RsxQuery *q, double factor, RsError *err);
/* Documents whose value in `slot` is within [lo, hi] (byte order); lo or
 * hi NULL for an open end. */
RsxQuery *rsx_query_value_range(unsigned slot, const char *lo, const char *hi, RsError *err);
/* OR of every term starting with `prefix` (at least 1 byte). More than
 * `max_expansion` terms (0 = no limit): RS_ERR_QUERY when the query runs
 * if `fail_over` is set, else only the `max_expansion` most frequent. */
RsxQuery *rsx_query_wildcard(const char *prefix, size_t len, unsigned max_expansion,
                             int fail_over, RsError *err);
/* The same expansion done here from `db`'s term list (all shards merged),
 * as an OR of at most `max_expansion` most frequent terms: unlike a
 * wildcard, it weighs the same over remote shards as over one index.
 * Matches nothing if no term has the prefix. *n_terms (may be NULL) gets
 * the number of terms in the OR, *n_matching (may be NULL) how many have the prefix (more than
 * *n_terms when the expansion was capped). Terms only deleted documents have (tombstones) are
 * left out; the others are ordered by their frequency with the deleted still counted. */
RsxQuery *rsx_query_expand_prefix(RsxDb *db, const char *prefix, size_t len,
                                  unsigned max_expansion, size_t *n_terms, size_t *n_matching,
                                  RsError *err);
RsxQuery *rsx_query_match_all(RsError *err);
RsxQuery *rsx_query_match_nothing(RsError *err);
int rsx_query_is_empty(const RsxQuery *q); /* matches nothing; can't fail */
/* Xapian's description, malloc'd (caller frees); NULL if out of memory. */
char *rsx_query_describe(const RsxQuery *q);
/* The same of the query a remote shard's server is given (its phrases as OP_PHRASE). */
char *rsx_query_describe_remote(const RsxQuery *q);
void rsx_query_free(RsxQuery *q);

/* ---------------------------------------------------------------- search */

typedef struct RsxBM25 {
    double k1, k2, k3, b, min_normlen; /* Xapian's defaults: 1, 0, 1, 0.5, 0.5 */
} RsxBM25;

typedef struct RsxFacetRequest {
    unsigned slot;
    int multi; /* 1: the slot holds several values joined by RSX_MULTI_SEP */
} RsxFacetRequest;

/* How facets kept in columns are counted (RsxSearchOptions.facet_sets). */
typedef enum RsxFacetSets {
    RSX_SETS_AUTO = 0, /* from the match set computed as a docid bitset when the query may match
                          more than a small share of the index (and has no phrase, NEAR or wildcard
                          part); else match by match in the matcher */
    RSX_SETS_NEVER,    /* match by match (the bitset path's reference, for tests and benchmarks) */
    RSX_SETS_ALWAYS    /* from the bitset whenever the query allows it */
} RsxFacetSets;

typedef struct RsxSearchOptions {
    size_t offset, limit;       /* limit 0 is allowed (counts/facets only) */
    size_t check_at_least;      /* 0 = just enough for the page */
    int eager_phrases;          /* 1: a phrase is checked in every item having its words, by a
                                   filter; 0 (default): where every match must have it, only in
                                   the items that could make the page (and all when counting),
                                   except with facets (every match up to the cap is looked at:
                                   the filter, which reads the positions as a stream, is faster):
                                   the same answers (tests compare the two) */
    int sort_slot;              /* -1: by relevance; else by this value slot */
    int sort_descending;        /* with sort_slot >= 0 */
    int stable_ties;            /* 0: ties in docid order; 1: ties (equal relevance, or equal sort
                                   value) by tie_slot, ascending: the same order in every build
                                   and shard layout */
    unsigned tie_slot;
    const RsxBM25 *bm25;        /* NULL: defaults */
    double time_limit;          /* seconds, 0 = none (then estimates are inexact) */
    const RsxFacetRequest *facets; /* counted exactly over the whole match set */
    size_t n_facets;
    size_t facet_cap;           /* 0: count every match; else at least this many: past it the counts
                                   are lower bounds and the total an estimate (rsx_mset_facets_exact) */
    int facet_columns;          /* 1: count them from per-slot arrays over the whole index, built on
                                   first use and kept until the database is reopened onto a newer
                                   revision (for long-lived searchers: the first count at a revision
                                   reads every value of the slot); local indexes only */
    int facet_sets;             /* with facet_columns and no facet_cap: an RsxFacetSets. From the
                                   bitset, the matcher only finds the page and the total is exact
                                   (rsx_mset_matches_*); the sets of frequent terms are kept like
                                   the columns, within RSX_SETS_BUDGET bytes */
} RsxSearchOptions;

/* Bytes of frequent terms' docid sets a database keeps by default (per RsxDb, per revision). */
#define RSX_SETS_BUDGET ((size_t)64 << 20)
/* Keep at most `bytes` of them from now on (0: none: every count reads its posting lists, as the
 * first at a revision does). Can't fail. */
void rsx_db_keep_sets(RsxDb *db, size_t bytes);

typedef struct RsxMSet RsxMSet;

/* Run `q`. When facets are requested every match is visited (exact
 * counts). Retries once after reopening on DatabaseModifiedError. */
RsStatus rsx_search(RsxDb *db, const RsxQuery *q, const RsxSearchOptions *opts, RsxMSet **out,
                    RsError *err);
void rsx_mset_free(RsxMSet *m); /* NULL is a no-op */

size_t rsx_mset_size(const RsxMSet *m);           /* hits in this page */
size_t rsx_mset_matches_lower(const RsxMSet *m);
/* 1 when the facets (and the total) were counted over every match; 0 when a facet_cap stopped
 * the count short (counts are then lower bounds, the total an estimate). Can't fail. */
int rsx_mset_facets_exact(const RsxMSet *m);
/* 1 when the total and the facet counts came from the match set (RsxSearchOptions.facet_sets),
 * 0 when the matcher counted them. Can't fail. */
int rsx_mset_from_sets(const RsxMSet *m);
size_t rsx_mset_matches_estimated(const RsxMSet *m);
size_t rsx_mset_matches_upper(const RsxMSet *m);
RsxDocid rsx_mset_docid(const RsxMSet *m, size_t i);
size_t rsx_mset_rank(const RsxMSet *m, size_t i);  /* 0-based over the whole result */
double rsx_mset_weight(const RsxMSet *m, size_t i);
/* Stored item (as rsx_db_get_data) / value of hit i; pointers owned by the mset (valid until freed). */
RsStatus rsx_mset_data(RsxMSet *m, size_t i, const char **data, size_t *len, RsError *err);
RsStatus rsx_mset_value(RsxMSet *m, size_t i, unsigned slot, const char **value, size_t *len,
                        RsError *err);

/* Facet counts of request `f` (index into opts->facets): entries sorted by
 * count descending, then value ascending. Pointers owned by the mset. */
size_t rsx_mset_facet_size(const RsxMSet *m, size_t f);
void rsx_mset_facet(const RsxMSet *m, size_t f, size_t i, const char **value, size_t *len,
                    size_t *count);

/* Xapian's MSet::snippet: up to `max_bytes` of `text` around the query's
 * terms, highlighted with hl_start/hl_end (*out malloc'd). Note it knows
 * only Xapian's own stemming; engine/snippet.c does our analyser's. */
RsStatus rsx_mset_snippet(RsxMSet *m, const char *text, size_t len, size_t max_bytes,
                          const char *hl_start, const char *hl_end, char **out, RsError *err);

#ifdef __cplusplus
}
#endif

#endif
