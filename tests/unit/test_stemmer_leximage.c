/* test_stemmer_leximage.c — the lexicon image answers exactly as the text tables it is made from, and a damaged image is refused by name, never read out of bounds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analyzer.h"
#include "buf.h"
#include "decompound.h"
#include "lemma.h"
#include "leximage.h"

#define WORDLIST rs_lexicon_default_path()

static char image_path[4096];
static char *image;      /* the image's bytes */
static size_t image_len;
static char tmpdir[] = "/tmp/rs-leximage-XXXXXX";

static int setup(void **state) {
    (void)state;
    const char *p = rs_leximage_find(image_path, sizeof image_path);
    if (!p) {
        fprintf(stderr, "no %s next to the test or in build/: make it (make)\n", RS_LEXIMAGE_FILE);
        return -1;
    }
    if (p != image_path) snprintf(image_path, sizeof image_path, "%s", p);
    RsError err;
    if (rs_read_file(image_path, 0, &image, &image_len, &err) != RS_OK) return -1;
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    free(image);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

static void same_lemma(const RsLemmas *a, const RsLemmas *b, const char *w, size_t n) {
    char x[160], y[160];
    size_t lx = rs_lemma_of(a, w, n, x, sizeof x), ly = rs_lemma_of(b, w, n, y, sizeof y);
    if (lx != ly || (lx && strcmp(x, y))) fail_msg("lemma of %.*s: text %s, image %s", (int)n, w, lx ? x : "-", ly ? y : "-");
}

static void same_split(const RsLexicon *a, const RsLexicon *b, const char *w, size_t n) {
    RsSplit x, y;
    rs_decompound(a, w, n, 3, &x);
    rs_decompound(b, w, n, 3, &y);
    if (x.n != y.n) fail_msg("split of %.*s: %zu parts from text, %zu from the image", (int)n, w, x.n, y.n);
    for (size_t i = 0; i < x.n; i++)
        if (x.start[i] != y.start[i] || x.len[i] != y.len[i]) fail_msg("split of %.*s differs", (int)n, w);
}

/* Every line of the word list and of the lemma table (and slices of them) asked of both. */
static void test_image_answers_like_text(void **state) {
    (void)state;
    RsError err;
    RsLexicon *tlex, *ilex;
    RsLemmas *tlem, *ilem;
    RsLexImage *img;
    const char *lempath = rs_lemmas_default_path();
    assert_non_null(lempath);
    assert_int_equal(rs_lexicon_load(WORDLIST, &tlex, &err), RS_OK);
    assert_int_equal(rs_lemmas_load(lempath, &tlem, &err), RS_OK);
    assert_int_equal(rs_leximage_open(image_path, &img, &err), RS_OK);
    assert_int_equal(rs_lexicon_view(rs_leximage_lexicon(img), &ilex, &err), RS_OK);
    assert_int_equal(rs_lemmas_view(rs_leximage_lemmas(img), &ilem, &err), RS_OK);
    /* what the fingerprint says of them */
    assert_int_equal(rs_lexicon_size(tlex), rs_lexicon_size(ilex));
    assert_true(rs_lexicon_checksum(tlex) == rs_lexicon_checksum(ilex));
    assert_int_equal(rs_lemmas_size(tlem), rs_lemmas_size(ilem));
    assert_true(rs_lemmas_checksum(tlem) == rs_lemmas_checksum(ilem));
    assert_true(rs_lexicon_size(ilex) > 200000 && rs_lemmas_size(ilem) > 10000);

    char *text;
    size_t len, lines = 0, known = 0, lemmas = 0;
    assert_int_equal(rs_read_file(WORDLIST, 0, &text, &len, &err), RS_OK);
    for (char *p = text, *end = text + len; p < end; lines++) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = (size_t)((nl ? nl : end) - p);
        int a = rs_lexicon_has(tlex, p, n), b = rs_lexicon_has(ilex, p, n);
        if (a != b) fail_msg("%.*s: %d in the text list, %d in the image", (int)n, p, a, b);
        known += a;
        for (size_t k = 1; k < n; k++) /* every prefix: mostly words neither has */
            if (rs_lexicon_has(tlex, p, k) != rs_lexicon_has(ilex, p, k)) fail_msg("%.*s differs", (int)k, p);
        same_lemma(tlem, ilem, p, n);
        if (lines % 7 == 0) same_split(tlex, ilex, p, n);
        p += n + 1;
    }
    free(text);
    assert_true(known >= rs_lexicon_size(tlex)); /* a word listed twice counts once in size */
    assert_int_equal(rs_read_file(lempath, 0, &text, &len, &err), RS_OK);
    for (char *p = text, *end = text + len; p < end;) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = strcspn(p, "\t\n");
        char x[160];
        if (rs_lemma_of(tlem, p, n, x, sizeof x)) lemmas++;
        same_lemma(tlem, ilem, p, n);
        char compound[300]; /* as the last part of a compound */
        int c = snprintf(compound, sizeof compound, "skole%.*s", (int)n, p);
        same_lemma(tlem, ilem, compound, (size_t)c);
        p = (nl ? nl : end) + 1;
    }
    free(text);
    assert_true(lemmas >= rs_lemmas_size(tlem) * 9 / 10);

    /* the analyser: the same fingerprint and tokens from the image as from the text files */
    RsAnalyzer *ai, *at;
    RsAnalyzerOptions to = {.image_path = ""}, io = {.image_path = image_path};
    assert_int_equal(rs_analyzer_open(&io, &ai, &err), RS_OK);
    assert_int_equal(rs_analyzer_open(&to, &at, &err), RS_OK);
    assert_string_equal(rs_analyzer_fingerprint(ai), rs_analyzer_fingerprint(at));
    rs_analyzer_close(ai);
    rs_analyzer_close(at);

    rs_lexicon_free(ilex);
    rs_lemmas_free(ilem);
    rs_leximage_close(img);
    rs_lexicon_free(tlex);
    rs_lemmas_free(tlem);
}

static void put(const char *path, const void *data, size_t len) {
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

/* The checksums made right again after a change, so the checks behind them are reached. */
static void reseal(char *img) {
    RsLexImageHeader h;
    memcpy(&h, img, sizeof h);
    const size_t slot[2] = {sizeof(uint32_t), sizeof(RsLemmaSlot)};
    for (int i = 0; i < RS_LEXIMAGE_SECTIONS; i++) {
        RsLexImageSectionHeader *s = &h.sec[i];
        if (s->blob_off + s->blob_len > image_len || s->slots_off + s->n_slots * slot[i] > image_len) continue;
        s->data_sum = rs_leximage_sum(rs_leximage_sum(0, img + s->blob_off, s->blob_len),
                                      img + s->slots_off, s->n_slots * slot[i]);
    }
    h.header_sum = rs_leximage_sum(0, &h, offsetof(RsLexImageHeader, header_sum));
    memcpy(img, &h, sizeof h);
}

/* Writes the image changed by `edit` (or cut to `cut` bytes), then expects rs_leximage_open and
 * the analyser to refuse it with `code` and a message naming it and containing `want`. */
static void expect_refused(const char *name, size_t cut, void (*edit)(char *, RsLexImageHeader *),
                           RsStatus code, const char *want) {
    char path[256];
    snprintf(path, sizeof path, "%s/%s.img", tmpdir, name);
    char *copy = malloc(image_len + 1);
    assert_non_null(copy);
    memcpy(copy, image, image_len);
    copy[image_len] = '\0';
    size_t len = cut ? cut - 1 : image_len; /* cut is length + 1, so 0 can mean "whole" */
    if (edit) {
        RsLexImageHeader h;
        memcpy(&h, copy, sizeof h);
        edit(copy, &h);
        if (!strcmp(name, "longer")) len++;
    }
    put(path, copy, len);
    free(copy);
    RsLexImage *img = (RsLexImage *)1;
    RsError err;
    assert_int_equal(rs_leximage_open(path, &img, &err), code);
    assert_null(img);
    if (!strstr(err.msg, path) || !strstr(err.msg, want)) fail_msg("%s: \"%s\" lacks \"%s\"", name, err.msg, want);
    RsAnalyzer *a = (RsAnalyzer *)1;
    RsAnalyzerOptions o = {.image_path = path};
    assert_int_equal(rs_analyzer_open(&o, &a, &err), code);
    assert_null(a);
    if (!strstr(err.msg, path) || !strstr(err.msg, "lexicon image")) fail_msg("analyser: %s", err.msg);
}

static void bad_magic(char *img, RsLexImageHeader *h) { (void)h; img[0] = 'X'; }
static void bad_version(char *img, RsLexImageHeader *h) {
    h->version = RS_LEXIMAGE_VERSION + 1;
    memcpy(img, h, sizeof *h);
    reseal(img);
}
static void other_order(char *img, RsLexImageHeader *h) {
    h->byte_order = __builtin_bswap32(h->byte_order);
    memcpy(img, h, sizeof *h);
}
static void header_flip(char *img, RsLexImageHeader *h) {
    (void)h;
    img[offsetof(RsLexImageHeader, sec) + 3] ^= 1;
}
static void slots_flip(char *img, RsLexImageHeader *h) {
    img[h->sec[RS_LEXIMAGE_LEXICON].slots_off + 4 * 1000 + 1] ^= 0x10;
}
static void lemma_blob_flip(char *img, RsLexImageHeader *h) {
    img[h->sec[RS_LEXIMAGE_LEMMAS].blob_off + 17] ^= 0x20;
}
static void out_of_bounds(char *img, RsLexImageHeader *h) {
    h->sec[RS_LEXIMAGE_LEMMAS].n_slots = (uint64_t)1 << 40;
    memcpy(img, h, sizeof *h);
    reseal(img);
}
static void no_final_nul(char *img, RsLexImageHeader *h) {
    const RsLexImageSectionHeader *s = &h->sec[RS_LEXIMAGE_LEXICON];
    img[s->blob_off + s->blob_len - 1] = 'x';
    reseal(img);
}
static void longer(char *img, RsLexImageHeader *h) { (void)img, (void)h; }

static void test_damaged_image_refused(void **state) {
    (void)state;
    expect_refused("empty", 1, NULL, RS_ERR_INPUT, "truncated");
    expect_refused("header-part", 1 + 100, NULL, RS_ERR_INPUT, "truncated");
    expect_refused("half", 1 + image_len / 2, NULL, RS_ERR_INPUT, "truncated");
    expect_refused("last-byte-missing", image_len, NULL, RS_ERR_INPUT, "truncated");
    expect_refused("longer", 0, longer, RS_ERR_INPUT, "damaged");
    expect_refused("magic", 0, bad_magic, RS_ERR_INPUT, "not a refsog lexicon image");
    expect_refused("version", 0, bad_version, RS_ERR_INPUT, "version");
    expect_refused("byte-order", 0, other_order, RS_ERR_INPUT, "byte order");
    expect_refused("header", 0, header_flip, RS_ERR_INPUT, "header's checksum");
    expect_refused("slots", 0, slots_flip, RS_ERR_INPUT, "word list's checksum");
    expect_refused("lemma-blob", 0, lemma_blob_flip, RS_ERR_INPUT, "lemma table's checksum");
    expect_refused("bounds", 0, out_of_bounds, RS_ERR_INPUT, "bounds");
    expect_refused("no-nul", 0, no_final_nul, RS_ERR_INPUT, "bounds");
    /* not there, or not a file */
    RsLexImage *img;
    RsError err;
    assert_int_equal(rs_leximage_open("/nonexistent/da-lexicon.img", &img, &err), RS_ERR_IO);
    assert_non_null(strstr(err.msg, "/nonexistent/da-lexicon.img"));
    assert_int_equal(rs_leximage_open(tmpdir, &img, &err), RS_ERR_IO);
    assert_non_null(strstr(err.msg, tmpdir));
    rs_leximage_close(NULL);
}

/* An image whose checksums are right but whose slots are nonsense (every slot full, offsets past
 * the blob): lookups answer (wrongly) but stay inside it and end. */
static void test_nonsense_slots_stay_inside(void **state) {
    (void)state;
    char *copy = malloc(image_len);
    assert_non_null(copy);
    memcpy(copy, image, image_len);
    RsLexImageHeader h;
    memcpy(&h, copy, sizeof h);
    const RsLexImageSectionHeader *ls = &h.sec[RS_LEXIMAGE_LEXICON], *ms = &h.sec[RS_LEXIMAGE_LEMMAS];
    for (size_t i = 0; i < ls->n_slots; i++) {
        uint32_t v = i % 3 ? (uint32_t)(ls->blob_len - i % 5) : UINT32_MAX - (uint32_t)i;
        memcpy(copy + ls->slots_off + 4 * i, &v, 4);
    }
    for (size_t i = 0; i < ms->n_slots; i++) {
        RsLemmaSlot e = {(uint32_t)(ms->blob_len - 2), UINT32_MAX - 5, 4, 127, 1, 0};
        memcpy(copy + ms->slots_off + sizeof e * i, &e, sizeof e);
    }
    reseal(copy);
    RsLexSection a, b;
    RsError err;
    assert_int_equal(rs_leximage_parse(copy, image_len, "nonsense", &a, &b, &err), RS_OK);
    RsLexicon *lex;
    RsLemmas *lem;
    assert_int_equal(rs_lexicon_view(&a, &lex, &err), RS_OK);
    assert_int_equal(rs_lemmas_view(&b, &lem, &err), RS_OK);
    const char *words[] = {"misbrugsområdet", "kommune", "a", "familiecentret", "børn"};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
        size_t n = strlen(words[i]);
        (void)rs_lexicon_has(lex, words[i], n);
        RsSplit s;
        rs_decompound(lex, words[i], n, 3, &s);
        char out[160];
        assert_int_equal(rs_lemma_of(lem, words[i], n, out, sizeof out), 0);
    }
    rs_lexicon_free(lex);
    rs_lemmas_free(lem);
    rs_lexicon_free(NULL);
    rs_lemmas_free(NULL);
    free(copy);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_image_answers_like_text),
        cmocka_unit_test(test_damaged_image_refused),
        cmocka_unit_test(test_nonsense_slots_stay_inside),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
