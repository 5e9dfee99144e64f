/* wordcount.h — a batch's word counts (one count per distinct word per item), for the spelling
 * dictionary: the indexer adds each word to Xapian once per batch instead of once per item. */
#ifndef RS_WORDCOUNT_H
#define RS_WORDCOUNT_H

#include <stddef.h>

#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct RsWordCount RsWordCount;

/* A new, empty table in *out. Release with rs_wordcount_free(). Fails only with RS_ERR_NOMEM. */
RsStatus rs_wordcount_new(RsWordCount **out, RsError *err);

/* Start a new item: from now on each distinct word counts once more, however often it is added. */
void rs_wordcount_next_item(RsWordCount *wc);

/* Count `word` (copied) for the current item unless it was already counted for it. */
RsStatus rs_wordcount_add(RsWordCount *wc, const char *word, size_t len, RsError *err);

/* Add `count` to the count of `word` (copied), whatever item it was counted for: for moving one
 * table's counts into another. */
RsStatus rs_wordcount_add_count(RsWordCount *wc, const char *word, size_t len, unsigned count,
                                RsError *err);

/* Number of distinct words held. This function can't fail. */
size_t rs_wordcount_size(const RsWordCount *wc);

/* Call fn(ctx, word, len, count) for every word, in no particular order; stops at the first
 * non-zero return of fn and returns it (0 when all were visited). The word is valid during the call. */
int rs_wordcount_each(const RsWordCount *wc,
                      int (*fn)(void *ctx, const char *word, size_t len, unsigned count),
                      void *ctx);

/* Forget every word; the memory is kept for the next batch, up to a bound (a table grown by one
 * huge item shrinks back, so clearing stays cheap). This function can't fail. */
void rs_wordcount_clear(RsWordCount *wc);

/* Release the table. rs_wordcount_free(NULL) is a no-op. */
void rs_wordcount_free(RsWordCount *wc);

#ifdef __cplusplus
}
#endif
#endif
