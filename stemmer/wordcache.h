/* wordcache.h — a word's analysed forms by its surface bytes (stemmer-internal): the analyser's
 * memo, so a word seen before (a Zipfian vocabulary: most words are) costs one hash lookup
 * instead of normalisation, two stems, folding, the stopword list and decompounding.
 *
 * Open addressing over one arena, emptied when full (forms are cheap to recompute), hand-written
 * for the stem cache's measured reason (stem.c). Lifetimes: spans returned by rs_word_cache_get
 * point into the cache and stay valid until the next rs_word_cache_put. */
#ifndef RS_WORDCACHE_H
#define RS_WORDCACHE_H

#include <stddef.h>

#include "analyzer.h"
#include "decompound.h"

typedef struct RsWordCache RsWordCache;

/* What word_forms computes for a word (flags: RS_TOKF_STOPWORD, RS_TOKF_FOLDED, RS_TOKF_STEMMED
 * only: a token from the cache says it is a word's forms as one computed afresh does). */
typedef struct RsWordForms {
    RsSpan norm, stem, fold; /* fold {NULL, 0} when it equals stem */
    unsigned flags;
    RsSpan parts[RS_MAX_PARTS];
    size_t n_parts;
} RsWordForms;

/* NULL when out of memory. */
RsWordCache *rs_word_cache_new(void);
void rs_word_cache_free(RsWordCache *c); /* NULL is a no-op */

/* The table's pages written through now (common/prefault.h says why); changes no answer.
 * This function can't fail. */
void rs_word_cache_prefault(RsWordCache *c);

/* 1 and *f filled when the forms of s[0..len) (analysed with `decompose` on or off) are cached;
 * else 0. Can't fail. */
int rs_word_cache_get(RsWordCache *c, const char *s, size_t len, int decompose, RsWordForms *f);

/* A hint: the slot rs_word_cache_get(c, s, len, decompose) would look at first is fetched into
 * the CPU cache now (the table is larger than the cache). Changes nothing else. Can't fail. */
void rs_word_cache_prefetch(const RsWordCache *c, const char *s, size_t len, int decompose);

/* Remember f as the forms of s[0..len). A word or form too long for the cache is left out. Can't
 * fail. */
void rs_word_cache_put(RsWordCache *c, const char *s, size_t len, int decompose, const RsWordForms *f);

#endif
