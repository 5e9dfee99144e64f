/* test_index_build.c — index/build.c: a whole indexing run (new index, shards, one writer, lock,
 * crash paths and the temporary trees they leave). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "analyzer.h"
#include "build.h"
#include "hash.h"
#include "indexer.h"
#include "schema.h"
#include "writelock.h"
#include "xapian_shim.h"

#define N_SAMPLE 5
static const char *const sample[N_SAMPLE] = {
    "data/sample/000_082cc86b9df59ed8.txt", "data/sample/001_f2525942d8ac13d5.txt",
    "data/sample/002_b5ca74bce736c226.txt", "data/sample/003_2da60960a1decf7e.txt",
    "data/sample/004_4215b85305d5dec8.txt"};

#define RS_TMPDIR_NAME "rs_build"
#include "tmpdir.h"

static void path_of(char *out, size_t cap, const char *name) { snprintf(out, cap, "%s/%s", tmp, name); }

/* A file list of the first n sample files (or of `paths` when set). */
static RsFileList list_of(const char *const *paths, size_t n) {
    RsFileList l = {calloc(n ? n : 1, sizeof(char *)), n, n};
    assert_non_null(l.paths);
    for (size_t i = 0; i < n; i++) assert_non_null(l.paths[i] = strdup(paths ? paths[i] : sample[i]));
    return l;
}

/* What the callbacks saw. */
typedef struct {
    size_t files, items, failed, whole, errors;
    size_t bad; /* notes without what their kind promises */
    char phases[256];
    int exit_after; /* > 0: the process dies (_exit) when that many files were read (a crash) */
} Seen;

static pthread_mutex_t seen_lock = PTHREAD_MUTEX_INITIALIZER;

static void on_progress(void *ctx, size_t files, uint64_t bytes, size_t items) {
    (void)bytes;
    Seen *s = ctx;
    pthread_mutex_lock(&seen_lock);
    s->files += files;
    s->items += items;
    int die = s->exit_after && s->files >= (size_t)s->exit_after;
    pthread_mutex_unlock(&seen_lock);
    if (die) _exit(0);
}

static void on_phase(void *ctx, const char *what) {
    Seen *s = ctx;
    size_t l = strlen(s->phases);
    snprintf(s->phases + l, sizeof s->phases - l, "%s;", what);
}

static void on_note(void *ctx, RsBuildNote kind, const char *path, const char *msg) {
    Seen *s = ctx;
    pthread_mutex_lock(&seen_lock);
    if (kind == RS_BUILD_FILE_FAILED) s->failed++, s->bad += !(path && msg && strstr(msg, path));
    else if (kind == RS_BUILD_FILE_WHOLE) s->whole++, s->bad += !path;
    else s->errors++, s->bad += !(!path && msg && msg[0]);
    pthread_mutex_unlock(&seen_lock);
}

static RsBuildOptions opts_with(Seen *s) {
    return (RsBuildOptions){.progress = on_progress, .phase = on_phase, .note = on_note, .ctx = s};
}

/* The documents of the index at dir (all its shards) and the list of their ids, "\n"-joined. */
static int add_term(void *ctx, const char *term, size_t len, unsigned count) {
    (void)count;
    char *ids = ctx;
    size_t l = strlen(ids);
    assert_true(l + len + 2 < 8192);
    memcpy(ids + l, term, len);
    ids[l + len] = '\n';
    ids[l + len + 1] = '\0';
    return 0;
}

static size_t doc_ids(const char *dir, char ids[8192]) {
    RsxDb *db;
    RsError err;
    const char *p = dir;
    assert_int_equal(rsx_db_open(&p, 1, 0, &db, &err), RS_OK);
    size_t n = 0;
    assert_int_equal(rsx_db_doccount(db, &n, &err), RS_OK);
    ids[0] = '\0';
    assert_int_equal(rsx_db_allterms(db, RS_PREFIX_ID, add_term, ids, &err), RS_OK);
    rsx_db_close(db);
    return n;
}

/* The names in tmp that start with `prefix`, " "-joined ("" when none). */
static const char *names_like(const char *prefix) {
    static char out[1024];
    out[0] = '\0';
    DIR *d = opendir(tmp);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d)))
        if (!strncmp(e->d_name, prefix, strlen(prefix)))
            snprintf(out + strlen(out), sizeof out - strlen(out), "%s%s", out[0] ? " " : "", e->d_name);
    closedir(d);
    return out;
}

static int exists(const char *path) {
    struct stat st;
    return stat(path, &st) == 0;
}

/* A new index built in parallel segments holds what one writer makes of the same files: the
 * same documents, the same ids; and no temporary tree is left. */
static void test_parallel_equals_one_writer(void **state) {
    (void)state;
    char par[128], one[128], ids_par[8192], ids_one[8192];
    path_of(par, sizeof par, "par");
    path_of(one, sizeof one, "one");
    RsFileList files = list_of(NULL, N_SAMPLE);
    Seen s = {0};
    RsBuildOptions o = opts_with(&s);
    o.jobs = 2;
    o.segment_bytes = 1; /* a segment per file: the merge has parts to merge */
    RsBuildTotals t;
    RsError err;
    assert_int_equal(rs_index_build(par, &files, &o, &t, &err), RS_OK);
    assert_int_equal(t.mode, RS_BUILD_NEW);
    assert_int_equal(t.jobs, 2);
    assert_int_equal(t.parts, N_SAMPLE);
    assert_int_equal(t.counts.files_indexed, N_SAMPLE);
    assert_int_equal(s.files, N_SAMPLE);
    assert_string_equal(s.phases, "merging 5 parts;");
    assert_int_equal(s.failed + s.errors, 0);
    assert_string_equal(names_like("par."), ""); /* no par.build-*, par.merge-*, par.lock */

    /* one writer: into an existing (empty) index */
    RsIndexer *ix;
    assert_int_equal(rs_indexer_open(one, NULL, &ix, &err), RS_OK);
    assert_int_equal(rs_indexer_close(ix, &err), RS_OK);
    Seen s1 = {0};
    RsBuildOptions o1 = opts_with(&s1);
    assert_int_equal(rs_index_build(one, &files, &o1, &t, &err), RS_OK);
    assert_int_equal(t.mode, RS_BUILD_ONE_WRITER);
    assert_int_equal(t.counts.files_indexed, N_SAMPLE);
    assert_string_equal(s1.phases, "committing;");

    size_t n_par = doc_ids(par, ids_par), n_one = doc_ids(one, ids_one);
    assert_true(n_par > 0);
    assert_int_equal(n_par, n_one);
    assert_int_equal(n_par, t.counts.items_added);
    assert_string_equal(ids_par, ids_one);
    rs_file_list_free(&files);
}

/* Each id's docid, "id docid\n" in id order: where the items are, not only which. */
typedef struct {
    RsxDb *db;
    char *out;
} Where;

static int add_docid(void *ctx, RsxDocid docid) {
    Where *w = ctx;
    snprintf(w->out + strlen(w->out), 16, " %u\n", docid);
    return 1;
}

static int add_where(void *ctx, const char *term, size_t len, unsigned count) {
    (void)count;
    Where *w = ctx;
    RsError err;
    assert_true(strlen(w->out) + len + 20 < 16384);
    strncat(w->out, term, len);
    assert_int_equal(rsx_db_postings(w->db, term, len, add_docid, w, &err), RS_OK);
    return 0;
}

static void docids_of(const char *dir, char out[16384]) {
    const char *p = dir;
    RsError err;
    Where w = {NULL, out};
    out[0] = '\0';
    assert_int_equal(rsx_db_open(&p, 1, 0, &w.db, &err), RS_OK);
    assert_int_equal(rsx_db_allterms(w.db, RS_PREFIX_ID, add_where, &w, &err), RS_OK);
    rsx_db_close(w.db);
}

/* More segments than one merge opens (RS_BUILD_MERGE_FANIN; 2 here) are merged in levels: five
 * segments into three, those into two, then the index; the items end up where one merge of all
 * five puts them (the same docids), and nothing of the levels is left. */
static void test_merge_in_levels(void **state) {
    (void)state;
    char lv[128], one[128];
    static char at_lv[16384], at_one[16384];
    path_of(lv, sizeof lv, "lv");
    path_of(one, sizeof one, "one");
    RsFileList files = list_of(NULL, N_SAMPLE);
    RsBuildTotals t;
    RsError err;
    Seen s = {0}, s1 = {0};
    RsBuildOptions o = opts_with(&s), o1 = opts_with(&s1);
    o.jobs = o1.jobs = 1;               /* one thread: the files in list order, both times */
    o.segment_bytes = o1.segment_bytes = 1; /* a segment per file */
    o.merge_fanin = 2;
    assert_int_equal(rs_index_build(lv, &files, &o, &t, &err), RS_OK);
    assert_int_equal(t.parts, N_SAMPLE);
    assert_string_equal(s.phases, "merging 5 parts into 3;merging 3 parts into 2;merging 2 parts;");
    assert_int_equal(rs_index_build(one, &files, &o1, &t, &err), RS_OK);
    assert_string_equal(s1.phases, "merging 5 parts;");
    docids_of(lv, at_lv);
    docids_of(one, at_one);
    assert_true(strlen(at_one) > 100);
    assert_string_equal(at_lv, at_one);
    assert_string_equal(names_like("lv."), "");
    rs_file_list_free(&files);
}

/* A level merges only what brings the segments down to the fan-in: five segments and a fan-in of
 * 4 merge the first two (not four, and then the one left alone, copied by itself); a fan-in of 3
 * merges the first three. The items end up where one merge of all five puts them. */
static void test_merge_only_what_is_needed(void **state) {
    (void)state;
    static const struct {
        size_t fanin;
        const char *phases;
    } cases[] = {{4, "merging 5 parts into 4;merging 4 parts;"}, {3, "merging 5 parts into 3;merging 3 parts;"}};
    char one[128];
    static char at_lv[16384], at_one[16384];
    path_of(one, sizeof one, "one");
    RsFileList files = list_of(NULL, N_SAMPLE);
    RsBuildTotals t;
    RsError err;
    Seen s1 = {0};
    RsBuildOptions o1 = opts_with(&s1);
    o1.jobs = 1;
    o1.segment_bytes = 1;
    assert_int_equal(rs_index_build(one, &files, &o1, &t, &err), RS_OK);
    assert_string_equal(s1.phases, "merging 5 parts;");
    docids_of(one, at_one);
    assert_true(strlen(at_one) > 100);
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        char name[16], lv[128], left[16];
        snprintf(name, sizeof name, "lv%zu", cases[c].fanin);
        snprintf(left, sizeof left, "lv%zu.", cases[c].fanin);
        path_of(lv, sizeof lv, name);
        Seen s = {0};
        RsBuildOptions o = opts_with(&s);
        o.jobs = 1;          /* one thread: the files in list order */
        o.segment_bytes = 1; /* a segment per file */
        o.merge_fanin = cases[c].fanin;
        assert_int_equal(rs_index_build(lv, &files, &o, &t, &err), RS_OK);
        assert_int_equal(t.parts, N_SAMPLE);
        assert_string_equal(s.phases, cases[c].phases);
        docids_of(lv, at_lv);
        assert_string_equal(at_lv, at_one);
        assert_string_equal(names_like(left), ""); /* no build or merge tree left */
    }
    rs_file_list_free(&files);
}

/* --shards: a new layout of 2 shards holds every document once (stub and both shards); the
 * next run finds the layout itself and the files unchanged; another count is refused. */
static void test_shards(void **state) {
    (void)state;
    char sh[128], one[128], stub[160], ids_sh[8192], ids_one[8192];
    path_of(sh, sizeof sh, "sh");
    path_of(one, sizeof one, "one1");
    RsFileList files = list_of(NULL, N_SAMPLE);
    Seen s = {0};
    RsBuildOptions o = opts_with(&s);
    o.shards = 2;
    RsBuildTotals t;
    RsError err;
    assert_int_equal(rs_index_build(sh, &files, &o, &t, &err), RS_OK);
    assert_int_equal(t.mode, RS_BUILD_SHARDS);
    assert_int_equal(t.shards, 2);
    assert_true(t.fresh);
    snprintf(stub, sizeof stub, "%s/XAPIANDB", sh);
    assert_true(exists(stub));
    assert_string_equal(names_like("sh."), "");
    o.shards = 1; /* one writer, even for a new index */
    assert_int_equal(rs_index_build(one, &files, &o, &t, &err), RS_OK);
    assert_int_equal(t.mode, RS_BUILD_ONE_WRITER);
    assert_int_equal(doc_ids(sh, ids_sh), doc_ids(one, ids_one));
    assert_string_equal(ids_sh, ids_one);

    o.shards = 0; /* the layout there */
    assert_int_equal(rs_index_build(sh, &files, &o, &t, &err), RS_OK);
    assert_int_equal(t.mode, RS_BUILD_SHARDS);
    assert_int_equal(t.shards, 2);
    assert_false(t.fresh);
    assert_int_equal(t.counts.files_unchanged, N_SAMPLE);
    o.shards = 3;
    size_t errors = s.errors;
    assert_int_equal(rs_index_build(sh, &files, &o, &t, &err), RS_ERR_USAGE);
    assert_int_equal(t.mode, RS_BUILD_NONE);
    assert_int_equal(s.errors, errors + 1); /* told */
    assert_string_equal(names_like("sh."), "");
    rs_file_list_free(&files);
}

/* An existing index gets additions by one writer; files gone from a mirrored folder leave it;
 * a bad file is told and counted, a file without structure is told and indexed. */
static void test_existing_gets_additions(void **state) {
    (void)state;
    char ix[128], src[128], cmd[1200], ids[8192];
    path_of(ix, sizeof ix, "ix");
    path_of(src, sizeof src, "src");
    snprintf(cmd, sizeof cmd, "mkdir -p %s && cp %s %s %s %s/", src, sample[0], sample[1], sample[2], src);
    assert_int_equal(system(cmd), 0);
    char p[3][256];
    const char *first[3] = {p[0], p[1], p[2]};
    for (int i = 0; i < 3; i++) snprintf(p[i], sizeof p[i], "%s/%s", src, strrchr(sample[i], '/') + 1);
    RsFileList two = list_of(first, 2);
    Seen s = {0};
    RsBuildOptions o = opts_with(&s);
    char *const folders[] = {src};
    o.indexer.mirror_folders = folders;
    o.indexer.n_mirror_folders = 1;
    RsBuildTotals t;
    RsError err;
    assert_int_equal(rs_index_build(ix, &two, &o, &t, &err), RS_OK);
    assert_int_equal(t.mode, RS_BUILD_NEW);
    size_t n2 = doc_ids(ix, ids);

    /* more files, one bad and one without structure */
    char bad[256], plain[256];
    snprintf(bad, sizeof bad, "%s/empty.txt", src);
    snprintf(plain, sizeof plain, "%s/plain.txt", src);
    assert_int_equal(system((snprintf(cmd, sizeof cmd, ": > %s && printf 'Notat uden punkter\\n' > %s", bad, plain),
                             cmd)),
                     0);
    const char *more[5] = {p[0], p[1], p[2], bad, plain};
    RsFileList all = list_of(more, 5);
    assert_int_equal(rs_index_build(ix, &all, &o, &t, &err), RS_OK);
    assert_int_equal(t.mode, RS_BUILD_ONE_WRITER);
    assert_int_equal(t.counts.files_unchanged, 2);
    assert_int_equal(t.counts.files_indexed, 2);
    assert_int_equal(t.counts.files_failed, 1);
    assert_int_equal(t.counts.files_whole, 1);
    assert_int_equal(s.failed, 1);
    assert_int_equal(s.whole, 1);
    assert_int_equal(s.bad, 0);
    size_t n3 = doc_ids(ix, ids);
    assert_int_equal(n3, n2 + t.counts.items_added);
    assert_true(t.counts.items_added > 1);

    /* a file gone from the mirrored folder: its items leave */
    assert_int_equal(unlink(p[2]), 0);
    const char *left[4] = {p[0], p[1], bad, plain};
    RsFileList rest = list_of(left, 4);
    assert_int_equal(rs_index_build(ix, &rest, &o, &t, &err), RS_OK);
    assert_int_equal(t.counts.files_gone, 1);
    assert_true(t.counts.items_gone > 0);
    assert_int_equal(doc_ids(ix, ids), n3 - t.counts.items_gone);
    rs_file_list_free(&two);
    rs_file_list_free(&all);
    rs_file_list_free(&rest);
}

/* The merge fails (its output DIR.merge-PID cannot be created: a dangling symlink is in the
 * way): the run fails and says so, DIR is not created, nothing is counted in the index, and no temporary
 * tree of the run is left. */
static void test_merge_fails_leaves_nothing(void **state) {
    (void)state;
    char dir[128], merged[192];
    path_of(dir, sizeof dir, "nomerge");
    snprintf(merged, sizeof merged, "%s.merge-%ld", dir, (long)getpid());
    assert_int_equal(symlink("/nonexistent/refsog-test", merged), 0);
    RsFileList files = list_of(NULL, N_SAMPLE);
    Seen s = {0};
    RsBuildOptions o = opts_with(&s);
    o.jobs = 2;
    RsBuildTotals t;
    RsError err;
    assert_int_not_equal(rs_index_build(dir, &files, &o, &t, &err), RS_OK);
    assert_non_null(strstr(err.msg, "merging the 2 parts of the new index"));
    assert_non_null(strstr(err.msg, merged));
    assert_int_equal(s.errors, 1);
    assert_int_equal(s.bad, 0);
    assert_int_equal(t.mode, RS_BUILD_NEW);
    assert_int_equal(t.counts.files_indexed, 0);
    assert_int_equal(t.counts.items_added, 0);
    assert_int_equal(t.counts.files_lost, N_SAMPLE);
    assert_false(exists(dir));
    assert_string_equal(names_like("nomerge"), "");
    rs_file_list_free(&files);
}

/* A build killed while writing its segments (the process dies after 2 files) leaves no DIR, only
 * its DIR.build-PID; the next build removes it, and the trees of other dead runs (made-up PID
 * 999999, a merge tree too), keeps the tree of a live process, and lands whole. */
static void test_killed_build_then_stale_removed(void **state) {
    (void)state;
    char dir[128], child_tree[192], fake[600], live[192], ids[8192];
    path_of(dir, sizeof dir, "killed");
    RsFileList files = list_of(NULL, N_SAMPLE);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        Seen s = {.exit_after = 2};
        RsBuildOptions o = opts_with(&s);
        o.jobs = 1;
        RsBuildTotals t;
        rs_index_build(dir, &files, &o, &t, NULL);
        _exit(3); /* not reached: the callback ends the process */
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    assert_false(exists(dir));
    snprintf(child_tree, sizeof child_tree, "%s.build-%ld", dir, (long)pid);
    assert_true(exists(child_tree));

    snprintf(fake, sizeof fake, "mkdir -p %s.build-999999/seg-0000 %s.merge-999999 %s.build-%ld", dir, dir, dir,
             (long)getppid());
    assert_int_equal(system(fake), 0);
    snprintf(live, sizeof live, "%s.build-%ld", dir, (long)getppid());
    Seen s = {0};
    RsBuildOptions o = opts_with(&s);
    RsBuildTotals t;
    RsError err;
    assert_int_equal(rs_index_build(dir, &files, &o, &t, &err), RS_OK);
    assert_int_equal(t.mode, RS_BUILD_NEW);
    assert_int_equal(t.counts.files_indexed, N_SAMPLE);
    assert_true(doc_ids(dir, ids) > 0);
    assert_false(exists(child_tree));
    snprintf(fake, sizeof fake, "killed.build-%ld", (long)getppid());
    assert_string_equal(names_like("killed."), fake); /* only the live process's tree */
    assert_int_equal(rmdir(live), 0);
    rs_file_list_free(&files);
}

/* One writer at a time: while DIR's writer lock is held, a build fails with RS_ERR_LOCKED before
 * writing anything; a second begin on a held build too; once released, the build goes on. */
static void test_lock(void **state) {
    (void)state;
    char dir[128];
    path_of(dir, sizeof dir, "locked");
    RsFileList files = list_of(NULL, N_SAMPLE);
    RsWriteLock *l;
    RsError err;
    assert_int_equal(rs_write_lock(dir, &l, &err), RS_OK);
    Seen s = {0};
    RsBuildOptions o = opts_with(&s);
    RsBuildTotals t;
    assert_int_equal(rs_index_build(dir, &files, &o, &t, &err), RS_ERR_LOCKED);
    assert_non_null(strstr(err.msg, "locked by another writer"));
    assert_int_equal(t.mode, RS_BUILD_NONE);
    assert_int_equal(s.files, 0);
    assert_false(exists(dir));
    assert_string_equal(names_like("locked."), "locked.lock");
    rs_write_unlock(l);

    RsIndexBuild *b, *b2;
    assert_int_equal(rs_index_build_begin(dir, &b, &err), RS_OK);
    assert_int_equal(rs_index_build_begin(dir, &b2, &err), RS_ERR_LOCKED);
    assert_null(b2);
    assert_int_equal(rs_write_lock(dir, &l, &err), RS_ERR_LOCKED); /* delete, compact: kept out too */
    assert_int_equal(rs_index_build_run(b, &files, &o, &t, &err), RS_OK);
    assert_int_equal(t.counts.files_indexed, N_SAMPLE);
    rs_index_build_free(b);
    rs_index_build_free(NULL);
    assert_string_equal(names_like("locked."), "");
    rs_file_list_free(&files);
}

/* The Xapian revision of the index at dir: one more for each commit (xapian-delve, which
 * scripts/deps.sh installs with Xapian). */
static int revision_of(const char *dir) {
    char cmd[256];
    snprintf(cmd, sizeof cmd, "xapian-delve %s | sed -n 's/^revision = //p'", dir);
    FILE *f = popen(cmd, "r");
    assert_non_null(f);
    int rev = -1;
    assert_int_equal(fscanf(f, "%d", &rev), 1);
    pclose(f);
    return rev;
}

/* The batches are small by default (index/indexer.c DEFAULT_BATCH: Xapian's in-memory postings
 * cost more per posting the more there are): 128 KiB of text per commit in a new index's
 * scratch parts, 512 KiB where the commits are synced. Eight copies of the sample minutes, about
 * 870 KB of text, move a real index 3 revisions on (a commit after 512 KiB, the rest's, one more
 * at close) and a scratch one 6 or 7; with the 2 MiB of earlier sessions both moved 2. */
static void test_default_batches(void **state) {
    (void)state;
    char src[128], cmd[700];
    path_of(src, sizeof src, "copies");
    assert_int_equal(system((snprintf(cmd, sizeof cmd, "mkdir -p %s", src), cmd)), 0);
    snprintf(cmd, sizeof cmd, "for c in 0 1 2 3 4 5 6 7; do for f in data/sample/*.txt; do cp $f %s/${c}_${f##*/}; done; done",
             src);
    assert_int_equal(system(cmd), 0);
    char paths[8 * N_SAMPLE][200];
    for (size_t c = 0; c < 8; c++)
        for (size_t i = 0; i < N_SAMPLE; i++)
            snprintf(paths[c * N_SAMPLE + i], sizeof paths[0], "%s/%zu_%s", src, c, strrchr(sample[i], '/') + 1);
    for (int scratch = 0; scratch <= 1; scratch++) {
        char ix[128];
        path_of(ix, sizeof ix, scratch ? "scratch" : "real");
        RsIndexerOptions o = {.scratch = scratch}; /* batch_bytes 0: the default */
        RsIndexer *w = NULL;
        RsError err;
        assert_int_equal(rs_indexer_open(ix, &o, &w, &err), RS_OK);
        int before = revision_of(ix);
        for (size_t k = 0; k < 8 * N_SAMPLE; k++) {
            RsFileOutcome out;
            size_t n = 0;
            assert_int_equal(rs_indexer_add_file(w, paths[k], &out, &n, &err), RS_OK);
            assert_int_equal(out, RS_FILE_INDEXED);
        }
        assert_int_equal(rs_indexer_close(w, &err), RS_OK);
        int commits = revision_of(ix) - before;
        if (scratch) {
            assert_in_range(commits, 6, 7);
        } else {
            assert_int_equal(commits, 3);
        }
    }
}

static int hash_term(void *ctx, const char *term, size_t len, unsigned count) {
    uint64_t *h = ctx;
    for (size_t i = 0; i < len; i++) *h = rs_fnv1a64_add(*h, (unsigned char)term[i]);
    *h = rs_fnv1a64_add(*h, 0xff); /* no term byte: the end of the term */
    for (int k = 0; k < 4; k++) *h = rs_fnv1a64_add(*h, (unsigned char)(count >> (8 * k)));
    return 0;
}

/* A digest of every term of the index in dir with its frequency. */
static uint64_t terms_digest(const char *dir) {
    RsxDb *db;
    RsError err;
    const char *p = dir;
    assert_int_equal(rsx_db_open(&p, 1, 0, &db, &err), RS_OK);
    uint64_t h = RS_FNV1A64_INIT;
    assert_int_equal(rsx_db_allterms(db, "", hash_term, &h, &err), RS_OK);
    rsx_db_close(db);
    return h;
}

static int count_tokens(void *ctx, const RsToken *t) {
    (void)t;
    ++*(size_t *)ctx;
    return 0;
}

/* Indexers in turn with one analyser lent to them (what each thread of a new index's build does
 * across its parts): each index holds the terms an indexer with its own analyser writes, the
 * second one's too (the analyser's caches warm from the first), and closing them leaves the
 * analyser open for its owner. */
static void test_lent_analyzer(void **state) {
    (void)state;
    RsError err;
    RsAnalyzer *an = NULL;
    assert_int_equal(rs_indexer_analyzer_open(&an, &err), RS_OK);
    static const size_t from[2] = {0, 2}, to[2] = {2, N_SAMPLE};
    uint64_t lent[2], own[2];
    for (int borrow = 0; borrow <= 1; borrow++) {
        for (int part = 0; part < 2; part++) {
            char dir[128];
            path_of(dir, sizeof dir, borrow ? (part ? "lent2" : "lent1") : (part ? "own2" : "own1"));
            RsIndexerOptions o = {.analyzer = borrow ? an : NULL};
            RsIndexer *ix;
            assert_int_equal(rs_indexer_open(dir, &o, &ix, &err), RS_OK);
            for (size_t i = from[part]; i < to[part]; i++) {
                RsFileOutcome out;
                size_t n = 0;
                assert_int_equal(rs_indexer_add_file(ix, sample[i], &out, &n, &err), RS_OK);
                assert_int_equal(out, RS_FILE_INDEXED);
            }
            assert_int_equal(rs_indexer_close(ix, &err), RS_OK);
            (borrow ? lent : own)[part] = terms_digest(dir);
        }
    }
    assert_true(lent[0] == own[0]);
    assert_true(lent[1] == own[1]);
    assert_true(own[0] != own[1]);
    size_t n = 0; /* still the caller's */
    static const char text[] = "Budgetopfølgningen for Børne- og Ungeudvalget";
    assert_int_equal(rs_analyze(an, RS_MODE_DOCUMENT, text, sizeof text - 1, 0, count_tokens, &n, NULL, &err), RS_OK);
    assert_true(n >= 5);
    rs_analyzer_close(an);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_parallel_equals_one_writer, setup, teardown),
        cmocka_unit_test_setup_teardown(test_shards, setup, teardown),
        cmocka_unit_test_setup_teardown(test_existing_gets_additions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_merge_fails_leaves_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_killed_build_then_stale_removed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lock, setup, teardown),
        cmocka_unit_test_setup_teardown(test_default_batches, setup, teardown),
        cmocka_unit_test_setup_teardown(test_merge_in_levels, setup, teardown),
        cmocka_unit_test_setup_teardown(test_merge_only_what_is_needed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_lent_analyzer, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
