/* bench_query.c — refsog query latency in-process: one searcher, each query run ROUNDS times.
 *   bench_query INDEX ROUNDS [--facets|--facets-kept|--facets-matcher|--facets-cold|--facets-cached|
 *                            --no-snippets] < queries.tsv
 *   (lines: name TAB query)
 * Prints per query: name, total, best and median milliseconds (top 10 hits with snippets;
 * with --facets also exact facet counts over the whole result set; --facets-kept counts them as
 * the server does, from facet columns kept by the searcher: rs_searcher_keep_facet_columns —
 * the columns' one-time build is timed before the first query and printed to stderr; a query
 * that may match much is counted from its match set as a bitset, the frequent words' bitsets kept
 * from query to query; --facets-cold the same with none kept (each count reads its posting lists,
 * as the first one at a revision does); --facets-matcher counts kept columns match by match;
 * --facets-cached as the server answers another page of a search it has counted: the warm-up
 * round asks for the first page, the timed rounds for the second, whose total and counts come
 * from the searcher's cache, rs_searcher_cache_facets). */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "search.h"
#include "timing.h"

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: bench_query INDEX ROUNDS [--facets|--facets-kept|--facets-matcher|--facets-cold|"
                        "--facets-cached|--no-snippets] < queries.tsv\n");
        return 2;
    }
    const char *mode = argc > 3 ? argv[3] : "";
    int rounds = atoi(argv[2]), cached = !strcmp(mode, "--facets-cached"), matcher = !strcmp(mode, "--facets-matcher"),
        cold = !strcmp(mode, "--facets-cold"),
        kept = cached || matcher || cold || !strcmp(mode, "--facets-kept"),
        facets = kept || (argc > 3 && !strcmp(argv[3], "--facets")),
        no_snippets = argc > 3 && !strcmp(argv[3], "--no-snippets");
    const char *paths[] = {argv[1]};
    RsSearcher *s;
    RsError err;
    if (rs_searcher_open(paths, 1, &s, &err) != RS_OK) {
        fprintf(stderr, "bench_query: %s\n", err.msg);
        return 1;
    }
    if (cached && rs_searcher_cache_facets(s, 128, &err) != RS_OK) {
        fprintf(stderr, "bench_query: %s\n", err.msg);
        return 1;
    }
    if (kept) { /* the columns' build, once per index revision, timed apart */
        rs_searcher_keep_facet_columns(s, 1);
        if (matcher) rs_searcher_facet_sets(s, RS_SETS_NEVER);
        if (cold) rs_searcher_keep_sets(s, 0);
        RsSearchRequest all = {.query = "", .limit = 1};
        RsResults *res = NULL;
        double st = bench_now_ms();
        if (rs_search(s, &all, &res, &err) != RS_OK) {
            fprintf(stderr, "bench_query: %s\n", err.msg);
            return 1;
        }
        fprintf(stderr, "facet columns built (with a count over all %zu items) in %.1f ms\n", res->total,
                bench_now_ms() - st);
        rs_results_free(res);
    }
    char line[8192];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = '\0';
        char *q = strchr(line, '\t');
        if (!q) continue;
        *q++ = '\0';
        RsSearchRequest req = {.query = q, .limit = 10, .no_facets = !facets, .no_snippets = no_snippets};
        double *t = calloc((size_t)rounds + 1, sizeof *t);
        long long total = -1;
        for (int r = 0; r <= rounds; r++) { /* round 0 warms up */
            RsResults *res = NULL;
            req.offset = cached && r ? 10 : 0; /* cached: the second page of the search counted */
            double st = bench_now_ms();
            if (rs_search(s, &req, &res, &err) != RS_OK) {
                fprintf(stderr, "bench_query: %s: %s\n", line, err.msg);
                break;
            }
            if (r) t[r - 1] = bench_now_ms() - st;
            total = (long long)res->total;
            rs_results_free(res);
        }
        qsort(t, (size_t)rounds, sizeof *t, bench_cmp_double);
        printf("%s\t%lld\t%.3f\t%.3f\n", line, total, t[0], t[rounds / 2]);
        free(t);
    }
    rs_searcher_close(s);
    return 0;
}
