/* test_index_docdata.c — unit tests for index/docdata.c: packing and splitting stored item data. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "docdata.h"

static void test_roundtrip(void **state) {
    (void)state;
    RsBuf b = {0};
    RsError err;
    const char *hit = "{\"title\":\"Budget 2025\"}", *detail = "{\"sections\":[]}",
               *text = "Budget 2025\n\nSagsfremstilling\nTekst.";
    RsDocData in = {hit, detail, text, strlen(hit), strlen(detail), strlen(text)}, out;
    assert_int_equal(rs_docdata_pack(&b, &in, &err), RS_OK);
    assert_int_equal(b.len, strlen(hit) + strlen(detail) + strlen(text) + 2);
    rs_docdata_split(b.data, b.len, &out);
    assert_int_equal(out.hit_len, strlen(hit));
    assert_memory_equal(out.hit, hit, out.hit_len);
    assert_int_equal(out.detail_len, strlen(detail));
    assert_memory_equal(out.detail, detail, out.detail_len);
    assert_int_equal(out.text_len, strlen(text));
    assert_memory_equal(out.text, text, out.text_len);
    rs_buf_free(&b);
}

/* Empty parts survive the round trip as empty parts. */
static void test_empty_parts(void **state) {
    (void)state;
    RsBuf b = {0};
    RsError err;
    RsDocData in = {"{}", "", "", 2, 0, 0}, out;
    assert_int_equal(rs_docdata_pack(&b, &in, &err), RS_OK);
    rs_docdata_split(b.data, b.len, &out);
    assert_int_equal(out.hit_len, 2);
    assert_int_equal(out.detail_len, 0);
    assert_int_equal(out.text_len, 0);
    rs_buf_free(&b);
}

/* Missing separators (damaged data) leave the later parts empty; empty data too. */
static void test_damaged(void **state) {
    (void)state;
    RsDocData p;
    const char *d = "{\"id\":\"x\"}";
    rs_docdata_split(d, strlen(d), &p);
    assert_ptr_equal(p.hit, d);
    assert_int_equal(p.hit_len, strlen(d));
    assert_int_equal(p.detail_len, 0);
    assert_int_equal(p.text_len, 0);
    const char two[] = "{}\0{\"a\":1}";
    rs_docdata_split(two, sizeof two - 1, &p);
    assert_int_equal(p.hit_len, 2);
    assert_int_equal(p.detail_len, 7);
    assert_int_equal(p.text_len, 0);
    rs_docdata_split("", 0, &p);
    assert_int_equal(p.hit_len + p.detail_len + p.text_len, 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roundtrip),
        cmocka_unit_test(test_empty_parts),
        cmocka_unit_test(test_damaged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
