/* build.h — a whole indexing run into an index directory, under its writer lock, crash-safe.
 *
 * Usage: rs_index_build_begin() takes the writer lock of DIR (index/writelock.h) — before the
 * caller looks for its files, so that a second writer is refused before doing any work; then
 * rs_index_build_run() writes the files; rs_index_build_free() releases the lock.
 * rs_index_build() does all three.
 *
 * How DIR is written (decided under the lock, on what DIR is then):
 *   - RS_BUILD_NEW: DIR missing or empty, opts->shards 0, more than one file. opts->jobs
 *     threads take the files from a shared queue into temporary segments DIR.build-PID/seg-NNNN
 *     (scratch indexes: not synced; a thread analyses all its segments with one analyser),
 *     merged (compacted) into DIR.merge-PID, where minutes replace their meeting's agenda across
 *     the segments, then renamed to DIR. Until the rename DIR does not exist (or stays empty): a
 *     crash or an error leaves no half-built index.
 *   - RS_BUILD_SHARDS: shards asked for (opts->shards > 1) or DIR already sharded
 *     (index/shards.h): one thread per shard, each file to the shard of its canonical path's hash.
 *     A new layout is built in DIR.build-PID, its stub written last, then renamed to DIR.
 *   - RS_BUILD_ONE_WRITER: otherwise (an existing index, or one file): one writer, in atomic
 *     batches; an error loses at most the batch in progress.
 * A build that writes DIR.build-PID first removes the DIR.build-* and DIR.merge-* trees of runs
 * whose process is gone; every build removes its own temporary trees however it ends, unless
 * the process dies (then the next build does).
 *
 * Ownership: dir, files, opts and everything they point to are the caller's and are only read,
 * during the call (rs_index_build_begin copies dir). *totals is the caller's, filled in. The
 * callbacks are called during rs_index_build_run from the build's threads, several at once:
 * they must be thread-safe; the strings they get are valid during the call.
 */
#ifndef RS_BUILD_H
#define RS_BUILD_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "indexer.h"
#include "walk.h"

typedef struct RsIndexBuild RsIndexBuild;

/* What a build tells as it goes. */
typedef enum RsBuildNote {
    RS_BUILD_FILE_FAILED, /* a file is skipped: `path` and `msg`, its reason (naming the path) */
    RS_BUILD_FILE_WHOLE,  /* a file had no agenda structure and is indexed as one item: `path` */
    RS_BUILD_ERROR        /* an error of the index (the run fails): `msg` (path: NULL) */
} RsBuildNote;

/* `files` more files read (`bytes` bytes of source, `items` items made). */
typedef void (*RsBuildProgressFn)(void *ctx, size_t files, uint64_t bytes, size_t items);
/* What the build does now when it is not reading files ("merging 12 parts", "committing"). */
typedef void (*RsBuildPhaseFn)(void *ctx, const char *what);
/* A file's problem or an index error, as it happens (see RsBuildNote). */
typedef void (*RsBuildNoteFn)(void *ctx, RsBuildNote kind, const char *path, const char *msg);

/* A new index is written as segments, merged at the end: a small index takes new documents
 * faster than a big one (Xapian's B-tree updates grow with it, and each commit of a segment
 * rewrites more of it; measured on 100,000 generated items with 2 jobs and 2 MiB commits: one
 * segment per job 102-117 s, 24 MiB segments 92 s, 8 MiB 79 s, 2 MiB 74 s; with 128 KiB commits
 * one segment per job spends 19-20 s in the kernel, 3 MB segments 5 s). But each segment
 * boundary costs the merged index a partial posting-list chunk per term (100,000 items: 48
 * segments 331 MB, 63 segments 336 MB). By default (RS_BUILD_AUTO_SEGMENT) the text is cut into
 * at most RS_BUILD_MERGE_FANIN segments of at least RS_BUILD_MIN_SEGMENT bytes. One merge opens
 * at most RS_BUILD_MERGE_FANIN segments (a few files each): more (a small --segment-bytes) are
 * merged in levels, up to that many neighbours at a time into one, only as many as bring them
 * down to one merge's worth (49 segments merge two first: build.c group_size). */
#define RS_BUILD_AUTO_SEGMENT ((size_t)-1)
#define RS_BUILD_MIN_SEGMENT ((size_t)2 << 20)
#define RS_BUILD_MERGE_FANIN 48

typedef struct RsBuildOptions {
    RsIndexerOptions indexer; /* for every indexer of the run (its warn callback included) */
    size_t jobs;              /* threads of a new index (0: the cores this process may use, at
                                 most 8; never more than the files) */
    size_t shards;            /* 0: whatever DIR has (a new index: RS_BUILD_NEW); 1: one index,
                                 written by one writer; 2 to RS_MAX_SHARDS: that many shards (a
                                 number other than an existing layout's fails, RS_ERR_USAGE) */
    size_t segment_bytes;     /* a new index: start a new segment after this much text (0: one
                                 per thread; RS_BUILD_AUTO_SEGMENT: see above) */
    size_t merge_fanin;       /* a new index: segments merged at once (0: RS_BUILD_MERGE_FANIN) */
    RsBuildProgressFn progress; /* each may be NULL */
    RsBuildPhaseFn phase;
    RsBuildNoteFn note;
    void *ctx;                /* given to the three callbacks */
} RsBuildOptions;

/* How DIR was written (the mode decided; RS_BUILD_NONE: the run stopped before writing). */
typedef enum RsBuildMode { RS_BUILD_NONE = 0, RS_BUILD_NEW, RS_BUILD_SHARDS, RS_BUILD_ONE_WRITER } RsBuildMode;

typedef struct RsBuildTotals {
    RsIndexerTotals counts; /* the files and items of the run, summed over its threads; when a
                               new index or a new shard layout was not created, what was read
                               is in files_lost and nothing is counted indexed or added */
    RsBuildMode mode;       /* set before the first file is read */
    size_t jobs, parts;     /* RS_BUILD_NEW: threads, and segments merged */
    size_t shards;          /* RS_BUILD_SHARDS: shards written */
    int fresh;              /* RS_BUILD_SHARDS: a new layout */
    size_t unread;          /* RS_BUILD_ONE_WRITER stopped by an index error: files not read */
    double seconds;         /* time spent writing */
} RsBuildTotals;

/* Take the writer lock of the index at `dir` (which need not exist) and return the build in *out
 * (free it with rs_index_build_free). Fails as rs_write_lock does: RS_ERR_LOCKED ("DIR: the index
 * is locked by another writer"), RS_ERR_NOTFOUND, RS_ERR_IO, RS_ERR_NOMEM. */
RsStatus rs_index_build_begin(const char *dir, RsIndexBuild **out, RsError *err);

/* Index `files` (paths as the user gave them, e.g. from rs_walk_with) into the build's DIR as
 * described at the top; *totals is filled in (also on failure). Every problem is told through
 * opts->note as it happens, the run's error included: a failing run returns that error in `err`
 * too, so a caller with a note callback need not print it again. Returns RS_OK when the run
 * completed (files may have failed: counts.files_failed); RS_ERR_USAGE (mode NONE) for a shard
 * count that differs from DIR's layout; what rs_indexer_open fails with (mode NONE) when DIR
 * cannot be opened; or the error of the index that stopped the run (RS_ERR_IO, RS_ERR_DATABASE,
 * RS_ERR_NOMEM, ...): a new index or layout is then not created (DIR as it was), and one writer
 * keeps what it had committed. May be called again on the same build. */
RsStatus rs_index_build_run(RsIndexBuild *b, const RsFileList *files, const RsBuildOptions *opts,
                            RsBuildTotals *totals, RsError *err);

/* Release the writer lock (removing DIR.lock) and b. NULL is a no-op. */
void rs_index_build_free(RsIndexBuild *b);

/* begin, run and free in one call: fails as they do. */
RsStatus rs_index_build(const char *dir, const RsFileList *files, const RsBuildOptions *opts,
                        RsBuildTotals *totals, RsError *err);

#endif
