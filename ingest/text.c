/* text.c — byte-level helpers of the parser: case-insensitive Danish matching, blanks, bullets. */
#include "text.h"

#include <string.h>

/* Lower-case the letter at s into out; see the header. Can't fail. */
size_t rs_fold_char(const char *s, size_t n, char out[2], size_t *out_len) {
    if (!n) { *out_len = 0; return 0; }
    unsigned char c = (unsigned char)s[0];
    if (c >= 'A' && c <= 'Z') { out[0] = (char)(c + 32); *out_len = 1; return 1; }
    if (c == 0xC3 && n >= 2) {
        unsigned char d = (unsigned char)s[1];
        if (d >= 0x80 && d <= 0x9E && d != 0x97) d = (unsigned char)(d + 0x20); /* À–Þ → à–þ, not × */
        out[0] = (char)c;
        out[1] = (char)d;
        *out_len = 2;
        return 2;
    }
    out[0] = (char)c;
    *out_len = 1;
    return 1;
}

/* Compare s (n bytes) with w (wl bytes) from their starts; returns the number of bytes of s
 * matched when all of w matched, else (size_t)-1. */
static size_t ci_match(const char *s, size_t n, const char *w, size_t wl) {
    size_t i = 0, j = 0;
    while (j < wl) {
        if (i >= n) return (size_t)-1;
        unsigned char a0 = (unsigned char)s[i], b0 = (unsigned char)w[j];
        if (a0 < 0x80 && b0 < 0x80) { /* ASCII: the common case */
            if (a0 != b0 && (a0 | 0x20) != (b0 | 0x20)) return (size_t)-1;
            if (a0 != b0 && !((a0 | 0x20) >= 'a' && (a0 | 0x20) <= 'z')) return (size_t)-1;
            i++, j++;
            continue;
        }
        char a[2], b[2];
        size_t al, bl;
        size_t ai = rs_fold_char(s + i, n - i, a, &al);
        size_t bj = rs_fold_char(w + j, wl - j, b, &bl);
        if (al != bl || memcmp(a, b, al)) return (size_t)-1;
        i += ai;
        j += bj;
    }
    return i;
}

/* A cheap test on the first bytes before a full comparison: 0 when they cannot match. */
static int first_may_match(const char *s, size_t n, const char *w) {
    if (!n) return !w[0];
    unsigned char a = (unsigned char)s[0], b = (unsigned char)w[0];
    if (a < 0x80 && b < 0x80) return a == b || ((a | 0x20) == (b | 0x20) && (b | 0x20) >= 'a' && (b | 0x20) <= 'z');
    return (a >= 0x80) == (b >= 0x80);
}

int rs_ci_prefix(const char *s, size_t n, const char *w) {
    return first_may_match(s, n, w) && ci_match(s, n, w, strlen(w)) != (size_t)-1;
}

int rs_ci_eq(const char *s, size_t n, const char *w) {
    return first_may_match(s, n, w) && ci_match(s, n, w, strlen(w)) == n;
}

size_t rs_ci_find(const char *s, size_t n, const char *w) {
    size_t wl = strlen(w);
    if (!wl) return 0;
    unsigned char f = (unsigned char)w[0];
    int ascii = f < 0x80 && ((f | 0x20) >= 'a' && (f | 0x20) <= 'z');
    for (size_t i = 0; i < n; i++) {
        if (ascii && ((unsigned char)s[i] | 0x20) != (f | 0x20)) continue;
        if (ci_match(s + i, n - i, w, wl) != (size_t)-1) return i;
    }
    return n;
}

int rs_is_upper(const char *s, size_t n) {
    if (!n) return 0;
    unsigned char c = (unsigned char)s[0];
    if (c >= 'A' && c <= 'Z') return 1;
    if (c == 0xC3 && n >= 2) {
        unsigned char d = (unsigned char)s[1];
        return d >= 0x80 && d <= 0x9E && d != 0x97;
    }
    return 0;
}

int rs_is_lower(const char *s, size_t n) {
    if (!n) return 0;
    unsigned char c = (unsigned char)s[0];
    if (c >= 'a' && c <= 'z') return 1;
    if (c == 0xC3 && n >= 2) {
        unsigned char d = (unsigned char)s[1];
        return d >= 0x9F && d <= 0xBF && d != 0xB7;
    }
    return 0;
}

int rs_is_letter(const char *s, size_t n) { return rs_is_upper(s, n) || rs_is_lower(s, n); }

size_t rs_blank_len(const char *s, size_t n) {
    if (!n) return 0;
    unsigned char c = (unsigned char)s[0];
    if (c == ' ' || c == '\t' || c == '\v') return 1;
    if (c < 0xC2) return 0;
    size_t k = rs_space_len(s, n);
    if (k) return k;
    /* the zero-width space and the BOM: blanks to a reader, though they take no room */
    k = rs_invisible_len(s, n);
    return k == 3 && (unsigned char)s[1] != 0x81 ? k : 0; /* not U+2060, the word joiner */
}

size_t rs_space_len(const char *s, size_t n) {
    const unsigned char *u = (const unsigned char *)s;
    if (n >= 2 && u[0] == 0xC2 && u[1] == 0xA0) return 2;                                /* U+00A0 */
    if (n >= 3 && u[0] == 0xE2 && u[1] == 0x80 && ((u[2] >= 0x80 && u[2] <= 0x8A) || u[2] == 0xAF))
        return 3;                                                        /* U+2000–U+200A, U+202F */
    if (n >= 3 && u[0] == 0xE2 && u[1] == 0x81 && u[2] == 0x9F) return 3;                /* U+205F */
    if (n >= 3 && u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80) return 3;                /* U+3000 */
    return 0;
}

size_t rs_invisible_len(const char *s, size_t n) {
    const unsigned char *u = (const unsigned char *)s;
    if (n >= 2 && u[0] == 0xC2 && u[1] == 0xAD) return 2;                                /* U+00AD */
    if (n >= 3 && u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0x8B) return 3;                /* U+200B */
    if (n >= 3 && u[0] == 0xE2 && u[1] == 0x81 && u[2] == 0xA0) return 3;                /* U+2060 */
    if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) return 3;                /* U+FEFF */
    return 0;
}

size_t rs_text_clean(char *s, size_t n) {
    size_t o = 0;
    int inner = 0; /* past the line's first non-blank: a run of spaces there becomes one */
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\r') {
            if (i + 1 < n && s[i + 1] == '\n') continue;
            c = '\n';
        }
        if (c == '\f') c = '\n';
        if ((unsigned char)c >= 0xC2) {
            size_t sp = rs_space_len(s + i, n - i), hint = sp ? 0 : rs_invisible_len(s + i, n - i);
            if (hint) {
                i += hint - 1;
                continue;
            }
            if (sp) {
                c = ' ';
                i += sp - 1;
            }
        }
        if (c == '\n') inner = 0;
        else if (c != ' ' && c != '\t') inner = 1;
        else if (c == ' ' && inner && o && s[o - 1] == ' ') continue; /* "Taget  til  efterretning" */
        s[o++] = c;
    }
    return o;
}

size_t rs_skip_blanks(const char *s, size_t i, size_t n) {
    size_t k;
    while (i < n && (k = rs_blank_len(s + i, n - i))) i += k;
    return i;
}

size_t rs_bullet_len(const char *s, size_t n) {
    if (!n) return 0;
    unsigned char c0 = (unsigned char)s[0];
    if (c0 != 0xE2 && c0 != 0xC2 && c0 != 0xEF && c0 != '-' && c0 != '*') return 0;
    static const char *const bullets[] = {"\xE2\x80\xA2", /* • */ "\xC2\xB7", /* · */
                                          "\xE2\x96\xAA", /* ▪ */ "\xE2\x97\xA6", /* ◦ */
                                          "\xE2\x80\xA3", /* ‣ */ "\xE2\x97\x8F", /* ● */
                                          "\xE2\x96\xA0", /* ■ */ "\xEF\x82\xB7", /* PDF symbol */
                                          "-", "*"};
    for (size_t k = 0; k < sizeof bullets / sizeof *bullets; k++) {
        size_t bl = strlen(bullets[k]);
        if (n > bl && !memcmp(s, bullets[k], bl)) {
            size_t e = rs_skip_blanks(s, bl, n);
            if (e > bl) return e;
        }
    }
    return 0;
}

void rs_trim(const char *s, size_t *b, size_t *e) {
    size_t i = *b, j = *e;
    i = rs_skip_blanks(s, i, j);
    while (j > i) {
        unsigned char c = (unsigned char)s[j - 1];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\v') { j--; continue; }
        if (j - i >= 2 && (unsigned char)s[j - 2] == 0xC2 && c == 0xA0) { j -= 2; continue; }
        if (j - i >= 3 && (unsigned char)s[j - 3] == 0xE2 && (unsigned char)s[j - 2] == 0x80 &&
            ((c >= 0x80 && c <= 0x8B) || c == 0xAF)) { j -= 3; continue; }
        break;
    }
    *b = i;
    *e = j;
}

int rs_word_end(const char *s, size_t n, size_t i) {
    if (i >= n) return 1;
    return !rs_is_letter(s + i, n - i) && !rs_is_digit(s[i]);
}

int rs_all_upper(const char *s, size_t n, size_t min) {
    size_t letters = 0;
    for (size_t i = 0; i < n;) {
        if (rs_is_lower(s + i, n - i)) return 0;
        if (rs_is_upper(s + i, n - i)) {
            letters++;
            i += (unsigned char)s[i] >= 0x80 ? 2 : 1;
        } else {
            i++;
        }
    }
    return letters >= min;
}
