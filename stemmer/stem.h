/* stem.h — Snowball Danish stemming with a cache, and the Snowball Danish stopword list. */
#ifndef RS_STEM_H
#define RS_STEM_H

#include <stddef.h>

#include "error.h"
#include "lemma.h"

typedef struct RsStemmer RsStemmer;

/* Open a Danish stemmer with a cache of `cache_entries` stems (0 = 65536).
 * *out is owned by the caller (rs_stemmer_close). RS_ERR_INTERNAL if
 * libstemmer has no Danish algorithm, RS_ERR_NOMEM. */
RsStatus rs_stemmer_open(size_t cache_entries, RsStemmer **out, RsError *err);
void rs_stemmer_close(RsStemmer *s); /* NULL is a no-op */

/* The stem cache's table written through now (common/prefault.h says why); changes no stem.
 * This function can't fail. */
void rs_stemmer_prefault(RsStemmer *s);

/* Stem `len` bytes of lower-case UTF-8. The result is owned by the stemmer
 * and valid until the next call; *out_len gets its length. Returns NULL
 * only when out of memory. */
const char *rs_stem(RsStemmer *s, const char *word, size_t len, size_t *out_len);

/* Stem through the lemma table `l` (not owned; NULL: none) from now on: a word the table
 * knows is stemmed as its lemma, so centret meets center and børn meets barn. Can't fail. */
void rs_stemmer_use_lemmas(RsStemmer *s, const RsLemmas *l);

/* Whether a lower-case word is on the Snowball Danish stopword list.
 * Can't fail. */
int rs_is_stopword(const char *word, size_t len);

/* Identifies the stemmer and stopword list, for the analyser fingerprint. */
const char *rs_stem_version(void);

#endif
