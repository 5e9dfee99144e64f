/* progress.c — the live progress line of `refsog index` (progress.h). */
#include "progress.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct RsProgress {
    pthread_t thread;
    pthread_mutex_t wait_lock;
    pthread_cond_t wake;
    int stopping;
    size_t files_total;
    uint64_t bytes_total;
    atomic_size_t files, items;
    atomic_uint_fast64_t bytes;
    char phase[96];
    double t0;
};

/* One lock for everything written to stderr while a line may be live. */
static pthread_mutex_t out_lock = PTHREAD_MUTEX_INITIALIZER;
static int line_live; /* a progress line is on the screen (under out_lock) */

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void draw(RsProgress *p) {
    size_t files = atomic_load(&p->files), items = atomic_load(&p->items);
    uint64_t bytes = atomic_load(&p->bytes);
    double el = now_s() - p->t0;
    double mbs = el > 0 ? (double)bytes / 1e6 / el : 0;
    char eta[32] = "";
    if (bytes && p->bytes_total > bytes) {
        double left = el / (double)bytes * (double)(p->bytes_total - bytes);
        if (left >= 60) snprintf(eta, sizeof eta, ", ETA %dm%02ds", (int)(left / 60), (int)left % 60);
        else snprintf(eta, sizeof eta, ", ETA %.0fs", left);
    }
    int width = 20, fill = p->files_total ? (int)((double)files / (double)p->files_total * width) : 0;
    if (fill > width) fill = width;
    pthread_mutex_lock(&out_lock);
    fprintf(stderr, "\r[%.*s%*s] %zu/%zu files, %zu items, %.1f MB/s%s%s%s\033[K", fill,
            "####################", width - fill, "", files, p->files_total, items, mbs,
            p->phase[0] ? "" : eta, p->phase[0] ? "; " : "", p->phase);
    fflush(stderr);
    line_live = 1;
    pthread_mutex_unlock(&out_lock);
}

static void *run(void *arg) {
    RsProgress *p = arg;
    pthread_mutex_lock(&p->wait_lock);
    while (!p->stopping) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 250 * 1000000L;
        if (until.tv_nsec >= 1000000000L) until.tv_sec++, until.tv_nsec -= 1000000000L;
        pthread_cond_timedwait(&p->wake, &p->wait_lock, &until);
        if (p->stopping) break;
        pthread_mutex_unlock(&p->wait_lock);
        draw(p);
        pthread_mutex_lock(&p->wait_lock);
    }
    pthread_mutex_unlock(&p->wait_lock);
    return NULL;
}

RsProgress *rs_progress_start(size_t files, uint64_t bytes, int live) {
    if (!live) return NULL;
    RsProgress *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    pthread_mutex_init(&p->wait_lock, NULL);
    pthread_cond_init(&p->wake, NULL);
    p->files_total = files;
    p->bytes_total = bytes;
    p->t0 = now_s();
    draw(p);
    if (pthread_create(&p->thread, NULL, run, p) != 0) {
        pthread_cond_destroy(&p->wake);
        pthread_mutex_destroy(&p->wait_lock);
        free(p);
        return NULL;
    }
    return p;
}

void rs_progress_add(RsProgress *p, size_t files, uint64_t bytes, size_t items) {
    if (!p) return;
    atomic_fetch_add(&p->files, files);
    atomic_fetch_add(&p->bytes, bytes);
    atomic_fetch_add(&p->items, items);
}

void rs_progress_phase(RsProgress *p, const char *what) {
    if (!p) return;
    pthread_mutex_lock(&out_lock);
    snprintf(p->phase, sizeof p->phase, "%s", what);
    pthread_mutex_unlock(&out_lock);
    draw(p);
}

void rs_progress_stop(RsProgress *p) {
    if (!p) return;
    pthread_mutex_lock(&p->wait_lock);
    p->stopping = 1;
    pthread_cond_signal(&p->wake);
    pthread_mutex_unlock(&p->wait_lock);
    pthread_join(p->thread, NULL);
    pthread_mutex_lock(&out_lock);
    if (line_live) fputs("\r\033[K", stderr);
    line_live = 0;
    pthread_mutex_unlock(&out_lock);
    pthread_cond_destroy(&p->wake);
    pthread_mutex_destroy(&p->wait_lock);
    free(p);
}

void rs_progress_say(const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    pthread_mutex_lock(&out_lock);
    if (line_live) fputs("\r\033[K", stderr);
    line_live = 0; /* redrawn by the next tick */
    fputs("refsog: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    pthread_mutex_unlock(&out_lock);
    va_end(ap);
}
