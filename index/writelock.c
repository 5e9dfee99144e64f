/* writelock.c — an flock on "<dir>.lock", safe against a holder removing the file meanwhile. */
#include "writelock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

struct RsWriteLock {
    int fd;
    char path[];
};

RsStatus rs_write_lock(const char *dir, RsWriteLock **out, RsError *err) {
    *out = NULL;
    size_t dl = strlen(dir);
    while (dl > 1 && dir[dl - 1] == '/') dl--; /* "ix/" locks as "ix" */
    RsWriteLock *l = malloc(sizeof *l + dl + 6);
    if (!l) return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    snprintf(l->path, dl + 6, "%.*s.lock", (int)dl, dir);
    for (int attempt = 0; attempt < 100; attempt++) {
        l->fd = open(l->path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (l->fd < 0) {
            int e = errno;
            free(l);
            if (e == ENOENT)
                return rs_error_set(err, RS_ERR_NOTFOUND, "%s: no index there, and no folder to hold one", dir);
            return rs_error_set(err, RS_ERR_IO, "%s: cannot write to the index: cannot create its lock file: %s",
                                dir, strerror(e));
        }
        if (flock(l->fd, LOCK_EX | LOCK_NB) != 0) {
            int e = errno;
            close(l->fd);
            free(l);
            if (e == EWOULDBLOCK)
                return rs_error_set(err, RS_ERR_LOCKED, "%s: the index is locked by another writer", dir);
            return rs_error_set(err, RS_ERR_IO, "%s: cannot lock the index: %s", dir, strerror(e));
        }
        /* the previous holder may have removed the file between our open and our lock: then we
         * hold a lock nobody else can see; take the one at the path instead */
        struct stat a, b;
        if (fstat(l->fd, &a) == 0 && stat(l->path, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
            *out = l;
            return RS_OK;
        }
        close(l->fd);
    }
    free(l);
    return rs_error_set(err, RS_ERR_LOCKED, "%s: the index is locked by another writer", dir);
}

void rs_write_unlock(RsWriteLock *l) {
    if (!l) return;
    unlink(l->path); /* while still holding it: a waiting writer then retries on a new file */
    close(l->fd);
    free(l);
}
