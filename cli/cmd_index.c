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

#include "args.h"
#include "commands.h"
#include "index_jobs.h"
#include "indexer.h"
#include "progress.h"
#include "shards.h"
#include "source.h"
#include "xapian_shim.h"
#include "walk.h"
#include "writelock.h"

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
            "                    [--batch-bytes N] [--segment-bytes N] [--include PATTERN]...\n"
            "                    [--exclude PATTERN]... [--pdf-pages N] [--pdf-seconds N]\n"
            "                    [--pdf-text-bytes N] [--keep-missing] [--quiet] PATH...\n"
            "\n"
            "Index minutes files (.txt, .pdf, .html) and directories (recursively) into DIR\n"
            "(default ./" DEFAULT_INDEX "). Unchanged files are skipped, changed files\n"
            "replace their items. A file is known by its real path, so any spelling of it\n"
            "(relative, absolute, through a symlink) is the same file. A folder given is\n"
            "mirrored: the items of files gone from it are removed (\"removed (file gone)\"\n"
            "in the summary) unless --keep-missing. A bad file is named with its reason and\n"
            "skipped; a file with no agenda structure is indexed as one item, and said.\n"
            "A sidecar NAME.meta.json (or a folder's _meta.json) gives a file's official\n"
            "url, municipality, committee, date, kind and attachments (docs/minutes-format.md);\n"
            "a bad sidecar or a missing attachment is named and the file still indexed.\n"
            "Minutes replace the agenda of the same meeting (municipality, committee, date).\n"
            "In directories, other files (hidden ones, other extensions, FIFOs, devices) are\n"
            "passed over, each named with its reason (not a failure). --include PATTERN takes\n"
            "files (and hidden folders) whose name matches it, --exclude PATTERN passes over\n"
            "files and folders whose name matches it (fnmatch globs; a pattern with a '/' is\n"
            "matched against the whole path; exclude wins; both repeatable). Named files are\n"
            "always taken.\n"
            "Each PDF is read by a helper process, within --pdf-pages N (default 2000),\n"
            "--pdf-seconds N of CPU (default 20) and --pdf-text-bytes N of text (default\n"
            "64 MiB): over any of them the file is named with the reason and skipped.\n"
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
            "One writer at a time (index, delete, compact): DIR.lock beside DIR is held\n"
            "while one runs; another gets 'locked by another writer' and exit status 1.\n"
            "On a terminal a progress line shows files, items, MB/s and the time left;\n"
            "--quiet prints only problems.\n"
            "Exit status: 0 every file indexed or unchanged, 1 some file failed, 2 usage.\n");
}

static void on_problem(void *ctx, const char *path, const char *reason) {
    (void)ctx;
    rs_progress_say("%s: %s (skipped)", path, reason);
}

/* A file the walk found that is another file's attachment: named, indexed with that file. */
static void on_note(void *ctx, const char *path, const char *reason) {
    (void)ctx;
    rs_progress_say("%s: %s", path, reason);
}

/* A sidecar or attachment problem (from any indexing thread): named, the file goes on. */
static void on_warn(void *ctx, const char *msg) {
    (void)ctx;
    rs_progress_say("%s", msg);
}

/* A path the walk passed over on purpose: named, not a failure. */
static void on_skip(void *ctx, const char *path, const char *reason) {
    (void)ctx;
    rs_progress_say("skipped %s: %s", path, reason);
}

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
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



/* Add `files` to the index dir (existing, or new with one file) with one writer, in atomic
 * batches. Returns the exit status. */
static int one_writer(const char *dir, const RsFileList *files, const RsIndexerOptions *opts, int quiet,
                      const RsWalkTally *wt, RsProgress *prog) {
    RsError err = {0};
    RsIndexer *ix = NULL;
    if (rs_indexer_open(dir, opts, &ix, &err) != RS_OK) {
        rs_progress_say("%s", err.msg);
        return 1;
    }
    double t0 = now_s();
    int fatal = 0;
    size_t unread = 0;
    for (size_t i = 0; i < files->n; i++) {
        RsFileOutcome oc;
        size_t n_items = 0;
        uint64_t before = rs_indexer_totals(ix)->bytes;
        rs_error_clear(&err);
        if (rs_indexer_add_file(ix, files->paths[i], &oc, &n_items, &err) != RS_OK) {
            rs_progress_say("%s", err.msg);
            fatal = 1;
            unread = files->n - i - 1;
            break;
        }
        if (oc == RS_FILE_FAILED) rs_progress_say("%s (skipped)", err.msg);
        else if (oc == RS_FILE_WHOLE && !quiet) rs_index_say_whole(files->paths[i]);
        rs_progress_add(prog, 1, rs_indexer_totals(ix)->bytes - before, n_items);
    }
    RsIndexerTotals t = {0};
    rs_progress_phase(prog, "committing");
    if (rs_index_close_counted(ix, &t, &err) != RS_OK) {
        /* The index is as it was after the last successful commit. */
        rs_progress_say("the last commit failed, so the files of the last batch are not in "
                        "the index (re-run the same command once this is fixed): %s", err.msg);
        fatal = 1;
    }
    rs_progress_stop(prog);
    double el = now_s() - t0;
    char tail[96] = "";
    if (fatal && unread)
        snprintf(tail, sizeof tail, " (stopped by an index error; %zu file%s not read)", unread,
                 unread == 1 ? "" : "s");
    if (!quiet) rs_index_summary(&t, wt, el, dir, tail);
    if (fatal) return 1;
    return (t.files_failed || wt->problems) ? 1 : 0;
}

/* What `refsog index` was asked to do. */
typedef struct {
    const char *dir;
    RsIndexerOptions opts;
    int quiet;
    long want_shards, jobs;
    size_t seg_bytes;
    char **include, **exclude; /* --include / --exclude patterns */
    size_t n_include, n_exclude;
    int keep_missing;          /* --keep-missing: keep the items of files gone from the folders */
} Run;

/* Walk `paths` and index what they hold into r->dir: a new index in parallel, N shards, or one
 * writer. The caller holds the writer lock. Returns the exit status. */
static int run(const Run *r, char *const *paths, size_t n_paths) {
    const char *dir = r->dir;
    RsError err = {0};
    RsFileList files = {0};
    RsWalkTally wt = {0, 0};
    RsWalkOptions wo = {(const char *const *)r->include, r->n_include, (const char *const *)r->exclude,
                        r->n_exclude, on_problem, r->quiet ? NULL : on_skip, NULL};
    if (rs_walk_with(paths, n_paths, &wo, &files, &wt.problems, &wt.skipped, &err) != RS_OK ||
        rs_sources_drop_attachments(&files, r->quiet ? NULL : on_note, NULL, &err) != RS_OK) {
        fprintf(stderr, "refsog: %s\n", err.msg);
        rs_file_list_free(&files);
        return 1;
    }
    uint64_t total = 0;
    struct stat st;
    for (size_t i = 0; i < files.n; i++)
        if (stat(files.paths[i], &st) == 0) total += (uint64_t)st.st_size;
    /* the folders given are mirrored: files gone from them leave the index */
    RsIndexerOptions opts = r->opts;
    char **folders = calloc(n_paths ? n_paths : 1, sizeof *folders);
    if (!folders) {
        fprintf(stderr, "refsog: out of memory\n");
        rs_file_list_free(&files);
        return 1;
    }
    for (size_t i = 0; i < n_paths && !r->keep_missing; i++)
        if (stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode)) folders[opts.n_mirror_folders++] = paths[i];
    opts.mirror_folders = folders;
    int live = !r->quiet && isatty(STDERR_FILENO), rc;
    size_t n_shards = 1;
    int fresh = 0;
    if (!r->want_shards && files.n > 1 && is_new_index(dir)) {
        size_t seg_bytes = r->seg_bytes;
        if (seg_bytes == AUTO_SEGMENT)
            seg_bytes = total / MAX_SEGMENTS + 1 > MIN_SEGMENT ? (size_t)(total / MAX_SEGMENTS + 1) : MIN_SEGMENT;
        size_t jobs = (size_t)r->jobs < files.n ? (size_t)r->jobs : files.n;
        rc = rs_index_new_parallel(dir, jobs, seg_bytes, &files, &opts, r->quiet, &wt,
                                   rs_progress_start(files.n, total, live));
    } else if (rs_shards_layout(dir, (size_t)r->want_shards, &n_shards, &fresh, &err) != RS_OK) {
        fprintf(stderr, "refsog: %s\n", err.msg);
        rc = err.code == RS_ERR_USAGE ? 2 : 1;
    } else if (n_shards > 1) {
        rc = rs_index_shards(dir, n_shards, fresh, &files, &opts, r->quiet, &wt,
                             rs_progress_start(files.n, total, live));
    } else {
        rc = one_writer(dir, &files, &opts, r->quiet, &wt, rs_progress_start(files.n, total, live));
    }
    free(folders);
    rs_file_list_free(&files);
    return rc;
}

/* Parse the options of `refsog index` into *r; -1 to go on, else the exit status. */
static int parse_args(int argc, char **argv, Run *r) {
    long long v;
    static const struct option longopts[] = {
        {"index", required_argument, NULL, 'i'},
        {"jobs", required_argument, NULL, 'j'},
        {"segment-bytes", required_argument, NULL, 'g'},
        {"municipality", required_argument, NULL, 'm'},
        {"shards", required_argument, NULL, 's'},
        {"batch-bytes", required_argument, NULL, 'b'},
        {"include", required_argument, NULL, 'I'},
        {"exclude", required_argument, NULL, 'X'},
        {"quiet", no_argument, NULL, 'q'},
        {"keep-missing", no_argument, NULL, 'K'},
        {"help", no_argument, NULL, 'h'},
        RS_PDF_LONGOPTS,
        {NULL, 0, NULL, 0}};
    RsPdfLimits pl = {0, 0, 0};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "i:j:g:m:s:b:I:X:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'i': r->dir = optarg; break;
        case 'g':
            if (rs_args_number(optarg, 0, LLONG_MAX, "--segment-bytes takes a number (0: no limit)", &v)) return 2;
            r->seg_bytes = (size_t)v;
            break;
        case 'j':
            if (rs_args_number(optarg, 1, RS_MAX_SHARDS, "--jobs takes 1 to " RS_STR(RS_MAX_SHARDS), &v)) return 2;
            r->jobs = (long)v;
            break;
        case 'm': r->opts.municipality = optarg; break;
        case 'b':
            if (rs_args_number(optarg, 1, LLONG_MAX, "--batch-bytes takes a positive number", &v)) return 2;
            r->opts.batch_bytes = (size_t)v;
            break;
        case 's':
            if (rs_args_number(optarg, 1, RS_MAX_SHARDS, "--shards takes 1 to " RS_STR(RS_MAX_SHARDS), &v)) return 2;
            r->want_shards = (long)v;
            break;
        case 'I': r->include[r->n_include++] = optarg; break;
        case 'X': r->exclude[r->n_exclude++] = optarg; break;
        case 'P':
        case 'S':
        case 'T':
            if (rs_cli_pdf_option(c, optarg, &pl)) return 2;
            break;
        case 'q': r->quiet = 1; break;
        case 'K': r->keep_missing = 1; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "refsog: index: no files or directories given\n");
        usage(stderr);
        return 2;
    }
    rs_pdf_set_limits(&pl);
    rs_cli_pdf_helper();
    return -1;
}

int rs_cmd_index(int argc, char **argv) {
    Run r = {.dir = DEFAULT_INDEX, .seg_bytes = AUTO_SEGMENT};
    r.jobs = sysconf(_SC_NPROCESSORS_ONLN);
    cpu_set_t cpus; /* the cores this process may run on (taskset, cgroups) */
    if (sched_getaffinity(0, sizeof cpus, &cpus) == 0 && CPU_COUNT(&cpus) > 0) r.jobs = CPU_COUNT(&cpus);
    if (r.jobs < 1) r.jobs = 1;
    if (r.jobs > 8) r.jobs = 8;
    r.include = calloc((size_t)argc, sizeof *r.include); /* at most one pattern per argument */
    r.exclude = calloc((size_t)argc, sizeof *r.exclude);
    r.opts.warn = on_warn;
    int rc = r.include && r.exclude ? parse_args(argc, argv, &r) : (fprintf(stderr, "refsog: out of memory\n"), 1);
    if (rc < 0) {
        RsError err = {0};
        RsWriteLock *lock = NULL; /* before anything else: one writer at a time, new index or not */
        if (rs_write_lock(r.dir, &lock, &err) != RS_OK) {
            fprintf(stderr, "refsog: %s\n", err.msg);
            rc = 1;
        } else {
            rc = run(&r, argv + optind, (size_t)(argc - optind));
            rs_write_unlock(lock);
        }
    }
    free(r.include);
    free(r.exclude);
    return rc;
}
