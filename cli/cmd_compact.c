/* cmd_compact.c — `refsog compact`: merge the shards of an index (or compact one) into a new
 * index; the index it reads is never created here. */
#include <getopt.h>
#include <stdio.h>
#include <time.h>

#include "args.h"
#include "commands.h"
#include "shards.h"
#include "writelock.h"
#include "xapian_shim.h"

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

#define DEFAULT_INDEX "refsog-index"

static int compact(const char *dir, const char *out, unsigned jobs);

int rs_cmd_compact(int argc, char **argv) {
    const char *dir = DEFAULT_INDEX, *out = NULL;
    unsigned jobs = 0; /* rsx_compact's default */
    long long v;
    static const struct option longopts[] = {{"index", required_argument, NULL, 'i'},
                                             {"output", required_argument, NULL, 'o'},
                                             {"jobs", required_argument, NULL, 'j'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "i:o:j:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'i': dir = optarg; break;
        case 'o': out = optarg; break;
        case 'j':
            if (rs_args_number(optarg, 1, 64, "--jobs takes 1 to 64", &v)) return 2;
            jobs = (unsigned)v;
            break;
        case 'h':
            printf("usage: refsog compact [--index DIR] [--jobs N] --output OUT\n"
                   "Merge the shards of DIR (or compact a single index) into a new index OUT\n"
                   "(what xapian-compact does). Search OUT like any index. Items deleted or\n"
                   "replaced since the index was built (still in its files: `refsog stats`)\n"
                   "are left out for good: OUT is then rebuilt from DIR's postings, which\n"
                   "takes about as long as indexing anew (temporary files in OUT.purge), by\n"
                   "--jobs N threads (default 2, or 1 on one core; each holds ~450 MB).\n");
            return 0;
        default: return 2;
        }
    }
    if (!out || optind != argc) {
        fprintf(stderr, "usage: refsog compact [--index DIR] [--jobs N] --output OUT\n");
        return 2;
    }
    RsError err = {0};
    RsWriteLock *lock = NULL; /* OUT is a new index being written: no other writer meanwhile */
    if (rs_write_lock(out, &lock, &err) != RS_OK) {
        fprintf(stderr, "refsog: %s\n", err.msg);
        return 1;
    }
    int rc = compact(dir, out, jobs);
    rs_write_unlock(lock);
    return rc;
}

/* Compact the shards of dir into the new index out; the exit status. */
static int compact(const char *dir, const char *out, unsigned jobs) {
    RsError err = {0};
    size_t n = 1;
    if (rs_shards_layout(dir, 0, &n, NULL, &err) != RS_OK) {
        fprintf(stderr, "refsog: %s\n", err.msg);
        return 1;
    }
    char paths[RS_MAX_SHARDS][4200];
    const char *srcs[RS_MAX_SHARDS];
    for (size_t k = 0; k < n; k++) {
        rs_shard_path(dir, n, k, paths[k], sizeof paths[k]);
        srcs[k] = paths[k];
    }
    double t0 = now_s();
    size_t dropped = 0;
    if (rsx_compact(srcs, n, out, jobs, &dropped, &err) != RS_OK) {
        fprintf(stderr, "refsog: compact %s: %s\n", dir, err.msg);
        return 1;
    }
    printf("compacted %zu shard%s of %s into %s in %.2fs", n, n == 1 ? "" : "s", dir, out, now_s() - t0);
    if (dropped) /* tombstones (docs/shim.md): their documents are rebuilt away */
        printf("; %zu deleted or replaced item%s left out for good", dropped, dropped == 1 ? "" : "s");
    printf("\n");
    return 0;
}
