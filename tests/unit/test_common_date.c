/* test_common_date.c — unit tests for common/date.c: month lengths and valid days (GDate). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "date.h"

static void test_days_in_month(void **state) {
    (void)state;
    assert_int_equal(rs_days_in_month(2023, 1), 31);
    assert_int_equal(rs_days_in_month(2023, 2), 28);
    assert_int_equal(rs_days_in_month(2024, 2), 29);
    assert_int_equal(rs_days_in_month(1900, 2), 28); /* divisible by 100 */
    assert_int_equal(rs_days_in_month(2000, 2), 29); /* divisible by 400 */
    assert_int_equal(rs_days_in_month(2100, 2), 28);
    assert_int_equal(rs_days_in_month(2024, 4), 30);
    assert_int_equal(rs_days_in_month(2024, 12), 31);
    assert_int_equal(rs_days_in_month(2024, 0), 0);
    assert_int_equal(rs_days_in_month(2024, 13), 0);
    /* years GDate does not have: the same 400-year rule, no GLib warning */
    assert_int_equal(rs_days_in_month(0, 2), 29);
    assert_int_equal(rs_days_in_month(-100, 2), 28);
    assert_int_equal(rs_days_in_month(-4, 2), 29);
    assert_int_equal(rs_days_in_month(70100, 2), 28);
    assert_int_equal(rs_days_in_month(80000, 2), 29);
}

static void test_date_valid(void **state) {
    (void)state;
    assert_true(rs_date_valid(2024, 2, 29));
    assert_false(rs_date_valid(2023, 2, 29));
    assert_false(rs_date_valid(2023, 4, 31));
    assert_true(rs_date_valid(2023, 12, 31));
    assert_false(rs_date_valid(2023, 1, 0));
    assert_false(rs_date_valid(2023, 1, 32));
    assert_false(rs_date_valid(2023, 1, 256 + 1)); /* not wrapped into GDate's byte */
    assert_false(rs_date_valid(2023, 0, 1));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_days_in_month),
        cmocka_unit_test(test_date_valid),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
