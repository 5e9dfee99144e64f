/* bench_analyze.c — analyser throughput (MB/s) against the floor of reading and hashing the same bytes.
 *
 * usage: bench_analyze [-r ROUNDS] [-x REPEAT] FILE...
 * The files are concatenated REPEAT times into one buffer; each round times
 * (a) the floor: FNV-1a over the buffer, and (b) the full analyser chain in
 * DOCUMENT mode (segmentation, normalisation, stemming, folding, case
 * numbers, decompounding), alternating, and reports the median of each and
 * the ratio within each round. Prints CPU time alongside wall time.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analyzer.h"
#include "buf.h"
#include "hash.h"

static double now(clockid_t c) {
    struct timespec ts;
    clock_gettime(c, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int count_tok(void *ctx, const RsToken *t) {
    (void)t;
    ++*(size_t *)ctx;
    return 0;
}

static int cmp_d(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv) {
    int rounds = 5, repeat = 50, i = 1;
    for (; i < argc && argv[i][0] == '-'; i += 2) {
        if (i + 1 >= argc) break;
        if (!strcmp(argv[i], "-r")) rounds = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "-x")) repeat = atoi(argv[i + 1]);
    }
    if (i >= argc || rounds < 1 || repeat < 1) {
        fprintf(stderr, "usage: bench_analyze [-r ROUNDS] [-x REPEAT] FILE...\n");
        return 2;
    }
    RsBuf all = {0};
    for (int r = 0; r < repeat; r++)
        for (int k = i; k < argc; k++) {
            char *d;
            size_t n;
            RsError err;
            if (rs_read_file(argv[k], 0, &d, &n, &err) != RS_OK) {
                fprintf(stderr, "%s\n", err.msg);
                return 1;
            }
            rs_buf_append(&all, d, n);
            rs_buf_putc(&all, '\n');
            free(d);
        }
    RsAnalyzer *a;
    RsError err;
    double t0 = now(CLOCK_MONOTONIC);
    if (rs_analyzer_open(NULL, &a, &err) != RS_OK) {
        fprintf(stderr, "%s\n", err.msg);
        return 1;
    }
    double open_ms = (now(CLOCK_MONOTONIC) - t0) * 1000;
    double mb = (double)all.len / 1e6;
    double *floor_s = calloc((size_t)rounds, sizeof *floor_s), *an_s = calloc((size_t)rounds, sizeof *an_s),
           *ratio = calloc((size_t)rounds, sizeof *ratio), *an_cpu = calloc((size_t)rounds, sizeof *an_cpu);
    size_t tokens = 0;
    volatile uint64_t sink = 0;
    for (int r = 0; r < rounds; r++) {
        double s = now(CLOCK_MONOTONIC);
        sink ^= rs_fnv1a64(all.data, all.len);
        floor_s[r] = now(CLOCK_MONOTONIC) - s;
        tokens = 0;
        s = now(CLOCK_MONOTONIC);
        double c = now(CLOCK_PROCESS_CPUTIME_ID);
        rs_analyze(a, RS_MODE_DOCUMENT, all.data, all.len, 0, count_tok, &tokens, NULL, NULL);
        an_cpu[r] = now(CLOCK_PROCESS_CPUTIME_ID) - c;
        an_s[r] = now(CLOCK_MONOTONIC) - s;
        ratio[r] = an_s[r] / floor_s[r];
    }
    qsort(floor_s, (size_t)rounds, sizeof *floor_s, cmp_d);
    qsort(an_s, (size_t)rounds, sizeof *an_s, cmp_d);
    qsort(ratio, (size_t)rounds, sizeof *ratio, cmp_d);
    qsort(an_cpu, (size_t)rounds, sizeof *an_cpu, cmp_d);
    int m = rounds / 2;
    printf("input: %.1f MB (%d files x %d), %zu tokens; analyser open (lexicon load): %.1f ms\n", mb,
           argc - i, repeat, tokens, open_ms);
    printf("floor (read+hash):  %8.1f MB/s (median of %d)\n", mb / floor_s[m], rounds);
    printf("analyser (full):    %8.1f MB/s wall, %.1f MB/s CPU (median of %d)\n", mb / an_s[m],
           mb / an_cpu[m], rounds);
    printf("analyser/floor time ratio: median %.1f (min %.1f, max %.1f)\n", ratio[m], ratio[0],
           ratio[rounds - 1]);
    (void)sink;
    rs_analyzer_close(a);
    rs_buf_free(&all);
    free(floor_s);
    free(an_s);
    free(ratio);
    free(an_cpu);
    return 0;
}
