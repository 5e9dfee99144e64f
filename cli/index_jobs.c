/* index_jobs.c — the indexing threads of `refsog index`: a new index built in parallel segments
 * and merged, an index of N shards written in parallel, and the run's summary line. */
#include "index_jobs.h"

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "shards.h"
#include "textenc.h"
#include "xapian_shim.h"

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void rs_totals_add(RsIndexerTotals *t, const RsIndexerTotals *a) {
    if (a->files_converted) /* one encoding named only when every part saw the same one */
        t->converted_from = !t->files_converted ? a->converted_from
                            : t->converted_from && a->converted_from && !strcmp(t->converted_from, a->converted_from)
                                ? t->converted_from : NULL;
    t->files_converted += a->files_converted;
    t->files_indexed += a->files_indexed;
    t->files_unchanged += a->files_unchanged;
    t->files_failed += a->files_failed;
    t->files_whole += a->files_whole;
    t->agenda_replaced += a->agenda_replaced;
    t->items_added += a->items_added;
    t->items_removed += a->items_removed;
    t->files_gone += a->files_gone;
    t->items_gone += a->items_gone;
    t->files_lost += a->files_lost;
    t->bytes += a->bytes;
}

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

typedef struct {
    const char *path;
    size_t shard, n_shards;
    const RsFileList *files;
    const RsIndexerOptions *opts;
    RsIndexerTotals totals;
    int fatal;
    size_t *next; /* when set: a shared queue of file numbers instead of the path hash */
    Segments *segs;   /* when set: write new segments there instead of `path` ... */
    size_t seg_bytes; /* ... starting the next one after this much text (0: one segment) */
    RsProgress *prog; /* the live line (NULL: none) */
} ShardJob;

static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;

/* The next file for job j: from the shared queue, or the next one hashed to its shard. */
static int next_file(ShardJob *j, size_t *i) {
    if (j->next) {
        pthread_mutex_lock(&queue_lock);
        *i = (*j->next)++;
        pthread_mutex_unlock(&queue_lock);
        return *i < j->files->n;
    }
    for (; *i < j->files->n; ++*i) { /* by the canonical path: any spelling, one shard */
        char *canon = NULL;
        RsError e;
        if (rs_source_canonical(j->files->paths[*i], &canon, &e) != RS_OK) canon = NULL;
        int mine = rs_shard_of(canon ? canon : j->files->paths[*i], j->n_shards) == j->shard;
        free(canon);
        if (mine) return 1;
    }
    return 0;
}

/* Commit and close ix, adding its totals to *t once the last commit has settled them. */
RsStatus rs_index_close_counted(RsIndexer *ix, RsIndexerTotals *t, RsError *err) {
    RsStatus rc = rs_indexer_prune(ix, err); /* files gone from the folders indexed */
    if (rc == RS_OK) rc = rs_indexer_reconcile(ix, NULL, err); /* minutes replace agendas (not in a part) */
    if (rc == RS_OK) rc = rs_indexer_commit(ix, err);
    rs_totals_add(t, rs_indexer_totals(ix));
    RsError e2;
    RsStatus rc2 = rs_indexer_close(ix, rc == RS_OK ? err : &e2);
    return rc != RS_OK ? rc : rc2;
}

static void shard_say(const char *msg, const char *suffix) { rs_progress_say("%s%s", msg, suffix); }

/* A file that had no agenda structure: it is indexed, as one item, and the user is told. */
void rs_index_say_whole(const char *path) {
    rs_progress_say("%s: indexed as one item (no agenda structure found)", path);
}

/* One shard's indexer, run in its own thread over the files hashed to it (or taken from a
 * shared queue, for a new index built in segments). */
static void *shard_main(void *arg) {
    ShardJob *j = arg;
    RsError err = {0};
    RsIndexer *ix = NULL;
    for (size_t i = 0; !j->fatal && next_file(j, &i); i += !j->next) {
        if (ix && j->seg_bytes && rs_indexer_totals(ix)->bytes >= j->seg_bytes) {
            if (rs_index_close_counted(ix, &j->totals, &err) != RS_OK) shard_say(err.msg, ""), j->fatal = 1;
            ix = NULL;
            if (j->fatal) break;
        }
        if (!ix) {
            const char *path = j->segs ? new_segment(j->segs) : j->path;
            if (!path) {
                shard_say("out of memory", "");
                j->fatal = 1;
                break;
            }
            if (rs_indexer_open(path, j->opts, &ix, &err) != RS_OK) {
                shard_say(err.msg, "");
                j->fatal = 1;
                break;
            }
        }
        RsFileOutcome oc;
        size_t n_items = 0;
        uint64_t before = rs_indexer_totals(ix)->bytes;
        rs_error_clear(&err);
        if (rs_indexer_add_file(ix, j->files->paths[i], &oc, &n_items, &err) != RS_OK) j->fatal = 1;
        rs_progress_add(j->prog, 1, rs_indexer_totals(ix)->bytes - before, n_items);
        if (j->fatal || oc == RS_FILE_FAILED) shard_say(err.msg, j->fatal ? "" : " (skipped)");
        else if (oc == RS_FILE_WHOLE) rs_index_say_whole(j->files->paths[i]);
    }
    if (!ix && !j->segs && !j->fatal) { /* a shard with no file still exists, empty */
        if (rs_indexer_open(j->path, j->opts, &ix, &err) != RS_OK) shard_say(err.msg, ""), j->fatal = 1;
    }
    if (ix && rs_index_close_counted(ix, &j->totals, &err) != RS_OK) shard_say(err.msg, ""), j->fatal = 1;
    return NULL;
}

static const char *plural(size_t n, const char *one, const char *many) { return n == 1 ? one : many; }

/* The one summary line of an indexing run; `tail` says how DIR was written (may be ""). */
void rs_index_summary(const RsIndexerTotals *t, const RsWalkTally *wt, double el, const char *dir,
                          const char *tail) {
    char whole[160] = "", lost[96] = "", skipped[64] = "", agenda[96] = "", notes[150] = "", gone[96] = "";
    if (t->agenda_replaced)
        snprintf(agenda, sizeof agenda, " (%zu agenda %s replaced by minutes)", t->agenda_replaced,
                 plural(t->agenda_replaced, "item", "items"));
    if (t->files_gone)
        snprintf(gone, sizeof gone, ", %zu removed (file gone: %zu %s)", t->items_gone, t->files_gone,
                 plural(t->files_gone, "file", "files"));
    if (wt->skipped) snprintf(skipped, sizeof skipped, ", %zu skipped (named above)", wt->skipped);
    /* "(1 as one item, 2 converted from Windows-1252)"; no conversion is counted when the run's
     * index was not created (files_indexed is 0 then) */
    if (t->files_whole) snprintf(notes, sizeof notes, "%zu as one item", t->files_whole);
    if (t->files_converted && t->files_indexed)
        snprintf(notes + strlen(notes), sizeof notes - strlen(notes), "%s%zu converted %s%s", notes[0] ? ", " : "",
                 t->files_converted, t->converted_from ? "from " : "to UTF-8",
                 t->converted_from ? rs_text_encoding_title(t->converted_from) : "");
    if (notes[0]) snprintf(whole, sizeof whole, " (%s)", notes);
    if (t->files_lost)
        snprintf(lost, sizeof lost, ", %zu NOT in the index (index error)", t->files_lost);
    printf("%zu %s indexed%s, %zu unchanged, %zu failed%s%s; %zu %s added, %zu removed%s%s; "
           "%.1f MB in %.2fs (%.1f MB/s) → %s%s\n",
           t->files_indexed, plural(t->files_indexed, "file", "files"), whole, t->files_unchanged,
           t->files_failed + wt->problems, skipped, lost, t->items_added, plural(t->items_added, "item", "items"),
           t->items_removed, agenda, gone, (double)t->bytes / 1e6, el, el > 0 ? (double)t->bytes / 1e6 / el : 0.0,
           dir, tail);
}

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

/* Build a new index with `jobs` threads: each indexes the files it takes from a shared queue
 * into its own temporary shard; the shards are then merged (compacted) into "<dir>.merge-PID",
 * which is renamed to dir. A crash leaves dir as it was (missing or empty); the temporary trees
 * are removed by the next run. Returns the exit status. */
int rs_index_new_parallel(const char *dir, size_t jobs, size_t seg_bytes,
                              const RsFileList *files, const RsIndexerOptions *opts, int quiet,
                              const RsWalkTally *wt, RsProgress *prog) {
    double t0 = now_s();
    char tmp[4300], merged[4300];
    snprintf(tmp, sizeof tmp, "%s.build-%ld", dir, (long)getpid());
    snprintf(merged, sizeof merged, "%s.merge-%ld", dir, (long)getpid());
    rm_stale(dir);
    if (mkdir(tmp, 0755) != 0) {
        rs_progress_stop(prog);
        fprintf(stderr, "refsog: cannot create %s: %s\n", tmp, strerror(errno));
        return 1;
    }
    ShardJob js[RS_MAX_SHARDS];
    pthread_t th[RS_MAX_SHARDS];
    size_t next = 0;
    RsIndexerOptions sopts = *opts;
    sopts.scratch = 1; /* the merge writes (and syncs) the real index */
    Segments segs = {PTHREAD_MUTEX_INITIALIZER, tmp, NULL, 0, 0};
    for (size_t k = 0; k < jobs; k++) {
        js[k] = (ShardJob){NULL, k, jobs, files, &sopts, {0}, 0, &next, &segs, seg_bytes, prog};
        pthread_create(&th[k], NULL, shard_main, &js[k]);
    }
    RsIndexerTotals t = {0};
    int fatal = 0;
    for (size_t k = 0; k < jobs; k++) {
        pthread_join(th[k], NULL);
        fatal |= js[k].fatal;
        rs_totals_add(&t, &js[k].totals);
    }
    RsError err = {0};
    char phase[64];
    snprintf(phase, sizeof phase, "merging %zu part%s", segs.n, segs.n == 1 ? "" : "s");
    rs_progress_phase(prog, phase);
    if (!fatal && rsx_compact((const char *const *)segs.paths, segs.n, merged, &err) != RS_OK) {
        fprintf(stderr, "refsog: merging the %zu parts of the new index: %s\n", segs.n, err.msg);
        fatal = 1;
    }
    if (!fatal) { /* minutes replace their meeting's agenda across the parts */
        RsIndexerOptions ro = *opts;
        ro.scratch = 0;
        RsIndexer *rix = NULL;
        size_t dropped = 0;
        if (rs_indexer_open(merged, &ro, &rix, &err) != RS_OK || rs_indexer_reconcile(rix, &dropped, &err) != RS_OK ||
            rs_indexer_close(rix, &err) != RS_OK) {
            if (rix) {
                RsError ignore;
                rs_indexer_close(rix, &ignore);
            }
            fprintf(stderr, "refsog: the new index: %s\n", err.msg);
            fatal = 1;
        }
        t.agenda_replaced += dropped;
    }
    size_t parts = segs.n;
    for (size_t k = 0; k < segs.n; k++) free(segs.paths[k]);
    free(segs.paths);
    if (!fatal && rename(merged, dir) != 0) {
        fprintf(stderr, "refsog: cannot move the new index into place as %s: %s%s\n", dir,
                strerror(errno),
                errno == ENOTEMPTY || errno == EEXIST
                    ? " (another run created it meanwhile; run this command again to update it)"
                    : "");
        fatal = 1;
    }
    rm_tree(tmp);
    rs_progress_stop(prog);
    if (fatal) { /* nothing of this run is in an index: say so in the counts too */
        rm_tree(merged);
        t.files_lost += t.files_indexed;
        t.files_indexed = t.files_whole = t.items_added = t.items_removed = t.agenda_replaced = 0;
    }
    double el = now_s() - t0;
    if (!quiet) {
        char tail[96];
        snprintf(tail, sizeof tail, " (%zu job%s, %zu part%s merged)%s", jobs, jobs == 1 ? "" : "s",
                 parts, parts == 1 ? "" : "s", fatal ? " (NOT created)" : "");
        rs_index_summary(&t, wt, el, dir, tail);
    }
    return fatal ? 1 : (t.files_failed || wt->problems) ? 1 : 0;
}

int rs_index_shards(const char *dir, size_t n_shards, int fresh, const RsFileList *files,
                    const RsIndexerOptions *opts, int quiet, const RsWalkTally *wt, RsProgress *prog) {
    double t0 = now_s();
    ShardJob sj[RS_MAX_SHARDS];
    pthread_t th[RS_MAX_SHARDS];
    char paths[RS_MAX_SHARDS][4200], tmp[4300];
    const char *into = dir; /* a new layout is built aside and renamed into place whole */
    if (fresh) {
        snprintf(tmp, sizeof tmp, "%s.build-%ld", dir, (long)getpid());
        rm_stale(dir);
        if (mkdir(tmp, 0755) != 0) {
            rs_progress_stop(prog);
            fprintf(stderr, "refsog: cannot create %s: %s\n", tmp, strerror(errno));
            return 1;
        }
        into = tmp;
    }
    for (size_t k = 0; k < n_shards; k++) {
        rs_shard_path(into, n_shards, k, paths[k], sizeof paths[k]);
        sj[k] = (ShardJob){paths[k], k, n_shards, files, opts, {0}, 0, NULL, NULL, 0, prog};
        pthread_create(&th[k], NULL, shard_main, &sj[k]);
    }
    RsIndexerTotals t = {0};
    int fatal = 0;
    for (size_t k = 0; k < n_shards; k++) {
        pthread_join(th[k], NULL);
        fatal |= sj[k].fatal;
        rs_totals_add(&t, &sj[k].totals);
    }
    rs_progress_stop(prog);
    if (fresh) {
        RsError err = {0};
        /* the stub last: until it exists, the directory names no shard */
        if (!fatal && rs_shards_write_stub(tmp, n_shards, &err) != RS_OK) {
            fprintf(stderr, "refsog: %s\n", err.msg);
            fatal = 1;
        }
        if (!fatal && rename(tmp, dir) != 0) {
            fprintf(stderr, "refsog: cannot move the new index into place as %s: %s\n", dir, strerror(errno));
            fatal = 1;
        }
        if (fatal) {
            rm_tree(tmp);
            t.files_lost += t.files_indexed;
            t.files_indexed = t.files_whole = t.items_added = t.items_removed = t.agenda_replaced = 0;
        }
    }
    if (!quiet) {
        char tail[64];
        snprintf(tail, sizeof tail, " (%zu shards)%s", n_shards, fresh && fatal ? " (NOT created)" : "");
        rs_index_summary(&t, wt, now_s() - t0, dir, tail);
    }
    return fatal ? 1 : (t.files_failed || wt->problems) ? 1 : 0;
}
