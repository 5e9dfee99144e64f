/* cmd_index.c — `refsog index`: walk the given paths and index every minutes file. */
#include <errno.h>
#include <limits.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analyzer.h"
#include "args.h"
#include "build.h"
#include "commands.h"
#include "indexer.h"
#include "leximage.h"
#include "progress.h"
#include "shards.h"
#include "source.h"
#include "textenc.h"
#include "walk.h"

#define DEFAULT_INDEX "refsog-index"
#define RS_STR_(x) #x
#define RS_STR(x) RS_STR_(x)

static void usage(FILE *out) {
    fprintf(out,
            "usage: refsog index [--index DIR] [--municipality NAME] [--jobs N] [--shards N]\n"
            "                    [--batch-bytes N] [--segment-bytes N] [--include PATTERN]...\n"
            "                    [--exclude PATTERN]... [--pdf-pages N] [--pdf-seconds N]\n"
            "                    [--pdf-text-bytes N] [--keep-missing] [--termlists] [--quiet]\n"
            "                    PATH...\n"
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
            "none ('<Navn> Kommune' in the minutes' header wins, then '<Navn> Rådhus' in the\n"
            "place, a folder named after one, a mention in an item's text).\n"
            "A new index is built by --jobs N threads (default: the cores this process may\n"
            "use, at most 8) into temporary shards that are then merged, compacted, into DIR and\n"
            "renamed into place: until then DIR does not exist (or stays empty). Each thread\n"
            "starts a new temporary shard after --segment-bytes N of text (default: the\n"
            "text in at most 48 parts of at least 2 MiB; 0: one per thread); more than 48\n"
            "parts are merged in levels, 48 at a time. Adding to an existing index is done\n"
            "by one writer, in atomic batches.\n"
            "--shards N writes N shards in parallel (files assigned by a stable hash of\n"
            "their path); DIR then opens as all its shards (`refsog compact` merges them).\n"
            "A new index is written without Xapian's term lists (a quarter smaller): a\n"
            "changed or removed file's old items are marked deleted (left out of every\n"
            "answer) and stay in the files until `refsog compact`. --termlists keeps\n"
            "them, and the words' positions in Xapian's table instead of with the items,\n"
            "for shards to be served by xapian-tcpsrv (which needs both).\n"
            "--batch-bytes N commits after N bytes of text (default 512 KiB, and 128 KiB\n"
            "in a new index's temporary shards); each commit is atomic, so an interrupted\n"
            "run loses at most the batch in progress.\n"
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

/* What the walk passed over: paths it could not read (counted as failed) and paths skipped on
 * purpose (hidden, not minutes, excluded: named, not failed). */
typedef struct RsWalkTally {
    size_t problems, skipped;
} RsWalkTally;

static const char *plural(size_t n, const char *one, const char *many) { return n == 1 ? one : many; }

/* Print the one summary line of an indexing run to stdout, with the walk's problems counted as
 * failed and its skipped paths counted; `tail` says how DIR was written (may be ""). */
static void rs_index_summary(const RsIndexerTotals *t, const RsWalkTally *wt, double el, const char *dir,
                             const char *tail) {
    char whole[220] = "", lost[96] = "", skipped[64] = "", agenda[96] = "", notes[210] = "", gone[96] = "";
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
    if (t->files_reparsed)
        snprintf(notes + strlen(notes), sizeof notes - strlen(notes), "%s%zu read again: parsed by another "
                 "version of refsog", notes[0] ? ", " : "", t->files_reparsed);
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

/* How DIR was written, after the summary's counts: " (2 jobs, 5 parts merged)", " (3 shards)",
 * " (stopped by an index error; 4 files not read)", "". */
static void build_tail(const RsBuildTotals *bt, int failed, char *out, size_t cap) {
    out[0] = '\0';
    if (bt->mode == RS_BUILD_NEW)
        snprintf(out, cap, " (%zu job%s, %zu part%s merged)%s", bt->jobs, bt->jobs == 1 ? "" : "s", bt->parts,
                 bt->parts == 1 ? "" : "s", failed ? " (NOT created)" : "");
    else if (bt->mode == RS_BUILD_SHARDS)
        snprintf(out, cap, " (%zu shards)%s", bt->shards, bt->fresh && failed ? " (NOT created)" : "");
    else if (failed && bt->unread)
        snprintf(out, cap, " (stopped by an index error; %zu file%s not read)", bt->unread,
                 bt->unread == 1 ? "" : "s");
}

/* The build's callbacks: the live line and the messages that share stderr with it. */
typedef struct {
    RsProgress *prog;
    int quiet;
    const RsBuildTotals *totals; /* its mode is set before the first file is read */
} BuildOut;

static void on_build_progress(void *ctx, size_t files, uint64_t bytes, size_t items) {
    rs_progress_add(((BuildOut *)ctx)->prog, files, bytes, items);
}

static void on_build_phase(void *ctx, const char *what) { rs_progress_phase(((BuildOut *)ctx)->prog, what); }

static void on_build_note(void *ctx, RsBuildNote kind, const char *path, const char *msg) {
    const BuildOut *o = ctx;
    if (kind == RS_BUILD_FILE_FAILED) rs_progress_say("%s (skipped)", msg);
    else if (kind == RS_BUILD_ERROR) rs_progress_say("%s", msg);
    /* a file with no agenda structure is indexed, as one item, and the user is told (not with
     * --quiet, which prints only problems: the same in every mode) */
    else if (!o->quiet)
        rs_progress_say("%s: indexed as one item (no agenda structure found)", path);
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

/* An index built without the lemma table (a refsog binary copied away from its data files)
 * answers less well, not wrongly (its analyser fingerprint says so; a searcher with the table
 * refuses it): said on stderr, --quiet or not. The indexer opens its own analysers the same way. */
static void warn_missing_lemmas(void) {
    RsAnalyzer *a;
    RsError err;
    if (rs_analyzer_open(NULL, &a, &err) != RS_OK) return; /* the build says why */
    if (!rs_analyzer_data(a).lemma_forms)
        fprintf(stderr, "refsog: warning: no lemma table found (" RS_LEXIMAGE_FILE " beside refsog, in ../share/refsog, "
                        "/usr/local/share/refsog or /usr/share/refsog, or named by RS_LEXICON or RS_LEMMAS): "
                        "irregular forms such as børn/barn and centret/center will not meet in this index\n");
    rs_analyzer_close(a);
}

/* Walk `paths` and index what they hold with the build b (index/build.h: a new index in
 * parallel, N shards, or one writer; it holds r->dir's writer lock). Returns the exit status. */
static int run(const Run *r, RsIndexBuild *b, char *const *paths, size_t n_paths) {
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
    warn_missing_lemmas();
    uint64_t total = 0;
    struct stat st;
    for (size_t i = 0; i < files.n; i++)
        if (stat(files.paths[i], &st) == 0) total += (uint64_t)st.st_size;
    /* the folders given are mirrored: files gone from them leave the index */
    RsBuildOptions bo = {.indexer = r->opts, .jobs = (size_t)r->jobs, .shards = (size_t)r->want_shards,
                         .segment_bytes = r->seg_bytes};
    char **folders = calloc(n_paths ? n_paths : 1, sizeof *folders);
    if (!folders) {
        fprintf(stderr, "refsog: out of memory\n");
        rs_file_list_free(&files);
        return 1;
    }
    for (size_t i = 0; i < n_paths && !r->keep_missing; i++)
        if (stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode)) folders[bo.indexer.n_mirror_folders++] = paths[i];
    bo.indexer.mirror_folders = folders;
    RsBuildTotals bt;
    BuildOut out = {rs_progress_start(files.n, total, !r->quiet && isatty(STDERR_FILENO)), r->quiet, &bt};
    bo.progress = on_build_progress, bo.phase = on_build_phase, bo.note = on_build_note, bo.ctx = &out;
    RsStatus st_build = rs_index_build_run(b, &files, &bo, &bt, &err); /* its problems said meanwhile */
    rs_progress_stop(out.prog);
    int rc;
    if (bt.mode == RS_BUILD_NONE) { /* stopped before writing (DIR's layout, DIR not opened) */
        rc = st_build == RS_ERR_USAGE ? 2 : 1;
    } else {
        if (!r->quiet) {
            char tail[128];
            build_tail(&bt, st_build != RS_OK, tail, sizeof tail);
            rs_index_summary(&bt.counts, &wt, bt.seconds, dir, tail);
        }
        rc = st_build != RS_OK ? 1 : (bt.counts.files_failed || wt.problems) ? 1 : 0;
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
        {"termlists", no_argument, NULL, 'L'},
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
        case 'L': r->opts.termlists = 1; break;
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
    Run r = {.dir = DEFAULT_INDEX, .seg_bytes = RS_BUILD_AUTO_SEGMENT}; /* jobs 0: the build's default */
    r.include = calloc((size_t)argc, sizeof *r.include); /* at most one pattern per argument */
    r.exclude = calloc((size_t)argc, sizeof *r.exclude);
    r.opts.warn = on_warn;
    int rc = r.include && r.exclude ? parse_args(argc, argv, &r) : (fprintf(stderr, "refsog: out of memory\n"), 1);
    if (rc < 0) {
        RsError err = {0};
        RsIndexBuild *b = NULL; /* before anything else: one writer at a time, new index or not */
        if (rs_index_build_begin(r.dir, &b, &err) != RS_OK) {
            fprintf(stderr, "refsog: %s\n", err.msg);
            rc = 1;
        } else {
            rc = run(&r, b, argv + optind, (size_t)(argc - optind));
            rs_index_build_free(b);
        }
    }
    free(r.include);
    free(r.exclude);
    return rc;
}
