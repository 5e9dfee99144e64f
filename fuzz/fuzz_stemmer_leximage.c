/* fuzz_stemmer_leximage.c — libFuzzer target: a lexicon image's bytes (leximage.h) checked, and when accepted looked up, never read outside them. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "decompound.h"
#include "lemma.h"
#include "leximage.h"

static const char *const words[] = {"misbrugsområdet", "kommune", "familiecentret", "børn", "formænd",
                                    "ab", "skolebørnene", "opioidmisbruget"};

static int inside(const void *p, size_t n, const uint8_t *data, size_t size) {
    const uint8_t *q = p;
    return q >= data && n <= size && q - data <= (ptrdiff_t)(size - n);
}

/* The checksums recomputed over what the header declares, so the checks behind them and the
 * lookups see mutated slots and strings too (else the mutations almost never get past the sums). */
static void reseal(uint8_t *img, size_t size) {
    RsLexImageHeader h;
    if (size < sizeof h) return;
    memcpy(&h, img, sizeof h);
    const size_t slot[RS_LEXIMAGE_SECTIONS] = {sizeof(uint32_t), sizeof(RsLemmaSlot)};
    for (int i = 0; i < RS_LEXIMAGE_SECTIONS; i++) {
        RsLexImageSectionHeader *s = &h.sec[i];
        if (s->blob_off > size || s->blob_len > size - s->blob_off || s->slots_off > size ||
            s->n_slots > (size - s->slots_off) / slot[i])
            continue;
        s->data_sum = rs_leximage_sum(rs_leximage_sum(0, img + s->blob_off, s->blob_len),
                                      img + s->slots_off, s->n_slots * slot[i]);
    }
    h.header_sum = rs_leximage_sum(0, &h, offsetof(RsLexImageHeader, header_sum));
    memcpy(img, &h, sizeof h);
}

static void check(const uint8_t *img, size_t size) {
    RsLexSection lexs, lems;
    RsError err;
    if (rs_leximage_parse(img, size, "fuzz.img", &lexs, &lems, &err) != RS_OK) {
        if (err.code != RS_ERR_INPUT || !strstr(err.msg, "fuzz.img")) abort(); /* refused by name */
        return;
    }
    if (size < sizeof(RsLexImageHeader) || !inside(lexs.blob, lexs.blob_len, img, size) ||
        !inside(lems.blob, lems.blob_len, img, size) ||
        !inside(lexs.slots, lexs.n_slots * sizeof(uint32_t), img, size) ||
        !inside(lems.slots, lems.n_slots * sizeof(RsLemmaSlot), img, size))
        abort();
    RsLexicon *lex = NULL;
    RsLemmas *lem = NULL;
    if (rs_lexicon_view(&lexs, &lex, &err) == RS_OK && rs_lemmas_view(&lems, &lem, &err) == RS_OK) {
        char out[160];
        RsSplit s;
        for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
            size_t n = strlen(words[i]);
            (void)rs_lexicon_has(lex, words[i], n);
            rs_decompound(lex, words[i], n, 3, &s);
            size_t l = rs_lemma_of(lem, words[i], n, out, sizeof out);
            if (l >= sizeof out || (l && out[l] != '\0')) abort();
        }
        /* the image's own strings as words */
        for (size_t off = 0; off + 1 < lexs.blob_len && off < 4096; off += 7) {
            size_t n = strnlen(lexs.blob + off, lexs.blob_len - off);
            if (n > 40) n = 40;
            (void)rs_lexicon_has(lex, lexs.blob + off, n);
            (void)rs_lemma_of(lem, lexs.blob + off, n, out, sizeof out);
        }
    }
    rs_lexicon_free(lex);
    rs_lemmas_free(lem);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    /* a copy 8-byte aligned, as a mapping is */
    uint64_t *copy = malloc(size / 8 * 8 + 8);
    if (!copy) return 0;
    memcpy(copy, data, size);
    check((const uint8_t *)copy, size);
    reseal((uint8_t *)copy, size);
    check((const uint8_t *)copy, size);
    free(copy);
    return 0;
}
