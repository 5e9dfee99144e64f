/* build.c — a whole indexing run (build.h): new index in merged segments, N shards, one writer. */
#include "build.h"

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "analyzer.h"
#include "shards.h"
#include "writelock.h"
#include "xapian_shim.h"

struct RsIndexBuild {
    RsWriteLock *lock;
    char dir[]; /* the index directory, as given */
};

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- what the run tells its caller ---- */

static void note(const RsBuildOptions *o, RsBuildNote kind, const char *path, const char *msg) {
    if (o->note) o->note(o->ctx, kind, path, msg);
}

/* An index error: told through the note callback, and the run's error (the first one) in err. */
static void fail(const RsBuildOptions *o, RsError *err, int *fatal, RsStatus code, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
static void fail(const RsBuildOptions *o, RsError *err, int *fatal, RsStatus code, const char *fmt, ...) {
    char msg[RS_ERROR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    note(o, RS_BUILD_ERROR, NULL, msg);
    if (!*fatal) rs_error_set(err, code ? code : RS_ERR_INTERNAL, "%s", msg);
    *fatal = 1;
}

static void progress(const RsBuildOptions *o, size_t files, uint64_t bytes, size_t items) {
    if (o->progress) o->progress(o->ctx, files, bytes, items);
}

static void phase(const RsBuildOptions *o, const char *what) {
    if (o->phase) o->phase(o->ctx, what);
}

/* ---- totals ---- */

/* Add the counts of `a` to `t`. */
static void totals_add(RsIndexerTotals *t, const RsIndexerTotals *a) {
    if (a->files_converted) /* one encoding named only when every part saw the same one */
        t->converted_from = !t->files_converted ? a->converted_from
                            : t->converted_from && a->converted_from && !strcmp(t->converted_from, a->converted_from)
                                ? t->converted_from : NULL;
    t->files_converted += a->files_converted;
    t->files_indexed += a->files_indexed;
    t->files_unchanged += a->files_unchanged;
    t->files_failed += a->files_failed;
    t->files_whole += a->files_whole;
    t->files_reparsed += a->files_reparsed;
    t->agenda_replaced += a->agenda_replaced;
    t->items_added += a->items_added;
    t->items_removed += a->items_removed;
    t->files_gone += a->files_gone;
    t->items_gone += a->items_gone;
    t->files_lost += a->files_lost;
    t->bytes += a->bytes;
}

/* Nothing of this run is in an index (a new one was not created): say so in the counts too. */
static void totals_not_created(RsIndexerTotals *t) {
    t->files_lost += t->files_indexed;
    t->files_indexed = t->files_whole = t->files_reparsed = t->items_added = t->items_removed = t->agenda_replaced = 0;
}

/* Commit and close ix, adding its totals to *t once the last commit has settled them. Returns
 * the status of the commit (then of the close). */
static RsStatus close_counted(RsIndexer *ix, RsIndexerTotals *t, RsError *err) {
    RsStatus rc = rs_indexer_prune(ix, err); /* files gone from the folders indexed */
    if (rc == RS_OK) rc = rs_indexer_reconcile(ix, NULL, err); /* minutes replace agendas (not in a part) */
    if (rc == RS_OK) rc = rs_indexer_commit(ix, err);
    totals_add(t, rs_indexer_totals(ix));
    RsError e2;
    RsStatus rc2 = rs_indexer_close(ix, rc == RS_OK ? err : &e2);
    return rc != RS_OK ? rc : rc2;
}

/* ---- temporary trees ---- */

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
    (void)st, (void)flag, (void)ftw;
    return remove(path) != 0 && errno != ENOENT;
}

/* Remove a directory tree; errors are ignored (best effort, for our own temporary trees). */
static void rm_tree(const char *path) { nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS); }

/* Remove the temporary trees "<dir>.build-PID" and "<dir>.merge-PID" left by runs that were
 * killed (their PID is gone). */
static void rm_stale(const char *dir) {
    char parent[4200];
    snprintf(parent, sizeof parent, "%s", dir);
    char *slash = strrchr(parent, '/');
    const char *base = slash ? slash + 1 : dir;
    if (slash) *slash = '\0';
    DIR *d = opendir(slash ? (parent[0] ? parent : "/") : ".");
    if (!d) return;
    size_t bl = strlen(base);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strncmp(e->d_name, base, bl) || (strncmp(e->d_name + bl, ".build-", 7) &&
                                              strncmp(e->d_name + bl, ".merge-", 7)))
            continue;
        char *end;
        long pid = strtol(e->d_name + bl + 7, &end, 10);
        if (*end || pid <= 0 || (kill((pid_t)pid, 0) != 0 && errno == ESRCH)) {
            char p[4600];
            snprintf(p, sizeof p, "%s%s%s", slash ? (parent[0] ? parent : "") : "", slash ? "/" : "",
                     e->d_name);
            rm_tree(p);
        }
    }
    closedir(d);
}

/* Whether dir is missing or an empty directory: a new index. */
static int is_new_index(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) return errno == ENOENT;
    struct dirent *e;
    int empty = 1;
    while (empty && (e = readdir(d))) empty = !strcmp(e->d_name, ".") || !strcmp(e->d_name, "..");
    closedir(d);
    return empty;
}

/* ---- the writing threads ---- */

/* The segments of a new index being built: scratch indexes, merged at the end. */
typedef struct {
    pthread_mutex_t lock;
    const char *dir; /* the build directory */
    char **paths;
    size_t n, cap;
} Segments;

/* The path of a new segment in the build directory (owned by s), or NULL when out of memory. */
static const char *new_segment(Segments *s) {
    pthread_mutex_lock(&s->lock);
    const char *p = NULL;
    if (s->n == s->cap) {
        size_t c = s->cap ? s->cap * 2 : 16;
        char **np = realloc(s->paths, c * sizeof *np);
        if (np) s->paths = np, s->cap = c;
    }
    if (s->n < s->cap && (s->paths[s->n] = malloc(strlen(s->dir) + 16))) {
        sprintf(s->paths[s->n], "%s/seg-%04zu", s->dir, s->n);
        p = s->paths[s->n++];
    }
    pthread_mutex_unlock(&s->lock);
    return p;
}

/* A shared queue of file numbers. */
typedef struct {
    pthread_mutex_t lock;
    size_t next;
} Queue;

typedef struct {
    const char *path;
    size_t shard, n_shards;
    const RsFileList *files;
    const RsIndexerOptions *opts;
    const RsBuildOptions *bo; /* the callbacks */
    RsIndexerTotals totals;
    int fatal;
    RsError err;      /* the first index error of the job, when fatal */
    Queue *queue;     /* when set: a shared queue of file numbers instead of the path hash */
    const unsigned char *shard_of; /* else: each file's shard (by its canonical path), computed once */
    Segments *segs;   /* when set: write new segments there instead of `path` ... */
    size_t seg_bytes; /* ... starting the next one after this much text (0: one segment) */
} ShardJob;

/* The next file for job j: from the shared queue, or the next one hashed to its shard. */
static int next_file(ShardJob *j, size_t *i) {
    if (j->queue) {
        pthread_mutex_lock(&j->queue->lock);
        *i = j->queue->next++;
        pthread_mutex_unlock(&j->queue->lock);
        return *i < j->files->n;
    }
    for (; *i < j->files->n; ++*i)
        if (j->shard_of[*i] == j->shard) return 1;
    return 0;
}

/* Each file's shard, by a stable hash of its canonical path (any spelling, one shard), into a
 * malloc'd array; NULL when out of memory. Computed once, before the shards' threads start. */
static unsigned char *shards_of(const RsFileList *files, size_t n_shards) {
    unsigned char *v = malloc(files->n ? files->n : 1);
    for (size_t i = 0; v && i < files->n; i++) {
        char *canon = NULL;
        RsError e;
        if (rs_source_canonical(files->paths[i], &canon, &e) != RS_OK) canon = NULL;
        v[i] = (unsigned char)rs_shard_of(canon ? canon : files->paths[i], n_shards);
        free(canon);
    }
    return v;
}

/* An index error of job j: told, and the job stops. */
static void job_fail(ShardJob *j, const RsError *e) { fail(j->bo, &j->err, &j->fatal, e->code, "%s", e->msg); }

/* One shard's indexer, run in its own thread over the files hashed to it (or taken from a
 * shared queue, for a new index built in segments). */
static void *shard_main(void *arg) {
    ShardJob *j = arg;
    RsError err = {0};
    RsIndexer *ix = NULL;
    /* a thread writing parts one after another analyses with one analyser across them */
    RsIndexerOptions opts = *j->opts;
    if (j->segs && rs_indexer_analyzer_open(&opts.analyzer, &err) != RS_OK) {
        job_fail(j, &err);
        return NULL;
    }
    for (size_t i = 0; !j->fatal && next_file(j, &i); i += !j->queue) {
        if (ix && j->seg_bytes && rs_indexer_totals(ix)->bytes >= j->seg_bytes) {
            if (close_counted(ix, &j->totals, &err) != RS_OK) job_fail(j, &err);
            ix = NULL;
            if (j->fatal) break;
        }
        if (!ix) {
            const char *path = j->segs ? new_segment(j->segs) : j->path;
            if (!path) {
                rs_error_set(&err, RS_ERR_NOMEM, "out of memory");
                job_fail(j, &err);
                break;
            }
            if (rs_indexer_open(path, &opts, &ix, &err) != RS_OK) {
                job_fail(j, &err);
                break;
            }
        }
        RsFileOutcome oc;
        size_t n_items = 0;
        uint64_t before = rs_indexer_totals(ix)->bytes;
        rs_error_clear(&err);
        RsStatus rc = rs_indexer_add_file(ix, j->files->paths[i], &oc, &n_items, &err);
        progress(j->bo, 1, rs_indexer_totals(ix)->bytes - before, n_items);
        if (rc != RS_OK) job_fail(j, &err);
        else if (oc == RS_FILE_FAILED) note(j->bo, RS_BUILD_FILE_FAILED, j->files->paths[i], err.msg);
        else if (oc == RS_FILE_WHOLE) note(j->bo, RS_BUILD_FILE_WHOLE, j->files->paths[i], NULL);
    }
    if (!ix && !j->segs && !j->fatal) { /* a shard with no file still exists, empty */
        if (rs_indexer_open(j->path, &opts, &ix, &err) != RS_OK) job_fail(j, &err);
    }
    if (ix && close_counted(ix, &j->totals, &err) != RS_OK) job_fail(j, &err);
    rs_analyzer_close(opts.analyzer);
    return NULL;
}

/* Run the jobs js[0..n) in threads (in this one when a thread cannot be started) and wait for
 * them; their totals are added to *t and the first job's error is copied to err. Returns
 * whether one failed. */
static int run_jobs(ShardJob *js, size_t n, RsIndexerTotals *t, RsError *err) {
    pthread_t th[RS_MAX_SHARDS];
    int started[RS_MAX_SHARDS];
    for (size_t k = 0; k < n; k++) started[k] = pthread_create(&th[k], NULL, shard_main, &js[k]) == 0;
    for (size_t k = 0; k < n; k++) {
        if (started[k]) pthread_join(th[k], NULL);
        else shard_main(&js[k]);
    }
    int fatal = 0;
    for (size_t k = 0; k < n; k++) {
        if (js[k].fatal && !fatal) *err = js[k].err;
        fatal |= js[k].fatal;
        totals_add(t, &js[k].totals);
    }
    return fatal;
}

/* ---- the three ways of writing ---- */

/* The default number of threads: the cores this process may use (taskset, cgroups), at most 8. */
static size_t default_jobs(void) {
    long jobs = sysconf(_SC_NPROCESSORS_ONLN);
    cpu_set_t cpus;
    if (sched_getaffinity(0, sizeof cpus, &cpus) == 0 && CPU_COUNT(&cpus) > 0) jobs = CPU_COUNT(&cpus);
    if (jobs < 1) jobs = 1;
    if (jobs > 8) jobs = 8;
    return (size_t)jobs;
}

/* The size of group g of a merge level over n > fanin segments, 0 past the last group. When
 * one level can bring n down to fanin, only as many segments as that needs are merged: groups of
 * `fanin` from the first, one smaller group for the rest of the reduction, the others left as
 * they are (49 parts and a fan-in of 48 merge two, not 48 and then the whole index again; a group
 * of one is never copied). Else every segment is in a group of `fanin` (the last smaller; a last
 * one alone stays as it is).
 * This function can't fail. */
static size_t group_size(size_t n, size_t fanin, size_t g) {
    size_t full = (n + fanin - 1) / fanin;
    if (full > fanin) {
        size_t k = g * fanin < n ? n - g * fanin : 0;
        return k < 2 ? 0 : k < fanin ? k : fanin;
    }
    size_t cut = n - fanin, whole = cut / (fanin - 1), rest = cut % (fanin - 1);
    return g < whole ? fanin : g == whole && rest ? rest + 1 : 0;
}

/* One level of a merge with more segments than `fanin`: groups of adjacent segments
 * (group_size) are merged (compacted) into one each, in the build directory, and removed; segs
 * then names the merged ones and those left, in the same order (so the items keep their order,
 * and their docids are those of one merge of all). On failure *fatal is set (err says which
 * merge) and segs names what it did before, with the paths of the segments removed NULL (the
 * build directory is removed whole after a failure). */
static void merge_level(Segments *segs, size_t level, size_t fanin, const RsBuildOptions *o, RsError *err,
                        int *fatal) {
    size_t groups = 0, merged = 0;
    while (group_size(segs->n, fanin, groups)) merged += group_size(segs->n, fanin, groups++);
    size_t left = segs->n - merged;
    char **next = calloc(groups + left, sizeof *next), what[96];
    snprintf(what, sizeof what, "merging %zu parts into %zu", segs->n, groups + left);
    phase(o, what);
    if (!next) fail(o, err, fatal, RS_ERR_NOMEM, "out of memory");
    for (size_t g = 0, from = 0; next && g < groups && !*fatal; g++) {
        size_t k = group_size(segs->n, fanin, g);
        RsError e = {0};
        if (!(next[g] = malloc(strlen(segs->dir) + 48))) {
            fail(o, err, fatal, RS_ERR_NOMEM, "out of memory");
            break;
        }
        sprintf(next[g], "%s/level%zu-%04zu", segs->dir, level, g);
        if (rsx_compact((const char *const *)segs->paths + from, k, next[g], 1, NULL, &e) != RS_OK) {
            fail(o, err, fatal, e.code, "merging %zu parts of the new index: %s", k, e.msg);
            break;
        }
        for (size_t i = from; i < from + k; i++) { /* merged: no longer needed */
            rm_tree(segs->paths[i]);
            free(segs->paths[i]);
            segs->paths[i] = NULL;
        }
        from += k;
    }
    if (*fatal) {
        for (size_t g = 0; next && g < groups; g++) free(next[g]);
        free(next);
        return;
    }
    for (size_t i = 0; i < left; i++) next[groups + i] = segs->paths[merged + i]; /* as they are */
    free(segs->paths);
    segs->paths = next;
    segs->n = segs->cap = groups + left;
}

/* Build the new index dir from `files`: each thread indexes the files it takes from a shared
 * queue into its own temporary segments; the segments are then merged (compacted) into
 * "<dir>.merge-PID", which is renamed to dir: at most RS_BUILD_MERGE_FANIN at once, so more are
 * merged in levels (merge_level). */
static RsStatus build_new(const char *dir, const RsFileList *files, const RsBuildOptions *o, RsBuildTotals *bt,
                          RsError *err) {
    size_t jobs = o->jobs ? o->jobs : default_jobs(), seg_bytes = o->segment_bytes;
    if (jobs > RS_MAX_SHARDS) jobs = RS_MAX_SHARDS;
    if (jobs > files->n) jobs = files->n;
    if (seg_bytes == RS_BUILD_AUTO_SEGMENT) {
        uint64_t total = 0;
        struct stat st;
        for (size_t i = 0; i < files->n; i++)
            if (stat(files->paths[i], &st) == 0) total += (uint64_t)st.st_size;
        seg_bytes = total / RS_BUILD_MERGE_FANIN + 1 > RS_BUILD_MIN_SEGMENT ? (size_t)(total / RS_BUILD_MERGE_FANIN + 1)
                                                                            : RS_BUILD_MIN_SEGMENT;
    }
    char tmp[4300], merged[4300];
    snprintf(tmp, sizeof tmp, "%s.build-%ld", dir, (long)getpid());
    snprintf(merged, sizeof merged, "%s.merge-%ld", dir, (long)getpid());
    rm_stale(dir);
    int fatal = 0;
    if (mkdir(tmp, 0755) != 0) {
        fail(o, err, &fatal, RS_ERR_IO, "cannot create %s: %s", tmp, strerror(errno));
        return err->code;
    }
    bt->mode = RS_BUILD_NEW;
    bt->jobs = jobs;
    ShardJob js[RS_MAX_SHARDS];
    RsIndexerOptions sopts = o->indexer;
    sopts.scratch = 1; /* the merge writes (and syncs) the real index */
    Segments segs = {PTHREAD_MUTEX_INITIALIZER, tmp, NULL, 0, 0};
    Queue queue = {PTHREAD_MUTEX_INITIALIZER, 0};
    for (size_t k = 0; k < jobs; k++)
        js[k] = (ShardJob){NULL, k, jobs, files, &sopts, o, {0}, 0, {0}, &queue, NULL, &segs, seg_bytes};
    RsIndexerTotals *t = &bt->counts;
    fatal = run_jobs(js, jobs, t, err);
    bt->parts = segs.n;
    RsError e = {0};
    size_t fanin = o->merge_fanin > 1 ? o->merge_fanin : RS_BUILD_MERGE_FANIN;
    for (size_t level = 1; !fatal && segs.n > fanin; level++) merge_level(&segs, level, fanin, o, err, &fatal);
    char what[64];
    snprintf(what, sizeof what, "merging %zu part%s", segs.n, segs.n == 1 ? "" : "s");
    phase(o, what);
    if (!fatal && rsx_compact((const char *const *)segs.paths, segs.n, merged, 1, NULL, &e) != RS_OK)
        fail(o, err, &fatal, e.code, "merging the %zu parts of the new index: %s", segs.n, e.msg);
    if (!fatal) { /* minutes replace their meeting's agenda across the parts */
        RsIndexerOptions ro = o->indexer;
        ro.scratch = 0;
        RsIndexer *rix = NULL;
        size_t dropped = 0;
        if (rs_indexer_open(merged, &ro, &rix, &e) != RS_OK || rs_indexer_reconcile(rix, &dropped, &e) != RS_OK ||
            rs_indexer_close(rix, &e) != RS_OK) {
            if (rix) {
                RsError ignore;
                rs_indexer_close(rix, &ignore);
            }
            fail(o, err, &fatal, e.code, "the new index: %s", e.msg);
        }
        t->agenda_replaced += dropped;
    }
    for (size_t k = 0; k < segs.n; k++) free(segs.paths[k]);
    free(segs.paths);
    if (!fatal && rename(merged, dir) != 0) {
        int en = errno;
        fail(o, err, &fatal, RS_ERR_IO, "cannot move the new index into place as %s: %s%s", dir, strerror(en),
             en == ENOTEMPTY || en == EEXIST
                 ? " (another run created it meanwhile; run this command again to update it)"
                 : "");
    }
    rm_tree(tmp);
    if (fatal) {
        rm_tree(merged);
        totals_not_created(t);
    }
    return fatal ? err->code : RS_OK;
}

/* Index `files` into the n_shards shards of dir, one thread per shard. A `fresh` layout is built
 * in "<dir>.build-PID", its stub written last, and renamed to dir (missing or empty): a crash
 * leaves no index, never a stub naming shards that do not exist. */
static RsStatus build_shards(const char *dir, size_t n_shards, int fresh, const RsFileList *files,
                             const RsBuildOptions *o, RsBuildTotals *bt, RsError *err) {
    char paths[RS_MAX_SHARDS][4200], tmp[4300];
    const char *into = dir; /* a new layout is built aside and renamed into place whole */
    int fatal = 0;
    if (fresh) {
        snprintf(tmp, sizeof tmp, "%s.build-%ld", dir, (long)getpid());
        rm_stale(dir);
        if (mkdir(tmp, 0755) != 0) {
            fail(o, err, &fatal, RS_ERR_IO, "cannot create %s: %s", tmp, strerror(errno));
            return err->code;
        }
        into = tmp;
    }
    bt->mode = RS_BUILD_SHARDS;
    bt->shards = n_shards;
    bt->fresh = fresh;
    ShardJob sj[RS_MAX_SHARDS];
    unsigned char *shard_of = shards_of(files, n_shards);
    if (!shard_of) {
        fail(o, err, &fatal, RS_ERR_NOMEM, "out of memory");
        if (fresh) rm_tree(tmp);
        return err->code;
    }
    for (size_t k = 0; k < n_shards; k++) {
        rs_shard_path(into, n_shards, k, paths[k], sizeof paths[k]);
        sj[k] = (ShardJob){paths[k], k, n_shards, files, &o->indexer, o, {0}, 0, {0}, NULL, shard_of, NULL, 0};
    }
    RsIndexerTotals *t = &bt->counts;
    fatal = run_jobs(sj, n_shards, t, err);
    free(shard_of);
    if (fresh) {
        RsError e = {0};
        /* the stub last: until it exists, the directory names no shard */
        if (!fatal && rs_shards_write_stub(tmp, n_shards, &e) != RS_OK) fail(o, err, &fatal, e.code, "%s", e.msg);
        if (!fatal && rename(tmp, dir) != 0)
            fail(o, err, &fatal, RS_ERR_IO, "cannot move the new index into place as %s: %s", dir, strerror(errno));
        if (fatal) {
            rm_tree(tmp);
            totals_not_created(t);
        }
    }
    return fatal ? err->code : RS_OK;
}

/* Add `files` to the index dir (existing, or new with one file) with one writer, in atomic
 * batches. */
static RsStatus build_one(const char *dir, const RsFileList *files, const RsBuildOptions *o, RsBuildTotals *bt,
                          RsError *err) {
    RsError e = {0};
    RsIndexer *ix = NULL;
    int fatal = 0;
    if (rs_indexer_open(dir, &o->indexer, &ix, &e) != RS_OK) {
        fail(o, err, &fatal, e.code, "%s", e.msg);
        return e.code;
    }
    bt->mode = RS_BUILD_ONE_WRITER;
    for (size_t i = 0; i < files->n; i++) {
        RsFileOutcome oc;
        size_t n_items = 0;
        uint64_t before = rs_indexer_totals(ix)->bytes;
        rs_error_clear(&e);
        if (rs_indexer_add_file(ix, files->paths[i], &oc, &n_items, &e) != RS_OK) {
            fail(o, err, &fatal, e.code, "%s", e.msg);
            bt->unread = files->n - i - 1;
            break;
        }
        if (oc == RS_FILE_FAILED) note(o, RS_BUILD_FILE_FAILED, files->paths[i], e.msg);
        else if (oc == RS_FILE_WHOLE) note(o, RS_BUILD_FILE_WHOLE, files->paths[i], NULL);
        progress(o, 1, rs_indexer_totals(ix)->bytes - before, n_items);
    }
    phase(o, "committing");
    if (close_counted(ix, &bt->counts, &e) != RS_OK) {
        /* The index is as it was after the last successful commit. */
        fail(o, err, &fatal, e.code,
             "the last commit failed, so the files of the last batch are not in "
             "the index (re-run the same command once this is fixed): %s", e.msg);
    }
    return fatal ? err->code : RS_OK;
}

/* ---- the API ---- */

RsStatus rs_index_build_begin(const char *dir, RsIndexBuild **out, RsError *err) {
    *out = NULL;
    RsIndexBuild *b = malloc(sizeof *b + strlen(dir) + 1);
    if (!b) return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    strcpy(b->dir, dir);
    RsStatus rc = rs_write_lock(dir, &b->lock, err);
    if (rc != RS_OK) {
        free(b);
        return rc;
    }
    *out = b;
    return RS_OK;
}

RsStatus rs_index_build_run(RsIndexBuild *b, const RsFileList *files, const RsBuildOptions *opts,
                            RsBuildTotals *totals, RsError *err) {
    static const RsBuildOptions none = {0};
    const RsBuildOptions *o = opts ? opts : &none;
    const char *dir = b->dir;
    RsError own = {0}, e = {0};
    if (!err) err = &own; /* the run's error is kept for its status even when the caller wants none */
    rs_error_clear(err);
    *totals = (RsBuildTotals){0};
    double t0 = now_s();
    RsStatus rc;
    size_t n_shards = 1;
    int fresh = 0, fatal = 0;
    if (o->shards > RS_MAX_SHARDS) {
        fail(o, err, &fatal, RS_ERR_USAGE, "%s: at most %d shards", dir, RS_MAX_SHARDS);
        rc = RS_ERR_USAGE;
    } else if (!o->shards && files->n > 1 && is_new_index(dir)) {
        rc = build_new(dir, files, o, totals, err);
    } else if ((rc = rs_shards_layout(dir, o->shards, &n_shards, &fresh, &e)) != RS_OK) {
        fail(o, err, &fatal, e.code, "%s", e.msg);
    } else if (n_shards > 1) {
        rc = build_shards(dir, n_shards, fresh, files, o, totals, err);
    } else {
        rc = build_one(dir, files, o, totals, err);
    }
    totals->seconds = now_s() - t0;
    return rc;
}

void rs_index_build_free(RsIndexBuild *b) {
    if (!b) return;
    rs_write_unlock(b->lock);
    free(b);
}

RsStatus rs_index_build(const char *dir, const RsFileList *files, const RsBuildOptions *opts,
                        RsBuildTotals *totals, RsError *err) {
    RsIndexBuild *b;
    RsStatus rc = rs_index_build_begin(dir, &b, err);
    if (rc != RS_OK) {
        *totals = (RsBuildTotals){0};
        return rc;
    }
    rc = rs_index_build_run(b, files, opts, totals, err);
    rs_index_build_free(b);
    return rc;
}
