/* test_index_keycount.c — unit tests for index/keycount.c: an item's section keys counted (body
 * occurrences, seen in another section), through growth. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keycount.h"

typedef struct {
    char seen[4096][16];
    unsigned n[4096];
    int elsewhere[4096];
    size_t count;
    size_t stop_after; /* 0: never */
} Seen;

static int collect(void *ctx, const char *key, size_t len, unsigned n, int elsewhere) {
    Seen *s = ctx;
    assert_true(len < sizeof s->seen[0]);
    memcpy(s->seen[s->count], key, len);
    s->seen[s->count][len] = 0;
    s->n[s->count] = n;
    s->elsewhere[s->count] = elsewhere;
    s->count++;
    return s->stop_after && s->count == s->stop_after ? 7 : 0;
}

static long find(const Seen *s, const char *key) {
    for (size_t i = 0; i < s->count; i++)
        if (!strcmp(s->seen[i], key)) return (long)i;
    return -1;
}

static void add(RsKeyCount *kc, const char *key, int body) {
    assert_int_equal(rs_keycount_add(kc, key, strlen(key), body, NULL), RS_OK);
}

static void test_counts(void **state) {
    (void)state;
    RsKeyCount *kc = rs_keycount_new();
    assert_non_null(kc);
    add(kc, "budget", 1);
    add(kc, "budget", 1);
    add(kc, "budget", 0); /* the title has it too */
    add(kc, "børn", 1);
    add(kc, "titel", 0);  /* only elsewhere: not a body key */
    add(kc, "", 1);       /* an empty key is a key */
    /* a key is its length of bytes: "budgetter"[0..6) is "budget" */
    assert_int_equal(rs_keycount_add(kc, "budgetter", 6, 1, NULL), RS_OK);
    Seen *s = calloc(1, sizeof *s);
    assert_int_equal(rs_keycount_each_body(kc, collect, s), 0);
    assert_int_equal(s->count, 3);
    long b = find(s, "budget"), o = find(s, "børn"), e = find(s, "");
    assert_true(b >= 0 && o >= 0 && e >= 0);
    assert_int_equal(s->n[b], 3); /* "budget" twice, then "budget" again through "budgetter"[0..6) */
    assert_int_equal(s->elsewhere[b], 1);
    assert_int_equal(s->n[o], 1);
    assert_int_equal(s->elsewhere[o], 0);
    assert_int_equal(s->n[e], 1);
    assert_int_equal(find(s, "titel"), -1);

    /* fn's nonzero return stops the walk and is returned */
    memset(s, 0, sizeof *s);
    s->stop_after = 2;
    assert_int_equal(rs_keycount_each_body(kc, collect, s), 7);
    assert_int_equal(s->count, 2);

    free(s);
    rs_keycount_free(kc);
    rs_keycount_free(NULL);
}

/* Thousands of keys (the table grows many times): each counted exactly, none lost or merged. */
static void test_growth(void **state) {
    (void)state;
    RsKeyCount *kc = rs_keycount_new();
    char k[16];
    for (int round = 0; round < 3; round++)
        for (int i = 0; i < 3000; i++) {
            snprintf(k, sizeof k, "k%d", i);
            add(kc, k, i % 3 != 0 || round == 0); /* every third key: once in the body, twice elsewhere */
        }
    Seen *s = calloc(1, sizeof *s);
    assert_int_equal(rs_keycount_each_body(kc, collect, s), 0);
    assert_int_equal(s->count, 3000);
    for (int i = 0; i < 3000; i += 7) {
        snprintf(k, sizeof k, "k%d", i);
        long at = find(s, k);
        assert_true(at >= 0);
        assert_int_equal(s->n[at], i % 3 ? 3 : 1);
        assert_int_equal(s->elsewhere[at], i % 3 == 0);
    }
    free(s);
    rs_keycount_free(kc);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_growth),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
