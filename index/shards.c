/* shards.c — shard layout on disk (a Xapian stub file) and the stable file-to-shard assignment. */
#include "shards.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "hash.h"

void rs_shard_path(const char *dir, size_t n, size_t k, char *out, size_t cap) {
    if (n <= 1) snprintf(out, cap, "%s", dir);
    else snprintf(out, cap, "%s/shard-%zu", dir, k);
}

size_t rs_shard_of(const char *source, size_t n) {
    return n ? (size_t)(rs_fnv1a64(source, strlen(source)) % n) : 0;
}

RsStatus rs_shards_layout(const char *dir, size_t want, size_t *n, RsError *err) {
    char stub[4200];
    snprintf(stub, sizeof stub, "%s/XAPIANDB", dir);
    FILE *f = fopen(stub, "r");
    if (f) {
        size_t count = 0;
        char line[512];
        while (fgets(line, sizeof line, f))
            if (!strncmp(line, "glass shard-", 12)) count++;
        fclose(f);
        if (count == 0) return rs_error_set(err, RS_ERR_DATABASE, "%s: stub file lists no shards", stub);
        if (want && want != count)
            return rs_error_set(err, RS_ERR_USAGE,
                                "%s has %zu shards, not %zu: re-shard by indexing into a new directory",
                                dir, count, want);
        *n = count;
        return RS_OK;
    }
    struct stat st;
    int exists = stat(dir, &st) == 0;
    if (want <= 1) { /* a plain index (or none yet) */
        *n = 1;
        return RS_OK;
    }
    if (want > RS_MAX_SHARDS) return rs_error_set(err, RS_ERR_USAGE, "at most %d shards", RS_MAX_SHARDS);
    if (exists) {
        char probe[4200];
        snprintf(probe, sizeof probe, "%s/iamglass", dir);
        if (stat(probe, &st) == 0)
            return rs_error_set(err, RS_ERR_USAGE,
                                "%s is an index of one shard: re-shard by indexing into a new directory", dir);
    } else if (mkdir(dir, 0755) != 0) {
        return rs_error_set(err, RS_ERR_IO, "%s: %s", dir, strerror(errno));
    }
    f = fopen(stub, "w");
    if (!f) return rs_error_set(err, RS_ERR_IO, "%s: %s", stub, strerror(errno));
    for (size_t k = 0; k < want; k++) fprintf(f, "glass shard-%zu\n", k);
    if (fclose(f) != 0) return rs_error_set(err, RS_ERR_IO, "%s: %s", stub, strerror(errno));
    *n = want;
    return RS_OK;
}
