/* prune.c — re-indexing a folder mirrors it: the items of files gone from it leave the index
 * (rs_indexer_prune, indexer.h). */
#include "indexer_priv.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "schema.h"
#include "terms.h"
#include "walk.h"

typedef struct {
    RsIndexer *ix;
    char **roots; /* canonical names, each ending in '/' */
    size_t n_roots;
    RsError *err;
    RsStatus rc;
} Prune;

/* Whether the file named `source` (rs_source_name of a canonical path) is gone: no entry under
 * that name nor, for an escaped name, under the bytes it stands for. Another error (EACCES, a
 * disk gone away) keeps the file's items. */
static int source_gone(const char *source) {
    struct stat st;
    if (lstat(source, &st) == 0 || errno != ENOENT) return 0;
    if (!strchr(source, '%')) return 1;
    char *raw = strdup(source); /* undo the %XX escapes of rs_source_name */
    if (!raw) return 0;
    size_t o = 0;
    for (size_t i = 0; source[i]; i++) {
        unsigned v;
        if (source[i] == '%' && sscanf(source + i + 1, "%2X", &v) == 1 && isxdigit((unsigned char)source[i + 2])) {
            raw[o++] = (char)v;
            i += 2;
        } else {
            raw[o++] = source[i];
        }
    }
    raw[o] = '\0';
    int gone = lstat(raw, &st) != 0 && errno == ENOENT;
    free(raw);
    return gone;
}

static int prune_one(void *ctx, const char *key, size_t klen, const char *v, size_t vlen) {
    Prune *p = ctx;
    (void)klen;
    /* "<hash> <items> <source>" */
    const char *sp1 = memchr(v, ' ', vlen), *sp2 = sp1 ? memchr(sp1 + 1, ' ', vlen - (size_t)(sp1 + 1 - v)) : NULL;
    if (!sp2) return 0;
    char *source = strndup(sp2 + 1, vlen - (size_t)(sp2 + 1 - v));
    if (!source) {
        p->rc = rs_error_set(p->err, RS_ERR_NOMEM, "out of memory");
        return 1;
    }
    int under = 0;
    for (size_t i = 0; i < p->n_roots && !under; i++) under = !strncmp(source, p->roots[i], strlen(p->roots[i]));
    if (under && source_gone(source)) {
        RsBuf term = {0};
        size_t n = 0;
        p->rc = rs_term_makes(&term, RS_PREFIX_SOURCE, source, p->err);
        if (p->rc == RS_OK) p->rc = rs_indexer_begin(p->ix, p->err);
        if (p->rc == RS_OK) p->rc = rs_indexer_delete_docs(p->ix, term.data, &n, p->err);
        if (p->rc == RS_OK) p->rc = rsx_writable_set_metadata(p->ix->db, key, "", 0, p->err);
        if (p->rc == RS_OK) {
            p->ix->totals.files_gone++;
            p->ix->totals.items_gone += n;
        }
        rs_buf_free(&term);
    }
    free(source);
    return p->rc != RS_OK;
}

RsStatus rs_indexer_prune(RsIndexer *ix, RsError *err) {
    char *const *folders = ix->opts.mirror_folders;
    size_t n_folders = ix->opts.scratch ? 0 : ix->opts.n_mirror_folders;
    Prune p = {ix, calloc(n_folders ? n_folders : 1, sizeof(char *)), 0, err, RS_OK};
    if (!p.roots) return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < n_folders && p.rc == RS_OK; i++) {
        char *canon = NULL, *name = NULL;
        p.rc = rs_source_canonical(folders[i], &canon, err);
        if (p.rc == RS_OK) p.rc = rs_source_name(canon, &name, err);
        if (p.rc == RS_OK) { /* "/a/b" → "/a/b/" ("/" stays) */
            size_t l = strlen(name);
            char *r = realloc(name, l + 2);
            if (!r) p.rc = rs_error_set(err, RS_ERR_NOMEM, "out of memory");
            else {
                if (!l || r[l - 1] != '/') r[l] = '/', r[l + 1] = '\0';
                p.roots[p.n_roots++] = name = r;
                name = NULL;
            }
        }
        free(name);
        free(canon);
    }
    if (p.rc == RS_OK && p.n_roots) {
        RsStatus rc = rsx_writable_metadata(ix->db, RS_META_SOURCE, prune_one, &p, err);
        if (p.rc == RS_OK) p.rc = rc;
    }
    for (size_t i = 0; i < p.n_roots; i++) free(p.roots[i]);
    free(p.roots);
    return p.rc;
}

