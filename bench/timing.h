/* timing.h — what every benchmark program measures with: a monotonic clock in milliseconds and
 * a comparison of doubles for qsort (best and median of a query's runs). */
#ifndef RS_BENCH_TIMING_H
#define RS_BENCH_TIMING_H

#include <time.h>

/* Milliseconds on the monotonic clock. This function can't fail. */
static inline double bench_now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* qsort comparison of two doubles, ascending. */
static inline int bench_cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

#endif
