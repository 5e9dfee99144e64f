/* test_index_terms.c — unit tests for bounded terms and metadata keys (index/terms.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "terms.h"

/* A value that fits is kept as it is. */
static void test_short_kept(void **state) {
    (void)state;
    RsBuf b = {0};
    RsError err;
    assert_int_equal(rs_term_makes(&b, "H", "data/sample/000.txt", &err), RS_OK);
    assert_string_equal(b.data, "Hdata/sample/000.txt");
    char v[RS_TERM_MAX];
    memset(v, 'x', sizeof v);
    assert_int_equal(rs_term_make(&b, "KU", v, RS_TERM_MAX - 2, &err), RS_OK);
    assert_int_equal(b.len, RS_TERM_MAX);
    assert_int_equal(memcmp(b.data + 2, v, RS_TERM_MAX - 2), 0);
    rs_buf_free(&b);
}

/* A long value: bounded, cut with the marker and a hash, stable, and two long values that share
 * their start get two terms. */
static void test_long_cut_and_hashed(void **state) {
    (void)state;
    RsBuf a = {0}, b = {0}, c = {0};
    RsError err;
    char v1[600], v2[600];
    memset(v1, 'd', sizeof v1 - 1);
    v1[sizeof v1 - 1] = '\0';
    memcpy(v2, v1, sizeof v2);
    v2[590] = 'e';
    assert_int_equal(rs_term_makes(&a, "Q", v1, &err), RS_OK);
    assert_int_equal(rs_term_makes(&b, "Q", v2, &err), RS_OK);
    assert_int_equal(rs_term_makes(&c, "Q", v1, &err), RS_OK);
    assert_true(a.len <= RS_TERM_MAX && b.len <= RS_TERM_MAX);
    assert_true(rs_term_storable(a.len));
    assert_string_equal(a.data, c.data);
    assert_string_not_equal(a.data, b.data);
    assert_non_null(strstr(a.data, RS_TERM_MARK));
    assert_int_equal(a.data[0], 'Q');
    assert_int_equal(memcmp(a.data + 1, v1, 100), 0);
    rs_buf_free(&a);
    rs_buf_free(&b);
    rs_buf_free(&c);
}

/* The cut never splits a UTF-8 character, whatever the prefix length. */
static void test_cut_on_character(void **state) {
    (void)state;
    RsBuf b = {0};
    RsError err;
    char w[1000] = "";
    for (int i = 0; i < 150; i++) strcat(w, "\xc3\xa6\xc3\xb8\xc3\xa5"); /* æøå */
    static const char *const prefixes[] = {"K", "KU", "KUx"};
    for (size_t k = 0; k < 3; k++) {
        assert_int_equal(rs_term_makes(&b, prefixes[k], w, &err), RS_OK);
        const char *mark = strstr(b.data, RS_TERM_MARK);
        assert_non_null(mark);
        size_t vl = (size_t)(mark - b.data) - strlen(prefixes[k]);
        assert_int_equal(vl % 2, 0); /* whole two-byte characters */
        assert_true(b.len <= RS_TERM_MAX);
    }
    rs_buf_free(&b);
}

/* A pair term: the prefix, the two forms with one space between; long forms bounded like every
 * term, two pairs that differ only late still two terms. */
static void test_pair_term(void **state) {
    (void)state;
    RsBuf b = {0}, c = {0};
    RsError err;
    assert_int_equal(rs_term_pair(&b, "ikke", 4, "har", 3, &err), RS_OK);
    assert_int_equal(b.len, 9);
    assert_memory_equal(b.data, "Nikke har", 9);
    assert_int_equal(rs_term_pair(&b, "p\xc3\xa5", 3, "og", 2, &err), RS_OK);
    assert_memory_equal(b.data, "Np\xc3\xa5 og", 7);
    char w[400];
    memset(w, 'a', sizeof w);
    assert_int_equal(rs_term_pair(&b, w, sizeof w, "x", 1, &err), RS_OK);
    assert_int_equal(rs_term_pair(&c, w, sizeof w, "y", 1, &err), RS_OK);
    assert_true(b.len <= RS_TERM_MAX && rs_term_storable(b.len));
    assert_false(b.len == c.len && !memcmp(b.data, c.data, b.len));
    rs_buf_free(&b);
    rs_buf_free(&c);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_short_kept),
        cmocka_unit_test(test_long_cut_and_hashed),
        cmocka_unit_test(test_cut_on_character),
        cmocka_unit_test(test_pair_term),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
