/* test_engine_snippet.c — unit tests for engine/snippet.c: marks, windows, long texts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer.h"
#include "buf.h"
#include "snippet.h"

static RsAnalyzer *an;

static int setup(void **state) {
    (void)state;
    RsError err;
    return rs_analyzer_open(NULL, &an, &err) == RS_OK ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    rs_analyzer_close(an);
    return 0;
}

/* Filler text of at least n bytes with none of the query's words. */
static void filler(RsBuf *b, size_t n) {
    while (b->len < n) rs_buf_puts(b, "Udvalget drøftede sagen og tog orienteringen til efterretning. ");
}

static char *snip(const char *text, size_t len, const char *stem, const char *fold) {
    RsSnippetKeys k = {0};
    if (stem) rs_snippet_keys_add(&k.stems, stem, strlen(stem));
    if (fold) rs_snippet_keys_add(&k.folds, fold, strlen(fold));
    RsSnippet sn;
    size_t at;
    RsError err;
    assert_int_equal(rs_snippet_at(an, text, len, &k, 200, &sn, &at, &err), RS_OK);
    rs_snippet_keys_free(&k);
    RsBuf html = {0}; /* the JSON contract's form */
    rs_snippet_html(&sn, &html);
    rs_snippet_free(&sn);
    return rs_buf_steal(&html);
}

/* A long text (analysed only around the pre-scan's region) marks every match in the window:
 * the compound, the plain word after it, and a capitalised form. */
static void test_long_text_marks_all(void **state) {
    (void)state;
    RsBuf b = {0};
    filler(&b, 6000);
    rs_buf_puts(&b, "herunder stofmisbrug samt følger efter seksuelt misbrug. Misbrug er et problem. ");
    filler(&b, 12000);
    char *s = snip(b.data, b.len, "misbrug", NULL);
    assert_non_null(strstr(s, "<mark>stofmisbrug</mark>"));
    assert_non_null(strstr(s, "seksuelt <mark>misbrug</mark>"));
    assert_non_null(strstr(s, "<mark>Misbrug</mark> er"));
    assert_non_null(strstr(s, "… ")); /* cut from the middle */
    free(s);
    rs_buf_free(&b);
}

/* A match only the analyser finds (a folded spelling, not a substring) is still found in a long
 * text: the pre-scan finds nothing, so everything is analysed. */
static void test_long_text_fold_only(void **state) {
    (void)state;
    RsBuf b = {0};
    filler(&b, 6000);
    rs_buf_puts(&b, "Sagen om oekonomien blev udsat. ");
    filler(&b, 12000);
    char fk[64];
    size_t fl = rs_fold_key("økonomi", strlen("økonomi"), fk, sizeof fk); /* of the stem */
    fk[fl] = '\0';
    char *s = snip(b.data, b.len, "okonomi-not-in-text", fk);
    if (!strstr(s, "<mark>oekonomien</mark>")) fprintf(stderr, "snippet: %s (key %s)\n", s, fk);
    assert_non_null(strstr(s, "<mark>oekonomien</mark>"));
    free(s);
    rs_buf_free(&b);
}

/* The pre-scan's candidate that the analyser rejects (a substring inside another word) falls
 * back to the whole text; with no match at all the snippet is the start of the text. */
static void test_false_candidate(void **state) {
    (void)state;
    RsBuf b = {0};
    filler(&b, 6000);
    rs_buf_puts(&b, "Plantagen er solgt. "); /* "plan" is a substring, not a word or part here */
    filler(&b, 12000);
    char *s = snip(b.data, b.len, "plan", NULL);
    assert_null(strstr(s, "<mark>"));
    assert_int_equal(strncmp(s, "Udvalget drøftede", strlen("Udvalget drøftede")), 0);
    free(s);
    rs_buf_free(&b);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_long_text_marks_all),
        cmocka_unit_test(test_long_text_fold_only),
        cmocka_unit_test(test_false_candidate),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
