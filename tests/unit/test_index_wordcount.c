/* test_index_wordcount.c — unit tests for index/wordcount.c: the batch's spelling word counts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "wordcount.h"

typedef struct {
    char word[64];
    unsigned count;
} Seen;

typedef struct {
    Seen seen[4096];
    size_t n;
} Collect;

static int collect(void *ctx, const char *w, size_t len, unsigned count) {
    Collect *c = ctx;
    assert_true(len < sizeof c->seen[0].word && c->n < 4096);
    memcpy(c->seen[c->n].word, w, len);
    c->seen[c->n].word[len] = 0;
    c->seen[c->n++].count = count;
    return 0;
}

static unsigned count_of(const Collect *c, const char *w) {
    for (size_t i = 0; i < c->n; i++)
        if (!strcmp(c->seen[i].word, w)) return c->seen[i].count;
    return 0;
}

static void add(RsWordCount *wc, const char *w) {
    RsError err;
    assert_int_equal(rs_wordcount_add(wc, w, strlen(w), &err), RS_OK);
}

/* One count per distinct word per item, summed over the items of a batch. */
static void test_counts_once_per_item(void **state) {
    (void)state;
    RsWordCount *wc;
    RsError err;
    assert_int_equal(rs_wordcount_new(&wc, &err), RS_OK);
    rs_wordcount_next_item(wc);
    add(wc, "budget");
    add(wc, "budget");
    add(wc, "skole");
    rs_wordcount_next_item(wc);
    add(wc, "budget");
    add(wc, "budgetter"); /* a longer word sharing a prefix is another word */
    rs_wordcount_next_item(wc);
    add(wc, "budget");
    assert_int_equal(rs_wordcount_size(wc), 3);
    Collect c = {0};
    assert_int_equal(rs_wordcount_each(wc, collect, &c), 0);
    assert_int_equal(c.n, 3);
    assert_int_equal(count_of(&c, "budget"), 3);
    assert_int_equal(count_of(&c, "skole"), 1);
    assert_int_equal(count_of(&c, "budgetter"), 1);
    rs_wordcount_free(wc);
}

/* clear() empties the table; words added afterwards start again at one. */
static void test_clear(void **state) {
    (void)state;
    RsWordCount *wc;
    RsError err;
    assert_int_equal(rs_wordcount_new(&wc, &err), RS_OK);
    add(wc, "møde");
    rs_wordcount_clear(wc);
    assert_int_equal(rs_wordcount_size(wc), 0);
    Collect c = {0};
    rs_wordcount_each(wc, collect, &c);
    assert_int_equal(c.n, 0);
    add(wc, "møde"); /* the same item as before the clear: still counts in the new batch */
    rs_wordcount_each(wc, collect, &c);
    assert_int_equal(c.n, 1);
    assert_int_equal(count_of(&c, "møde"), 1);
    rs_wordcount_free(wc);
    rs_wordcount_free(NULL);
}

/* Thousands of words (past several table growths) keep their counts. */
static void test_growth(void **state) {
    (void)state;
    RsWordCount *wc;
    RsError err;
    assert_int_equal(rs_wordcount_new(&wc, &err), RS_OK);
    char w[32];
    for (int item = 0; item < 2; item++) {
        rs_wordcount_next_item(wc);
        for (int i = 0; i < 4000; i++) {
            snprintf(w, sizeof w, "ord%d", i);
            add(wc, w);
        }
    }
    assert_int_equal(rs_wordcount_size(wc), 4000);
    static Collect c;
    c.n = 0;
    rs_wordcount_each(wc, collect, &c);
    assert_int_equal(c.n, 4000);
    for (size_t i = 0; i < c.n; i++) assert_int_equal(c.seen[i].count, 2);
    rs_wordcount_free(wc);
}

static int stop_at_first(void *ctx, const char *w, size_t len, unsigned count) {
    (void)w, (void)len, (void)count;
    ++*(int *)ctx;
    return 7;
}

static void test_each_stops(void **state) {
    (void)state;
    RsWordCount *wc;
    RsError err;
    assert_int_equal(rs_wordcount_new(&wc, &err), RS_OK);
    add(wc, "a1");
    add(wc, "a2");
    int calls = 0;
    assert_int_equal(rs_wordcount_each(wc, stop_at_first, &calls), 7);
    assert_int_equal(calls, 1);
    rs_wordcount_free(wc);
}

/* A file's counts moved into the batch's: added outright, whatever item the batch is on; a
 * cleared big table shrinks and still works. */
static void test_add_count_and_shrink(void **state) {
    (void)state;
    RsWordCount *batch, *file;
    RsError err;
    assert_int_equal(rs_wordcount_new(&batch, &err), RS_OK);
    assert_int_equal(rs_wordcount_new(&file, &err), RS_OK);
    add(batch, "budget");
    assert_int_equal(rs_wordcount_add_count(batch, "budget", 6, 3, &err), RS_OK);
    assert_int_equal(rs_wordcount_add_count(batch, "skole", 5, 2, &err), RS_OK);
    assert_int_equal(rs_wordcount_add_count(batch, "skole", 5, 2, &err), RS_OK);
    Collect c = {.n = 0};
    rs_wordcount_each(batch, collect, &c);
    assert_int_equal(count_of(&c, "budget"), 4);
    assert_int_equal(count_of(&c, "skole"), 4);
    char w[32];
    for (int i = 0; i < 100000; i++) { /* grows the table past what a clear keeps */
        snprintf(w, sizeof w, "ord%d", i);
        add(file, w);
    }
    rs_wordcount_clear(file);
    assert_int_equal(rs_wordcount_size(file), 0);
    add(file, "igen");
    assert_int_equal(rs_wordcount_size(file), 1);
    rs_wordcount_free(batch);
    rs_wordcount_free(file);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts_once_per_item),
        cmocka_unit_test(test_clear),
        cmocka_unit_test(test_growth),
        cmocka_unit_test(test_each_stops),
        cmocka_unit_test(test_add_count_and_shrink),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
