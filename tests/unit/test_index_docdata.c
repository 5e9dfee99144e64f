/* test_index_docdata.c — unit tests for index/docdata.c: packing (deflated with the preset dictionary)
 * and reading stored item data. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "docdata.h"

/* A record's parts, stored and read back: deflated (a realistic item is smaller so), byte for byte. */
static void test_roundtrip(void **state) {
    (void)state;
    RsBuf b = {0}, scratch = {0};
    RsError err;
    const char *hit = "{\"id\":\"/srv/referater/x.txt#1\",\"title\":\"Budget 2025 for Børn og Unge\",\"municipality\":"
                      "\"Esbjerg\",\"committee\":\"Økonomiudvalget\",\"outcome\":[\"godkendt\"],\"kind\":\"referat\"}",
               *detail = "{\"cases\":[],\"decisions\":[{\"committee\":\"Økonomiudvalget\",\"outcome\":\"godkendt\","
                         "\"text\":\"Godkendt.\"}],\"sections\":[{\"name\":\"sagsfremstilling\"}]}",
               *text = "Budget 2025\n\nSagsfremstilling\nForvaltningen indstiller, at budgettet for kommunen "
                       "godkendes, og at udvalget orienteres om økonomien i forbindelse med budgetopfølgningen.";
    RsDocData in = {hit, detail, text, strlen(hit), strlen(detail), strlen(text)}, out;
    assert_int_equal(rs_docdata_pack(&b, &in, &err), RS_OK);
    assert_int_equal((unsigned char)b.data[0], RS_DOCDATA_DEFLATE_V1);
    assert_true(b.len < (strlen(hit) + strlen(detail) + strlen(text) + 2) / 2); /* the dictionary's work */
    assert_int_equal(rs_docdata_open(b.data, b.len, 3, &scratch, &out, &err), RS_OK);
    assert_int_equal(out.hit_len, strlen(hit));
    assert_memory_equal(out.hit, hit, out.hit_len);
    assert_int_equal(out.detail_len, strlen(detail));
    assert_memory_equal(out.detail, detail, out.detail_len);
    assert_int_equal(out.text_len, strlen(text));
    assert_memory_equal(out.text, text, out.text_len);
    /* only the hit asked for: it is whole (the rest may be cut short) */
    assert_int_equal(rs_docdata_open(b.data, b.len, 1, &scratch, &out, &err), RS_OK);
    assert_int_equal(out.hit_len, strlen(hit));
    assert_memory_equal(out.hit, hit, out.hit_len);
    rs_buf_free(&b);
    rs_buf_free(&scratch);
}

/* What deflate cannot make smaller is stored plain, and plain data (indexes of schema 6 too)
 * reads as it is, without a copy. */
static void test_plain(void **state) {
    (void)state;
    RsBuf b = {0}, scratch = {0};
    RsError err;
    RsDocData in = {"{}", "", "", 2, 0, 0}, out;
    assert_int_equal(rs_docdata_pack(&b, &in, &err), RS_OK);
    assert_int_equal(b.len, 4);
    assert_memory_equal(b.data, "{}\0\0", 4);
    const char old[] = "{\"id\":\"x\"}\0{}\0tekst";
    assert_int_equal(rs_docdata_open(old, sizeof old - 1, 3, &scratch, &out, &err), RS_OK);
    assert_ptr_equal(out.hit, old);
    assert_int_equal(out.hit_len, 10);
    assert_int_equal(out.text_len, 5);
    assert_memory_equal(out.text, "tekst", 5);
    rs_buf_free(&b);
    rs_buf_free(&scratch);
}

/* Damaged deflated data is an error naming it, whatever is wrong: cut short, a length that
 * cannot be, bytes changed. */
static void test_damaged_deflated(void **state) {
    (void)state;
    RsBuf b = {0}, scratch = {0};
    RsError err;
    const char *text = "Sagsfremstilling. Forvaltningen indstiller, at sagen godkendes. Sagsfremstilling. "
                       "Forvaltningen indstiller, at sagen godkendes.";
    RsDocData in = {"{\"title\":\"Budget\"}", "{}", text, 18, 2, strlen(text)}, out;
    assert_int_equal(rs_docdata_pack(&b, &in, &err), RS_OK);
    assert_int_equal((unsigned char)b.data[0], RS_DOCDATA_DEFLATE_V1);
    assert_int_equal(rs_docdata_open(b.data, b.len - 3, 3, &scratch, &out, &err), RS_ERR_DATABASE);
    assert_non_null(strstr(err.msg, "damaged"));
    assert_int_equal(rs_docdata_open(b.data, 4, 3, &scratch, &out, &err), RS_ERR_DATABASE);
    char *bad = malloc(b.len);
    memcpy(bad, b.data, b.len);
    bad[4] = 0x7f; /* a length of ~2 GB for a few bytes */
    assert_int_equal(rs_docdata_open(bad, b.len, 3, &scratch, &out, &err), RS_ERR_DATABASE);
    memcpy(bad, b.data, b.len);
    bad[1] ^= 0x01; /* the length one off */
    assert_int_equal(rs_docdata_open(bad, b.len, 3, &scratch, &out, &err), RS_ERR_DATABASE);
    memcpy(bad, b.data, b.len);
    for (size_t i = 5; i < b.len; i++) bad[i] = (char)0xff; /* not deflate */
    assert_int_equal(rs_docdata_open(bad, b.len, 3, &scratch, &out, &err), RS_ERR_DATABASE);
    free(bad);
    rs_buf_free(&b);
    rs_buf_free(&scratch);
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
        cmocka_unit_test(test_plain),
        cmocka_unit_test(test_damaged_deflated),
        cmocka_unit_test(test_damaged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
