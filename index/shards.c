/* shards.c — shard layout on disk (a Xapian stub file) and the stable file-to-shard assignment. */
#include "shards.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hash.h"

void rs_shard_path(const char *dir, size_t n, size_t k, char *out, size_t cap) {
    if (n <= 1) snprintf(out, cap, "%s", dir);
    else snprintf(out, cap, "%s/shard-%zu", dir, k);
}

size_t rs_shard_of(const char *source, size_t n) {
    return n ? (size_t)(rs_fnv1a64(source, strlen(source)) % n) : 0;
}

RsStatus rs_shards_layout(const char *dir, size_t want, size_t *n, int *fresh, RsError *err) {
    char stub[4200];
    snprintf(stub, sizeof stub, "%s/XAPIANDB", dir);
    if (fresh) *fresh = 0;
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
    if (want <= 1) { /* a plain index (or none yet) */
        *n = 1;
        return RS_OK;
    }
    if (want > RS_MAX_SHARDS) return rs_error_set(err, RS_ERR_USAGE, "at most %d shards", RS_MAX_SHARDS);
    struct stat st;
    char probe[4200];
    snprintf(probe, sizeof probe, "%s/iamglass", dir);
    if (stat(probe, &st) == 0)
        return rs_error_set(err, RS_ERR_USAGE,
                            "%s is an index of one shard: re-shard by indexing into a new directory", dir);
    if (fresh) *fresh = 1;
    *n = want;
    return RS_OK;
}

RsStatus rs_shards_write_stub(const char *dir, size_t n, RsError *err) {
    char stub[4200], tmp[4300];
    snprintf(stub, sizeof stub, "%s/XAPIANDB", dir);
    snprintf(tmp, sizeof tmp, "%s/XAPIANDB.tmp", dir);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return rs_error_set(err, RS_ERR_IO, "%s: %s", tmp, strerror(errno));
    int ok = 1;
    for (size_t k = 0; ok && k < n; k++) {
        char line[64];
        int l = snprintf(line, sizeof line, "glass shard-%zu\n", k);
        ok = write(fd, line, (size_t)l) == l;
    }
    ok = ok && fsync(fd) == 0;
    int e = errno;
    if (close(fd) != 0 && ok) ok = 0, e = errno;
    if (ok && rename(tmp, stub) != 0) ok = 0, e = errno;
    if (!ok) {
        unlink(tmp);
        return rs_error_set(err, RS_ERR_IO, "%s: %s", stub, strerror(e));
    }
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC); /* the rename itself, on disk */
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
    return RS_OK;
}
