/* test_index_walk.c — unit tests for index/walk.c: file discovery and hashing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "walk.h"

static char root[64];

static void touch(const char *rel) {
    char p[256];
    snprintf(p, sizeof p, "%s/%s", root, rel);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs("x", f);
    fclose(f);
}

static int setup(void **state) {
    (void)state;
    strcpy(root, "/tmp/rs_walkXXXXXX");
    if (!mkdtemp(root)) return -1;
    char p[256];
    snprintf(p, sizeof p, "%s/sub", root);
    mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/sub/deeper", root);
    mkdir(p, 0755);
    touch("b.txt");
    touch("a.PDF");
    touch("notes.doc");
    touch("b.meta.json"); /* sidecars: read with their file, neither listed nor said */
    touch("sub/_meta.json");
    touch(".hidden.txt");
    touch("sub/c.txt");
    touch("sub/deeper/d.pdf");
    char target[256];
    snprintf(p, sizeof p, "%s/sub/deeper/loop", root);
    snprintf(target, sizeof target, "%s/sub", root);
    if (symlink(target, p) != 0) return -1; /* sub/deeper/loop -> sub: a loop */
    return 0;
}

static int teardown(void **state) {
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", root);
    return system(cmd);
}

typedef struct {
    int n;
    char last[512];
} Problems;

static void on_problem(void *ctx, const char *path, const char *reason) {
    Problems *p = ctx;
    p->n++;
    snprintf(p->last, sizeof p->last, "%s: %s", path, reason);
}

static void test_walk_finds_minutes_and_reports_loop(void **state) {
    (void)state;
    RsFileList l = {0};
    Problems pr = {0};
    size_t np = 0;
    char *paths[] = {root};
    assert_int_equal(rs_walk(paths, 1, &l, on_problem, &pr, &np, NULL), RS_OK);
    /* a.PDF, b.txt, sub/c.txt, sub/deeper/d.pdf; not notes.doc nor the hidden file;
     * the loop sub/deeper/loop -> sub is reported once and not followed. */
    assert_int_equal(l.n, 4);
    char want[4][256];
    snprintf(want[0], 256, "%s/a.PDF", root);
    snprintf(want[1], 256, "%s/b.txt", root);
    snprintf(want[2], 256, "%s/sub/c.txt", root);
    snprintf(want[3], 256, "%s/sub/deeper/d.pdf", root);
    for (int i = 0; i < 4; i++) assert_string_equal(l.paths[i], want[i]);
    assert_int_equal(np, 1);
    assert_int_equal(pr.n, 1);
    assert_non_null(strstr(pr.last, "loop"));
    rs_file_list_free(&l);
    rs_file_list_free(NULL);
}

static void test_walk_named_files_and_missing(void **state) {
    (void)state;
    RsFileList l = {0};
    Problems pr = {0};
    char named[256], missing[256];
    snprintf(named, sizeof named, "%s/notes.doc", root);
    snprintf(missing, sizeof missing, "%s/nope.txt", root);
    char *paths[] = {named, missing, named};
    size_t np = 0;
    assert_int_equal(rs_walk(paths, 3, &l, on_problem, &pr, &np, NULL), RS_OK);
    assert_int_equal(l.n, 1); /* a named file is taken whatever its extension, once */
    assert_string_equal(l.paths[0], named);
    assert_int_equal(np, 1);
    assert_non_null(strstr(pr.last, "nope.txt"));
    rs_file_list_free(&l);
}

static void test_hash_hex(void **state) {
    (void)state;
    char h[17];
    rs_hash_hex("", 0, h);
    assert_string_equal(h, "cbf29ce484222325"); /* FNV-1a 64 offset basis */
    rs_hash_hex("a", 1, h);
    assert_string_equal(h, "af63dc4c8601ec8c"); /* published FNV-1a 64 test vector */
    char h2[17];
    rs_hash_hex("b", 1, h2);
    assert_string_not_equal(h, h2);
}

static void on_skipped(void *ctx, const char *path, const char *reason) {
    Problems *p = ctx;
    p->n++;
    size_t l = strlen(p->last);
    snprintf(p->last + l, sizeof p->last - l, "%s: %s|", strrchr(path, '/') + 1, reason);
}

/* Every path passed over is told with its reason; include and exclude patterns. */
static void test_walk_says_skips(void **state) {
    (void)state;
    RsFileList l = {0};
    Problems sk = {0};
    size_t np = 0, ns = 0;
    char *paths[] = {root};
    RsWalkOptions o = {.skipped = on_skipped, .ctx = &sk};
    assert_int_equal(rs_walk_with(paths, 1, &o, &l, &np, &ns, NULL), RS_OK);
    assert_int_equal(l.n, 4);
    assert_int_equal(ns, 2);
    assert_int_equal(sk.n, 2);
    assert_non_null(strstr(sk.last, ".hidden.txt: hidden file"));
    assert_non_null(strstr(sk.last, "notes.doc: not a .txt, .pdf or .html file"));
    assert_null(strstr(sk.last, "meta.json"));
    rs_file_list_free(&l);
    const char *inc[] = {"*.doc", ".h*"}, *exc[] = {"deeper", "*/b.txt"};
    RsWalkOptions o2 = {inc, 2, exc, 2, NULL, on_skipped, &sk};
    memset(&sk, 0, sizeof sk);
    assert_int_equal(rs_walk_with(paths, 1, &o2, &l, &np, &ns, NULL), RS_OK);
    /* a.PDF, .hidden.txt, notes.doc, sub/c.txt; b.txt and sub/deeper excluded */
    assert_int_equal(l.n, 4);
    assert_int_equal(ns, 2);
    assert_non_null(strstr(sk.last, "deeper: excluded by --exclude 'deeper'"));
    assert_non_null(strstr(sk.last, "b.txt: excluded by --exclude '*/b.txt'"));
    rs_file_list_free(&l);
}

/* The indexed name of a path: UTF-8 kept, anything else escaped, stably and idempotently. */
static void test_source_name(void **state) {
    (void)state;
    char *n;
    assert_int_equal(rs_source_name("data/m\xc3\xb8" "de 100%.txt", &n, NULL), RS_OK);
    assert_string_equal(n, "data/m\xc3\xb8" "de 100%.txt"); /* UTF-8: as given, % too */
    free(n);
    assert_int_equal(rs_source_name("data/m\xf8" "de 100%-\xff.txt", &n, NULL), RS_OK);
    assert_string_equal(n, "data/m%F8de 100%25-%FF.txt");
    char *again;
    assert_int_equal(rs_source_name(n, &again, NULL), RS_OK); /* an escaped name stays */
    assert_string_equal(again, n);
    free(again);
    free(n);
    assert_int_equal(rs_source_name("a/\xc3\xa6\xc3" "#2", &n, NULL), RS_OK); /* a cut character */
    assert_string_equal(n, "a/\xc3\xa6" "%C3#2");
    free(n);
}

/* Every spelling of one file has one canonical path: symlinks, "./", "../", "//" and relative
 * forms resolved; a file that is gone keeps its folder's real path; a folder that is gone too is
 * folded lexically. */
static void test_source_canonical(void **state) {
    (void)state;
    char real[4096], p[512], *c = NULL;
    assert_non_null(realpath(root, real)); /* /tmp may itself be a link */
    char want[4200];
    snprintf(want, sizeof want, "%s/sub/c.txt", real);
    const char *forms[] = {"%s/sub/c.txt", "%s/sub/./c.txt", "%s//sub/deeper/../c.txt", "%s/sub/deeper/loop/c.txt"};
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
        snprintf(p, sizeof p, forms[i], root);
        assert_int_equal(rs_source_canonical(p, &c, NULL), RS_OK);
        assert_string_equal(c, want);
        free(c);
    }
    char cwd[4096];
    assert_non_null(getcwd(cwd, sizeof cwd));
    assert_int_equal(chdir(root), 0);
    assert_int_equal(rs_source_canonical("sub/../sub/c.txt", &c, NULL), RS_OK); /* relative */
    assert_string_equal(c, want);
    free(c);
    assert_int_equal(rs_source_canonical("./sub/gone.txt", &c, NULL), RS_OK); /* the file is gone */
    snprintf(want, sizeof want, "%s/sub/gone.txt", real);
    assert_string_equal(c, want);
    free(c);
    assert_int_equal(chdir(cwd), 0);
    assert_int_equal(rs_source_canonical("/nowhere/a/./b/../c//d.txt", &c, NULL), RS_OK); /* all gone */
    assert_string_equal(c, "/nowhere/a/c/d.txt");
    free(c);
    assert_int_equal(rs_source_canonical("/nowhere/../../x.txt", &c, NULL), RS_OK);
    assert_string_equal(c, "/x.txt");
    free(c);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_walk_finds_minutes_and_reports_loop),
        cmocka_unit_test(test_walk_named_files_and_missing),
        cmocka_unit_test(test_hash_hex),
        cmocka_unit_test(test_source_name),
        cmocka_unit_test(test_source_canonical),
        cmocka_unit_test(test_walk_says_skips),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
