/* test_engine_search.c — the search engine over a real index: fingerprint checks, lock, stats, errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
        cmocka_unit_test(test_search_and_stats),
        cmocka_unit_test(test_second_writer_is_refused),
        cmocka_unit_test(test_fingerprint_mismatch),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
