/* cmd_delete.c — `refsog delete`: remove items by source file, case number or item id from an
 * existing index (never created here). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "analyzer.h"
#include "commands.h"
#include "indexer.h"
#include "shards.h"
#include "writelock.h"

#define DEFAULT_INDEX "refsog-index"

static int delete_locked(const char *dir, const char *source, const char *caseno, const char *item);

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
                   "ID is <source>#<item number>, as shown by `refsog search --json`.\n"
                   "DIR must be an existing index (it is never created).\n"
                   "Exit status: 0 items deleted, 1 nothing matched or an error, 2 usage.\n");
            return 0;
        default: return 2;
        }
    }
    if (!!source + !!caseno + !!item != 1 || optind != argc) {
        fprintf(stderr, "usage: refsog delete [--index DIR] (--source PATH | --case CASENO | --item ID)\n");
        return 2;
    }
    char key[256];
    if (caseno && !rs_case_key(caseno, strlen(caseno), key, sizeof key)) { /* before touching DIR */
        fprintf(stderr, "refsog: '%s' is not a case number\n", caseno);
        return 2;
    }
    RsError err = {0};
    RsWriteLock *lock = NULL; /* before anything else: one writer at a time */
    if (rs_write_lock(dir, &lock, &err) != RS_OK) {
        fprintf(stderr, "refsog: %s\n", err.msg);
        return 1;
    }
    int rc = delete_locked(dir, source, caseno, item);
    rs_write_unlock(lock);
    return rc;
}

/* Delete what source, caseno or item (one is set) names from every shard of dir; the exit status. */
static int delete_locked(const char *dir, const char *source, const char *caseno, const char *item) {
    RsError err = {0};
    size_t n_shards = 1, total = 0;
    if (rs_shards_layout(dir, 0, &n_shards, NULL, &err) != RS_OK) {
        fprintf(stderr, "refsog: %s\n", err.msg);
        return 1;
    }
    RsIndexerOptions opts = {.must_exist = 1};
    for (size_t k = 0; k < n_shards; k++) { /* every shard: a case or item may be anywhere */
        char path[4200];
        rs_shard_path(dir, n_shards, k, path, sizeof path);
        RsIndexer *ix;
        if (rs_indexer_open(path, &opts, &ix, &err) != RS_OK) {
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
        total += n;
    }
    printf("%zu item%s deleted\n", total, total == 1 ? "" : "s");
    if (total == 0) {
        fprintf(stderr, "refsog: %s: no item has %s '%s': nothing deleted\n", dir,
                source ? "the source" : caseno ? "the case number" : "the id",
                source ? source : caseno ? caseno : item);
        return 1;
    }
    return 0;
}
