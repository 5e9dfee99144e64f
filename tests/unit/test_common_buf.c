/* test_common_buf.c — unit tests for common/: error messages, buffers, file reading. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "error.h"

static void test_error_set_returns_code_and_formats(void **state) {
    (void)state;
    RsError err;
    rs_error_clear(&err);
    assert_int_equal(rs_error_set(&err, RS_ERR_IO, "cannot open %s (%d)", "x.txt", 2), RS_ERR_IO);
    assert_int_equal(err.code, RS_ERR_IO);
    assert_string_equal(err.msg, "cannot open x.txt (2)");
    assert_int_equal(rs_error_set(NULL, RS_ERR_QUERY, "ignored"), RS_ERR_QUERY);
    rs_error_prefix(&err, "%s", "index");
    assert_string_equal(err.msg, "index: cannot open x.txt (2)");
    assert_string_equal(rs_status_name(RS_ERR_LOCKED), "locked");
}

static void test_error_truncates_long_messages(void **state) {
    (void)state;
    RsError err;
    char big[2000];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    rs_error_set(&err, RS_ERR_INPUT, "%s", big);
    assert_int_equal(strlen(err.msg), RS_ERROR_MSG_MAX - 1);
    rs_error_prefix(&err, "file");
    assert_int_equal(strlen(err.msg), RS_ERROR_MSG_MAX - 1);
    assert_memory_equal(err.msg, "file: aaa", 9);
}

static void test_buf_append_printf_steal(void **state) {
    (void)state;
    RsBuf b = {0};
    assert_int_equal(rs_buf_puts(&b, "Punkt"), RS_OK);
    assert_int_equal(rs_buf_printf(&b, " %d: %s", 2, "Orientering"), RS_OK);
    assert_int_equal(rs_buf_putc(&b, '.'), RS_OK);
    assert_string_equal(b.data, "Punkt 2: Orientering.");
    assert_int_equal(b.len, strlen("Punkt 2: Orientering."));
    for (int i = 0; i < 10000; i++) assert_int_equal(rs_buf_putc(&b, 'x'), RS_OK);
    assert_int_equal(b.len, 21 + 10000);
    rs_buf_reset(&b);
    assert_int_equal(b.len, 0);
    assert_string_equal(b.data, "");
    rs_buf_puts(&b, "æøå");
    char *s = rs_buf_steal(&b);
    assert_string_equal(s, "æøå");
    assert_null(b.data);
    free(s);
    s = rs_buf_steal(&b); /* empty buffer gives an empty string */
    assert_string_equal(s, "");
    free(s);
    rs_buf_free(&b);
    rs_buf_free(NULL);
}

static void test_read_file(void **state) {
    (void)state;
    char path[] = "/tmp/rs_test_bufXXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "hej\0med\ndig", 11), 11);
    close(fd);
    char *data;
    size_t len;
    RsError err;
    assert_int_equal(rs_read_file(path, 0, &data, &len, &err), RS_OK);
    assert_int_equal(len, 11);
    assert_memory_equal(data, "hej\0med\ndig", 11);
    assert_int_equal(data[11], '\0');
    free(data);
    assert_int_equal(rs_read_file(path, 5, &data, &len, &err), RS_ERR_INPUT);
    assert_non_null(strstr(err.msg, "limit"));
    unlink(path);
    assert_int_equal(rs_read_file(path, 0, &data, &len, &err), RS_ERR_IO);
    assert_non_null(strstr(err.msg, path));
    assert_int_equal(rs_read_file("/tmp", 0, &data, &len, &err), RS_ERR_IO);
    assert_non_null(strstr(err.msg, "directory"));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_error_set_returns_code_and_formats),
        cmocka_unit_test(test_error_truncates_long_messages),
        cmocka_unit_test(test_buf_append_printf_steal),
        cmocka_unit_test(test_read_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
