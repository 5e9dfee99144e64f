/* writelock.h — the one lock every writer of an index takes first: `refsog index` (a new build,
 * adding, shards), `delete` and `compact` (of its output).
 *
 * Xapian's own lock lives inside the index, so it cannot guard an index that does not exist yet
 * (a parallel build writes elsewhere and renames the result into place): the lock here is an
 * flock(2) on the file "<dir>.lock" beside the index, released when the process ends however it
 * ends, and removed by the holder when it is done.
 */
#ifndef RS_WRITELOCK_H
#define RS_WRITELOCK_H

#include "error.h"

typedef struct RsWriteLock RsWriteLock;

/* Take the writer lock of the index at `dir` (which need not exist) without waiting. Fails with
 * RS_ERR_LOCKED ("DIR: the index is locked by another writer"), RS_ERR_NOTFOUND when the folder
 * that would hold DIR does not exist, RS_ERR_IO ("DIR: cannot write to the index: …") or
 * RS_ERR_NOMEM. On success *out is released with rs_write_unlock. */
RsStatus rs_write_lock(const char *dir, RsWriteLock **out, RsError *err);

/* Remove the lock file and release the lock. NULL is a no-op. */
void rs_write_unlock(RsWriteLock *l);

#endif
