/* decompound.c — the lexicon (a hash set over one block: a text file's, or the lexicon image's) and compound splitting. */
#include "decompound.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "hash.h"

/* The lexicon's set is probed with (pointer, length) slices of a word, many per word while
 * splitting: GLib's GHashTable would need a NUL-terminated copy per probe (the cost measured on
 * the stem cache, see stem.c), so it stays hand-written. */
struct RsLexicon {
    const char *words; /* NUL-terminated words: a text file's bytes, or an image's blob */
    size_t words_len;
    const uint32_t *slots; /* open addressing: offset+1 of a word in words, 0 = empty */
    size_t n_slots, n_words;
    uint64_t checksum;
    char *text;         /* the text loader's own blocks (words, slots); NULL in a view */
    uint32_t *own_slots;
};

static uint64_t hash64(const char *p, size_t n) { return rs_fnv1a64(p, n); }

/* A word longer than this (in bytes) is not split. */
#define RS_DECOMPOUND_MAX_LEN 80

/* Whether a line is usable: lower-case letters only (UTF-8 multibyte
 * letters allowed), no apostrophe, no capital; or such a word marked as a short compound head
 * ("mål+", stemmer/headgen.c). */
static int usable(const char *w, size_t n) {
    if (n >= 3 && w[n - 1] == '+') n--;
    if (n < 2) return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        if (c >= 'A' && c <= 'Z') return 0;
        if (c == 0xC3 && i + 1 < n && (unsigned char)w[i + 1] >= 0x80 &&
            (unsigned char)w[i + 1] <= 0x9E)
            return 0; /* Æ Ø Å ... */
        if (c < 0x80 && !(c >= 'a' && c <= 'z') && c != '-') return 0;
    }
    return 1;
}

RsStatus rs_lexicon_load(const char *path, RsLexicon **out, RsError *err) {
    *out = NULL;
    RsLexicon *lex = calloc(1, sizeof *lex);
    if (!lex) return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    size_t len;
    RsStatus rc = rs_read_file(path, 64u << 20, &lex->text, &len, err);
    if (rc != RS_OK) {
        free(lex);
        rs_error_prefix(err, "cannot read the decompounding lexicon");
        return rc;
    }
    size_t lines = 1;
    for (size_t i = 0; i < len; i++) lines += lex->text[i] == '\n';
    lex->n_slots = 1;
    while (lex->n_slots < lines * 2) lex->n_slots *= 2;
    lex->own_slots = calloc(lex->n_slots, sizeof *lex->own_slots);
    if (!lex->own_slots) {
        rs_lexicon_free(lex);
        return rs_error_set(err, RS_ERR_NOMEM, "out of memory loading the lexicon");
    }
    lex->words = lex->text;
    lex->words_len = len + 1; /* rs_read_file's NUL ends the last word */
    lex->slots = lex->own_slots;
    size_t mask = lex->n_slots - 1;
    char *p = lex->text, *end = lex->text + len;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) nl = end;
        size_t n = (size_t)(nl - p);
        if (n && p[n - 1] == '\r') n--;
        p[n] = '\0';
        if (usable(p, n)) {
            uint64_t h = hash64(p, n);
            lex->checksum ^= h * 0x9E3779B97F4A7C15ULL;
            size_t i = (size_t)h & mask;
            int dup = 0;
            while (lex->own_slots[i]) {
                const char *q = lex->text + lex->own_slots[i] - 1;
                if (!strcmp(q, p)) { dup = 1; break; }
                i = (i + 1) & mask;
            }
            if (!dup) {
                lex->own_slots[i] = (uint32_t)(p - lex->text) + 1;
                lex->n_words++;
            }
        }
        p = nl + 1;
    }
    *out = lex;
    return RS_OK;
}

RsStatus rs_lexicon_view(const RsLexSection *s, RsLexicon **out, RsError *err) {
    *out = NULL;
    RsLexicon *lex = calloc(1, sizeof *lex);
    if (!lex) return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    lex->words = s->blob;
    lex->words_len = s->blob_len;
    lex->slots = s->slots;
    lex->n_slots = s->n_slots;
    lex->n_words = s->n_entries;
    lex->checksum = s->checksum;
    *out = lex;
    return RS_OK;
}

void rs_lexicon_section(const RsLexicon *lex, RsLexSection *out) {
    *out = (RsLexSection){lex->words, lex->words_len, lex->slots, lex->n_slots, lex->n_words,
                          lex->checksum};
}

void rs_lexicon_free(RsLexicon *lex) {
    if (!lex) return;
    free(lex->text);
    free(lex->own_slots);
    free(lex);
}

size_t rs_lexicon_size(const RsLexicon *lex) { return lex ? lex->n_words : 0; }
uint64_t rs_lexicon_checksum(const RsLexicon *lex) { return lex ? lex->checksum : 0; }

/* Whether w[0..len) is a word of lex, h being its hash64. Can't fail. */
static int lex_has(const RsLexicon *lex, const char *w, size_t len, uint64_t h) {
    size_t mask = lex->n_slots - 1, i = (size_t)h & mask;
    /* at most n_slots probes, and every offset checked: an image's slots are taken as they are */
    for (size_t k = 0; k < lex->n_slots && lex->slots[i]; k++, i = (i + 1) & mask) {
        size_t off = lex->slots[i] - 1;
        if (off >= lex->words_len || lex->words_len - off <= len) continue;
        const char *q = lex->words + off;
        if (!memcmp(q, w, len) && q[len] == '\0') return 1;
    }
    return 0;
}

int rs_lexicon_has(const RsLexicon *lex, const char *w, size_t len) {
    if (!lex || len == 0) return 0;
    return lex_has(lex, w, len, hash64(w, len));
}

/* Number of characters (not bytes) in UTF-8. */
static size_t nchars(const char *s, size_t n) {
    size_t c = 0;
    for (size_t i = 0; i < n; i++) c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

typedef struct {
    const RsLexicon *lex;
    const char *w; /* at most RS_DECOMPOUND_MAX_LEN bytes */
    size_t min_part;
    size_t min_known; /* minimum characters of a part */
    size_t min_tail;  /* minimum characters of the last part */
} Ctx;

/* Lexicon words that are also common endings: never a compound part
 * (orientering is not orient + ring, muligheder not mulig + heder). */
static const char *const not_parts[] = {
    "ende", "enden", "endes", "ingen", "inger", "ingens", "heder", "heden", "hedens",
    "hederne", "hedernes", "lige", "ligt", "liges", "rede", "ring", "ringer", "ringen",
    "rens", "stal", "sen", "ages", "ægges", "ene", "erne", "ernes", "else", "elsen",
    "ning", "ninger", "ningen", "skab", "skaber", "skabet", "skabs", "skabets", "holder",
    "tion", "tioner", "isk", "iske", "rate", "ret", "rer", "res", "ter", "tes",
    "ste", "ster", "sted", "mus", "lede", "dele", "ling", "lingen", "linger", "hed", "lig",
    "tet", "ten", "ders", "dens", "rige", "bare", "bar", "somme", "som", "tisk", "mere",
    "dets", "enes", "ens", "ets", "ers", "tikker", "tiske", "rende", "tuen", "ilbud", "terne",
    "ammerne", "lighed", "ligheds", "ligheden", "sene"};

/* Lexicon words that are rarely a compound's head but often the start of
 * an unrelated word (beskrevet is not besk + revet, deltager not delt + ager). */
static const char *const not_heads[] = {
    "besk", "delt", "delta", "cent", "dan", "foren", "fors", "forel", "form", "foræld",
    "kommen", "gene", "men", "jobs", "mind", "plat", "indsat", "organ", "definit", "kontrol",
    "igrang", "families", "hel", "glo", "gen", "fort", "foret", "derud", "herud", "virksom",
    "mulig", "ledig", "udvikl", "orienter", "orient", "eksister", "forskel", "borge", "varet",
    "ras", "sin", "kvag", "kern", "tils", "ans", "bes", "ops", "afs", "ars", "ens", "gåaf",
    "under", "vare", "spørg"};

/* Three-letter compound heads (marked in the word list, stemmer/headgen.c) that begin more
 * unrelated words than compounds in a word the lexicon knows whole: prepositions and
 * prefixes hunspell-da lets begin compounds (tilbud, indsats), and heads that start common
 * words (begrundet, bidrager, borgerne, deltager, karakter, morgenen, passende, suspension,
 * frivillige, velfærd; in a sample of the word list ballastet, festonerne, fanfarer, sædvaner).
 * Checked over the words of data/sample and tests/fixtures and 20,000 words of wdanish. */
static const char *const not_short_heads[] = {"til", "ind", "ud", "op", "af", "om", "for", "med",
    "mod", "sam", "mis", "gen", "kon", "her", "ned", "pro", "per", "han", "hun", "jeg", "den",
    "det", "der", "sig", "min", "din", "sin", "vor", "beg", "bid", "bor", "del", "kar", "mor",
    "pas", "sus", "fri", "vel", "bag", "fin", "ens", "ene", "ufo", "the", "yde", "nej", "nyt",
    "bal", "fes", "fan", "sæd", "kam", "sir", "sem"};

/* Word beginnings where a short head would split a lexicalised word (vejledning is guidance,
 * not road + wire). */
static const char *const not_short_starts[] = {"vejled", "vejlede"};

static int in_list(const char *const *list, size_t n_list, const char *w, size_t n) {
    for (size_t i = 0; i < n_list; i++)
        if (list[i][0] == w[0] && !strncmp(list[i], w, n) && list[i][n] == '\0') return 1;
    return 0;
}

static int is_not_part(const char *w, size_t n) {
    return in_list(not_parts, sizeof not_parts / sizeof *not_parts, w, n);
}

/* Whether w[0..n) (hash64 h) can be a compound part. */
static int is_part(const Ctx *c, const char *w, size_t n, uint64_t h) {
    /* cheapest test first: most candidates are not words at all */
    return n && nchars(w, n) >= c->min_known && lex_has(c->lex, w, n, h) && !is_not_part(w, n);
}

static int is_head(const Ctx *c, const char *w, size_t n, uint64_t h) {
    return is_part(c, w, n, h) && !in_list(not_heads, sizeof not_heads / sizeof *not_heads, w, n);
}

/* The hash64 of every prefix of c->w[from..len): h[k] for its first k bytes, 0 < k ≤ len -
 * from. Each prefix long enough to be a part has its first slot prefetched: a word's many
 * candidates then wait for memory together, not one after the other (the slot array is
 * megabytes, so most probes miss the cache; they were ~3 % of an indexing run's time). */
static void prefix_hashes(const Ctx *c, size_t from, size_t len, uint64_t *h) {
    const uint32_t *slots = c->lex->slots;
    size_t mask = c->lex->n_slots - 1;
    uint64_t x = RS_FNV1A64_INIT;
    for (size_t k = 1; k <= len - from; k++) {
        h[k] = x = rs_fnv1a64_add(x, (unsigned char)c->w[from + k - 1]);
        if (k >= c->min_known) __builtin_prefetch(&slots[x & mask]);
    }
}

/* Best split of w[from..len) into known parts (the last part must reach
 * the end; at depth 0 the whole word does not count as a split). Returns
 * the number of parts (0 if none) and fills `s` from index `k`. Fewest
 * parts wins; among equals the longest head (tried first) — except that a linking letter
 * (s, e) the last part can begin with as a word goes to it: cykel + stier, not cykels + tier
 * (kommune + styrelse, vej + skilte), while arbejdsmarked + udvalget stays (not arbejd +
 * markedsudvalget: only the one letter moves). */
static size_t split_rest(const Ctx *c, size_t from, size_t len, size_t depth, RsSplit *s,
                         size_t k) {
    size_t rest = len - from;
    uint64_t hs[RS_DECOMPOUND_MAX_LEN + 1];
    prefix_hashes(c, from, len, hs);
    if (depth > 0 && nchars(c->w + from, rest) >= c->min_tail && is_part(c, c->w + from, rest, hs[rest])) {
        s->start[k] = from;
        s->len[k] = rest;
        return 1;
    }
    if (depth + 1 >= RS_MAX_PARTS || k + 1 >= RS_MAX_PARTS) return 0;
    size_t best_n = 0;
    RsSplit best = *s;
    for (size_t h = rest; h > 0; h--) {
        if (((unsigned char)c->w[from + h] & 0xC0) == 0x80) continue; /* not a char boundary */
        if (nchars(c->w + from, h) < c->min_known) break;
        if (from + h >= len || !is_head(c, c->w + from, h, hs[h])) continue;
        /* Linking element: none, or s / e. */
        for (int link = 0; link < 2; link++) {
            size_t next = from + h;
            if (link) {
                char l = c->w[next];
                if (l != 's' && l != 'e') break;
                next++;
            }
            if (next >= len) continue;
            RsSplit tmp = *s;
            size_t got = split_rest(c, next, len, depth + 1, &tmp, k + 1);
            if (got && (!best_n || got + 1 < best_n ||
                        (got + 1 == best_n && tmp.start[k + got] + 1 == best.start[k + best_n - 1] &&
                         (c->w[tmp.start[k + got]] == 's' || c->w[tmp.start[k + got]] == 'e')))) {
                best = tmp;
                best.start[k] = from;
                best.len[k] = h;
                best_n = got + 1;
            }
        }
        /* head + one tail cannot be beaten, except by a head one letter shorter (the linking
         * letter moved to the tail) */
        if (best_n == 2 && h < best.len[k]) break;
    }
    if (best_n) *s = best;
    return best_n;
}

void rs_decompound(const RsLexicon *lex, const char *w, size_t len, size_t min_part,
                   RsSplit *out) {
    out->n = 0;
    if (!lex || !min_part) min_part = 3;
    if (!lex || nchars(w, len) < 2 * min_part || len > RS_DECOMPOUND_MAX_LEN) return;
    for (size_t i = 0; i < len; i++)
        if (w[i] == '-' || (w[i] >= '0' && w[i] <= '9')) return;
    int known = rs_lexicon_has(lex, w, len);
    /* A word the lexicon knows whole is split only into longer parts. */
    Ctx c = {lex, w, min_part, known ? (min_part > 4 ? min_part : 4) : min_part,
             known ? (min_part > 4 ? min_part : 4) : min_part};
    RsSplit best = {0};
    size_t n = split_rest(&c, 0, len, 0, &best, 0);
    if (n >= 2) {
        best.n = n;
        *out = best;
        return;
    }
    if (known) {
        /* A three-letter head hunspell-da lets begin compounds, before one known tail of at
         * least six characters (målgrupper → mål + grupper, daginstitutioner → dag +
         * institutioner; semester is not sem + ester); no linking letter. */
        size_t h = 0;
        for (size_t k = 0; k < 3 && h < len; k++)
            for (h++; h < len && ((unsigned char)w[h] & 0xC0) == 0x80; h++) {}
        if (h + 5 > len || h > 6) return;
        char key[8];
        memcpy(key, w, h);
        key[h] = '+';
        if (!rs_lexicon_has(lex, key, h + 1) ||
            in_list(not_short_heads, sizeof not_short_heads / sizeof *not_short_heads, w, h))
            return;
        for (size_t i = 0; i < sizeof not_short_starts / sizeof *not_short_starts; i++)
            if (!strncmp(w, not_short_starts[i], strlen(not_short_starts[i]))) return;
        if (nchars(w + h, len - h) < 6 || !is_part(&c, w + h, len - h, hash64(w + h, len - h))) return;
        out->n = 2;
        out->start[0] = 0;
        out->len[0] = h;
        out->start[1] = h;
        out->len[1] = len - h;
        return;
    }
    /* Unknown head (≥ 4 characters) + known tail(s): opioid + misbruget. */
    Ctx t = {lex, w, min_part, 5, 5};
    for (size_t h = 1; h < len; h++) {
        if (((unsigned char)w[h] & 0xC0) == 0x80) continue;
        if (nchars(w, h) < 4) continue;
        RsSplit tmp = {0};
        size_t got = split_rest(&t, h, len, 1, &tmp, 1);
        if (got) {
            tmp.start[0] = 0;
            tmp.len[0] = h;
            tmp.n = got + 1;
            *out = tmp;
            return;
        }
    }
}

const char *rs_lexicon_default_path(void) {
    static char found[PATH_MAX + 64];
    const char *p = rs_data_file_find("RS_WORDS", "da-words.txt", found, sizeof found);
    return p ? p : "/usr/share/dict/danish";
}
