/* fuzz_stemmer_analyze.c — libFuzzer target: the analyser on arbitrary bytes, both modes, as the
 * searcher opens it and as the indexer does (the next word's memo slot fetched ahead). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer.h"

static RsAnalyzer *an, *ahead;

typedef struct {
    RsAnalyzer *a;
    size_t len;
    size_t n;
} Ctx;

static int check_token(void *ctx, const RsToken *t) {
    Ctx *c = ctx;
    /* offsets are inside the input and the forms are not empty */
    if (t->start > t->end || t->end > c->len || !t->norm.len) abort();
    /* the index's shortcut answers as the function both sides share */
    if (rs_analyzer_token_stem_is_norm(c->a, t) != rs_analyzer_stem_is_norm(c->a, t->norm.s, t->norm.len)) abort();
    c->n++;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    RsAnalyzerOptions o = {.prefetch_words = 1, .prefault_caches = 1}; /* the indexer's */
    if (!an && rs_analyzer_open(NULL, &an, NULL) != RS_OK) abort();
    if (!ahead && rs_analyzer_open(&o, &ahead, NULL) != RS_OK) abort();
    for (int mode = 0; mode < 2; mode++) {
        Ctx c = {an, size, 0}, d = {ahead, size, 0};
        if (rs_analyze(an, (RsAnalyzeMode)mode, (const char *)data, size, 0, check_token, &c, NULL, NULL) != RS_OK ||
            rs_analyze(ahead, (RsAnalyzeMode)mode, (const char *)data, size, 0, check_token, &d, NULL, NULL) != RS_OK)
            abort();
        if (c.n != d.n) abort(); /* fetching ahead changes nothing */
    }
    char key[64];
    rs_case_key((const char *)data, size, key, sizeof key);
    rs_fold_key((const char *)data, size, key, sizeof key);
    return 0;
}
