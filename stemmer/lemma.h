/* lemma.h — the Danish lemma table: forms Snowball cannot join to their lemma (syncope:
 * centret → center, reglen → regel; irregular plurals: børn → barn, mænd → mand), built at
 * build time from hunspell-da (stemmer/lemmagen.c) and loaded by the analyser. */
#ifndef RS_LEMMA_H
#define RS_LEMMA_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "leximage.h"

typedef struct RsLemmas RsLemmas;

/* Load the table ("form<TAB>lemma" lines) at `path`. *out is the caller's (rs_lemmas_free).
 * RS_ERR_IO naming the file, RS_ERR_NOMEM. */
RsStatus rs_lemmas_load(const char *path, RsLemmas **out, RsError *err);
void rs_lemmas_free(RsLemmas *l); /* NULL is a no-op */

/* The table over one in memory that stays the caller's (a lexicon image's section, leximage.h),
 * valid while that memory is; nothing is copied or parsed. *out is the caller's (rs_lemmas_free,
 * which leaves the memory alone). RS_ERR_NOMEM. */
RsStatus rs_lemmas_view(const RsLexSection *s, RsLemmas **out, RsError *err);

/* The table as it is in memory, for writing an image (stemmer/leximagegen.c); valid while l
 * is. Can't fail. */
void rs_lemmas_section(const RsLemmas *l, RsLexSection *out);

/* The table's path: $RS_LEMMAS, else da-lemmas.txt next to the running program, one folder up
 * (the build tree's tests and benchmarks), or in ../share/refsog and the system's share/refsog.
 * NULL when there is none (then the analyser has no lemmas, and says so in its fingerprint). */
const char *rs_lemmas_default_path(void);

/* The lemma of a lower-case word: the table's entry for it, or for a compound whose last part is
 * in the table the compound with that part's lemma (familiecentret → familiecenter; the first
 * part at least 3 bytes, the last at least 6, or an irregular plural: formænd → formand). Written into out (NUL-terminated, at most cap);
 * returns its length, 0 when the word has none. Can't fail. */
size_t rs_lemma_of(const RsLemmas *l, const char *w, size_t len, char *out, size_t cap);

size_t rs_lemmas_size(const RsLemmas *l);      /* entries; 0 for NULL */
uint64_t rs_lemmas_checksum(const RsLemmas *l); /* of the file; 0 for NULL */

#endif
