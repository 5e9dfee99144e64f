/* decompound.h — splitting Danish compounds into lexicon words (wdanish). */
#ifndef RS_DECOMPOUND_H
#define RS_DECOMPOUND_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "leximage.h"

typedef struct RsLexicon RsLexicon;

/* Load a word list (one UTF-8 word per line; lines with upper case or an
 * apostrophe are skipped: names and genitives are no compound parts).
 * *out is owned by the caller (rs_lexicon_free). RS_ERR_IO naming the path. */
RsStatus rs_lexicon_load(const char *path, RsLexicon **out, RsError *err);
void rs_lexicon_free(RsLexicon *lex); /* NULL is a no-op */

/* The lexicon over a table in memory that stays the caller's (a lexicon image's section,
 * leximage.h), valid while that memory is; nothing is copied or parsed. *out is the caller's
 * (rs_lexicon_free, which leaves the table alone). RS_ERR_NOMEM. */
RsStatus rs_lexicon_view(const RsLexSection *s, RsLexicon **out, RsError *err);

/* The lexicon's table as it is in memory, for writing an image (stemmer/leximagegen.c);
 * valid while lex is. Can't fail. */
void rs_lexicon_section(const RsLexicon *lex, RsLexSection *out);

/* Number of words and a checksum of the list, for the fingerprint. */
size_t rs_lexicon_size(const RsLexicon *lex);
uint64_t rs_lexicon_checksum(const RsLexicon *lex);

/* The word list a text-file lexicon is read from: $RS_WORDS, else da-words.txt (wdanish and
 * hunspell-da's short compound heads, made by `make`) found as the lemma table is (next to the
 * program, one folder up, ../share/refsog, the system's share/refsog), else
 * /usr/share/dict/danish. Can't fail. */
const char *rs_lexicon_default_path(void);

/* Whether a lower-case word is in the lexicon. Can't fail. */
int rs_lexicon_has(const RsLexicon *lex, const char *w, size_t len);

#define RS_MAX_PARTS 4

typedef struct RsSplit {
    size_t n;                      /* number of parts, 0 = not split */
    size_t start[RS_MAX_PARTS];    /* byte offsets of each part in the word */
    size_t len[RS_MAX_PARTS];      /* lengths, without linking letters */
} RsSplit;

/* Split a normalised (lower-case) word into 2..RS_MAX_PARTS lexicon words,
 * allowing a linking "s" or "e" after a part: "misbrugsområdet" →
 * misbrug + området. Parts are at least `min_part` characters. Rules:
 * every part is a lexicon word, except that the head may be an unknown
 * word of ≥ 4 characters when the whole word is not in the lexicon itself
 * ("opioidmisbruget" → opioid + misbruget); a word that is in the lexicon
 * is split only into parts of ≥ 4 characters, or a three-letter head the lexicon marks as one
 * ("mål+", stemmer/headgen.c) and tail(s) of ≥ 5 ("målgrupper" → mål + grupper); among the splits the one
 * with the longest first part that leads to a full split wins
 * (greedy longest match, at most RS_MAX_PARTS parts). Can't fail. */
void rs_decompound(const RsLexicon *lex, const char *w, size_t len, size_t min_part,
                   RsSplit *out);

#endif
