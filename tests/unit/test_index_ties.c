/* test_index_ties.c — relevance order with ties by the tie key (RsxSearchOptions.stable_ties) on
 * every page: the shim finds a page without reading every candidate's key where it can
 * (relevance_page), and must give the same pages as ordering every candidate by the key. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "xapian_shim.h"

#define N_DOCS 12
#define TIE_SLOT 7
#define FACET_SLOT 3 /* "b" on every third document, "a" on the others */

#define RS_TMPDIR_NAME "rs_ties"
#include "tmpdir.h"

/* Twelve documents in three groups of four that weigh the same for the term "x": docids 1-4 have
 * it once, 5-8 twice, 9-12 three times, every document 10 words long (a filler term "y" makes up
 * the rest). The tie key runs against the docids: docid d has key "k<99 - d>". A facet value in
 * FACET_SLOT: "b" where d is a multiple of 3, else "a". */
static void build(const char *path) {
    RsxWritable *w;
    RsError err;
    assert_int_equal(rsx_writable_open(path, RSX_CREATE_OR_OPEN, &w, &err), RS_OK);
    for (unsigned d = 1; d <= N_DOCS; d++) {
        RsxDoc *doc = rsx_doc_new();
        assert_non_null(doc);
        unsigned wdf = (d - 1) / 4 + 1;
        assert_int_equal(rsx_doc_add_term(doc, "x", 1, wdf, &err), RS_OK);
        assert_int_equal(rsx_doc_add_term(doc, "y", 1, 10 - wdf, &err), RS_OK);
        char key[16], id[16];
        snprintf(key, sizeof key, "k%02u", 99 - d);
        snprintf(id, sizeof id, "Q%02u", d);
        assert_int_equal(rsx_doc_set_value(doc, TIE_SLOT, key, strlen(key), &err), RS_OK);
        assert_int_equal(rsx_doc_set_value(doc, FACET_SLOT, d % 3 ? "a" : "b", 1, &err), RS_OK);
        assert_int_equal(rsx_doc_add_boolean_term(doc, id, strlen(id), &err), RS_OK);
        assert_int_equal(rsx_writable_replace(w, id, strlen(id), doc, NULL, &err), RS_OK);
        rsx_doc_free(doc);
    }
    assert_int_equal(rsx_writable_close(w, &err), RS_OK);
}

/* The docids of the page [offset, offset + limit) of "x" (ties by the key), appended to got;
 * checks each hit's rank. With `facets`, FACET_SLOT is counted match by match (the matcher's
 * spies, under a cap of `cap` matches, 0 for none) and must give a 8, b 4 and the total 12: each
 * match counted once (a page searched apart must not count again). Returns how many hits the page
 * had. */
static size_t page_of(RsxDb *db, const RsxQuery *q, size_t offset, size_t limit, int facets, size_t cap,
                      RsxDocid *got) {
    RsxFacetRequest f = {.slot = FACET_SLOT};
    RsxSearchOptions o = {.offset = offset, .limit = limit, .sort_slot = -1, .stable_ties = 1,
                          .tie_slot = TIE_SLOT, .facets = facets ? &f : NULL, .n_facets = facets ? 1 : 0,
                          .facet_cap = cap};
    RsxMSet *m;
    RsError err;
    assert_int_equal(rsx_search(db, q, &o, &m, &err), RS_OK);
    if (facets) {
        assert_int_equal(rsx_mset_facet_size(m, 0), 2);
        const char *v;
        size_t len, count;
        rsx_mset_facet(m, 0, 0, &v, &len, &count);
        assert_true(len == 1 && v[0] == 'a' && count == 8);
        rsx_mset_facet(m, 0, 1, &v, &len, &count);
        assert_true(len == 1 && v[0] == 'b' && count == 4);
        assert_int_equal(rsx_mset_matches_estimated(m), N_DOCS);
        assert_true(rsx_mset_facets_exact(m));
    }
    size_t n = rsx_mset_size(m);
    for (size_t i = 0; i < n; i++) {
        got[i] = rsx_mset_docid(m, i);
        assert_int_equal(rsx_mset_rank(m, i), offset + i);
        if (i) assert_true(rsx_mset_weight(m, i - 1) >= rsx_mset_weight(m, i));
    }
    rsx_mset_free(m);
    return n;
}

static size_t page(RsxDb *db, const RsxQuery *q, size_t offset, size_t limit, RsxDocid *got) {
    return page_of(db, q, offset, limit, 0, 0, got);
}

/* Every page size and every offset: the pages, put together, are the whole list in one order:
 * the heaviest group first, each group in key order (docids descending here, where docid order
 * would give them ascending). Page sizes of 4 end exactly on the groups' edges, so each page is
 * found without the key and its own ties put in order; the other sizes cut through a group, and
 * those pages must come out the same. */
static void test_ties_on_every_page(void **state) {
    (void)state;
    char path[128];
    snprintf(path, sizeof path, "%s/ix", tmp);
    build(path);
    const char *paths[] = {path};
    RsxDb *db;
    RsError err;
    assert_int_equal(rsx_db_open(paths, 1, 0, &db, &err), RS_OK);
    RsxQuery *q = rsx_query_term("x", 1, 1, 0, &err);
    assert_non_null(q);
    const RsxDocid want[N_DOCS] = {12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
    /* without facets; with them counted match by match, all of them and under a cap */
    const int facets[] = {0, 1, 1};
    const size_t caps[] = {0, 0, 100};
    for (size_t v = 0; v < 3; v++)
        for (size_t limit = 1; limit <= N_DOCS + 1; limit++) {
            RsxDocid got[N_DOCS + 16];
            size_t n = 0;
            for (size_t off = 0; off < N_DOCS + limit; off += limit)
                n += page_of(db, q, off, limit, facets[v], caps[v], got + n);
            assert_int_equal(n, N_DOCS);
            for (size_t i = 0; i < N_DOCS; i++) assert_int_equal(got[i], want[i]);
        }
    /* a page starting inside a group and ending on its edge: the item before it ties */
    RsxDocid got[N_DOCS];
    assert_int_equal(page(db, q, 2, 2, got), 2);
    assert_int_equal(got[0], 10);
    assert_int_equal(got[1], 9);
    rsx_query_free(q);
    rsx_db_close(db);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ties_on_every_page),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
