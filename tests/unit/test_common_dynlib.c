/* test_common_dynlib.c — unit tests for common/dynlib.c: a library loaded by name, its functions
 * found; a missing library, a missing function and the environment's override, each said. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "dynlib.h"

typedef const char *(*VersionFn)(void);

static void test_load(void **state) {
    (void)state;
    VersionFn version = NULL;
    RsDynSym syms[] = {{(void **)&version, "zlibVersion"}};
    RsDynLib lib = {"libz.so.1", NULL, "zlib1g", "cannot compress"};
    RsError err = {0};
    assert_int_equal(rs_dynlib_load(&lib, syms, 1, &err), RS_OK);
    assert_non_null(version);
    assert_true(strlen(version()) > 0);
}

static void test_missing_library(void **state) {
    (void)state;
    VersionFn version = NULL;
    RsDynSym syms[] = {{(void **)&version, "zlibVersion"}};
    RsDynLib lib = {"librefsog-no-such-library.so.0", NULL, "refsog-nothing", "cannot test"};
    RsError err = {0};
    assert_int_equal(rs_dynlib_load(&lib, syms, 1, &err), RS_ERR_UNSUPPORTED);
    assert_null(version);
    assert_non_null(strstr(err.msg, "cannot test: the library librefsog-no-such-library.so.0 could not be loaded"));
    assert_non_null(strstr(err.msg, "install Debian's package refsog-nothing"));
}

static void test_missing_function(void **state) {
    (void)state;
    VersionFn version = NULL, other = NULL;
    RsDynSym syms[] = {{(void **)&version, "zlibVersion"}, {(void **)&other, "rs_no_such_function"}};
    RsDynLib lib = {"libz.so.1", NULL, "zlib1g", "cannot test"};
    RsError err = {0};
    assert_int_equal(rs_dynlib_load(&lib, syms, 2, &err), RS_ERR_UNSUPPORTED);
    assert_null(version); /* none set when one is missing */
    assert_null(other);
    assert_non_null(strstr(err.msg, "libz.so.1 has no function rs_no_such_function"));
}

static void test_environment(void **state) {
    (void)state;
    VersionFn version = NULL;
    RsDynSym syms[] = {{(void **)&version, "zlibVersion"}};
    RsDynLib lib = {"libz.so.1", "RS_TEST_DYNLIB", "zlib1g", "cannot test"};
    RsError err = {0};
    setenv("RS_TEST_DYNLIB", "librefsog-no-such-library.so.0", 1);
    assert_int_equal(rs_dynlib_load(&lib, syms, 1, &err), RS_ERR_UNSUPPORTED);
    assert_non_null(strstr(err.msg, "librefsog-no-such-library.so.0 (named by RS_TEST_DYNLIB)"));
    setenv("RS_TEST_DYNLIB", "", 1); /* empty: the default */
    assert_int_equal(rs_dynlib_load(&lib, syms, 1, &err), RS_OK);
    assert_non_null(version);
    unsetenv("RS_TEST_DYNLIB");
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load),
        cmocka_unit_test(test_missing_library),
        cmocka_unit_test(test_missing_function),
        cmocka_unit_test(test_environment),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
