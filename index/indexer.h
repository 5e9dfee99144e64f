/* indexer.h — minutes files into the index: one Xapian document per agenda item, incremental.
 *
 * Usage: rs_indexer_open() on a directory (created if missing), then
 * rs_indexer_add_file() for each file, then rs_indexer_close(). Files are
 * parsed (index/referat.h), analysed (stemmer/analyzer.h) and written with
 * the schema of index/schema.h. Changes are committed in batches; every
 * commit is atomic (a crash loses at most the uncommitted batch, never
 * leaves a corrupt index). Re-adding an unchanged file is a no-op; a
 * changed file replaces all its items (items gone from it are removed).
 */
#ifndef RS_INDEXER_H
#define RS_INDEXER_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

typedef struct RsAnalyzer RsAnalyzer; /* stemmer/analyzer.h */

typedef struct RsIndexer RsIndexer;

/* Called with a message for each problem with a sidecar or an attachment (the file is still
 * indexed) and for each file converted to UTF-8 from another encoding ("FILE: read as
 * Windows-1252, converted to UTF-8"); `msg` is valid during the call. */
typedef void (*RsIndexerWarnFn)(void *ctx, const char *msg);

typedef struct RsIndexerOptions {
    const char *municipality;   /* for files whose text and path name none (NULL: unknown) */
    size_t batch_bytes;         /* commit after this much source text (0 = 512 KiB; 128 KiB for
                                   a scratch index) */
    int scratch;                /* a scratch index, merged into the real one afterwards: no fsync */
    RsIndexerWarnFn warn;       /* sidecar and attachment problems, and files read in a legacy
                                   encoding (NULL: not reported) */
    void *warn_ctx;
    char *const *mirror_folders; /* folders this run indexes whole: rs_indexer_prune removes the
                                    items of files gone from them (not on a scratch index) */
    size_t n_mirror_folders;
    int must_exist;             /* open an existing index only (RS_ERR_NOTFOUND otherwise): never
                                   create one (delete) */
    int termlists;              /* a new index keeps Xapian's term lists (RSX_TERMLISTS: what
                                   xapian-tcpsrv needs to serve it; ~1.35× the size). Without
                                   them (the default) a changed or removed item is a tombstone
                                   until `refsog compact` (docs/shim.md) */
    RsAnalyzer *analyzer;       /* borrowed: the analyser to use, from rs_indexer_analyzer_open,
                                   so that one thread's indexers share one in turn (its caches
                                   stay warm and are set up once); NULL: the indexer opens its own */
} RsIndexerOptions;

/* What happened to one file. */
typedef enum RsFileOutcome {
    RS_FILE_INDEXED = 0,  /* new or changed: items written */
    RS_FILE_UNCHANGED,    /* same content hash and parser version as last time: skipped */
    RS_FILE_FAILED,       /* bad file (unreadable, not minutes, a document that cannot be
                             stored): nothing of it written, old items kept, the batch goes on */
    RS_FILE_WHOLE         /* indexed as one item: no agenda structure found (also counted indexed) */
} RsFileOutcome;

typedef struct RsIndexerTotals {
    size_t files_indexed, files_unchanged, files_failed;
    size_t files_whole;         /* of files_indexed: indexed as one item (no agenda structure) */
    size_t agenda_replaced;     /* agenda items removed because their meeting's minutes came */
    size_t items_added, items_removed;
    size_t files_gone, items_gone; /* files gone from disk (rs_indexer_prune) and their items */
    size_t files_lost;          /* read, but their batch could not be written or committed (an
                                   index error): not in the index; the counts above leave them out */
    uint64_t bytes;             /* bytes of source files read */
    size_t files_converted;     /* of files_indexed: converted to UTF-8 from another encoding */
    size_t files_reparsed;      /* of files_indexed: unchanged, read again because another
                                   parser version (RS_PARSER_VERSION) had read them */
    const char *converted_from; /* their encoding when it was the same for all (a constant of
                                   stemmer/textenc.h), else NULL */
} RsIndexerTotals;

/* Open (create if needed, unless opts->must_exist) the index at `dir` for
 * writing. Fails with RS_ERR_NOTFOUND when must_exist and `dir` is not a
 * refsog index, RS_ERR_LOCKED ("index is locked by another writer"), RS_ERR_IO /
 * RS_ERR_DATABASE naming the directory, RS_ERR_MISMATCH if the index was
 * built with another analyser configuration or schema (re-index into a new
 * directory), or what rs_analyzer_open fails with. */
RsStatus rs_indexer_open(const char *dir, const RsIndexerOptions *opts, RsIndexer **out,
                         RsError *err);

/* Open the analyser an indexer uses (for RsIndexerOptions.analyzer): *out is the caller's, to
 * close with rs_analyzer_close after the last indexer using it is closed; one thread at a time
 * may use it. Fails as rs_analyzer_open does. */
RsStatus rs_indexer_analyzer_open(RsAnalyzer **out, RsError *err);

/* Index one file; `path` is the path as the user gave it, stored as the
 * item's source (rs_source_name: escaped if it is not UTF-8; any length:
 * terms are bounded, index/terms.h). Every
 * document of the file is built before any is written. *outcome says what
 * happened. Returns RS_OK for indexed, unchanged and failed files alike
 * when the failure was the file's (its reason is in `err` with the path);
 * returns an error only when the index itself failed (disk full, lock
 * lost): then the batch in progress is dropped (never part of a file), its
 * files are counted in files_lost, and the caller should stop and
 * rs_indexer_close(). */
RsStatus rs_indexer_add_file(RsIndexer *ix, const char *path, RsFileOutcome *outcome,
                             size_t *n_items, RsError *err);

/* Remove every item whose source is `source` (as typed, raw bytes or escaped:
 * rs_source_name) / whose case number (any
 * variant) is `caseno` / whose id ("<source>#<item>") is `id`. *n_removed
 * receives the number of items removed. Committed at once. */
RsStatus rs_indexer_delete_source(RsIndexer *ix, const char *source, size_t *n_removed, RsError *err);
RsStatus rs_indexer_delete_case(RsIndexer *ix, const char *caseno, size_t *n_removed, RsError *err);
RsStatus rs_indexer_delete_item(RsIndexer *ix, const char *id, size_t *n_removed, RsError *err);

/* Minutes replace their meeting's agenda: remove the items of every agenda whose meeting
 * (municipality, committee, date) has minutes in this index, in the open batch. Run by
 * rs_indexer_close on every index that is not a scratch part; *removed (may be NULL) receives
 * the count. */
RsStatus rs_indexer_reconcile(RsIndexer *ix, size_t *removed, RsError *err);

/* Re-indexing a folder mirrors it: remove the items of every indexed file under one of the
 * options' mirror_folders (any spelling; each made canonical) that is gone from disk, in the open
 * batch (committed with the run's last additions), counted in files_gone and items_gone. A
 * file that is still there (excluded, unreadable, no longer minutes) keeps its items; so does
 * one whose state cannot be read (permission denied). Fails only when the index does. */
RsStatus rs_indexer_prune(RsIndexer *ix, RsError *err);

/* Commit what is pending. */
RsStatus rs_indexer_commit(RsIndexer *ix, RsError *err);

/* Totals so far: what is committed plus what the next commit will add. Can't fail. */
const RsIndexerTotals *rs_indexer_totals(const RsIndexer *ix);

/* Commit what is pending and release everything. Returns the commit's
 * status (the index stays consistent either way). NULL is a no-op. */
RsStatus rs_indexer_close(RsIndexer *ix, RsError *err);

#endif
