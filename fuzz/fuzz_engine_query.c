/* fuzz_engine_query.c — libFuzzer target: the query-language parser. */
#include <stdint.h>
#include <stdlib.h>

#include "query.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    RsQuery *q = NULL;
    RsError err;
    if (rs_query_parse((const char *)data, size, &q, &err) == RS_OK) {
        char *d = rs_query_describe(q);
        if (!d) abort();
        free(d);
        rs_query_free(q);
    } else if (err.code != RS_ERR_QUERY && err.code != RS_ERR_NOMEM) {
        abort();
    }
    return 0;
}
