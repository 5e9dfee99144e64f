/* cmd_index.c — `refsog index`: walk the given paths and index every minutes file. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <ftw.h>
#include <sys/file.h>
#include <getopt.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "commands.h"
#include "indexer.h"
#include "shards.h"
#include "xapian_shim.h"
#include "walk.h"

#define DEFAULT_INDEX "refsog-index"
#define RS_STR_(x) #x
#define RS_STR(x) RS_STR_(x)
/* A new index is written as segments, merged at the end: a small index takes new documents
 * faster than a big one (Xapian's B-tree updates grow with it; measured on 100,000 generated
 * items with 2 jobs: one segment per job 102-117 s, 24 MiB segments 92 s, 8 MiB 79 s, 2 MiB
 * 74 s). By default the text is cut into at most MAX_SEGMENTS segments of at least MIN_SEGMENT
 * bytes: the merge opens every segment at once. */
#define AUTO_SEGMENT ((size_t)-1)
#define MIN_SEGMENT (2u << 20)
#define MAX_SEGMENTS 48

static void usage(FILE *out) {
    fprintf(out,
            "usage: refsog index [--index DIR] [--municipality NAME] [--jobs N] [--shards N]\n"
            "                    [--batch-bytes N] [--segment-bytes N] [--quiet] PATH...\n"
            "\n"
            "Index minutes files (.txt, .pdf) and directories (recursively) into DIR\n"
            "(default ./" DEFAULT_INDEX "). Unchanged files are skipped, changed files\n"
            "replace their items. A bad file is named with its reason and skipped; a file\n"
            "with no agenda structure is indexed as one item, and said.\n"
            "--municipality NAME is the municipality of files whose text and folders name\n"
            "none ('<Navn> Kommune' in the text wins, then a folder named after one).\n"
            "A new index is built by --jobs N threads (default: the cores this process may\n"
            "use, at most 8) into temporary shards that are then merged, compacted, into DIR and\n"
            "renamed into place: until then DIR does not exist (or stays empty). Each thread\n"
            "starts a new temporary shard after --segment-bytes N of text (default: the\n"
            "text in at most 48 parts of at least 2 MiB; 0: one per thread). Adding to an\n"
            "existing index is done by one writer, in atomic batches.\n"
            "--shards N writes N shards in parallel (files assigned by a stable hash of\n"
            "their path); DIR then opens as all its shards (`refsog compact` merges them).\n"
            "--batch-bytes N commits after N bytes of text (default 2 MiB); each commit is\n"
            "atomic, so an interrupted run loses at most the batch in progress.\n"
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

/* One shard's indexer, run in its own thread over the files hashed to it. */
static void add_totals(RsIndexerTotals *t, const RsIndexerTotals *a) {
    t->files_indexed += a->files_indexed;
    t->files_unchanged += a->files_unchanged;
    t->files_failed += a->files_failed;
    t->files_whole += a->files_whole;
    t->items_added += a->items_added;
    t->items_removed += a->items_removed;
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
} ShardJob;

static pthread_mutex_t print_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;

/* The next file for job j: from the shared queue, or the next one hashed to its shard. */
static int next_file(ShardJob *j, size_t *i) {
    if (j->next) {
        pthread_mutex_lock(&queue_lock);
        *i = (*j->next)++;
        pthread_mutex_unlock(&queue_lock);
        return *i < j->files->n;
    }
    for (; *i < j->files->n; ++*i)
        if (rs_shard_of(j->files->paths[*i], j->n_shards) == j->shard) return 1;
    return 0;
}

/* Commit and close ix, adding its totals to *t once the last commit has settled them. */
static RsStatus close_counted(RsIndexer *ix, RsIndexerTotals *t, RsError *err) {
    RsStatus rc = rs_indexer_commit(ix, err);
    add_totals(t, rs_indexer_totals(ix));
    RsError e2;
    RsStatus rc2 = rs_indexer_close(ix, rc == RS_OK ? err : &e2);
    return rc != RS_OK ? rc : rc2;
}

static void shard_say(const char *msg, const char *suffix) {
    pthread_mutex_lock(&print_lock);
    fprintf(stderr, "refsog: %s%s\n", msg, suffix);
    pthread_mutex_unlock(&print_lock);
}

/* A file that had no agenda structure: it is indexed, as one item, and the user is told. */
static void whole_say(const char *path) {
    pthread_mutex_lock(&print_lock);
    fprintf(stderr, "refsog: %s: indexed as one item (no agenda structure found)\n", path);
    pthread_mutex_unlock(&print_lock);
}

static void *shard_main(void *arg) {
    ShardJob *j = arg;
    RsError err = {0};
    RsIndexer *ix = NULL;
    for (size_t i = 0; !j->fatal && next_file(j, &i); i += !j->next) {
        if (ix && j->seg_bytes && rs_indexer_totals(ix)->bytes >= j->seg_bytes) {
            if (close_counted(ix, &j->totals, &err) != RS_OK) shard_say(err.msg, ""), j->fatal = 1;
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
        size_t n_items;
        rs_error_clear(&err);
        if (rs_indexer_add_file(ix, j->files->paths[i], &oc, &n_items, &err) != RS_OK) j->fatal = 1;
        if (j->fatal || oc == RS_FILE_FAILED) shard_say(err.msg, j->fatal ? "" : " (skipped)");
        else if (oc == RS_FILE_WHOLE) whole_say(j->files->paths[i]);
    }
    if (!ix && !j->segs && !j->fatal) { /* a shard with no file still exists, empty */
        if (rs_indexer_open(j->path, j->opts, &ix, &err) != RS_OK) shard_say(err.msg, ""), j->fatal = 1;
    }
    if (ix && close_counted(ix, &j->totals, &err) != RS_OK) shard_say(err.msg, ""), j->fatal = 1;
    return NULL;
}

/* The one summary line of an indexing run; `tail` says how DIR was written (may be ""). */
static void print_summary(const RsIndexerTotals *t, size_t problems, double el, const char *dir,
                          const char *tail) {
    char whole[64] = "", lost[96] = "";
    if (t->files_whole) snprintf(whole, sizeof whole, " (%zu as one item)", t->files_whole);
    if (t->files_lost)
        snprintf(lost, sizeof lost, ", %zu NOT in the index (index error)", t->files_lost);
    printf("%zu files indexed%s, %zu unchanged, %zu failed%s; %zu items added, %zu removed; "
           "%.1f MB in %.2fs (%.1f MB/s) → %s%s\n",
           t->files_indexed, whole, t->files_unchanged, t->files_failed + problems, lost, t->items_added,
           t->items_removed, (double)t->bytes / 1e6, el, el > 0 ? (double)t->bytes / 1e6 / el : 0.0,
           dir, tail);
}

/* A whole-number option value in [lo, hi] into *out; 0, or 2 after naming the problem. */
static int number_arg(const char *arg, long long lo, long long hi, const char *problem, long long *out) {
    char *end;
    errno = 0;
    long long v = strtoll(arg, &end, 10);
    if (end == arg || *end || errno || v < lo || v > hi) {
        fprintf(stderr, "refsog: %s\n", problem);
        return 2;
    }
    *out = v;
    return 0;
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


/* Build a new index with `jobs` threads: each indexes the files it takes from a shared queue
 * into its own temporary shard; the shards are then merged (compacted) into "<dir>.merge-PID",
 * which is renamed to dir. A crash leaves dir as it was (missing or empty); the temporary trees
 * are removed by the next run. Returns the exit status. */
static int index_new_parallel(const char *dir, size_t jobs, size_t seg_bytes,
                              const RsFileList *files, const RsIndexerOptions *opts, int quiet,
                              size_t problems) {
    double t0 = now_s();
    char tmp[4300], merged[4300];
    snprintf(tmp, sizeof tmp, "%s.build-%ld", dir, (long)getpid());
    snprintf(merged, sizeof merged, "%s.merge-%ld", dir, (long)getpid());
    rm_stale(dir);
    if (mkdir(tmp, 0755) != 0) {
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
        js[k] = (ShardJob){NULL, k, jobs, files, &sopts, {0}, 0, &next, &segs, seg_bytes};
        pthread_create(&th[k], NULL, shard_main, &js[k]);
    }
    RsIndexerTotals t = {0};
    int fatal = 0;
    for (size_t k = 0; k < jobs; k++) {
        pthread_join(th[k], NULL);
        fatal |= js[k].fatal;
        add_totals(&t, &js[k].totals);
    }
    RsError err = {0};
    if (!fatal && rsx_compact((const char *const *)segs.paths, segs.n, merged, &err) != RS_OK) {
        fprintf(stderr, "refsog: merging the %zu parts of the new index: %s\n", segs.n, err.msg);
        fatal = 1;
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
    if (fatal) { /* nothing of this run is in an index: say so in the counts too */
        rm_tree(merged);
        t.files_lost += t.files_indexed;
        t.files_indexed = t.files_whole = t.items_added = t.items_removed = 0;
    }
    double el = now_s() - t0;
    if (!quiet) {
        char tail[96];
        snprintf(tail, sizeof tail, " (%zu job%s, %zu part%s merged)%s", jobs, jobs == 1 ? "" : "s",
                 parts, parts == 1 ? "" : "s", fatal ? " (NOT created)" : "");
        print_summary(&t, problems, el, dir, tail);
    }
    return fatal ? 1 : (t.files_failed || problems) ? 1 : 0;
}

int rs_cmd_index(int argc, char **argv) {
    const char *dir = DEFAULT_INDEX;
    RsIndexerOptions opts = {0};
    int quiet = 0;
    long want_shards = 0, jobs = sysconf(_SC_NPROCESSORS_ONLN);
    cpu_set_t cpus; /* the cores this process may run on (taskset, cgroups) */
    if (sched_getaffinity(0, sizeof cpus, &cpus) == 0 && CPU_COUNT(&cpus) > 0) jobs = CPU_COUNT(&cpus);
    size_t seg_bytes = AUTO_SEGMENT;
    if (jobs < 1) jobs = 1;
    if (jobs > 8) jobs = 8;
    static const struct option longopts[] = {
        {"index", required_argument, NULL, 'i'},
        {"jobs", required_argument, NULL, 'j'},
        {"segment-bytes", required_argument, NULL, 'g'},
        {"municipality", required_argument, NULL, 'm'},
        {"shards", required_argument, NULL, 's'},
        {"batch-bytes", required_argument, NULL, 'b'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int c;
    long long v;
    optind = 1;
    while ((c = getopt_long(argc, argv, "i:j:g:m:s:b:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'i': dir = optarg; break;
        case 'g':
            if (number_arg(optarg, 0, LLONG_MAX, "--segment-bytes takes a number (0: no limit)", &v)) return 2;
            seg_bytes = (size_t)v;
            break;
        case 'j':
            if (number_arg(optarg, 1, RS_MAX_SHARDS, "--jobs takes 1 to " RS_STR(RS_MAX_SHARDS), &v)) return 2;
            jobs = (long)v;
            break;
        case 'm': opts.municipality = optarg; break;
        case 'b':
            if (number_arg(optarg, 1, LLONG_MAX, "--batch-bytes takes a positive number", &v)) return 2;
            opts.batch_bytes = (size_t)v;
            break;
        case 's':
            if (number_arg(optarg, 1, RS_MAX_SHARDS, "--shards takes 1 to " RS_STR(RS_MAX_SHARDS), &v)) return 2;
            want_shards = (long)v;
            break;
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
    if (!want_shards && files.n > 1 && is_new_index(dir)) {
        /* Xapian's own lock cannot guard an index that does not exist yet: a lock file
         * beside it keeps a second writer out while this one builds it */
        char lockpath[4300];
        snprintf(lockpath, sizeof lockpath, "%s.lock-build", dir);
        int lfd = open(lockpath, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (lfd < 0 || flock(lfd, LOCK_EX | LOCK_NB) != 0) {
            int busy = lfd >= 0 && errno == EWOULDBLOCK;
            fprintf(stderr, "refsog: %s: %s\n", dir,
                    busy ? "the index is locked by another writer (it is being built)"
                         : strerror(errno));
            if (lfd >= 0) close(lfd);
            rs_file_list_free(&files);
            return 1;
        }
        int rc = -1;
        if (seg_bytes == AUTO_SEGMENT) {
            unsigned long long total = 0;
            struct stat st;
            for (size_t i = 0; i < files.n; i++)
                if (stat(files.paths[i], &st) == 0) total += (unsigned long long)st.st_size;
            seg_bytes = total / MAX_SEGMENTS + 1 > MIN_SEGMENT ? (size_t)(total / MAX_SEGMENTS + 1) : MIN_SEGMENT;
        }
        if (is_new_index(dir)) /* still new now that we hold the lock */
            rc = index_new_parallel(dir, (size_t)jobs < files.n ? (size_t)jobs : files.n, seg_bytes, &files,
                                    &opts, quiet, problems);
        unlink(lockpath);
        close(lfd);
        if (rc >= 0) {
            rs_file_list_free(&files);
            return rc;
        }
    }
    size_t n_shards = 1;
    if (rs_shards_layout(dir, (size_t)want_shards, &n_shards, &err) != RS_OK) {
        fprintf(stderr, "refsog: %s\n", err.msg);
        rs_file_list_free(&files);
        return err.code == RS_ERR_USAGE ? 2 : 1;
    }
    if (n_shards > 1) {
        double t0 = now_s();
        ShardJob sj[RS_MAX_SHARDS];
        pthread_t th[RS_MAX_SHARDS];
        char paths[RS_MAX_SHARDS][4200];
        for (size_t k = 0; k < n_shards; k++) {
            rs_shard_path(dir, n_shards, k, paths[k], sizeof paths[k]);
            sj[k] = (ShardJob){paths[k], k, n_shards, &files, &opts, {0}, 0, NULL, NULL, 0};
            pthread_create(&th[k], NULL, shard_main, &sj[k]);
        }
        RsIndexerTotals t = {0};
        int fatal = 0;
        for (size_t k = 0; k < n_shards; k++) {
            pthread_join(th[k], NULL);
            fatal |= sj[k].fatal;
            add_totals(&t, &sj[k].totals);
        }
        if (!quiet) {
            char tail[32];
            snprintf(tail, sizeof tail, " (%zu shards)", n_shards);
            print_summary(&t, problems, now_s() - t0, dir, tail);
        }
        rs_file_list_free(&files);
        return fatal ? 1 : (t.files_failed || problems) ? 1 : 0;
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
    size_t unread = 0;
    for (size_t i = 0; i < files.n; i++) {
        RsFileOutcome oc;
        size_t n_items = 0;
        rs_error_clear(&err);
        if (rs_indexer_add_file(ix, files.paths[i], &oc, &n_items, &err) != RS_OK) {
            if (tty) fputc('\n', stderr);
            fprintf(stderr, "refsog: %s\n", err.msg);
            fatal = 1;
            unread = files.n - i - 1;
            break;
        }
        if (oc == RS_FILE_FAILED) {
            if (tty) fputc('\n', stderr);
            fprintf(stderr, "refsog: %s (skipped)\n", err.msg);
        } else if (oc == RS_FILE_WHOLE && !quiet) {
            if (tty) fputc('\n', stderr);
            whole_say(files.paths[i]);
        }
        if (tty) progress(i + 1, files.n, rs_indexer_totals(ix), t0);
    }
    if (tty) fputc('\n', stderr);
    RsIndexerTotals t = {0};
    if (close_counted(ix, &t, &err) != RS_OK) {
        /* The index is as it was after the last successful commit. */
        fprintf(stderr, "refsog: the last commit failed, so the files of the last batch are not in "
                        "the index (re-run the same command once this is fixed): %s\n", err.msg);
        fatal = 1;
    }
    double el = now_s() - t0;
    char tail[96] = "";
    if (fatal && unread)
        snprintf(tail, sizeof tail, " (stopped by an index error; %zu file%s not read)", unread,
                 unread == 1 ? "" : "s");
    if (!quiet) print_summary(&t, problems, el, dir, tail);
    rs_file_list_free(&files);
    if (fatal) return 1;
    return (t.files_failed || problems) ? 1 : 0;
}
