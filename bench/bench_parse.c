/* bench_parse.c — parser throughput (MB/s) on minutes files, in-process (no JSON, no start-up).
 *
 * usage: bench_parse [-r ROUNDS] FILE...
 * Reads the files once, then parses all of them ROUNDS times (rs_referat_parse on the bytes),
 * and prints the median round's time, MB/s, the items found and the CPU time. The same
 * source builds against an older tree's referat.h (its rs_referat_parse has the same
 * signature), so the old and the new parser can be compared in one run (docs/benchmarks.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "referat.h"
#include "timing.h"

int main(int argc, char **argv) {
    int rounds = 7, i = 1;
    if (i + 1 < argc && !strcmp(argv[i], "-r")) rounds = atoi(argv[i + 1]), i += 2;
    if (i >= argc || rounds < 1) {
        fprintf(stderr, "usage: bench_parse [-r ROUNDS] FILE...\n");
        return 2;
    }
    int nf = argc - i;
    char **data = calloc((size_t)nf, sizeof *data);
    size_t *len = calloc((size_t)nf, sizeof *len), bytes = 0;
    for (int f = 0; f < nf; f++) {
        RsError err;
        if (rs_read_file(argv[i + f], 64u << 20, &data[f], &len[f], &err) != RS_OK) {
            fprintf(stderr, "%s\n", err.msg);
            return 1;
        }
        bytes += len[f];
    }
    double *ms = calloc((size_t)rounds, sizeof *ms);
    size_t items = 0;
    clock_t c0 = clock();
    for (int r = 0; r < rounds; r++) {
        double t0 = bench_now_ms();
        items = 0;
        for (int f = 0; f < nf; f++) {
            RsMeeting *m = NULL;
            RsError err;
            if (rs_referat_parse(data[f], len[f], argv[i + f], NULL, &m, &err) == RS_OK) {
                items += m->n_items;
                rs_meeting_free(m);
            }
        }
        ms[r] = bench_now_ms() - t0;
    }
    double cpu = (double)(clock() - c0) / CLOCKS_PER_SEC / rounds;
    qsort(ms, (size_t)rounds, sizeof *ms, bench_cmp_double);
    double med = ms[rounds / 2];
    printf("parse: %d files, %.1f MB, %zu items: median %.1f ms (%.1f MB/s), cpu %.1f ms/round\n", nf,
           bytes / 1e6, items, med, bytes / 1e6 / (med / 1e3), cpu * 1e3);
    for (int f = 0; f < nf; f++) free(data[f]);
    free(data);
    free(len);
    free(ms);
    return 0;
}
