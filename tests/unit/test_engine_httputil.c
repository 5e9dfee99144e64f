/* test_engine_httputil.c — unit tests for engine/httputil.c (request targets, XML text) and
 * common/utf8.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "httputil.h"
#include "utf8.h"

static int ok(const char *uri) {
    const char *why = NULL;
    int r = rs_http_target_ok(uri, &why);
    assert_true(r || why);
    return r;
}

static void test_targets(void **state) {
    (void)state;
    assert_true(ok(""));
    assert_true(ok("/api/search?q=misbrug"));
    assert_true(ok("/api/item/data/x.txt%232"));
    assert_true(ok("/api/search?q=%C3%A6bler%20%E2%82%AC"));   /* æbler € */
    assert_true(ok("/api/search?q=\xc3\xa6"));                  /* raw UTF-8 */
    assert_true(ok("/api/search?q=%F0%9F%98%80"));              /* 4 bytes */
    assert_false(ok("/api/item/%FF"));
    assert_false(ok("/api/item/%C3"));                           /* cut character */
    assert_false(ok("/api/item/%C3x"));
    assert_false(ok("/api/item/%ED%A0%80"));                     /* a surrogate */
    assert_false(ok("/api/item/%C0%AF"));                        /* overlong '/' */
    assert_false(ok("/api/item/x%00y"));
    assert_false(ok("/a%zz"));
    assert_false(ok("/a%4"));
    assert_false(ok("/a%"));
    assert_false(ok("/\xff"));
}

static void test_xml_text(void **state) {
    (void)state;
    RsBuf b = {0};
    assert_int_equal(rs_xml_text(&b, "a<b>&\"c\x01\x0b\t\n\xef\xbf\xbe\xef\xbf\xbf\xff" "d\xc3\xa6", 1), RS_OK);
    assert_string_equal(b.data, "a&lt;b&gt;&amp;&quot;c\t\nd\xc3\xa6");
    rs_buf_reset(&b);
    assert_int_equal(rs_xml_text(&b, "&amp; x\x1f", 0), RS_OK);
    assert_string_equal(b.data, "&amp; x");
    assert_int_equal(rs_xml_text(&b, NULL, 1), RS_OK);
    rs_buf_free(&b);
}

static void test_utf8(void **state) {
    (void)state;
    RsBuf b = {0};
    assert_int_equal(rs_utf8_clean(&b, "no agenda item '\xff'"), RS_OK);
    assert_string_equal(b.data, "no agenda item '\xef\xbf\xbd'");
    assert_int_equal(rs_utf8_clean(&b, ""), RS_OK);
    assert_string_equal(b.data, "");
    assert_true(rs_utf8_valid("\xc3\xa6\xc3\xb8\xc3\xa5", 6));
    assert_false(rs_utf8_valid("\xc3", 1));
    uint32_t cp;
    assert_int_equal(rs_utf8_char("\xe2\x82\xac", 3, &cp), 3);
    assert_int_equal(cp, 0x20AC);
    assert_int_equal(rs_utf8_char("\xf4\x90\x80\x80", 4, &cp), 0); /* over U+10FFFF */
    rs_buf_free(&b);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_targets),
        cmocka_unit_test(test_xml_text),
        cmocka_unit_test(test_utf8),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
