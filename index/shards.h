/* shards.h — an index directory split into N shards (DIR/shard-K) behind a Xapian stub file. */
#ifndef RS_SHARDS_H
#define RS_SHARDS_H

#include <stddef.h>

#include "error.h"

#define RS_MAX_SHARDS 64

/* The shard layout of index directory `dir`. A sharded index is a
 * directory with a Xapian stub file DIR/XAPIANDB listing DIR/shard-0 …
 * shard-(N-1); Xapian (and so every refsog reader) opens DIR as all its
 * shards together. `want` is the number asked for (0 = whatever the
 * directory has, 1 if new). *n gets the count; *fresh (may be NULL) is set
 * when the layout is new (no stub yet, want > 1): nothing is written here,
 * the caller writes the shards, then the stub (rs_shards_write_stub), so
 * the directory never names shards that do not exist. Fails with
 * RS_ERR_USAGE when `want` differs from an existing layout ("re-shard by
 * re-indexing"), RS_ERR_DATABASE for a stub naming no shard. */
RsStatus rs_shards_layout(const char *dir, size_t want, size_t *n, int *fresh, RsError *err);

/* Write DIR/XAPIANDB listing shard-0 … shard-(n-1) atomically (a temporary
 * file, synced, renamed into place). Fails with RS_ERR_IO naming the file. */
RsStatus rs_shards_write_stub(const char *dir, size_t n, RsError *err);

/* Path of shard k of `dir` into out (cap bytes). For n == 1, `dir` itself. */
void rs_shard_path(const char *dir, size_t n, size_t k, char *out, size_t cap);

/* The shard a source file goes to: a stable hash of its path. All items of
 * a file live in one shard, so a changed file is replaced in one place.
 * Can't fail. */
size_t rs_shard_of(const char *source, size_t n);

#endif
