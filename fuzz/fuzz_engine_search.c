/* fuzz_engine_search.c — libFuzzer target: whole searches (query language → Xapian → results,
 * facets, snippets, spelling) over an index of the sample minutes built at the first call.
 * Run from the repository root (it reads data/sample/). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "indexer.h"
#include "search.h"

static RsSearcher *searcher;

static void setup(void) {
    static char dir[] = "/tmp/rs_fuzz_searchXXXXXX";
    if (!mkdtemp(dir)) abort();
    static const char *files[] = {"data/sample/000_082cc86b9df59ed8.txt", "data/sample/001_f2525942d8ac13d5.txt",
                                  "data/sample/002_b5ca74bce736c226.txt", "data/sample/003_2da60960a1decf7e.txt",
                                  "data/sample/004_4215b85305d5dec8.txt"};
    RsIndexer *ix;
    RsError err;
    if (rs_indexer_open(dir, NULL, &ix, &err) != RS_OK) abort();
    for (size_t i = 0; i < 5; i++) {
        RsFileOutcome oc;
        size_t n;
        if (rs_indexer_add_file(ix, files[i], &oc, &n, &err) != RS_OK || oc != RS_FILE_INDEXED) abort();
    }
    if (rs_indexer_close(ix, &err) != RS_OK) abort();
    const char *paths[] = {dir};
    if (rs_searcher_open(paths, 1, &searcher, &err) != RS_OK) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!searcher) setup();
    char *q = malloc(size + 1);
    if (!q) return 0;
    memcpy(q, data, size);
    q[size] = '\0'; /* a query is a C string: stop at the first NUL */
    RsSearchRequest req = {.query = q, .limit = 10, .sort = (RsSort)(size % 3)};
    RsResults *res = NULL;
    RsError err;
    RsStatus rc = rs_search(searcher, &req, &res, &err);
    if (rc == RS_OK) rs_results_free(res);
    else if (rc != RS_ERR_QUERY) abort(); /* bad input is a query error, nothing else */
    RsCaseHistory *h = NULL;
    if (rs_case_history(searcher, q, &h, &err) == RS_OK) rs_case_history_free(h);
    free(q);
    return 0;
}
