/* test_index_posblob.c — unit tests for index/posblob.c: an item's word positions as one block
 * (hashed keys without collisions, wider keys or spelled words when they would collide), and the
 * phrase test over position lists. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "posblob.h"

/* The positions of `word` in the block as "1 4 9" ("" when absent, "damaged" when -1). */
static const char *positions(const RsBuf *b, const char *word) {
    static char out[4096];
    static uint32_t *pos;
    static size_t cap;
    size_t n;
    int r = rs_posblob_find(b->data, b->len, word, strlen(word), &pos, &n, &cap);
    if (r < 0) return "damaged";
    out[0] = '\0';
    for (size_t i = 0; r == 1 && i < n; i++)
        snprintf(out + strlen(out), sizeof out - strlen(out), "%s%u", i ? " " : "", pos[i]);
    return out;
}

static void add_text(RsPosBlob *pb, const char *text, uint32_t first) {
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", text);
    uint32_t p = first;
    for (char *t = strtok(buf, " "); t; t = strtok(NULL, " "), p++)
        assert_int_equal(rs_posblob_add(pb, t, strlen(t), p, NULL), RS_OK);
}

static void test_roundtrip(void **state) {
    (void)state;
    RsPosBlob *pb = rs_posblob_new();
    assert_true(rs_posblob_empty(pb));
    add_text(pb, "budget for børn og unge og budget for ældre", 1);
    assert_false(rs_posblob_empty(pb));
    RsBuf b = {0};
    assert_int_equal(rs_posblob_encode(pb, &b, NULL), RS_OK);
    assert_int_equal((unsigned char)b.data[0], RS_POSBLOB_HASH24);
    assert_string_equal(positions(&b, "budget"), "1 7");
    assert_string_equal(positions(&b, "for"), "2 8");
    assert_string_equal(positions(&b, "og"), "4 6");
    assert_string_equal(positions(&b, "ældre"), "9");
    assert_string_equal(positions(&b, "unge"), "5");
    /* smaller than the words: 3 bytes a word, a byte or two a position */
    assert_true(b.len < strlen("budget for børn og unge og budget for ældre"));

    /* the collector is empty again and makes the next item's block alone; a position given twice
     * (a word and a sub-token at the same place) is kept once */
    assert_true(rs_posblob_empty(pb));
    add_text(pb, "ssp samrådet", 300);
    assert_int_equal(rs_posblob_add(pb, "ssp", 3, 300, NULL), RS_OK);
    assert_int_equal(rs_posblob_add(pb, "ssp", 3, 100000, NULL), RS_OK);
    RsBuf c = {0};
    assert_int_equal(rs_posblob_encode(pb, &c, NULL), RS_OK);
    assert_string_equal(positions(&c, "ssp"), "300 100000");
    assert_string_equal(positions(&c, "samrådet"), "301");
    assert_int_equal(rs_posblob_add(pb, "", 0, 1, NULL), RS_ERR_USAGE);
    rs_buf_free(&b);
    rs_buf_free(&c);
    rs_posblob_free(pb);
    rs_posblob_free(NULL);
}

/* n distinct words w0 … w(n-1), one position each (the word's number + 1). */
static void encode_many(size_t n, int widest, RsBuf *b) {
    RsPosBlob *pb = rs_posblob_new();
    char w[32];
    for (size_t i = 0; i < n; i++) {
        snprintf(w, sizeof w, "w%zu", i);
        assert_int_equal(rs_posblob_add(pb, w, strlen(w), (uint32_t)i + 1, NULL), RS_OK);
    }
    assert_int_equal(rs_posblob_encode_as(pb, b, widest, NULL), RS_OK);
    rs_posblob_free(pb);
}

/* With many words some 24-bit keys collide under every seed: 32-bit keys; where those would
 * collide too (here: kept to 24 bits), the words spelled out. Each word still finds its own
 * position, and only it. */
static void test_wider_keys(void **state) {
    (void)state;
    static const struct {
        size_t n;
        int widest, mode;
    } cases[] = {{200, RS_POSBLOB_HASH32, RS_POSBLOB_HASH24},
                 {30000, RS_POSBLOB_HASH32, RS_POSBLOB_HASH32},
                 {30000, RS_POSBLOB_HASH24, RS_POSBLOB_SPELLED},
                 {50, RS_POSBLOB_SPELLED, RS_POSBLOB_SPELLED}};
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        RsBuf b = {0};
        encode_many(cases[c].n, cases[c].widest, &b);
        assert_int_equal((unsigned char)b.data[0], cases[c].mode);
        char w[32], want[32];
        for (size_t i = 0; i < cases[c].n; i += cases[c].n / 50 + 1) {
            snprintf(w, sizeof w, "w%zu", i);
            snprintf(want, sizeof want, "%zu", i + 1);
            assert_string_equal(positions(&b, w), want);
        }
        snprintf(w, sizeof w, "w%zu", cases[c].n - 1);
        snprintf(want, sizeof want, "%zu", cases[c].n);
        assert_string_equal(positions(&b, w), want);
        if (cases[c].mode == RS_POSBLOB_SPELLED) {
            assert_string_equal(positions(&b, "x"), "");    /* after every word */
            assert_string_equal(positions(&b, "a"), "");    /* before */
            assert_string_equal(positions(&b, "w1a"), "");  /* between */
        }
        rs_buf_free(&b);
    }
}

/* A cut or garbled block is said to be damaged, never read as other positions. */
static void test_damaged(void **state) {
    (void)state;
    RsPosBlob *pb = rs_posblob_new();
    add_text(pb, "til efterretning og til orientering", 1);
    RsBuf b = {0};
    assert_int_equal(rs_posblob_encode(pb, &b, NULL), RS_OK);
    RsBuf cut = {0};
    rs_buf_append(&cut, b.data, b.len - 1);
    /* the last key's positions are cut: every key before it still reads */
    int saw_damage = 0;
    const char *words[] = {"til", "efterretning", "og", "orientering"};
    for (size_t i = 0; i < 4; i++) saw_damage |= !strcmp(positions(&cut, words[i]), "damaged");
    assert_true(saw_damage);
    b.data[0] = 9; /* an unknown mode */
    assert_string_equal(positions(&b, "til"), "damaged");
    RsBuf one = {0};
    rs_buf_putc(&one, RS_POSBLOB_HASH24);
    assert_string_equal(positions(&one, "til"), "damaged");
    rs_buf_free(&b);
    rs_buf_free(&cut);
    rs_buf_free(&one);
    rs_posblob_free(pb);
}

static int phrase(const char *spec, unsigned window) {
    /* "1 5 9|2 6|7" : the lists, in phrase order */
    static uint32_t v[8][16];
    const uint32_t *l[8];
    size_t n[8] = {0}, k = 0;
    char buf[256];
    snprintf(buf, sizeof buf, "%s", spec);
    char *save1;
    for (char *list = strtok_r(buf, "|", &save1); list; list = strtok_r(NULL, "|", &save1), k++) {
        char *save2;
        for (char *t = strtok_r(list, " ", &save2); t; t = strtok_r(NULL, " ", &save2)) v[k][n[k]++] = (uint32_t)atoi(t);
        l[k] = v[k];
    }
    return rs_phrase_in(l, n, k, window);
}

static void test_phrase_in(void **state) {
    (void)state;
    assert_true(phrase("3 8|9", 2));        /* 8 9 */
    assert_false(phrase("3 8|5 10", 2));    /* never next to each other */
    assert_false(phrase("5|4", 2));         /* out of order */
    assert_true(phrase("1 4|5|6", 3));      /* 4 5 6, after a false start at 1 */
    assert_false(phrase("1 4|2 5|7", 3));   /* 4 5 7 spans 4 */
    assert_true(phrase("1 4|2 5|7", 4));    /* … within a window of 4 */
    assert_false(phrase("1 4|2 5|7", 0));   /* a window below the words' number is theirs */
    assert_true(phrase("2 3|2 3", 2));      /* "og og": one word twice, 2 then 3 */
    assert_false(phrase("2 4|2 4", 2));
    assert_false(phrase("2|2", 2));         /* a word is not next to itself */
    assert_true(phrase("7", 1));
    const uint32_t three[] = {3}, *l[] = {three, three};
    const size_t none[] = {0, 1};
    assert_false(rs_phrase_in(l, none, 2, 2)); /* a word with no positions */
    assert_false(rs_phrase_in(l, none, 0, 2)); /* no words */
}

/* The pair filter: every pair of neighbours (a sub-token beside its whole's neighbours too) is
 * in it; most pairs that are not neighbours are not; no filter says maybe. */
static void test_pairs(void **state) {
    (void)state;
    RsPosBlob *pb = rs_posblob_new();
    /* 200 words w0 … w199 at 1 … 200, and "ssp" sharing w50's position */
    char w[32];
    for (unsigned i = 0; i < 200; i++) {
        snprintf(w, sizeof w, "w%u", i);
        assert_int_equal(rs_posblob_add(pb, w, strlen(w), i + 1, NULL), RS_OK);
    }
    assert_int_equal(rs_posblob_add(pb, "ssp", 3, 51, NULL), RS_OK);
    RsBuf f = {0};
    assert_int_equal(rs_posblob_pairs(pb, &f, NULL), RS_OK);
    assert_int_equal(f.len, 100); /* four bits a pair */
    char a[32], b[32];
    unsigned miss = 0;
    for (unsigned i = 0; i < 199; i++) {
        snprintf(a, sizeof a, "w%u", i);
        snprintf(b, sizeof b, "w%u", i + 1);
        uint32_t ha = rs_posblob_hash(a, strlen(a), 0), hb = rs_posblob_hash(b, strlen(b), 0);
        assert_true(rs_posblob_pair_maybe(f.data, f.len, ha, hb));
        miss += !rs_posblob_pair_maybe(f.data, f.len, hb, ha); /* the wrong way round */
    }
    uint32_t hs = rs_posblob_hash("ssp", 3, 0);
    snprintf(a, sizeof a, "w49");
    snprintf(b, sizeof b, "w51");
    assert_true(rs_posblob_pair_maybe(f.data, f.len, rs_posblob_hash(a, 3, 0), hs));
    assert_true(rs_posblob_pair_maybe(f.data, f.len, hs, rs_posblob_hash(b, 3, 0)));
    assert_true(miss > 199 * 3 / 4); /* two bits of 800 per pair: few false maybes */
    assert_true(rs_posblob_pair_maybe("", 0, 1, 2));
    rs_buf_free(&f);
    /* the collector is untouched: the block is made after */
    RsBuf blob = {0};
    assert_int_equal(rs_posblob_encode(pb, &blob, NULL), RS_OK);
    assert_string_equal(positions(&blob, "ssp"), "51");
    rs_buf_free(&blob);
    rs_posblob_free(pb);
}

/* The block and the pair filter depend on the (word, position) pairs, not on the order they were
 * added in: pairs given backwards and shuffled, with a position repeated (a sub-token at its
 * whole's place), make the same bytes as the pairs in text order, and each word's positions
 * still read ascending. */
static void test_order_independent(void **state) {
    (void)state;
    static const char *const words[] = {"budget", "for", "børn", "og", "unge", "og", "budget", "for",
                                        "ældre", "og", "børn", "budget"};
    enum { N = sizeof words / sizeof *words };
    RsBuf blob[3] = {{0}}, filter[3] = {{0}};
    for (int way = 0; way < 3; way++) {
        RsPosBlob *pb = rs_posblob_new();
        for (size_t k = 0; k < N; k++) {
            size_t i = way == 0 ? k : way == 1 ? N - 1 - k : (k * 5) % N; /* 5 is prime to 12 */
            assert_int_equal(rs_posblob_add(pb, words[i], strlen(words[i]), (uint32_t)i + 1, NULL), RS_OK);
            if (i == 3) assert_int_equal(rs_posblob_add(pb, "og", 2, 4, NULL), RS_OK); /* again */
        }
        assert_int_equal(rs_posblob_pairs(pb, &filter[way], NULL), RS_OK);
        assert_int_equal(rs_posblob_encode(pb, &blob[way], NULL), RS_OK);
        rs_posblob_free(pb);
    }
    for (int way = 1; way < 3; way++) {
        assert_int_equal(blob[way].len, blob[0].len);
        assert_memory_equal(blob[way].data, blob[0].data, blob[0].len);
        assert_int_equal(filter[way].len, filter[0].len);
        assert_memory_equal(filter[way].data, filter[0].data, filter[0].len);
    }
    assert_string_equal(positions(&blob[2], "budget"), "1 7 12");
    assert_string_equal(positions(&blob[2], "og"), "4 6 10");
    assert_string_equal(positions(&blob[1], "børn"), "3 11");
    for (int way = 0; way < 3; way++) {
        rs_buf_free(&blob[way]);
        rs_buf_free(&filter[way]);
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roundtrip),
        cmocka_unit_test(test_wider_keys),
        cmocka_unit_test(test_damaged),
        cmocka_unit_test(test_phrase_in),
        cmocka_unit_test(test_pairs),
        cmocka_unit_test(test_order_independent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
