/* cmd_index.c — `refsog index`: walk the given paths and index every minutes file. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "commands.h"
#include "indexer.h"
#include "walk.h"

#define DEFAULT_INDEX "refsog-index"

static void usage(FILE *out) {
    fprintf(out,
            "usage: refsog index [--index DIR] [--municipality NAME] [--quiet] PATH...\n"
            "\n"
            "Index minutes files (.txt, .pdf) and directories (recursively) into DIR\n"
            "(default ./" DEFAULT_INDEX "). Unchanged files are skipped, changed files\n"
            "replace their items. A bad file is named with its reason and skipped.\n"
            "Exit status: 0 every file indexed or unchanged, 1 some file failed, 2 usage.\n");
}

static void on_problem(void *ctx, const char *path, const char *reason) {
    (void)ctx;
    fprintf(stderr, "refsog: %s: %s (skipped)\n", path, reason);
}

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* One line, redrawn in place: files, items, MB/s, ETA. */
static void progress(size_t done, size_t total, const RsIndexerTotals *t, double t0) {
    double el = now_s() - t0;
    double mbs = el > 0 ? (double)t->bytes / 1e6 / el : 0;
    double eta = done ? el / (double)done * (double)(total - done) : 0;
    int width = 24, fill = total ? (int)((double)done / (double)total * width) : width;
    fprintf(stderr, "\r[%.*s%*s] %zu/%zu files, %zu items, %.1f MB/s, ETA %.0fs ",
            fill, "########################", width - fill, "", done, total,
            t->items_added, mbs, eta);
}

int rs_cmd_index(int argc, char **argv) {
    const char *dir = DEFAULT_INDEX;
    RsIndexerOptions opts = {0};
    int quiet = 0;
    static const struct option longopts[] = {
        {"index", required_argument, NULL, 'i'},
        {"municipality", required_argument, NULL, 'm'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "i:m:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'i': dir = optarg; break;
        case 'm': opts.municipality = optarg; break;
        case 'q': quiet = 1; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "refsog: index: no files or directories given\n");
        usage(stderr);
        return 2;
    }

    RsError err = {0};
    RsFileList files = {0};
    size_t problems = 0;
    if (rs_walk(argv + optind, (size_t)(argc - optind), &files, on_problem, NULL, &problems,
                &err) != RS_OK) {
        fprintf(stderr, "refsog: %s\n", err.msg);
        return 1;
    }
    RsIndexer *ix = NULL;
    if (rs_indexer_open(dir, &opts, &ix, &err) != RS_OK) {
        fprintf(stderr, "refsog: %s\n", err.msg);
        rs_file_list_free(&files);
        return 1;
    }
    int tty = !quiet && isatty(STDERR_FILENO);
    double t0 = now_s();
    int fatal = 0;
    for (size_t i = 0; i < files.n; i++) {
        RsFileOutcome oc;
        size_t n_items = 0;
        rs_error_clear(&err);
        if (rs_indexer_add_file(ix, files.paths[i], &oc, &n_items, &err) != RS_OK) {
            if (tty) fputc('\n', stderr);
            fprintf(stderr, "refsog: %s\n", err.msg);
            fatal = 1;
            break;
        }
        if (oc == RS_FILE_FAILED) {
            if (tty) fputc('\n', stderr);
            fprintf(stderr, "refsog: %s (skipped)\n", err.msg);
        }
        if (tty) progress(i + 1, files.n, rs_indexer_totals(ix), t0);
    }
    if (tty) fputc('\n', stderr);
    RsIndexerTotals t = *rs_indexer_totals(ix);
    if (rs_indexer_close(ix, &err) != RS_OK) {
        fprintf(stderr, "refsog: %s\n", err.msg);
        fatal = 1;
    }
    double el = now_s() - t0;
    if (!quiet)
        printf("%zu files indexed, %zu unchanged, %zu failed; %zu items added, %zu removed; "
               "%.1f MB in %.2fs (%.1f MB/s) → %s\n",
               t.files_indexed, t.files_unchanged, t.files_failed + problems, t.items_added,
               t.items_removed, (double)t.bytes / 1e6, el,
               el > 0 ? (double)t.bytes / 1e6 / el : 0.0, dir);
    rs_file_list_free(&files);
    if (fatal) return 1;
    return (t.files_failed || problems) ? 1 : 0;
}

int rs_cmd_delete(int argc, char **argv) {
    const char *dir = DEFAULT_INDEX, *source = NULL, *caseno = NULL, *item = NULL;
    static const struct option longopts[] = {
        {"index", required_argument, NULL, 'i'}, {"source", required_argument, NULL, 's'},
        {"case", required_argument, NULL, 'c'},  {"item", required_argument, NULL, 't'},
        {"help", no_argument, NULL, 'h'},        {NULL, 0, NULL, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "i:s:c:t:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'i': dir = optarg; break;
        case 's': source = optarg; break;
        case 'c': caseno = optarg; break;
        case 't': item = optarg; break;
        case 'h':
            printf("usage: refsog delete [--index DIR] (--source PATH | --case CASENO | --item ID)\n"
                   "Remove every trace of the items: terms, values, stored text, spelling data.\n"
                   "ID is <source>#<item number>, as shown by `refsog search --json`.\n");
            return 0;
        default: return 2;
        }
    }
    if (!!source + !!caseno + !!item != 1 || optind != argc) {
        fprintf(stderr, "usage: refsog delete [--index DIR] (--source PATH | --case CASENO | --item ID)\n");
        return 2;
    }
    RsError err = {0};
    RsIndexer *ix;
    if (rs_indexer_open(dir, NULL, &ix, &err) != RS_OK) {
        fprintf(stderr, "refsog: %s\n", err.msg);
        return 1;
    }
    size_t n = 0;
    RsStatus rc = source ? rs_indexer_delete_source(ix, source, &n, &err)
                  : caseno ? rs_indexer_delete_case(ix, caseno, &n, &err)
                           : rs_indexer_delete_item(ix, item, &n, &err);
    RsError err2 = {0};
    RsStatus rc2 = rs_indexer_close(ix, &err2);
    if (rc != RS_OK) {
        fprintf(stderr, "refsog: %s\n", err.msg);
        return rc == RS_ERR_USAGE ? 2 : 1;
    }
    if (rc2 != RS_OK) {
        fprintf(stderr, "refsog: %s\n", err2.msg);
        return 1;
    }
    printf("%zu item%s deleted\n", n, n == 1 ? "" : "s");
    return 0;
}
