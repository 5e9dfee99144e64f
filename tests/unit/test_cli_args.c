/* test_cli_args.c — the query commands' command line: options anywhere, `--`, no option taken
 * as a word nor a word as an option, silently. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"

static const RsArgOpt opts[] = {{"index", 'i', 1}, {"json", 'j', 0}, {"limit", 'n', 1}, {"seconds", 300, 1}};

typedef struct {
    char seen[256];
} Seen;

static int on_opt(void *ctx, int key, const char *v) {
    Seen *s = ctx;
    char one[64];
    snprintf(one, sizeof one, "%s%d=%s", s->seen[0] ? " " : "", key, v ? v : "-");
    strncat(s->seen, one, sizeof s->seen - strlen(s->seen) - 1);
    return key == 'n' && v && !strcmp(v, "bad") ? 2 : -1;
}

/* Parse a space-separated command line; the words joined by '|' into `words`. */
static int parse(const char *line, int dash_words, Seen *s, char *words, size_t cap) {
    char buf[512], *argv[32];
    int argc = 0;
    snprintf(buf, sizeof buf, "search %s", line);
    for (char *t = strtok(buf, " "); t && argc < 32; t = strtok(NULL, " ")) argv[argc++] = t;
    char **w = NULL;
    size_t nw = 0;
    memset(s, 0, sizeof *s);
    words[0] = '\0';
    int rc = rs_args_parse("search", argc, argv, opts, 4, dash_words, on_opt, s, &w, &nw);
    for (size_t i = 0; rc < 0 && i < nw; i++) {
        if (i) strncat(words, "|", cap - strlen(words) - 1);
        strncat(words, w[i], cap - strlen(words) - 1);
    }
    if (rc < 0) free(w);
    return rc;
}

static void test_options_anywhere(void **state) {
    (void)state;
    Seen s;
    char w[256];
    assert_int_equal(parse("misbrug --limit 1", 1, &s, w, sizeof w), -1);
    assert_string_equal(w, "misbrug");
    assert_string_equal(s.seen, "110=1");
    assert_int_equal(parse("--index=ix misbrug -j unge --seconds 2", 1, &s, w, sizeof w), -1);
    assert_string_equal(w, "misbrug|unge");
    assert_string_equal(s.seen, "105=ix 106=- 300=2");
}

static void test_dash_words(void **state) {
    (void)state;
    Seen s;
    char w[256];
    /* an exclusion after a word is a word */
    assert_int_equal(parse("misbrug -kommune:Esbjerg -opiater", 1, &s, w, sizeof w), -1);
    assert_string_equal(w, "misbrug|-kommune:Esbjerg|-opiater");
    /* a query that starts with one: an error (it explains '--') ... */
    assert_int_equal(parse("-kommune:Esbjerg misbrug", 1, &s, w, sizeof w), 2);
    /* ... unless after '--', where options are words too */
    assert_int_equal(parse("-- -kommune:Esbjerg --limit", 1, &s, w, sizeof w), -1);
    assert_string_equal(w, "-kommune:Esbjerg|--limit");
    assert_string_equal(s.seen, "");
    /* without dash_words (case, stats) never a word */
    assert_int_equal(parse("x -y", 0, &s, w, sizeof w), 2);
    /* "-" alone is a word */
    assert_int_equal(parse("-", 0, &s, w, sizeof w), -1);
    assert_string_equal(w, "-");
}

static void test_errors(void **state) {
    (void)state;
    Seen s;
    char w[256];
    assert_int_equal(parse("misbrug --limt 3", 1, &s, w, sizeof w), 2);   /* unknown: not a word */
    assert_int_equal(parse("misbrug --limit", 1, &s, w, sizeof w), 2);    /* needs a value */
    assert_int_equal(parse("--json=1 misbrug", 1, &s, w, sizeof w), 2);   /* takes none */
    assert_int_equal(parse("misbrug --limit bad", 1, &s, w, sizeof w), 2); /* the callback's status */
}

static void test_number(void **state) {
    (void)state;
    long long v = 0;
    assert_int_equal(rs_args_number("42", 1, 100, "x", &v), 0);
    assert_int_equal(v, 42);
    assert_int_equal(rs_args_number("101", 1, 100, "x", &v), 2);
    assert_int_equal(rs_args_number("4x", 1, 100, "x", &v), 2);
    assert_int_equal(rs_args_number("", 1, 100, "x", &v), 2);
    assert_int_equal(rs_args_number("99999999999999999999", 1, 100, "x", &v), 2);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_options_anywhere),
        cmocka_unit_test(test_dash_words),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_number),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
