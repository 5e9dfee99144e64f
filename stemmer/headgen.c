/* headgen.c — build tool (not in the library): hunspell-da's short compound heads, for the decompounder's word list.
 *
 * Reads hunspell-da's dictionary (da_DK.dic, "FLAG num": word/flag,flag,… per line) and writes
 * "word+" for each lower-case word of three characters that hunspell-da lets begin a compound:
 * it carries one of the linking-element flags of da_DK.aff — 29 (-s-), 30 (-e-), 31 (none) — whose
 * suffix rules give COMPOUNDBEGIN forms (mål, job, rus, vej, dag, råd, …). The decompounder
 * (decompound.c) otherwise splits a word the word list knows whole only into parts of four
 * characters or more; a head listed here may be three (målgrupper → mål + grupper, daginstitutioner
 * → dag + institutioner). The marker "+" keeps these entries apart from the words themselves (a
 * word is never looked up with it). Sorted and deterministic.
 * Usage: headgen < /usr/share/hunspell/da_DK.dic >> da-words.txt (make: see the Makefile). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* da_DK.aff: "Sammensætning, fugeelement -s- / -e- / Ø" */
static const int link_flags[] = {29, 30, 31};

static size_t nchars(const char *s, size_t n) {
    size_t c = 0;
    for (size_t i = 0; i < n; i++) c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/* lower-case letters only (ASCII a–z, or UTF-8 multibyte letters other than capitals Æ Ø Å …) */
static int lower_word(const char *w, size_t n) {
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        if (c == 0xC3 && i + 1 < n && (unsigned char)w[i + 1] >= 0x80 && (unsigned char)w[i + 1] <= 0x9E)
            return 0;
        if (c < 0x80 && !(c >= 'a' && c <= 'z')) return 0;
    }
    return n > 0;
}

static int has_link_flag(const char *flags) {
    for (const char *p = flags; *p && *p != ' ' && *p != '\t' && *p != '\n';) {
        int f = atoi(p);
        for (size_t i = 0; i < sizeof link_flags / sizeof *link_flags; i++)
            if (f == link_flags[i]) return 1;
        p += strcspn(p, ", \t\n");
        if (*p == ',') p++;
    }
    return 0;
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(void) {
    char line[1024];
    char **v = NULL;
    size_t n = 0, cap = 0;
    int first = 1;
    while (fgets(line, sizeof line, stdin)) {
        if (first) { /* the entry count */
            first = 0;
            continue;
        }
        char *slash = strchr(line, '/');
        if (!slash) continue;
        size_t wl = (size_t)(slash - line);
        if (nchars(line, wl) != 3 || !lower_word(line, wl) || !has_link_flag(slash + 1)) continue;
        if (n == cap && !(v = realloc(v, (cap = cap ? 2 * cap : 512) * sizeof *v))) return 1;
        if (!(v[n++] = strndup(line, wl))) return 1;
    }
    qsort(v, n, sizeof *v, cmp_str);
    for (size_t i = 0; i < n; i++) {
        if (!i || strcmp(v[i], v[i - 1])) printf("%s+\n", v[i]);
        free(v[i]);
    }
    free(v);
    return 0;
}
