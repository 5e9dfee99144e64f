/* test_engine_errors_da.c — unit tests for engine/errors_da.c (error messages in Danish, the
 * character an error is at) and the committee-in-municipality value of a udvalg: filter. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "errors_da.h"
#include "search_priv.h"

/* The Danish sentence of (code, msg) about query q; *pos its position. Owned by the caller. */
static char *danish(const char *code, const char *msg, const char *q, long *pos) {
    RsBuf b = {0};
    assert_int_equal(rs_error_danish(code, msg, q, &b, pos), RS_OK);
    return rs_buf_steal(&b);
}

static void test_sentences(void **state) {
    (void)state;
    long pos;
    char *s = danish("malformed_query", "malformed query: unbalanced quote: '\"' at byte 8 is not closed",
                     "misbrug \"unge", &pos);
    assert_string_equal(s, "Et anførselstegn (\") er ikke lukket. Tilføj det afsluttende anførselstegn, eller fjern det.");
    assert_int_equal(pos, 8);
    free(s);
    s = danish("malformed_query", "malformed query: unknown type 'møde' (beslutning, orientering)", "type:møde", &pos);
    assert_string_equal(s, "Sagstypen »møde« findes ikke. Brug en af: beslutning, orientering.");
    assert_int_equal(pos, -1); /* no byte named */
    free(s);
    s = danish("malformed_query", "malformed query: 'OR' at byte 3 needs a term on both sides", "ab OR", &pos);
    assert_string_equal(s, "»OR« skal have et søgeord på begge sider.");
    free(s);
    s = danish("bad_parameter", "til must be a date YYYY[-MM[-DD]]", NULL, &pos);
    assert_string_equal(s, "Til-datoen skal skrives ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD.");
    free(s);
    s = danish("timeout", "søgningen tog for lang tid (mere end 5 s)", NULL, &pos);
    assert_string_equal(s, "Søgningen tog for lang tid (mere end 5 s)");
    free(s);
    s = danish("malformed_query", "something new", NULL, &pos); /* not in the table: a general sentence */
    assert_string_equal(s, "Søgningen kunne ikke udføres. Prøv at omformulere den.");
    free(s);
    assert_string_equal(rs_error_code(RS_ERR_QUERY), "malformed_query");
    assert_string_equal(rs_error_code(RS_ERR_IO), "internal");
}

static void test_position_in_characters(void **state) {
    (void)state;
    long pos;
    /* "æble (x": the '(' is byte 6, character 5 */
    char *s = danish("malformed_query", "unbalanced parenthesis: '(' at byte 6 is not closed", "\xc3\xa6" "ble (x", &pos);
    assert_int_equal(pos, 5);
    free(s);
    s = danish("malformed_query", "a lone '*' at byte 1", "\xc3\xa6", &pos); /* inside a character: that one */
    assert_int_equal(pos, 0);
    free(s);
    s = danish("malformed_query", "missing term at byte 99", "ab", &pos); /* past the end: the end */
    assert_int_equal(pos, 2);
    free(s);
}

static void test_udvalg_pair(void **state) {
    (void)state;
    char *c, *m;
    assert_true(rs_udvalg_pair("Social- og Arbejdsmarkedsudvalget (Lolland)", &c, &m));
    assert_string_equal(c, "Social- og Arbejdsmarkedsudvalget");
    assert_string_equal(m, "Lolland");
    free(c);
    free(m);
    assert_true(rs_udvalg_pair("Udvalget (TMU) (Aarhus)", &c, &m)); /* the last parentheses */
    assert_string_equal(c, "Udvalget (TMU)");
    assert_string_equal(m, "Aarhus");
    free(c);
    free(m);
    assert_false(rs_udvalg_pair("Økonomiudvalget", &c, &m));
    assert_false(rs_udvalg_pair("Økonomiudvalget()", &c, &m));
    assert_false(rs_udvalg_pair("(Esbjerg)", &c, &m));
    assert_false(rs_udvalg_pair("Udvalg (a(b))", &c, &m));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sentences),
        cmocka_unit_test(test_position_in_characters),
        cmocka_unit_test(test_udvalg_pair),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
