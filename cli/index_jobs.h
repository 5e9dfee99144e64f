/* index_jobs.h — the parallel write paths of `refsog index` and its summary line. */
#ifndef RS_INDEX_JOBS_H
#define RS_INDEX_JOBS_H

#include <stddef.h>

#include "indexer.h"
#include "progress.h"
#include "walk.h"

/* What the walk passed over: paths it could not read (counted as failed) and paths skipped on
 * purpose (hidden, not minutes, excluded: named, not failed). */
typedef struct RsWalkTally {
    size_t problems, skipped;
} RsWalkTally;

/* Add the counts of `a` to `t`. Can't fail. */
void rs_totals_add(RsIndexerTotals *t, const RsIndexerTotals *a);

/* Commit and close ix, adding its totals to *t once the last commit has settled them. Returns
 * the status of the commit (then of the close). */
RsStatus rs_index_close_counted(RsIndexer *ix, RsIndexerTotals *t, RsError *err);

/* Print the one summary line of an indexing run to stdout, with the walk's problems counted as
 * failed and its skipped paths counted; `tail` says how DIR was written (may be ""). */
void rs_index_summary(const RsIndexerTotals *t, const RsWalkTally *wt, double el, const char *dir,
                      const char *tail);

/* Tell the user (stderr) that `path` had no agenda structure and is indexed as one item. */
void rs_index_say_whole(const char *path);

/* (Both below draw on `prog`, the live line, and stop it before the summary; NULL: none.)
 *
 * Build the new index `dir` (missing or empty; the caller holds its writer lock) from `files`
 * with `jobs` threads into temporary segments of about `seg_bytes` of text (0: one per thread),
 * merged into "<dir>.merge-PID" and renamed to dir. A crash leaves dir as it was; the temporary
 * trees of dead runs are removed first. Prints the summary unless `quiet`; returns the exit
 * status (0, or 1 when a file failed, the walk had problems or the index was not created). */
int rs_index_new_parallel(const char *dir, size_t jobs, size_t seg_bytes, const RsFileList *files,
                          const RsIndexerOptions *opts, int quiet, const RsWalkTally *wt, RsProgress *prog);

/* Index `files` into the `n_shards` shards of dir, one thread per shard, each file to the shard
 * of its path's hash. A `fresh` layout (rs_shards_layout) is built in "<dir>.build-PID", its stub
 * written last, and renamed to dir (missing or empty): a crash leaves no index, never a stub
 * naming shards that do not exist. Prints the summary unless `quiet`; returns the exit status as
 * above. */
int rs_index_shards(const char *dir, size_t n_shards, int fresh, const RsFileList *files,
                    const RsIndexerOptions *opts, int quiet, const RsWalkTally *wt, RsProgress *prog);

#endif
