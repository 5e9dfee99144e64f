/* buf.c — growable byte buffer and whole-file reading. */
#include "buf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

RsStatus rs_buf_reserve(RsBuf *b, size_t extra) {
    if (extra > (size_t)-1 / 2 - b->len) return RS_ERR_NOMEM;
    size_t need = b->len + extra + 1;
    if (need <= b->cap) return RS_OK;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < need) cap *= 2;
    char *p = realloc(b->data, cap);
    if (!p) return RS_ERR_NOMEM;
    b->data = p;
    b->cap = cap;
    return RS_OK;
}

RsStatus rs_buf_append_grow(RsBuf *b, const void *p, size_t len) {
    if (rs_buf_reserve(b, len) != RS_OK) return RS_ERR_NOMEM;
    if (len) memcpy(b->data + b->len, p, len);
    b->len += len;
    b->data[b->len] = '\0';
    return RS_OK;
}

RsStatus rs_buf_puts(RsBuf *b, const char *s) { return rs_buf_append(b, s, strlen(s)); }

RsStatus rs_buf_putc(RsBuf *b, char c) { return rs_buf_append(b, &c, 1); }

RsStatus rs_buf_vprintf(RsBuf *b, const char *fmt, va_list ap) {
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) return RS_ERR_INTERNAL;
    if (rs_buf_reserve(b, (size_t)n) != RS_OK) return RS_ERR_NOMEM;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return RS_OK;
}

RsStatus rs_buf_printf(RsBuf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    RsStatus st = rs_buf_vprintf(b, fmt, ap);
    va_end(ap);
    return st;
}

void rs_buf_reset(RsBuf *b) {
    b->len = 0;
    if (b->data) b->data[0] = '\0';
}

char *rs_buf_steal(RsBuf *b) {
    char *p = b->data;
    if (!p) p = calloc(1, 1);
    b->data = NULL;
    b->len = b->cap = 0;
    return p;
}

void rs_buf_free(RsBuf *b) {
    if (!b) return;
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

RsStatus rs_read_file(const char *path, size_t max_bytes, char **out,
                      size_t *len, RsError *err) {
    *out = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f) return rs_error_set(err, RS_ERR_IO, "%s: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        return rs_error_set(err, RS_ERR_IO, "%s: is a directory", path);
    }
    RsBuf b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (max_bytes && b.len + n > max_bytes) {
            fclose(f);
            rs_buf_free(&b);
            return rs_error_set(err, RS_ERR_INPUT, "%s: larger than the limit of %zu bytes",
                                path, max_bytes);
        }
        if (rs_buf_append(&b, chunk, n) != RS_OK) {
            fclose(f);
            rs_buf_free(&b);
            return rs_error_set(err, RS_ERR_NOMEM, "%s: out of memory", path);
        }
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        rs_buf_free(&b);
        return rs_error_set(err, RS_ERR_IO, "%s: read error", path);
    }
    *len = b.len;
    *out = rs_buf_steal(&b);
    if (!*out) return rs_error_set(err, RS_ERR_NOMEM, "%s: out of memory", path);
    return RS_OK;
}
