/* fuzz_stemmer_analyze.c — libFuzzer target: the analyser on arbitrary bytes, both modes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer.h"

static RsAnalyzer *an;

static int check_token(void *ctx, const RsToken *t) {
    size_t len = *(size_t *)ctx;
    /* offsets are inside the input and the forms are not empty */
    if (t->start > t->end || t->end > len || !t->norm.len) abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!an && rs_analyzer_open(NULL, &an, NULL) != RS_OK) abort();
    for (int mode = 0; mode < 2; mode++)
        if (rs_analyze(an, (RsAnalyzeMode)mode, (const char *)data, size, 0, check_token, &size,
                       NULL, NULL) != RS_OK)
            abort();
    char key[64];
    rs_case_key((const char *)data, size, key, sizeof key);
    rs_fold_key((const char *)data, size, key, sizeof key);
    return 0;
}
