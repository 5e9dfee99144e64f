/* stem.c — the only library file that includes libstemmer (the build tool lemmagen.c is the other):
 * Danish stems with a cache (through the lemma table, keeping the -ig suffixes), and stopwords. */
#include "stem.h"

#include <libstemmer.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "prefault.h"

/* Snowball's Danish stopword list (snowballstem.org, danish/stop.txt). */
static const char *const stopwords[] = {
    "ad", "af", "alle", "alt", "anden", "at", "blev", "blive", "bliver", "da", "de", "dem",
    "den", "denne", "der", "deres", "det", "dette", "dig", "din", "disse", "dog", "du", "efter",
    "eller", "en", "end", "er", "et", "for", "fra", "ham", "han", "hans", "har", "havde", "have",
    "hende", "hendes", "her", "hos", "hun", "hvad", "hvis", "hvor", "i", "ikke", "ind", "jeg",
    "jer", "jo", "kunne", "man", "mange", "med", "meget", "men", "mig", "min", "mine", "mit",
    "mod", "ned", "noget", "nogle", "nu", "når", "og", "også", "om", "op", "os", "over", "på",
    "selv", "sig", "sin", "sine", "sit", "skal", "skulle", "som", "sådan", "thi", "til", "ud",
    "under", "var", "vi", "vil", "ville", "vor", "være", "været"};

int rs_is_stopword(const char *word, size_t len) {
    size_t lo = 0, hi = sizeof stopwords / sizeof *stopwords;
    while (lo < hi) { /* the list is in byte order */
        size_t mid = (lo + hi) / 2;
        int c = strncmp(stopwords[mid], word, len);
        if (c == 0) c = stopwords[mid][len] ? 1 : 0;
        if (c == 0) return 1;
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return 0;
}

const char *rs_stem_version(void) { return "snowball-danish/libstemmer0d-2.2;stop94"; }

/* The cache: open addressing over (word → stem), strings in one arena;
 * when it fills up it is emptied (stems are cheap to recompute). GLib's GHashTable was measured
 * in its place (bench/bench_tables: +74 % CPU per cached stem on the sample minutes: a
 * NUL-terminated key copy, an allocation per entry, indirect hash and compare calls) and not
 * taken: this is the analyser's hot path. */
typedef struct {
    uint32_t hash;
    uint32_t word_off, word_len, stem_off, stem_len;
    int used;
} Slot;

struct RsStemmer {
    struct sb_stemmer *sb;
    const RsLemmas *lemmas; /* not owned; NULL: none */
    Slot *slots;
    size_t n_slots, n_used, max_used;
    char *arena;
    size_t arena_len, arena_cap;
    char kept[256]; /* a stem with its -ig suffix kept back (Snowball's buffer holds it without) */
};

RsStatus rs_stemmer_open(size_t cache_entries, RsStemmer **out, RsError *err) {
    *out = NULL;
    if (!cache_entries) cache_entries = 65536;
    RsStemmer *s = calloc(1, sizeof *s);
    if (!s) return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    s->sb = sb_stemmer_new("danish", "UTF_8");
    if (!s->sb) {
        free(s);
        return rs_error_set(err, RS_ERR_INTERNAL, "libstemmer has no Danish stemmer");
    }
    s->n_slots = 1;
    while (s->n_slots < cache_entries * 2) s->n_slots *= 2;
    s->max_used = cache_entries;
    s->slots = calloc(s->n_slots, sizeof *s->slots);
    s->arena_cap = cache_entries * 24;
    s->arena = malloc(s->arena_cap);
    if (!s->slots || !s->arena) {
        rs_stemmer_close(s);
        return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    }
    *out = s;
    return RS_OK;
}

void rs_stemmer_close(RsStemmer *s) {
    if (!s) return;
    if (s->sb) sb_stemmer_delete(s->sb);
    free(s->slots);
    free(s->arena);
    free(s);
}

static uint32_t hash_bytes(const char *p, size_t n) { return rs_fnv1a32(p, n); }

/* Snowball's Danish stemmer removes the adjective suffixes -ig, -lig and -elig, so a derived word
 * meets the one it was made from: tidlig(ere) meets tid, ledig(hed) meets led, leder and ledelse,
 * billig meets bil, rådighed råd, samtlige samt, endelig ende, virkelig virke. In council minutes
 * those are other words (ledighed is unemployment, leder a manager). So where the stem is
 * followed in the word stemmed by elig, lig or ig (which Snowball removed: none of its other
 * suffixes starts so), the stem keeps it: tidlig, ledig, billig. The forms of one word still meet
 * (ledig, ledige, ledighed, ledigheden → ledig; mulig, muligt, mulighed → mulig); a derived word
 * whose base is close in meaning no longer meets the base (ansvarlig, ansvar). Measured on
 * tests/relevance: all 145 queries 0.973 → 0.974 nDCG@10, no query worse (docs/analysis.md).
 * Returns the length of the stem to use, its bytes in `in` when longer than sl. Can't fail. */
static size_t keep_ig(const char *in, size_t il, const char *st, size_t sl) {
    static const char *const suffix[] = {"elig", "lig", "ig"};
    if (sl > il || memcmp(in, st, sl)) return sl; /* a stem that is not a prefix: leave it */
    for (size_t k = 0; k < sizeof suffix / sizeof *suffix; k++) {
        size_t kl = strlen(suffix[k]);
        if (sl + kl <= il && !memcmp(in + sl, suffix[k], kl)) return sl + kl;
    }
    return sl;
}

const char *rs_stem(RsStemmer *s, const char *word, size_t len, size_t *out_len) {
    uint32_t h = hash_bytes(word, len);
    size_t mask = s->n_slots - 1, i = h & mask;
    while (s->slots[i].used) {
        Slot *sl = &s->slots[i];
        if (sl->hash == h && sl->word_len == len && !memcmp(s->arena + sl->word_off, word, len)) {
            *out_len = sl->stem_len;
            return s->arena + sl->stem_off;
        }
        i = (i + 1) & mask;
    }
    /* a form Snowball cannot join to its lemma (centret, reglen, børn): the lemma's stem */
    char lemma[160];
    size_t ll = s->lemmas ? rs_lemma_of(s->lemmas, word, len, lemma, sizeof lemma) : 0;
    const sb_symbol *st = ll ? sb_stemmer_stem(s->sb, (const sb_symbol *)lemma, (int)ll)
                             : sb_stemmer_stem(s->sb, (const sb_symbol *)word, (int)len);
    if (!st) return NULL;
    const char *in = ll ? lemma : word;
    size_t sl = (size_t)sb_stemmer_length(s->sb), kl = keep_ig(in, ll ? ll : len, (const char *)st, sl);
    if (kl > sl) { /* the stem and its suffix are the word's first kl bytes */
        if (kl > sizeof s->kept) kl = sl; /* (never: Snowball removes at most a few letters) */
        else memcpy(s->kept, in, kl), st = (const sb_symbol *)s->kept;
        sl = kl;
    }
    *out_len = sl;
    /* Cache it unless the word is huge or the cache is full (then empty it). */
    if (len > 64) return (const char *)st;
    if (s->n_used >= s->max_used || s->arena_len + len + sl > s->arena_cap) {
        memset(s->slots, 0, s->n_slots * sizeof *s->slots);
        s->n_used = 0;
        s->arena_len = 0;
        i = h & mask;
    }
    Slot *n = &s->slots[i];
    n->used = 1;
    n->hash = h;
    n->word_off = (uint32_t)s->arena_len;
    n->word_len = (uint32_t)len;
    memcpy(s->arena + s->arena_len, word, len);
    s->arena_len += len;
    n->stem_off = (uint32_t)s->arena_len;
    n->stem_len = (uint32_t)sl;
    memcpy(s->arena + s->arena_len, st, sl);
    s->arena_len += sl;
    s->n_used++;
    return s->arena + n->stem_off;
}

void rs_stemmer_prefault(RsStemmer *s) { rs_prefault(s->slots, s->n_slots * sizeof *s->slots); }

void rs_stemmer_use_lemmas(RsStemmer *s, const RsLemmas *l) {
    s->lemmas = l;
    if (!s->n_used) return; /* nothing cached: the (calloc'd, untouched) slots stay unfaulted */
    memset(s->slots, 0, s->n_slots * sizeof *s->slots); /* cached stems were made without */
    s->n_used = 0;
    s->arena_len = 0;
}
