/* caseno.c — case-number recognition (ESDH formats) and canonical keys. */
#include "caseno.h"

#include <string.h>

#include "analyzer.h"

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

size_t rs_caseno_danish_letter(const char *s, size_t n) {
    if (n < 2 || (unsigned char)s[0] != 0xC3) return 0;
    unsigned char c = (unsigned char)s[1];
    return c == 0x86 || c == 0x98 || c == 0x85 || c == 0xA6 || c == 0xB8 || c == 0xA5 ? 2 : 0;
}

/* The bytes of the letter at s[i] (< len): an ASCII letter, or Æ Ø Å æ ø å (a KLE facet such as
 * Ø40); 0 when there is none. */
static size_t letter_len(const char *s, size_t i, size_t len) {
    return is_alpha(s[i]) ? 1 : rs_caseno_danish_letter(s + i, len - i);
}
static int is_sep(char c) { return c == '/' || c == '-' || c == '.' || c == ' ' || c == '_'; }

static int split_groups(const char *s, size_t len, RsCaseGroups *g) {
    g->n = 0;
    size_t i = 0;
    char sep = 0;
    while (i < len) {
        if (is_sep(s[i])) {
            if (sep || g->n == 0) return 0; /* two separators in a row, or leading */
            sep = s[i++];
            continue;
        }
        int d = is_digit(s[i]);
        if (!d && !letter_len(s, i, len)) return 0;
        if (g->n == RS_CASENO_MAX_GROUPS) return 0;
        size_t st = i, chars = 0, l;
        while (i < len && (d ? is_digit(s[i]) : (l = letter_len(s, i, len)) != 0)) i += d ? 1 : l, chars++;
        g->start[g->n] = st;
        g->len[g->n] = i - st;
        g->chars[g->n] = chars;
        g->sep[g->n] = sep;
        g->digits[g->n] = d;
        g->n++;
        sep = 0;
    }
    return sep == 0 && g->n > 0;
}

/* Pattern letters: 'L' letter group, 'A' single letter, '2' two digits,
 * '4' four digits, 'N' any digits, 'S' 3+ digits. */
static int group_is(const RsCaseGroups *g, size_t i, char kind) {
    switch (kind) {
    case 'L': return !g->digits[i] && g->chars[i] <= 6;
    case 'A': return !g->digits[i] && g->chars[i] == 1;
    case '2': return g->digits[i] && g->len[i] == 2;
    case '4': return g->digits[i] && g->len[i] == 4;
    case 'N': return g->digits[i] && g->len[i] <= 12;
    case 'S': return g->digits[i] && g->len[i] >= 3 && g->len[i] <= 12;
    case 'M': return g->digits[i] && g->len[i] <= 2;
    case '3': return g->digits[i] && g->len[i] == 3;
    case '6': return g->digits[i] && g->len[i] == 6;
    case '5': return g->digits[i] && (g->len[i] == 5 || g->len[i] == 6);
    }
    return 0;
}

static int matches(const RsCaseGroups *g, const char *pat) {
    size_t n = 0;
    while (pat[n]) n++;
    if (n != g->n) return 0;
    for (size_t i = 0; i < n; i++)
        if (!group_is(g, i, pat[i])) return 0;
    return 1;
}

/* Whether digit group i is a plausible year (19xx or 20xx). */
static int year_group(const char *s, const RsCaseGroups *g, size_t i) {
    const char *y = s + g->start[i];
    return g->len[i] == 4 && ((y[0] == '1' && y[1] == '9') || (y[0] == '2' && y[1] == '0'));
}

int rs_caseno_parse(const char *s, size_t len, int strict, RsCaseGroups *g) {
    RsCaseGroups local;
    if (!g) g = &local;
    if (len == 0 || len > 64 || !split_groups(s, len, g)) return 0;
    if (g->n < 2) return 0; /* every pattern below has two groups or more: a plain word has one */
    if (matches(g, "2S")) /* 23/15645; 24-011578 (two-digit year, six-digit serial) */
        return !strict || g->sep[1] == '/' || (g->sep[1] == '-' && g->len[1] == 6);
    if (matches(g, "34N")) /* 330-2018-3619: organisation, year, serial */
        return year_group(s, g, 1) && (!strict || (g->sep[1] == '-' && g->sep[2] == '-'));
    if (matches(g, "64")) /* 018520-2013: serial, year */
        return year_group(s, g, 1) && (!strict || g->sep[1] == '-');
    if (!strict && matches(g, "54")) /* typed without the zero padding: 18520 2013 */
        return year_group(s, g, 1);
    if (matches(g, "4S")) /* 2007/34364: year / serial ("2024-2027" is a period) */
        return year_group(s, g, 0) && g->sep[1] == '/' && g->len[1] >= 4;
    if (matches(g, "222A2N")) /* 00.01.00P35-0098: KLE and facet without the year */
        return !strict || (g->sep[1] == '.' && g->sep[2] == '.' && g->len[5] >= 3);
    if (matches(g, "L2N")) return !strict || g->sep[2] == '/' || g->sep[2] == '-';
    if (matches(g, "L4N")) {
        /* S2020-26746, EMN-2023-04567; the year must be plausible */
        const char *y = s + g->start[1];
        return (y[0] == '1' && y[1] == '9') || (y[0] == '2' && y[1] == '0');
    }
    if (matches(g, "LA4N")) return 1; /* mig-a-2024-19506 */
    if (matches(g, "222A2N2")) return !strict || (g->sep[1] == '.' && g->sep[2] == '.');
    if (matches(g, "222A2N4")) return !strict || (g->sep[1] == '.' && g->sep[2] == '.');
    if (!strict && matches(g, "MMMAMNM")) return 1; /* KLE typed without zero padding */
    return 0;
}

size_t rs_caseno_key(const char *s, size_t len, int strict, char *out, size_t cap) {
    RsCaseGroups g;
    if (cap == 0 || !rs_caseno_parse(s, len, strict, &g)) return 0;
    size_t n = 0;
    for (size_t i = 0; i < g.n; i++) {
        const char *p = s + g.start[i];
        size_t l = g.len[i];
        if (g.digits[i])
            while (l > 1 && *p == '0') { p++; l--; }
        if (i && n + 1 < cap) out[n++] = '-';
        for (size_t k = 0; k < l && n + 1 < cap; k++) {
            char c = p[k];
            if (k && (unsigned char)p[k - 1] == 0xC3 && (unsigned char)c < 0xA0) c = (char)(c + 0x20); /* Ø → ø */
            out[n++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
        }
    }
    out[n] = '\0';
    return n;
}

size_t rs_case_key(const char *s, size_t len, char *out, size_t cap) {
    /* User input: trim surrounding blanks, then any separator goes. */
    while (len && (*s == ' ' || *s == '\t')) { s++; len--; }
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t')) len--;
    return rs_caseno_key(s, len, 0, out, cap);
}

size_t rs_caseno_key_bare(const char *key, size_t len, char *out, size_t cap) {
    size_t i = 0;
    while (i < len && key[i] >= 'a' && key[i] <= 'z') { /* a letter group and its '-' */
        while (i < len && key[i] >= 'a' && key[i] <= 'z') i++;
        if (i < len && key[i] == '-') i++;
    }
    if (i == 0 || i >= len || !(key[i] >= '0' && key[i] <= '9') || len - i + 1 > cap) return 0;
    memcpy(out, key + i, len - i);
    out[len - i] = '\0';
    return len - i;
}
