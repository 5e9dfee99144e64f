/* test_index_docdata.c — unit tests for index/docdata.c: packing (zstd with the preset dictionary),
 * and reading stored item data (schema 8's zstd, schema 7's deflate, plain). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>

#include "docdata.h"
#include "docdict.h"

/* A record's parts, stored and read back: compressed (a realistic item is smaller so), byte for byte. */
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
    assert_int_equal((unsigned char)b.data[0], RS_DOCDATA_ZSTD_V2);
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

/* Damaged compressed data is an error naming it, whatever is wrong: cut short, a frame header
 * that cannot be, a byte changed anywhere (the frame's checksum), not zstd at all. */
static void test_damaged_zstd(void **state) {
    (void)state;
    RsBuf b = {0}, scratch = {0};
    RsError err;
    const char *text = "Sagsfremstilling. Forvaltningen indstiller, at sagen godkendes. Sagsfremstilling. "
                       "Forvaltningen indstiller, at sagen godkendes.";
    RsDocData in = {"{\"title\":\"Budget\"}", "{}", text, 18, 2, strlen(text)}, out;
    assert_int_equal(rs_docdata_pack(&b, &in, &err), RS_OK);
    assert_int_equal((unsigned char)b.data[0], RS_DOCDATA_ZSTD_V2);
    assert_int_equal(rs_docdata_open(b.data, b.len, 3, &scratch, &out, &err), RS_OK);
    assert_int_equal(rs_docdata_open(b.data, b.len - 3, 3, &scratch, &out, &err), RS_ERR_DATABASE);
    assert_non_null(strstr(err.msg, "damaged"));
    /* a result list reads only the first parts and stops before the checksum; cut into the
     * compressed block, it cannot have them either */
    assert_int_equal(rs_docdata_open(b.data, b.len - 3, 2, &scratch, &out, &err), RS_OK);
    assert_int_equal(rs_docdata_open(b.data, b.len - 8, 2, &scratch, &out, &err), RS_ERR_DATABASE);
    assert_int_equal(rs_docdata_open(b.data, b.len - 8, 1, &scratch, &out, &err), RS_ERR_DATABASE);
    assert_int_equal(rs_docdata_open(b.data, 1, 3, &scratch, &out, &err), RS_ERR_DATABASE);
    assert_int_equal(rs_docdata_open(b.data, 3, 1, &scratch, &out, &err), RS_ERR_DATABASE);
    char *bad = malloc(b.len);
    for (size_t i = 1; i < b.len; i++) { /* every byte of the frame, one at a time */
        memcpy(bad, b.data, b.len);
        bad[i] ^= 0x21;
        RsStatus rc = rs_docdata_open(bad, b.len, 3, &scratch, &out, &err);
        if (rc == RS_OK) /* a changed byte must not read as other text */
            assert_true(out.text_len == strlen(text) && !memcmp(out.text, text, out.text_len));
        else
            assert_int_equal(rc, RS_ERR_DATABASE);
    }
    memcpy(bad, b.data, b.len);
    for (size_t i = 1; i < b.len; i++) bad[i] = (char)0xff; /* not zstd */
    assert_int_equal(rs_docdata_open(bad, b.len, 3, &scratch, &out, &err), RS_ERR_DATABASE);
    assert_int_equal(rs_docdata_open(bad, b.len, 1, &scratch, &out, &err), RS_ERR_DATABASE);
    free(bad);
    rs_buf_free(&b);
    rs_buf_free(&scratch);
}

/* The layout as schema 7 stored it: the marker, its length (4 bytes, little-endian), then raw
 * deflate with the dictionary's content. Returns the bytes written to out. */
static size_t deflated_v1(const char *layout, size_t n, unsigned char *out, size_t cap) {
    z_stream z;
    memset(&z, 0, sizeof z);
    assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY), Z_OK);
    assert_int_equal(deflateSetDictionary(&z, rs_docdict, (uInt)rs_docdict_len), Z_OK);
    out[0] = RS_DOCDATA_DEFLATE_V1;
    for (int i = 0; i < 4; i++) out[1 + i] = (unsigned char)(n >> (8 * i));
    z.next_in = (Bytef *)layout;
    z.avail_in = (uInt)n;
    z.next_out = out + 5;
    z.avail_out = (uInt)(cap - 5);
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    size_t len = 5 + z.total_out;
    deflateEnd(&z);
    return len;
}

/* Schema 7's stored data (raw deflate with the dictionary's content, as it wrote it) is still
 * read: whole, and the hit alone. */
static void test_deflated_v1(void **state) {
    (void)state;
    const char layout[] = "{\"title\":\"Budget\"}\0{\"cases\":[]}\0Sagsfremstilling. Forvaltningen indstiller, at "
                          "sagen godkendes, og at udvalget orienteres om budgettet.";
    unsigned char packed[512];
    size_t len = deflated_v1(layout, sizeof layout - 1, packed, sizeof packed);
    RsBuf scratch = {0};
    RsError err;
    RsDocData out;
    assert_int_equal(rs_docdata_open((const char *)packed, len, 3, &scratch, &out, &err), RS_OK);
    assert_int_equal(out.hit_len, 18);
    assert_memory_equal(out.hit, layout, 18);
    assert_int_equal(out.detail_len, 12);
    assert_int_equal(out.text_len, sizeof layout - 1 - 32);
    assert_memory_equal(out.text, layout + 32, out.text_len);
    assert_int_equal(rs_docdata_open((const char *)packed, len, 1, &scratch, &out, &err), RS_OK);
    assert_memory_equal(out.hit, layout, 18);
    assert_int_equal(rs_docdata_open((const char *)packed, len - 2, 3, &scratch, &out, &err), RS_ERR_DATABASE);
    rs_buf_free(&scratch);
}

/* The dictionary is zstd's tables then the content: a record compresses smaller with it than
 * with the content alone (without the tables, or with them damaged, it would not), and the
 * stored frame says no dictionary id (there is one per marker). */
static void test_dictionary(void **state) {
    (void)state;
    size_t dl = rs_docdict_zstd_head_len + rs_docdict_len;
    unsigned char *d = malloc(dl);
    memcpy(d, rs_docdict_zstd_head, rs_docdict_zstd_head_len);
    memcpy(d + rs_docdict_zstd_head_len, rs_docdict, rs_docdict_len);
    assert_int_equal(ZSTD_getDictID_fromDict(d, dl), 0x52534438u); /* a dictionary, "RSD8" */
    const char *text = "{\"id\":\"/srv/x.txt#1\",\"title\":\"Budgetopfølgning\",\"municipality\":\"Esbjerg\"}";
    char rec[4096];
    size_t n = (size_t)snprintf(rec, sizeof rec, "%s%c{}%cSagsfremstilling\nForvaltningen indstiller, at "
                                "Økonomiudvalget godkender budgetopfølgningen, og at Byrådet orienteres om "
                                "økonomien på børne- og ungeområdet.", text, 0, 0);
    unsigned char out1[4096], out2[4096];
    ZSTD_CCtx *c = ZSTD_createCCtx();
    size_t with = ZSTD_compress_usingDict(c, out1, sizeof out1, rec, n, d, dl, 6);
    size_t without = ZSTD_compress_usingDict(c, out2, sizeof out2, rec, n, rs_docdict, rs_docdict_len, 6);
    ZSTD_freeCCtx(c);
    assert_false(ZSTD_isError(with));
    assert_false(ZSTD_isError(without));
    assert_true(with < without);
    RsBuf b = {0};
    RsError err;
    RsDocData in = {text, "{}", rec + strlen(text) + 4, strlen(text), 2, n - strlen(text) - 4};
    assert_int_equal(rs_docdata_pack(&b, &in, &err), RS_OK);
    assert_int_equal(ZSTD_getDictID_fromFrame(b.data + 1, b.len - 1), 0);
    free(d);
    rs_buf_free(&b);
}

/* Threads pack and read at once, each with its own contexts (ThreadSanitizer watches this). */
static void *pack_many(void *arg) {
    const char *text = arg;
    RsBuf b = {0}, scratch = {0};
    RsError err;
    RsDocData in = {"{\"title\":\"Budget\"}", "{}", text, 18, 2, strlen(text)}, out;
    for (int i = 0; i < 200; i++) {
        b.len = 0;
        if (rs_docdata_pack(&b, &in, &err) != RS_OK || rs_docdata_open(b.data, b.len, 3, &scratch, &out, &err) != RS_OK ||
            out.text_len != strlen(text) || memcmp(out.text, text, out.text_len))
            return (void *)1;
    }
    rs_buf_free(&b);
    rs_buf_free(&scratch);
    return NULL;
}

static void test_threads(void **state) {
    (void)state;
    const char *texts[4] = {"Indstilling: at budgettet godkendes, og at udvalget orienteres om økonomien.",
                            "Beslutning: Godkendt. Fraværende: ingen. Sagen sendes videre til Byrådet.",
                            "Resumé: Kommunen har modtaget en ansøgning om tilskud til vejbelysning.",
                            "Bilag: 1. Budgetopfølgning pr. 30. april; 2. Tidsplan for budgetlægningen."};
    pthread_t t[4];
    for (int i = 0; i < 4; i++) assert_int_equal(pthread_create(&t[i], NULL, pack_many, (void *)texts[i]), 0);
    for (int i = 0; i < 4; i++) {
        void *r;
        assert_int_equal(pthread_join(t[i], &r), 0);
        assert_null(r);
    }
}

/* Schema 7's deflated data that is damaged is an error naming it, whatever is wrong: cut short,
 * a length that cannot be, bytes changed. */
static void test_damaged_deflated(void **state) {
    (void)state;
    RsBuf scratch = {0};
    RsError err;
    RsDocData out;
    const char layout[] = "{\"title\":\"Budget\"}\0{}\0Sagsfremstilling. Forvaltningen indstiller, at sagen "
                          "godkendes. Sagsfremstilling. Forvaltningen indstiller, at sagen godkendes.";
    unsigned char b[512];
    size_t len = deflated_v1(layout, sizeof layout - 1, b, sizeof b);
    assert_int_equal(rs_docdata_open((char *)b, len, 3, &scratch, &out, &err), RS_OK);
    assert_int_equal(rs_docdata_open((char *)b, len - 3, 3, &scratch, &out, &err), RS_ERR_DATABASE);
    assert_non_null(strstr(err.msg, "damaged"));
    assert_int_equal(rs_docdata_open((char *)b, 4, 3, &scratch, &out, &err), RS_ERR_DATABASE);
    char bad[512];
    memcpy(bad, b, len);
    bad[4] = 0x7f; /* a length of ~2 GB for a few bytes */
    assert_int_equal(rs_docdata_open(bad, len, 3, &scratch, &out, &err), RS_ERR_DATABASE);
    memcpy(bad, b, len);
    bad[1] ^= 0x01; /* the length one off */
    assert_int_equal(rs_docdata_open(bad, len, 3, &scratch, &out, &err), RS_ERR_DATABASE);
    memcpy(bad, b, len);
    for (size_t i = 5; i < len; i++) bad[i] = (char)0xff; /* not deflate */
    assert_int_equal(rs_docdata_open(bad, len, 3, &scratch, &out, &err), RS_ERR_DATABASE);
    rs_buf_free(&scratch);
}

/* A layout longer than a reader takes from a zstd frame (64 MiB) is stored plain, and reads. */
static void test_huge_plain(void **state) {
    (void)state;
    size_t n = ((size_t)64 << 20) + 10;
    char *text = malloc(n);
    assert_non_null(text);
    for (size_t i = 0; i < n; i++) text[i] = "budget "[i % 7];
    RsBuf b = {0}, scratch = {0};
    RsError err;
    RsDocData in = {"{}", "{}", text, 2, 2, n}, out;
    assert_int_equal(rs_docdata_pack(&b, &in, &err), RS_OK);
    assert_int_equal(b.data[0], '{');
    assert_int_equal(rs_docdata_open(b.data, b.len, 3, &scratch, &out, &err), RS_OK);
    assert_int_equal(out.text_len, n);
    assert_memory_equal(out.text, text, 64);
    free(text);
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
        cmocka_unit_test(test_damaged_zstd),
        cmocka_unit_test(test_deflated_v1),
        cmocka_unit_test(test_dictionary),
        cmocka_unit_test(test_threads),
        cmocka_unit_test(test_damaged_deflated),
        cmocka_unit_test(test_huge_plain),
        cmocka_unit_test(test_damaged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
