/* test_engine_search.c — the search engine over a real index: fingerprint checks, lock, stats, errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "indexer.h"
#include "schema.h"
#include "search.h"
#include "xapian_shim.h"

static char dir[64];

static int setup(void **state) {
    (void)state;
    strcpy(dir, "/tmp/rs_searchXXXXXX");
    if (!mkdtemp(dir)) return -1;
    RsIndexer *ix;
    RsError err;
    if (rs_indexer_open(dir, NULL, &ix, &err) != RS_OK) return -1;
    RsFileOutcome oc;
    size_t n;
    if (rs_indexer_add_file(ix, "data/sample/000_082cc86b9df59ed8.txt", &oc, &n, &err) != RS_OK ||
        oc != RS_FILE_INDEXED || n != 5)
        return -1;
    return rs_indexer_close(ix, &err) == RS_OK ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd);
}

static void set_meta(const char *key, const char *value) {
    RsxWritable *w;
    RsError err;
    assert_int_equal(rsx_writable_open(dir, RSX_OPEN, &w, &err), RS_OK);
    assert_int_equal(rsx_writable_set_metadata(w, key, value, strlen(value), &err), RS_OK);
    assert_int_equal(rsx_writable_close(w, &err), RS_OK);
}

static void test_search_and_stats(void **state) {
    (void)state;
    const char *paths[] = {dir};
    RsSearcher *s;
    RsError err;
    assert_int_equal(rs_searcher_open(paths, 1, &s, &err), RS_OK);
    RsSearchRequest req = {.query = "opiater", .limit = 10};
    json_t *r;
    assert_int_equal(rs_search(s, &req, &r, &err), RS_OK);
    assert_int_equal(json_integer_value(json_object_get(r, "total")), 1);
    json_t *h = json_array_get(json_object_get(r, "hits"), 0);
    assert_string_equal(json_string_value(json_object_get(h, "case")), "23/15645");
    json_decref(r);
    /* a malformed query is RS_ERR_QUERY with the parser's message */
    req.query = "(opiater";
    assert_int_equal(rs_search(s, &req, &r, &err), RS_ERR_QUERY);
    assert_non_null(strstr(err.msg, "not closed"));
    /* case history: a case key, or RS_ERR_QUERY for something else */
    assert_int_equal(rs_case_history(s, "23-15645", &r, &err), RS_OK);
    assert_int_equal(json_array_size(json_object_get(r, "items")), 1);
    json_decref(r);
    assert_int_equal(rs_case_history(s, "opiater", &r, &err), RS_ERR_QUERY);
    assert_int_equal(rs_item_get(s, "nope#1", &r, &err), RS_ERR_NOTFOUND);
    assert_int_equal(rs_index_stats(s, &r, &err), RS_OK);
    assert_int_equal(json_integer_value(json_object_get(r, "items")), 5);
    json_t *ix0 = json_array_get(json_object_get(r, "indexes"), 0);
    assert_true(json_integer_value(json_object_get(ix0, "bytes")) > 0);
    json_decref(r);
    rs_searcher_close(s);
    rs_searcher_close(NULL);
}

/* One file, one copy: the indexer knows it by its canonical path whatever the spelling; the
 * item is found by any spelling of its id; a file gone from a mirrored folder leaves the index. */
static void test_identity_and_prune(void **state) {
    (void)state;
    char sub[128], f[512], other[512], cmd[1024];
    snprintf(sub, sizeof sub, "%s.files", dir);
    snprintf(cmd, sizeof cmd, "rm -rf %s && mkdir -p %s && cp data/sample/000_082cc86b9df59ed8.txt "
             "data/sample/003_2da60960a1decf7e.txt %s/", sub, sub, sub);
    assert_int_equal(system(cmd), 0);
    char ixd[128];
    snprintf(ixd, sizeof ixd, "%s.ix", dir);
    char *folders[] = {sub};
    RsIndexerOptions o = {.mirror_folders = folders, .n_mirror_folders = 1};
    RsIndexer *ix;
    RsError err;
    RsFileOutcome oc;
    size_t n;
    assert_int_equal(rs_indexer_open(ixd, &o, &ix, &err), RS_OK);
    snprintf(f, sizeof f, "%s/000_082cc86b9df59ed8.txt", sub);
    snprintf(other, sizeof other, "%s/./../%s/000_082cc86b9df59ed8.txt", sub, strrchr(sub, '/') + 1);
    assert_int_equal(rs_indexer_add_file(ix, f, &oc, &n, &err), RS_OK);
    assert_int_equal(oc, RS_FILE_INDEXED);
    assert_int_equal(rs_indexer_add_file(ix, other, &oc, &n, &err), RS_OK);
    assert_int_equal(oc, RS_FILE_UNCHANGED); /* the same file */
    snprintf(f, sizeof f, "%s/003_2da60960a1decf7e.txt", sub);
    assert_int_equal(rs_indexer_add_file(ix, f, &oc, &n, &err), RS_OK);
    assert_int_equal(rs_indexer_commit(ix, &err), RS_OK);
    size_t before = rs_indexer_totals(ix)->items_added;
    assert_int_equal(unlink(f), 0);
    assert_int_equal(rs_indexer_prune(ix, &err), RS_OK);
    assert_int_equal(rs_indexer_totals(ix)->files_gone, 1);
    assert_int_equal(rs_indexer_totals(ix)->items_gone, before - 5);
    assert_int_equal(rs_indexer_prune(ix, &err), RS_OK); /* nothing more */
    assert_int_equal(rs_indexer_totals(ix)->files_gone, 1);
    assert_int_equal(rs_indexer_close(ix, &err), RS_OK);

    const char *paths[] = {ixd};
    RsSearcher *s;
    assert_int_equal(rs_searcher_open(paths, 1, &s, &err), RS_OK);
    json_t *r;
    RsSearchRequest req = {.query = "dato:..2100", .limit = 100};
    assert_int_equal(rs_search(s, &req, &r, &err), RS_OK);
    assert_int_equal(json_integer_value(json_object_get(r, "total")), 5); /* one copy, 003 gone */
    const char *src = json_string_value(json_object_get(json_array_get(json_object_get(r, "hits"), 0), "source"));
    assert_true(src && src[0] == '/'); /* canonical: absolute */
    json_decref(r);
    char id[600];
    snprintf(id, sizeof id, "%s#2", other);
    assert_int_equal(rs_item_get(s, id, &r, &err), RS_OK); /* an id in another spelling */
    json_decref(r);
    assert_int_equal(rs_meeting_get(s, other, &r, &err), RS_OK);
    assert_int_equal(json_array_size(json_object_get(r, "items")), 5);
    json_decref(r);
    /* one limit for every front end: over it is an error, never a silent cap */
    req.limit = RS_SEARCH_MAX_LIMIT + 1;
    assert_int_equal(rs_search(s, &req, &r, &err), RS_ERR_USAGE);
    req.limit = 10;
    req.offset = RS_SEARCH_MAX_OFFSET + 1;
    assert_int_equal(rs_search(s, &req, &r, &err), RS_ERR_USAGE);
    rs_searcher_close(s);
    snprintf(cmd, sizeof cmd, "rm -rf %s %s %s.lock", sub, ixd, ixd);
    assert_int_equal(system(cmd), 0);
}

/* Equal scores come in the tie key's order (newest first, then file, then place), not docid
 * order: adding the same files in the opposite order gives the same list. */
static void test_ties_stable(void **state) {
    (void)state;
    const char *files[] = {"data/sample/000_082cc86b9df59ed8.txt", "data/sample/001_f2525942d8ac13d5.txt",
                           "data/sample/004_4215b85305d5dec8.txt"};
    char got[2][4096];
    for (int run = 0; run < 2; run++) {
        char ixd[128], cmd[512];
        snprintf(ixd, sizeof ixd, "%s.tie%d", dir, run);
        RsIndexer *ix;
        RsError err;
        RsFileOutcome oc;
        size_t n;
        assert_int_equal(rs_indexer_open(ixd, NULL, &ix, &err), RS_OK);
        for (int k = 0; k < 3; k++)
            assert_int_equal(rs_indexer_add_file(ix, files[run ? 2 - k : k], &oc, &n, &err), RS_OK);
        assert_int_equal(rs_indexer_close(ix, &err), RS_OK);
        const char *paths[] = {ixd};
        RsSearcher *s;
        assert_int_equal(rs_searcher_open(paths, 1, &s, &err), RS_OK);
        RsSearchRequest req = {.query = "dato:2000..2100", .limit = 100}; /* a filter: every score 0 */
        json_t *r;
        assert_int_equal(rs_search(s, &req, &r, &err), RS_OK);
        got[run][0] = '\0';
        size_t i;
        json_t *h;
        json_array_foreach(json_object_get(r, "hits"), i, h) {
            strncat(got[run], json_string_value(json_object_get(h, "id")), sizeof got[run] - strlen(got[run]) - 2);
            strcat(got[run], " ");
        }
        if (run == 0) { /* newest first */
            json_t *a = json_array_get(json_object_get(r, "hits"), 0), *z = json_array_get(json_object_get(r, "hits"), i - 1);
            assert_true(strcmp(json_string_value(json_object_get(a, "date")), json_string_value(json_object_get(z, "date"))) >= 0);
        }
        json_decref(r);
        rs_searcher_close(s);
        snprintf(cmd, sizeof cmd, "rm -rf %s %s.lock", ixd, ixd);
        assert_int_equal(system(cmd), 0);
    }
    assert_true(strlen(got[0]) > 100);
    assert_string_equal(got[0], got[1]);
}

static void test_second_writer_is_refused(void **state) {
    (void)state;
    RsIndexer *a, *b;
    RsError err;
    assert_int_equal(rs_indexer_open(dir, NULL, &a, &err), RS_OK);
    assert_int_equal(rs_indexer_open(dir, NULL, &b, &err), RS_ERR_LOCKED);
    assert_non_null(strstr(err.msg, "locked by another writer"));
    assert_int_equal(rs_indexer_close(a, &err), RS_OK);
}

/* Last: it changes the stored fingerprint. */
static void test_fingerprint_mismatch(void **state) {
    (void)state;
    set_meta(RS_META_FINGERPRINT, "rules-0;some-other-stemmer");
    const char *paths[] = {dir};
    RsSearcher *s;
    RsError err;
    assert_int_equal(rs_searcher_open(paths, 1, &s, &err), RS_ERR_MISMATCH);
    assert_non_null(strstr(err.msg, "another analyser configuration"));
    assert_non_null(strstr(err.msg, "re-index"));
    RsIndexer *ix;
    assert_int_equal(rs_indexer_open(dir, NULL, &ix, &err), RS_ERR_MISMATCH);
    assert_non_null(strstr(err.msg, "rules-0;some-other-stemmer"));
    set_meta(RS_META_SCHEMA, "0");
    set_meta(RS_META_FINGERPRINT, "");
    assert_int_equal(rs_searcher_open(paths, 1, &s, &err), RS_ERR_MISMATCH);
    assert_non_null(strstr(err.msg, "schema"));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_identity_and_prune),
        cmocka_unit_test(test_ties_stable),
        cmocka_unit_test(test_search_and_stats),
        cmocka_unit_test(test_second_writer_is_refused),
        cmocka_unit_test(test_fingerprint_mismatch),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
