/* text.h — byte-level helpers of the parser: Danish-aware case-insensitive matching, blanks,
 * bullets and letters in UTF-8, without ICU (the parser runs them on every line, so they must be
 * cheap; they know exactly the letters the vocabularies use: ASCII and Latin-1 letters).
 *
 * Every function takes a byte range (s, n) that need not be NUL-terminated. None can fail.
 */
#ifndef RS_INGEST_TEXT_H
#define RS_INGEST_TEXT_H

#include <stddef.h>

#include "buf.h"

/* Lower-case of one Latin-1-range letter at s (ASCII or a two-byte UTF-8 À–Þ), written as its
 * UTF-8 bytes into out[2]; returns the number of input bytes consumed (1 or 2; 0 at n == 0). */
size_t rs_fold_char(const char *s, size_t n, char out[2], size_t *out_len);

/* Whether s[0..n) begins with the vocabulary word `w` (UTF-8, NUL-terminated), compared
 * case-insensitively (ASCII and Æ Ø Å É Ü …). */
int rs_ci_prefix(const char *s, size_t n, const char *w);
/* Whether s[0..n) equals `w` case-insensitively. */
int rs_ci_eq(const char *s, size_t n, const char *w);
/* Offset of the first case-insensitive occurrence of `w` in s[0..n), or n when absent. */
size_t rs_ci_find(const char *s, size_t n, const char *w);

/* Whether the character at s is a letter / an upper-case letter / a lower-case letter
 * (ASCII, or Latin-1 letters in UTF-8); whether it is an ASCII digit. */
int rs_is_letter(const char *s, size_t n);
int rs_is_upper(const char *s, size_t n);
int rs_is_lower(const char *s, size_t n);
static inline int rs_is_digit(char c) { return c >= '0' && c <= '9'; }

/* Length of a blank at s (space, tab, the Unicode spaces of rs_space_len, zero-width space,
 * BOM), or 0. */
size_t rs_blank_len(const char *s, size_t n);
/* Length of a multi-byte Unicode space at s that shows as one space — no-break U+00A0, U+2000–
 * U+200A, narrow no-break U+202F, U+205F, ideographic U+3000 — or 0 (ASCII blanks, zero-width
 * characters and anything else). Can't fail. */
size_t rs_space_len(const char *s, size_t n);
/* Length of an invisible break hint at s — soft hyphen U+00AD, zero-width space U+200B, word
 * joiner U+2060, zero-width no-break space / BOM U+FEFF — or 0. Can't fail. */
size_t rs_invisible_len(const char *s, size_t n);
/* Cleans the n bytes of UTF-8 text at s in place and returns their new length (never more):
 * CRLF and CR → LF, form feeds (page breaks) → LF, the Unicode spaces of rs_space_len → ' ' (every
 * rule after this reads one kind of space: "Beslutning i Byrådet den<NBSP>3. maj"), a run of
 * spaces after a line's first word → one (justified PDF text: "Taget  til  efterretning"; a line's
 * indentation stays), the
 * invisible break hints of rs_invisible_len dropped (a soft hyphen from &shy; or a word processor
 * inside "Økonomi<SHY>udvalget" is not in the word a reader sees, nor in the index). Can't fail. */
size_t rs_text_clean(char *s, size_t n);
/* Length of a list bullet at s (• · ▪ ◦ ‣ ● ■ – followed by a blank, or "- "/"* "), including
 * the blanks after it, or 0. */
size_t rs_bullet_len(const char *s, size_t n);
/* s + n trimmed of blanks on both sides: adjusts *b and *e (byte offsets into s). */
void rs_trim(const char *s, size_t *b, size_t *e);
/* Offset after the blanks starting at s[i] (up to n). */
size_t rs_skip_blanks(const char *s, size_t i, size_t n);

/* Whether the text at s (n bytes) ends a word at `i` (end, blank or punctuation next). */
int rs_word_end(const char *s, size_t n, size_t i);

/* Whether every letter of s[0..n) is upper case and there are at least `min` letters. */
int rs_all_upper(const char *s, size_t n, size_t min);

#endif
