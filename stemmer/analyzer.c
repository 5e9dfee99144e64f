/* analyzer.c — the Danish analysis pipeline: segmentation, classification, normalisation, stems, parts. */
#include "analyzer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "buf.h"
#include "caseno.h"
#include "date.h"
#include "decompound.h"
#include "hash.h"
#include "lemma.h"
#include "leximage.h"
#include "normalize.h"
#include "prefault.h"
#include "stem.h"
#include "wordcache.h"

#define RS_ANALYZER_RULES "rules-5" /* 3: case numbers 330-2018-3619, 24-011578, 018520-2013, 2007/34364, 00.01.00P35-0098; 4: a linking s/e the last part begins with as a word goes to it (cykel + stier); 5: stems keep -ig/-lig/-elig (stem.c keep_ig) */
#define MAX_TOKEN_BYTES 256 /* longer runs are cut into pieces of this size */

/* Cache of decompounding results (words repeat: a Zipfian vocabulary), in
 * the manner of the stem cache: open addressing over one arena, emptied
 * when full; kept hand-written for the stem cache's measured reason, see stem.c. */
#define SPLIT_CACHE_SLOTS 131072 /* power of two; at most half used */
#define SPLIT_ARENA_BYTES (4u << 20)

typedef struct {
    uint32_t hash, off, len; /* the word in the arena; len 0 = empty slot */
    RsSplit split;
} SplitSlot;

struct RsAnalyzer {
    RsAnalyzerOptions opts;
    SplitSlot *split_slots;
    size_t split_used;
    char *split_arena;
    size_t split_arena_len;
    RsStemmer *stemmer;
    RsLexicon *lex;
    RsLemmas *lemmas;  /* NULL: none */
    RsLexImage *image; /* NULL: none; lex and lemmas may be views into it */
    char *image_path;  /* the image's path (malloc'd), NULL when none is mapped */
    RsWordCache *words; /* word_forms' memo */
    char fingerprint[256];
    /* Scratch, reused for every token (no per-token allocation). */
    RsBuf norm, stem, fold, parts_text, piece;
    RsSpan parts[RS_MAX_PARTS];
};

/* Abbreviations kept whole with their final dot (lower case). */
static const char *const abbrevs[] = {
    "bl.a.", "jf.", "mio.", "mia.", "kr.", "pkt.", "stk.", "nr.", "f.eks.", "m.v.", "mv.",
    "evt.", "ca.", "hhv.", "inkl.", "ekskl.", "dvs.", "osv.", "iht.", "vedr.", "kl.", "pga.",
    "ifm.", "mht.", "ift.", "bl.", "m.fl.", "mfl.", "el.", "tlf.", "ang.", "jvf.", "afd.",
    "p.t.", "pt.", "max.", "incl.", "sml.", "o.l.", "gl."};

static int is_abbrev(const char *s, size_t len) {
    for (size_t i = 0; i < sizeof abbrevs / sizeof *abbrevs; i++)
        if (!g_ascii_strncasecmp(abbrevs[i], s, len) && abbrevs[i][len] == '\0') return 1;
    return 0;
}

RsStatus rs_analyzer_open(const RsAnalyzerOptions *opts, RsAnalyzer **out, RsError *err) {
    *out = NULL;
    RsAnalyzer *a = calloc(1, sizeof *a);
    if (!a) return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    if (opts) a->opts = *opts;
    if (!a->opts.min_part_len) a->opts.min_part_len = 3;
    RsStatus rc = rs_normalize_init(err);
    if (rc == RS_OK) rc = rs_stemmer_open(0, &a->stemmer, err);
    /* Where each table comes from: a text file the options (or $RS_LEMMAS) name; else the
     * lexicon image, mapped in place; else, with no image, the text files as they are found. */
    int want_lex = !a->opts.no_decompound && !(a->opts.lexicon_path && !*a->opts.lexicon_path);
    int lem_env = getenv("RS_LEMMAS") != NULL;
    int want_lem = !a->opts.no_lemmas && !(a->opts.lemma_path && !*a->opts.lemma_path);
    char imgbuf[4096], lembuf[4096];
    int lex_img = want_lex && !a->opts.lexicon_path, lem_img = want_lem && !a->opts.lemma_path && !lem_env;
    const char *imgpath = !lex_img && !lem_img ? NULL
                          : a->opts.image_path ? a->opts.image_path
                                               : rs_leximage_find(imgbuf, sizeof imgbuf);
    if (!imgpath || !*imgpath) lex_img = lem_img = 0;
    if (rc == RS_OK && (lex_img || lem_img)) {
        rc = rs_leximage_open(imgpath, &a->image, err);
        if (rc != RS_OK) rs_error_prefix(err, "cannot use the lexicon image");
        if (rc == RS_OK && !(a->image_path = strdup(imgpath))) rc = rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    }
    if (rc == RS_OK && want_lex)
        rc = lex_img ? rs_lexicon_view(rs_leximage_lexicon(a->image), &a->lex, err)
                     : rs_lexicon_load(a->opts.lexicon_path ? a->opts.lexicon_path : rs_lexicon_default_path(),
                                       &a->lex, err);
    if (rc == RS_OK && want_lex) {
        a->split_slots = calloc(SPLIT_CACHE_SLOTS, sizeof *a->split_slots);
        a->split_arena = malloc(SPLIT_ARENA_BYTES);
        if (!a->split_slots || !a->split_arena) rc = rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    }
    /* the lemma table (syncope, irregular plurals), when this installation has one */
    if (rc == RS_OK && want_lem && lem_img) {
        rc = rs_lemmas_view(rs_leximage_lemmas(a->image), &a->lemmas, err);
    } else if (rc == RS_OK && want_lem) {
        const char *lempath = a->opts.lemma_path ? a->opts.lemma_path
                                                 : rs_data_file_find("RS_LEMMAS", "da-lemmas.txt", lembuf, sizeof lembuf);
        if (lempath && *lempath) rc = rs_lemmas_load(lempath, &a->lemmas, err);
    }
    if (rc == RS_OK) rs_stemmer_use_lemmas(a->stemmer, a->lemmas);
    if (rc == RS_OK && !a->opts.no_word_cache && !(a->words = rs_word_cache_new()))
        rc = rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    if (rc == RS_OK && a->opts.prefault_caches) {
        rs_stemmer_prefault(a->stemmer);
        if (a->words) rs_word_cache_prefault(a->words);
        if (a->split_slots) rs_prefault(a->split_slots, SPLIT_CACHE_SLOTS * sizeof *a->split_slots);
    }
    if (rc != RS_OK) {
        rs_analyzer_close(a);
        return rc;
    }
    snprintf(a->fingerprint, sizeof a->fingerprint,
             "%s;%s;lex=%zu:%016llx;lem=%zu:%016llx;minpart=%zu;stop=%d;decomp=%d", RS_ANALYZER_RULES,
             rs_stem_version(), rs_lexicon_size(a->lex),
             (unsigned long long)rs_lexicon_checksum(a->lex), rs_lemmas_size(a->lemmas),
             (unsigned long long)rs_lemmas_checksum(a->lemmas), a->opts.min_part_len,
             !a->opts.no_stopwords, a->lex != NULL);
    a->opts.lexicon_path = NULL; /* not owned */
    a->opts.lemma_path = NULL;
    a->opts.image_path = NULL;
    *out = a;
    return RS_OK;
}

void rs_analyzer_close(RsAnalyzer *a) {
    if (!a) return;
    rs_stemmer_close(a->stemmer);
    rs_lexicon_free(a->lex);
    rs_lemmas_free(a->lemmas);
    rs_leximage_close(a->image); /* after the views into it */
    free(a->image_path);
    free(a->split_slots);
    free(a->split_arena);
    rs_word_cache_free(a->words);
    rs_buf_free(&a->norm);
    rs_buf_free(&a->stem);
    rs_buf_free(&a->fold);
    rs_buf_free(&a->parts_text);
    rs_buf_free(&a->piece);
    free(a);
}

const char *rs_analyzer_fingerprint(const RsAnalyzer *a) { return a->fingerprint; }

RsAnalyzerData rs_analyzer_data(const RsAnalyzer *a) {
    RsAnalyzerData d = {a->image_path, rs_lexicon_size(a->lex), rs_lemmas_size(a->lemmas)};
    return d;
}

const char *rs_token_kind_name(RsTokenKind kind) {
    switch (kind) {
    case RS_TOK_WORD: return "word";
    case RS_TOK_NUMBER: return "number";
    case RS_TOK_DATE: return "date";
    case RS_TOK_ABBREV: return "abbrev";
    case RS_TOK_SECTION: return "section";
    case RS_TOK_CASENO: return "caseno";
    }
    return "?";
}

size_t rs_fold_key(const char *s, size_t len, char *out, size_t cap) {
    RsBuf n = {0}, f = {0};
    size_t w = 0;
    if (cap == 0) return 0;
    if (rs_normalize(s, len, &n) == RS_OK && rs_danish_fold(n.data, n.len, &f) == RS_OK) {
        w = f.len < cap - 1 ? f.len : cap - 1;
        while (w > 0 && w < f.len && ((unsigned char)f.data[w] & 0xC0) == 0x80) w--;
        memcpy(out, f.data, w);
    }
    out[w] = '\0';
    rs_buf_free(&n);
    rs_buf_free(&f);
    return w;
}

/* ------------------------------------------------------------ scanning */

/* Decode one code point at s[*i] (advancing *i); invalid bytes give -1. */
static UChar32 next_cp(const char *s, size_t len, size_t *i) {
    UChar32 c;
    int32_t ii = (int32_t)*i;
    U8_NEXT((const uint8_t *)s, ii, (int32_t)len, c);
    *i = (size_t)ii;
    return c;
}

static int is_word_cp(UChar32 c) {
    if (c < 0) return 0;
    if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (c == 0xA7) return 0; /* § */
    int8_t t = u_charType(c);
    return u_isalnum(c) || t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK;
}

/* Characters that may join two word characters inside one chunk. */
static int is_joiner(UChar32 c) {
    return c == '-' || c == '/' || c == '.' || c == ',' || c == ':' || c == '\'' ||
           c == 0x2019 /* ’ */ || c == 0x2010 /* ‐ */ || c == 0x2011;
}

static int all_digits(const char *s, size_t n) {
    if (!n) return 0;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return 0;
    return 1;
}

typedef struct {
    RsAnalyzer *a;
    RsAnalyzeMode mode;
    const char *text;
    RsTokenFn fn;
    void *ctx;
    uint32_t pos;
    int stop;
    RsStatus rc;
} Run;

static uint32_t hash32(const char *p, size_t n) { return rs_fnv1a32(p, n); }

/* rs_decompound through the cache. Can't fail. */
static void cached_split(RsAnalyzer *a, const char *w, size_t len, RsSplit *out) {
    if (len > 64) {
        rs_decompound(a->lex, w, len, a->opts.min_part_len, out);
        return;
    }
    uint32_t h = hash32(w, len);
    size_t mask = SPLIT_CACHE_SLOTS - 1, i = h & mask;
    while (a->split_slots[i].len) {
        SplitSlot *sl = &a->split_slots[i];
        if (sl->hash == h && sl->len == len && !memcmp(a->split_arena + sl->off, w, len)) {
            *out = sl->split;
            return;
        }
        i = (i + 1) & mask;
    }
    rs_decompound(a->lex, w, len, a->opts.min_part_len, out);
    if (a->split_used >= SPLIT_CACHE_SLOTS / 2 || a->split_arena_len + len > SPLIT_ARENA_BYTES) {
        memset(a->split_slots, 0, SPLIT_CACHE_SLOTS * sizeof *a->split_slots);
        a->split_used = 0;
        a->split_arena_len = 0;
        i = h & mask;
    }
    SplitSlot *n = &a->split_slots[i];
    n->hash = h;
    n->off = (uint32_t)a->split_arena_len;
    n->len = (uint32_t)len;
    n->split = *out;
    memcpy(a->split_arena + a->split_arena_len, w, len);
    a->split_arena_len += len;
    a->split_used++;
}

int rs_analyzer_stem_is_norm(RsAnalyzer *a, const char *norm, size_t len) {
    if (!len || (!a->opts.no_stopwords && rs_is_stopword(norm, len))) return 0;
    RsCaseGroups g; /* a case number's exact term comes with no stem and no section keys */
    if (rs_caseno_parse(norm, len, 1, &g)) return 0;
    size_t sl;
    const char *st = rs_stem(a->stemmer, norm, len, &sl);
    return st && sl == len && !memcmp(st, norm, len);
}

int rs_analyzer_token_stem_is_norm(RsAnalyzer *a, const RsToken *t) {
    if (!(t->flags & RS_TOKF_STEMMED)) return rs_analyzer_stem_is_norm(a, t->norm.s, t->norm.len);
    /* what rs_analyzer_stem_is_norm checks, with the stem and the stopword test word_forms made */
    if (!t->norm.len || (t->flags & RS_TOKF_STOPWORD) || t->stem.len != t->norm.len ||
        memcmp(t->stem.s, t->norm.s, t->norm.len))
        return 0;
    RsCaseGroups g; /* (a word token is never one as the analyser finds them; asked all the same) */
    return !rs_caseno_parse(t->norm.s, t->norm.len, 1, &g);
}

/* A cached word's forms into the analyser's scratch buffers and the token. */
static RsStatus forms_from_cache(RsAnalyzer *a, const RsWordForms *f, RsToken *t) {
    rs_buf_reset(&a->norm);
    rs_buf_reset(&a->stem);
    rs_buf_reset(&a->fold);
    rs_buf_reset(&a->parts_text);
    if (rs_buf_append(&a->norm, f->norm.s, f->norm.len) != RS_OK ||
        rs_buf_append(&a->stem, f->stem.s, f->stem.len) != RS_OK ||
        (f->fold.s && rs_buf_append(&a->fold, f->fold.s, f->fold.len) != RS_OK))
        return RS_ERR_NOMEM;
    size_t offs[RS_MAX_PARTS];
    for (size_t i = 0; i < f->n_parts; i++) {
        offs[i] = a->parts_text.len;
        if (rs_buf_append(&a->parts_text, f->parts[i].s, f->parts[i].len) != RS_OK) return RS_ERR_NOMEM;
    }
    for (size_t i = 0; i < f->n_parts; i++) a->parts[i] = (RsSpan){a->parts_text.data + offs[i], f->parts[i].len};
    t->norm = (RsSpan){a->norm.data, a->norm.len};
    t->stem = (RsSpan){a->stem.data, a->stem.len};
    t->fold = f->fold.s ? (RsSpan){a->fold.data, a->fold.len} : (RsSpan){NULL, 0};
    t->flags |= f->flags;
    t->parts = f->n_parts ? a->parts : NULL;
    t->n_parts = f->n_parts;
    return RS_OK;
}

/* Fill norm/stem/fold/parts of a word in the analyser's scratch buffers (from the memo when the
 * word was seen before). */
static RsStatus word_forms(RsAnalyzer *a, const char *s, size_t len, RsToken *t, int decompose) {
    decompose = decompose && a->lex;
    RsWordForms f;
    if (a->words && rs_word_cache_get(a->words, s, len, decompose, &f)) return forms_from_cache(a, &f, t);
    unsigned wf = RS_TOKF_STEMMED; /* the flags word_forms sets */
    RsStatus rc = rs_normalize(s, len, &a->norm);
    if (rc != RS_OK) return rc;
    size_t sl;
    const char *st = rs_stem(a->stemmer, a->norm.data, a->norm.len, &sl);
    if (!st) return RS_ERR_NOMEM;
    rs_buf_reset(&a->stem);
    if (rs_buf_append(&a->stem, st, sl) != RS_OK) return RS_ERR_NOMEM;
    /* The folding key is the stem of the folded word (fold first, then stem): a word typed
     * without æ/ø/å then stems like the folded original (direktoeren and direktøren both
     * give direktor; stemming first gave direkto vs direktor). */
    if (rs_danish_fold(a->norm.data, a->norm.len, &a->piece) != RS_OK) return RS_ERR_NOMEM;
    st = rs_stem(a->stemmer, a->piece.data, a->piece.len, &sl);
    if (!st) return RS_ERR_NOMEM;
    rs_buf_reset(&a->fold);
    if (rs_buf_append(&a->fold, st, sl) != RS_OK) return RS_ERR_NOMEM;
    t->norm = (RsSpan){a->norm.data, a->norm.len};
    t->stem = (RsSpan){a->stem.data, a->stem.len};
    if (a->fold.len != a->stem.len || memcmp(a->fold.data, a->stem.data, a->stem.len)) {
        t->fold = (RsSpan){a->fold.data, a->fold.len};
        wf |= RS_TOKF_FOLDED;
    } else {
        t->fold = (RsSpan){NULL, 0};
    }
    if (!a->opts.no_stopwords && rs_is_stopword(a->norm.data, a->norm.len)) wf |= RS_TOKF_STOPWORD;
    t->flags |= wf;
    t->parts = NULL;
    t->n_parts = 0;
    if (decompose) {
        RsSplit sp;
        cached_split(a, a->norm.data, a->norm.len, &sp);
        if (sp.n >= 2) {
            rs_buf_reset(&a->parts_text);
            size_t offs[RS_MAX_PARTS], lens[RS_MAX_PARTS];
            for (size_t i = 0; i < sp.n; i++) {
                const char *ps = rs_stem(a->stemmer, a->norm.data + sp.start[i], sp.len[i], &sl);
                if (!ps) return RS_ERR_NOMEM;
                offs[i] = a->parts_text.len;
                lens[i] = sl;
                if (rs_buf_append(&a->parts_text, ps, sl) != RS_OK) return RS_ERR_NOMEM;
            }
            for (size_t i = 0; i < sp.n; i++)
                a->parts[i] = (RsSpan){a->parts_text.data + offs[i], lens[i]};
            t->parts = a->parts;
            t->n_parts = sp.n;
        }
    }
    f = (RsWordForms){t->norm, t->stem, t->fold, wf, {{0}}, t->n_parts};
    for (size_t i = 0; i < t->n_parts; i++) f.parts[i] = t->parts[i];
    if (a->words) rs_word_cache_put(a->words, s, len, decompose, &f);
    return RS_OK;
}

static void emit(Run *r, RsToken *t) {
    if (r->stop || r->rc != RS_OK) return;
    t->surface = (RsSpan){r->text + t->start, t->end - t->start};
    if (r->fn(r->ctx, t)) r->stop = 1;
}

/* Emit a token whose forms are the text itself, lower-cased (numbers,
 * dates, abbreviations, case numbers). `norm` overrides when not NULL. */
static void emit_literal(Run *r, RsTokenKind kind, size_t start, size_t end, uint32_t pos,
                         unsigned flags, const char *norm, size_t norm_len, const char *key,
                         size_t key_len) {
    RsAnalyzer *a = r->a;
    RsToken t = {0};
    t.kind = kind;
    t.flags = flags;
    t.position = pos;
    t.start = start;
    t.end = end;
    if (norm) {
        rs_buf_reset(&a->norm);
        if (rs_buf_append(&a->norm, norm, norm_len) != RS_OK) { r->rc = RS_ERR_NOMEM; return; }
    } else if ((r->rc = rs_normalize(r->text + start, end - start, &a->norm)) != RS_OK) {
        return;
    }
    t.norm = t.stem = (RsSpan){a->norm.data, a->norm.len};
    if (key) t.case_key = (RsSpan){key, key_len};
    emit(r, &t);
}

/* A plain word piece (no joiners except apostrophes removed by caller). */
static void emit_word(Run *r, size_t start, size_t end, uint32_t pos, unsigned flags) {
    RsToken t = {0};
    t.kind = RS_TOK_WORD;
    t.flags = flags;
    t.position = pos;
    t.start = start;
    t.end = end;
    const char *s = r->text + start;
    size_t n = end - start;
    if (all_digits(s, n)) {
        emit_literal(r, RS_TOK_NUMBER, start, end, pos, flags, NULL, 0, NULL, 0);
        return;
    }
    r->rc = word_forms(r->a, s, n, &t, 1);
    if (r->rc == RS_OK) emit(r, &t);
}

/* Is s[0..n) a date? Writes ISO "YYYY-MM-DD" into iso[11]. */
static int parse_date(const char *s, size_t n, char iso[32]) {
    int p[3], np = 0, lens[3];
    size_t i = 0;
    char seps[2] = {0, 0};
    while (i < n && np < 3) {
        if (s[i] < '0' || s[i] > '9') return 0;
        int v = 0, l = 0;
        while (i < n && s[i] >= '0' && s[i] <= '9' && l < 5) v = v * 10 + (s[i++] - '0'), l++;
        p[np] = v;
        lens[np++] = l;
        if (i < n) {
            if (np == 3 || (s[i] != '-' && s[i] != '/' && s[i] != '.')) return 0;
            seps[np - 1] = s[i++];
        }
    }
    if (np != 3 || i != n) return 0;
    int y, m, d;
    if (lens[0] == 4 && lens[1] <= 2 && lens[2] <= 2 && seps[0] == '-' && seps[1] == '-')
        y = p[0], m = p[1], d = p[2];
    else if (lens[0] <= 2 && lens[1] <= 2 && lens[2] == 4)
        d = p[0], m = p[1], y = p[2];
    else
        return 0;
    if (y < 1800 || y > 2200 || !rs_date_valid(y, m, d)) return 0;
    snprintf(iso, 32, "%04d-%02d-%02d", y, m, d);
    return 1;
}

static int is_number_chunk(const char *s, size_t n) {
    if (!n || s[0] < '0' || s[0] > '9' || s[n - 1] < '0' || s[n - 1] > '9') return 0;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || s[i] == '.' || s[i] == ',' || s[i] == ':'))
            return 0;
    return 1;
}

/* Split s[start..end) at characters in `seps` into pieces; returns count. */
static size_t split_at(const char *text, size_t start, size_t end, const char *seps,
                       size_t *ps, size_t *pe, size_t max) {
    size_t n = 0, b = start;
    for (size_t i = start; i <= end && n < max; i++) {
        int at_sep = i < end && strchr(seps, text[i]) != NULL;
        /* treat U+2010/U+2011 (E2 80 90/91) as '-' */
        if (i + 2 < end && strchr(seps, '-') && (unsigned char)text[i] == 0xE2 &&
            (unsigned char)text[i + 1] == 0x80 &&
            ((unsigned char)text[i + 2] == 0x90 || (unsigned char)text[i + 2] == 0x91)) {
            if (i > b) { ps[n] = b; pe[n++] = i; }
            b = i + 3;
            i += 2;
            continue;
        }
        if (i == end || at_sep) {
            if (i > b) { ps[n] = b; pe[n++] = i; }
            b = i + 1;
        }
    }
    return n;
}

/* Strip a genitive "'s" / "’s" at the end; cut other apostrophes. */
static size_t strip_genitive(const char *s, size_t start, size_t end) {
    if (end - start > 2 && (s[end - 1] == 's' || s[end - 1] == 'S') && s[end - 2] == '\'')
        return end - 2;
    if (end - start > 4 && (s[end - 1] == 's' || s[end - 1] == 'S') &&
        !memcmp(s + end - 4, "\xE2\x80\x99", 3))
        return end - 4;
    return end;
}

#define MAX_PIECES 32

/* One hyphen-free, slash-free piece of a word chunk. */
static void handle_piece(Run *r, size_t start, size_t end, uint32_t pos, unsigned flags) {
    end = strip_genitive(r->text, start, end);
    /* remaining apostrophes split the piece */
    size_t ps[MAX_PIECES], pe[MAX_PIECES];
    size_t n = split_at(r->text, start, end, "'", ps, pe, MAX_PIECES);
    for (size_t i = 0; i < n && !r->stop && r->rc == RS_OK; i++)
        emit_word(r, ps[i], pe[i], pos + (uint32_t)i, flags);
    r->pos = pos + (uint32_t)(n ? n : 0);
}

/* A chunk: word characters with inner joiners, [start, end). */
static void handle_chunk(Run *r, size_t start, size_t end) {
    const char *s = r->text + start;
    size_t n = end - start;
    uint32_t p = r->pos;
    char key[128], iso[32];

    /* Fast path: most chunks are plain words (letters only, no joiner). */
    int plain = 1;
    for (size_t i = 0; i < n && plain; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80 ? !((c | 0x20) >= 'a' && (c | 0x20) <= 'z') : c == 0xE2) plain = 0;
    }
    if (plain) {
        emit_word(r, start, end, p, 0);
        r->pos = p + 1;
        return;
    }

    /* case numbers */
    RsCaseGroups g;
    size_t kl;
    if (rs_caseno_parse(s, n, 1, &g) && (kl = rs_caseno_key(s, n, 1, key, sizeof key))) {
        emit_literal(r, RS_TOK_CASENO, start, end, p, 0, NULL, 0, key, kl);
        for (size_t i = 0; i < g.n && !r->stop && r->rc == RS_OK; i++) {
            size_t gs = start + g.start[i], ge = gs + g.len[i];
            emit_literal(r, g.digits[i] ? RS_TOK_NUMBER : RS_TOK_WORD, gs, ge, p + (uint32_t)i,
                         RS_TOKF_SUBTOKEN, NULL, 0, NULL, 0);
        }
        r->pos = p + (uint32_t)g.n;
        return;
    }
    if (parse_date(s, n, iso)) {
        emit_literal(r, RS_TOK_DATE, start, end, p, 0, iso, 10, NULL, 0);
        r->pos = p + 1;
        return;
    }
    if (is_number_chunk(s, n)) {
        /* 4.667.281, 12,5, 11:00: one number */
        emit_literal(r, RS_TOK_NUMBER, start, end, p, 0, NULL, 0, NULL, 0);
        r->pos = p + 1;
        return;
    }
    /* Split at / . , : into independent pieces (formand/forvaltning). */
    size_t ps[MAX_PIECES], pe[MAX_PIECES];
    size_t np = split_at(r->text, start, end, "/.,:", ps, pe, MAX_PIECES);
    if (np > 1) {
        for (size_t i = 0; i < np && !r->stop && r->rc == RS_OK; i++) handle_chunk(r, ps[i], pe[i]);
        return;
    }
    /* Hyphenated: the whole, then the parts as sub-tokens at p, p+1, ... */
    size_t hs[MAX_PIECES], he[MAX_PIECES];
    size_t nh = split_at(r->text, start, end, "-", hs, he, MAX_PIECES);
    if (nh > 1) {
        RsToken t = {0};
        t.kind = RS_TOK_WORD;
        t.position = p;
        t.start = start;
        t.end = end;
        int numeric = 1;
        for (size_t i = 0; i < nh; i++) numeric &= all_digits(r->text + hs[i], he[i] - hs[i]);
        if (numeric) {
            emit_literal(r, RS_TOK_NUMBER, start, end, p, 0, NULL, 0, NULL, 0);
        } else {
            r->rc = word_forms(r->a, s, n, &t, 0);
            if (r->rc == RS_OK) emit(r, &t);
        }
        uint32_t q = p;
        for (size_t i = 0; i < nh && !r->stop && r->rc == RS_OK; i++) {
            handle_piece(r, hs[i], he[i], q, RS_TOKF_SUBTOKEN);
            q = r->pos;
        }
        r->pos = q;
        return;
    }
    handle_piece(r, start, end, p, 0);
}

/* The word memo's slot for the word after text[from], fetched while the words before it are
 * analysed (a memo hit then waits for one cache miss, not two). The word is guessed: ASCII
 * blanks and punctuation skipped, then ASCII letters and digits and any non-ASCII bytes; a
 * wrong guess (a hyphenated word, an abbreviation) fetches a slot for nothing. Can't fail. */
static void prefetch_next_word(const RsWordCache *c, const char *text, size_t len, size_t from) {
    size_t b = from;
    while (b < len && (unsigned char)text[b] < 0x80 && !is_word_cp((unsigned char)text[b])) b++;
    size_t e = b;
    while (e < len && ((unsigned char)text[e] >= 0x80 || is_word_cp((unsigned char)text[e]))) e++;
    rs_word_cache_prefetch(c, text + b, e - b, 1);
}

RsStatus rs_analyze(RsAnalyzer *a, RsAnalyzeMode mode, const char *text, size_t len,
                    uint32_t first_position, RsTokenFn fn, void *ctx, uint32_t *next_position,
                    RsError *err) {
    Run r = {a, mode, text, fn, ctx, first_position, 0, RS_OK};
    size_t i = 0;
    while (i < len && !r.stop && r.rc == RS_OK) {
        size_t cs = i;
        UChar32 c = next_cp(text, len, &i);
        if (c == 0xA7) { /* § 17 → one token "§17" */
            size_t j = i;
            while (j < len && (text[j] == ' ' || (unsigned char)text[j] == 0xC2)) {
                if ((unsigned char)text[j] == 0xC2) {
                    if (j + 1 < len && (unsigned char)text[j + 1] == 0xA0) j += 2; /* nbsp */
                    else break;
                } else j++;
            }
            size_t ds = j;
            while (j < len && j - ds < 8 && text[j] >= '0' && text[j] <= '9') j++;
            if (j > ds) {
                char norm[16];
                int nl = snprintf(norm, sizeof norm, "§%.*s", (int)(j - ds), text + ds);
                emit_literal(&r, RS_TOK_SECTION, cs, j, r.pos, 0, norm, (size_t)nl, NULL, 0);
                r.pos++;
                i = j;
            }
            continue;
        }
        if (!is_word_cp(c)) continue;
        /* Collect the chunk: word chars, joiners between word chars. */
        size_t end = i;
        for (;;) {
            if (end - cs >= MAX_TOKEN_BYTES) break;
            size_t k = end;
            UChar32 d = k < len ? next_cp(text, len, &k) : -1;
            if (is_word_cp(d)) { end = k; continue; }
            if (is_joiner(d) && k < len) {
                size_t m = k;
                UChar32 e = next_cp(text, len, &m);
                if (is_word_cp(e)) { end = m; continue; }
            }
            break;
        }
        /* Abbreviation with its final dot: "bl.a." "jf." */
        if (end < len && text[end] == '.' && is_abbrev(text + cs, end - cs + 1)) {
            emit_literal(&r, RS_TOK_ABBREV, cs, end + 1, r.pos, 0, NULL, 0, NULL, 0);
            r.pos++;
            i = end + 1;
            continue;
        }
        /* Over-long runs are cut at a character boundary. */
        while (end > cs && end < len && ((unsigned char)text[end] & 0xC0) == 0x80) end--;
        if (end == cs) { i = cs + 1; continue; }
        if (a->words && a->opts.prefetch_words) prefetch_next_word(a->words, text, len, end);
        handle_chunk(&r, cs, end);
        i = end;
    }
    if (next_position) *next_position = r.pos;
    if (r.rc != RS_OK)
        return rs_error_set(err, r.rc, r.rc == RS_ERR_NOMEM ? "out of memory in the analyser"
                                                            : "ICU failed in the analyser");
    return RS_OK;
}
