/* walk.c — recursive discovery of minutes files: fts(3) walks, follows symlinks and finds loops. */
#include "walk.h"

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <fts.h>
#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "hash.h"
#include "utf8.h"

typedef struct {
    size_t files, problems; /* counts when a folder was entered (its FTS_D) */
} Mark;

typedef struct {
    RsFileList *out;
    const RsWalkOptions *o;
    size_t problems, skipped;
    GHashTable *seen; /* the paths in out, so a file named twice is listed once */
    Mark *marks;      /* per fts level, for "a folder named like a minutes file with none" */
    size_t n_marks;
} Walk;

static void report(Walk *w, const char *path, const char *reason) {
    w->problems++;
    if (w->o->problem) w->o->problem(w->o->ctx, path, reason);
}

static void skip(Walk *w, const char *path, const char *reason) {
    w->skipped++;
    if (w->o->skipped) w->o->skipped(w->o->ctx, path, reason);
}

/* The first of `pats` that `path` matches: a pattern with a '/' against the whole path, any
 * other against the last name. NULL if none. */
static const char *matching(const char *path, const char *const *pats, size_t n) {
    const char *slash = strrchr(path, '/'), *name = slash && slash[1] ? slash + 1 : path;
    for (size_t i = 0; i < n; i++)
        if (fnmatch(pats[i], strchr(pats[i], '/') ? path : name, 0) == 0) return pats[i];
    return NULL;
}

/* What a non-regular file is, for the message. */
static const char *kind_of(mode_t m) {
    if (S_ISFIFO(m)) return "a FIFO";
    if (S_ISCHR(m)) return "a character device";
    if (S_ISBLK(m)) return "a block device";
    if (S_ISSOCK(m)) return "a socket";
    return "not a regular file";
}

static int has_minutes_ext(const char *name) {
    const char *dot = strrchr(name, '.');
    return dot && (!strcasecmp(dot, ".txt") || !strcasecmp(dot, ".pdf") || !strcasecmp(dot, ".html") ||
                   !strcasecmp(dot, ".htm") || !strcasecmp(dot, ".xhtml"));
}

static RsStatus add_path(Walk *w, const char *path) {
    RsFileList *l = w->out;
    if (g_hash_table_contains(w->seen, path)) return RS_OK;
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 64;
        char **p = realloc(l->paths, cap * sizeof *p);
        if (!p) return RS_ERR_NOMEM;
        l->paths = p;
        l->cap = cap;
    }
    char *s = strdup(path);
    if (!s) return RS_ERR_NOMEM;
    l->paths[l->n++] = s;
    g_hash_table_add(w->seen, s);
    return RS_OK;
}

/* Names in a folder in byte order, so the list is sorted and stable. */
static int cmp_names(const FTSENT **a, const FTSENT **b) { return strcmp((*a)->fts_name, (*b)->fts_name); }

/* The mark of the folder at `level`, growing the array; NULL when out of memory. */
static Mark *mark_at(Walk *w, size_t level) {
    if (level >= w->n_marks) {
        size_t n = level + 16;
        Mark *m = realloc(w->marks, n * sizeof *m);
        if (!m) return NULL;
        w->marks = m;
        w->n_marks = n;
    }
    return &w->marks[level];
}

/* One entry of the walk: named on the command line (level 0: taken whatever its name), or
 * found in a folder (taken by the rules of RsWalkOptions; every path passed over is said, with
 * its reason). fts(3) follows symlinks (FTS_LOGICAL) and finds loops (FTS_DC). */
static RsStatus visit(Walk *w, FTS *fts, FTSENT *e) {
    const RsWalkOptions *o = w->o;
    const char *path = e->fts_path, *name = e->fts_name;
    int named = e->fts_level == FTS_ROOTLEVEL;
    char why[600];
    if (e->fts_info == FTS_DP) { /* leaving a folder */
        Mark *m = &w->marks[e->fts_level];
        if (!named && has_minutes_ext(name) && w->out->n == m->files && w->problems == m->problems)
            skip(w, path, "a folder (named like a minutes file) with no minutes files in it");
        return RS_OK;
    }
    if (e->fts_info == FTS_DNR) { /* entered, then not readable */
        report(w, path, strerror(e->fts_errno));
        return RS_OK;
    }
    const char *pat = named ? NULL : matching(path, o->exclude, o->n_exclude);
    if (pat) {
        snprintf(why, sizeof why, "excluded by --exclude '%s'", pat);
        skip(w, path, why);
        if (e->fts_info == FTS_D) fts_set(fts, e, FTS_SKIP);
        return RS_OK;
    }
    int included = !named && matching(path, o->include, o->n_include);
    if (e->fts_info == FTS_NS || e->fts_info == FTS_SLNONE || e->fts_info == FTS_ERR) {
        int err = e->fts_errno ? e->fts_errno : ENOENT;
        report(w, path, err == ELOOP ? "symlink loop" : strerror(err));
        return RS_OK;
    }
    if (e->fts_info == FTS_DC) {
        report(w, path, "symlink loop (directory already on the path)");
        return RS_OK;
    }
    const struct stat *st = e->fts_statp;
    if (!named && name[0] == '.' && !included) {
        skip(w, path, S_ISDIR(st->st_mode) ? "hidden folder, not walked (--include '.*' walks it)"
                                           : "hidden file (--include '.*' takes it)");
        if (e->fts_info == FTS_D) fts_set(fts, e, FTS_SKIP);
        return RS_OK;
    }
    if (e->fts_info == FTS_D) {
        Mark *m = mark_at(w, (size_t)e->fts_level);
        if (!m) return RS_ERR_NOMEM;
        *m = (Mark){w->out->n, w->problems};
        return RS_OK;
    }
    if (!S_ISREG(st->st_mode)) {
        if (named) report(w, path, kind_of(st->st_mode));
        else skip(w, path, kind_of(st->st_mode));
        return RS_OK;
    }
    size_t nl = strlen(name);
    if (!named && (!strcmp(name, "_meta.json") || (nl > 10 && !strcmp(name + nl - 10, ".meta.json"))))
        return RS_OK; /* a sidecar: read with the file it describes (ingest/meta.h) */
    if (!named && !included && !has_minutes_ext(name)) {
        skip(w, path, "not a .txt, .pdf or .html file (--include takes it)");
        return RS_OK;
    }
    return add_path(w, path);
}

/* Walk one named path (one fts per path: the named paths keep the order they were given in). */
static RsStatus walk_path(Walk *w, const char *path) {
    char *argv[] = {(char *)path, NULL};
    errno = 0;
    FTS *fts = fts_open(argv, FTS_LOGICAL | FTS_NOCHDIR, cmp_names);
    if (!fts) {
        if (errno == ENOMEM) return RS_ERR_NOMEM;
        report(w, path, strerror(errno ? errno : ENOENT)); /* "" */
        return RS_OK;
    }
    RsStatus rc = RS_OK;
    FTSENT *e;
    while (rc == RS_OK && (errno = 0, e = fts_read(fts))) rc = visit(w, fts, e);
    if (rc == RS_OK && errno == ENOMEM) rc = RS_ERR_NOMEM;
    fts_close(fts);
    return rc;
}

RsStatus rs_walk_with(char *const *paths, size_t n_paths, const RsWalkOptions *o, RsFileList *out,
                      size_t *n_problems, size_t *n_skipped, RsError *err) {
    Walk w = {.out = out, .o = o, .seen = g_hash_table_new(g_str_hash, g_str_equal)};
    for (size_t i = 0; i < out->n; i++) g_hash_table_add(w.seen, out->paths[i]);
    RsStatus rc = RS_OK;
    for (size_t i = 0; rc == RS_OK && i < n_paths; i++) rc = walk_path(&w, paths[i]);
    g_hash_table_destroy(w.seen);
    free(w.marks);
    if (n_problems) *n_problems = w.problems;
    if (n_skipped) *n_skipped = w.skipped;
    if (rc != RS_OK) return rs_error_set(err, rc, "out of memory while listing files");
    return RS_OK;
}

RsStatus rs_walk(char *const *paths, size_t n_paths, RsFileList *out,
                 RsWalkProblemFn problem, void *ctx, size_t *n_problems, RsError *err) {
    RsWalkOptions o = {.problem = problem, .ctx = ctx};
    return rs_walk_with(paths, n_paths, &o, out, n_problems, NULL, err);
}

void rs_file_list_free(RsFileList *list) {
    if (!list) return;
    for (size_t i = 0; i < list->n; i++) free(list->paths[i]);
    free(list->paths);
    list->paths = NULL;
    list->n = list->cap = 0;
}

void rs_hash_hex(const void *data, size_t len, char out[17]) {
    snprintf(out, 17, "%016llx", (unsigned long long)rs_fnv1a64(data, len));
}

RsStatus rs_source_name(const char *path, char **out, RsError *err) {
    size_t n = strlen(path);
    RsBuf b = {0};
    RsStatus rc = RS_OK;
    if (rs_utf8_valid(path, n)) {
        rc = rs_buf_append(&b, path, n);
    } else {
        for (size_t i = 0; rc == RS_OK && i < n;) {
            size_t l = path[i] == '%' ? 0 : rs_utf8_char(path + i, n - i, NULL);
            if (l) rc = rs_buf_append(&b, path + i, l);
            else rc = rs_buf_printf(&b, "%%%02X", (unsigned char)path[i]);
            i += l ? l : 1;
        }
    }
    *out = rc == RS_OK ? rs_buf_steal(&b) : NULL;
    rs_buf_free(&b);
    return *out ? RS_OK : rs_error_set(err, RS_ERR_NOMEM, "out of memory");
}

/* "/a/./b/../c//d" → "/a/c/d" in place (s is absolute). */
static void fold_dots(char *s) {
    char *out = s, *p = s;
    while (*p) {
        while (*p == '/') p++;
        char *seg = p;
        while (*p && *p != '/') p++;
        size_t n = (size_t)(p - seg);
        if (n == 0 || (n == 1 && seg[0] == '.')) continue;
        if (n == 2 && seg[0] == '.' && seg[1] == '.') {
            while (out > s && *--out != '/') {}
            continue;
        }
        *out++ = '/';
        memmove(out, seg, n);
        out += n;
    }
    if (out == s) *out++ = '/';
    *out = '\0';
}

RsStatus rs_source_canonical(const char *path, char **out, RsError *err) {
    *out = realpath(path, NULL);
    if (*out) return RS_OK;
    if (errno == ENOMEM) return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    RsBuf b = {0};
    RsStatus rc = RS_OK;
    const char *slash = strrchr(path, '/');
    const char *name = slash ? slash + 1 : path;
    if (*name && strcmp(name, ".") && strcmp(name, "..")) { /* the folder may still be there */
        char *dir = slash ? strndup(path, (size_t)(slash - path) + (slash == path)) : strdup(".");
        char *rdir = dir ? realpath(dir, NULL) : NULL;
        if (rdir) {
            rc = rs_buf_printf(&b, "%s%s%s", rdir, strcmp(rdir, "/") ? "/" : "", name);
            free(rdir);
            free(dir);
            *out = rc == RS_OK ? rs_buf_steal(&b) : NULL;
            rs_buf_free(&b);
            return *out ? RS_OK : rs_error_set(err, RS_ERR_NOMEM, "out of memory");
        }
        free(dir);
    }
    if (path[0] != '/') {
        char *cwd = getcwd(NULL, 0);
        if (!cwd) return rs_error_set(err, RS_ERR_IO, "cannot read the working directory: %s", strerror(errno));
        rc = rs_buf_printf(&b, "%s/", cwd);
        free(cwd);
    }
    if (rc == RS_OK) rc = rs_buf_puts(&b, path);
    *out = rc == RS_OK ? rs_buf_steal(&b) : NULL;
    rs_buf_free(&b);
    if (!*out) return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    fold_dots(*out);
    return RS_OK;
}
