/* test_engine_query.c — the query-language parser: every construct, precedence, filters, dates, errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "query.h"

static void expect(const char *q, const char *want) {
    RsQuery *p;
    RsError err;
    if (rs_query_parse(q, strlen(q), &p, &err) != RS_OK) fail_msg("'%s': %s", q, err.msg);
    char *d = rs_query_describe(p);
    if (strcmp(d, want)) fail_msg("'%s'\n got  %s\n want %s", q, d, want);
    free(d);
    rs_query_free(p);
}

static void expect_error(const char *q, size_t len, const char *msg_part) {
    RsQuery *p = NULL;
    RsError err;
    if (rs_query_parse(q, len, &p, &err) == RS_OK) {
        char *d = rs_query_describe(p);
        fail_msg("'%s' parsed as %s", q, d);
    }
    assert_int_equal(err.code, RS_ERR_QUERY);
    if (!strstr(err.msg, msg_part)) fail_msg("'%s': message '%s' lacks '%s'", q, err.msg, msg_part);
}

static void test_words_phrases_prefix(void **state) {
    (void)state;
    expect("misbrug", "(word \"misbrug\")");
    expect("misbrug unge", "(and (word \"misbrug\") (word \"unge\"))");
    expect("\"grønlandsk herkomst\"", "(phrase \"grønlandsk herkomst\")");
    expect("budget*", "(prefix \"budget\")");
    /* case numbers and other punctuated words stay one word */
    expect("23/15645 EMN-24/0001629 27.00.00-P22-1-20",
           "(and (word \"23/15645\") (word \"EMN-24/0001629\") (word \"27.00.00-P22-1-20\"))");
    /* 11:00 and § are not fields */
    expect("kl. 11:00", "(and (word \"kl.\") (word \"11:00\"))");
}

static void test_boolean_precedence(void **state) {
    (void)state;
    /* implicit AND binds tighter than OR */
    expect("a b OR c", "(or (and (word \"a\") (word \"b\")) (word \"c\"))");
    expect("a (b OR c)", "(and (word \"a\") (or (word \"b\") (word \"c\")))");
    expect("misbrug ELLER alkohol", "(or (word \"misbrug\") (word \"alkohol\"))");
    expect("a | b", "(or (word \"a\") (word \"b\"))");
    expect("a AND b", "(and (word \"a\") (word \"b\"))");
    expect("misbrug -lukket", "(and (word \"misbrug\") (not (word \"lukket\")))");
    expect("misbrug NOT lukket", "(and (word \"misbrug\") (not (word \"lukket\")))");
    expect("a -\"b c\"", "(and (word \"a\") (not (phrase \"b c\")))");
    expect("a -(b OR c)", "(and (word \"a\") (not (or (word \"b\") (word \"c\"))))");
    /* lower-case or is a word */
    expect("a or b", "(and (word \"a\") (word \"or\") (word \"b\"))");
}

static void test_section_fields(void **state) {
    (void)state;
    expect("titel:budget", "(field titel (word \"budget\"))");
    expect("beslutning:udsat resumé:misbrug",
           "(and (field beslutning (word \"udsat\")) (field resume (word \"misbrug\")))");
    expect("TITEL:\"åben rådgivning\"", "(field titel (phrase \"åben rådgivning\"))");
    expect("titel:(a OR b)", "(or (field titel (word \"a\")) (field titel (word \"b\")))");
    expect("bilag:budg*", "(field bilag (prefix \"budg\"))");
}

static void test_filters(void **state) {
    (void)state;
    expect("misbrug kommune:Esbjerg", "(word \"misbrug\") [kommune \"Esbjerg\"]");
    expect("udvalg:\"Social & Arbejdsmarkedsudvalget\" type:orientering udfald:udsat",
           "(all) [udvalg \"Social & Arbejdsmarkedsudvalget\"] [type \"orientering\"] [udfald \"udsat\"]");
    expect("kommune:Esbjerg kommune:Odder a", "(word \"a\") [kommune \"Esbjerg\"] [kommune \"Odder\"]");
    expect("a -kommune:Esbjerg", "(word \"a\") [-kommune \"Esbjerg\"]");
    expect("sag:23/15645 kle:27", "(all) [sag \"23/15645\"] [kle \"27\"]");
    /* filters apply to the whole query wherever they stand */
    expect("(a kommune:X) OR b", "(or (word \"a\") (word \"b\")) [kommune \"X\"]");
    /* only exclusions is fine next to a filter */
    expect("kommune:Odder -budget", "(and (not (word \"budget\"))) [kommune \"Odder\"]");
}

static void test_dates(void **state) {
    (void)state;
    expect("dato:2023", "(all) [dato \"2023\" 20230101..20231231]");
    expect("dato:2024-02", "(all) [dato \"2024-02\" 20240201..20240229]"); /* leap year */
    expect("dato:2023-02", "(all) [dato \"2023-02\" 20230201..20230228]");
    expect("dato:2023-11-21", "(all) [dato \"2023-11-21\" 20231121..20231121]");
    expect("dato:2020-01-01..2021-06-30", "(all) [dato \"2020-01-01..2021-06-30\" 20200101..20210630]");
    expect("dato:..2019", "(all) [dato \"..2019\" 0..20191231]");
    expect("dato:2020..", "(all) [dato \"2020..\" 20200101..0]");
    expect_error("dato:2023-02-30", 15, "impossible date '2023-02-30'");
    expect_error("dato:2023-13", 12, "impossible date");
    expect_error("dato:21-11-2023", 15, "is not a date");
    expect_error("dato:2021..2020", 15, "ends before it starts");
    expect_error("dato:..", 7, "empty date range");
}

static void test_errors(void **state) {
    (void)state;
    expect_error("", 0, "empty query");
    expect_error("   ", 3, "empty query");
    expect_error("\"grønlandsk herkomst", strlen("\"grønlandsk herkomst"), "unbalanced quote");
    expect_error("(misbrug OR alkohol", 19, "'(' at byte 0 is not closed");
    expect_error("misbrug)", 8, "')' at byte 7 has no '('");
    expect_error("()", 2, "empty parentheses");
    expect_error("OR misbrug", 10, "'OR' at byte 0 needs a term on both sides");
    expect_error("misbrug OR", 10, "'OR' at byte 8 needs a term");
    expect_error("OR", 2, "needs a term");
    expect_error("AND b", 5, "'AND' at byte 0");
    expect_error("-lukket", 7, "only exclusions");
    expect_error("foo:bar", 7, "unknown field 'foo'");
    expect_error("titel:", 6, "has no value");
    expect_error("kommune: x", 10, "has no value");
    expect_error("a*", 2, "too short");
    expect_error("\"\"", 2, "empty phrase");
    expect_error("titel:beslutning:x", 18, "section field inside a section field");
    expect_error("a\xff", 2, "not valid UTF-8 at byte 1");
    /* GLib's check (engine/query.c): strict RFC 3629, like common/utf8.c */
    expect_error("ab\0c", 4, "not valid UTF-8 at byte 2");
    expect_error("a\xe2\x82", 3, "not valid UTF-8 at byte 1");         /* cut short */
    expect_error("ab \xe0\x80\x80", 6, "not valid UTF-8 at byte 3");  /* overlong */
    expect_error("a\xed\xa0\x80", 4, "not valid UTF-8 at byte 1");     /* a surrogate */
    expect_error("a\xf4\x90\x80\x80", 5, "not valid UTF-8 at byte 1"); /* over U+10FFFF */
    /* limits: length, terms, depth */
    char *big = malloc(RS_QUERY_MAX_BYTES + 2);
    memset(big, 'a', RS_QUERY_MAX_BYTES + 1);
    expect_error(big, RS_QUERY_MAX_BYTES + 1, "longer than 4096 bytes");
    for (int i = 0; i < 2000; i++) memcpy(big + 2 * i, "a ", 2);
    expect_error(big, 600, "more than 256 terms");
    memset(big, '(', 40);
    memcpy(big + 40, "a", 1);
    memset(big + 41, ')', 40);
    expect_error(big, 81, "nested deeper than 32");
    free(big);
    rs_query_free(NULL);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words_phrases_prefix), cmocka_unit_test(test_boolean_precedence),
        cmocka_unit_test(test_section_fields),       cmocka_unit_test(test_filters),
        cmocka_unit_test(test_dates),                cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
