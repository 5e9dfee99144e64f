/* buf.h — a growable byte buffer (always NUL-terminated) and file reading. */
#ifndef RS_BUF_H
#define RS_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A zero-initialised RsBuf ({0}) is a valid empty buffer. `data` is NULL or
 * a heap block owned by the buffer; it stays NUL-terminated after any
 * successful append. Release with rs_buf_free(). */
typedef struct RsBuf {
    char *data;
    size_t len;
    size_t cap;
} RsBuf;

/* Ensure room for `extra` more bytes plus a NUL. RS_ERR_NOMEM on failure
 * (the buffer is unchanged). */
RsStatus rs_buf_reserve(RsBuf *b, size_t extra);
/* Append `len` bytes. RS_ERR_NOMEM on failure (buffer unchanged). Inline where the room is
 * there already (the indexer appends ~1,000 short pieces an item: terms, positions, JSON). */
RsStatus rs_buf_append_grow(RsBuf *b, const void *p, size_t len);
static inline RsStatus rs_buf_append(RsBuf *b, const void *p, size_t len) {
    if (len >= b->cap - b->len) return rs_buf_append_grow(b, p, len); /* also the empty {0} buffer */
    if (len) memcpy(b->data + b->len, p, len);
    b->len += len;
    b->data[b->len] = '\0';
    return RS_OK;
}
/* Append a NUL-terminated string. */
RsStatus rs_buf_puts(RsBuf *b, const char *s);
/* Append one byte. */
RsStatus rs_buf_putc(RsBuf *b, char c);
/* Append printf-style formatted text. */
RsStatus rs_buf_printf(RsBuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
RsStatus rs_buf_vprintf(RsBuf *b, const char *fmt, va_list ap);
/* Empty the buffer, keeping its memory. Can't fail. */
void rs_buf_reset(RsBuf *b);
/* Hand the heap block to the caller (who frees it with free()); the buffer
 * becomes empty. Returns an empty malloc'd string for an empty buffer, or
 * NULL on out of memory. */
char *rs_buf_steal(RsBuf *b);
/* Release the memory; the buffer becomes empty. rs_buf_free(NULL) is a no-op. */
void rs_buf_free(RsBuf *b);

/* Read a whole file into a malloc'd, NUL-terminated block (*out, *len; the
 * caller frees *out). Files larger than `max_bytes` are refused with
 * RS_ERR_INPUT (0 means no limit). Fails with RS_ERR_IO naming the path. */
RsStatus rs_read_file(const char *path, size_t max_bytes, char **out,
                      size_t *len, RsError *err);

#ifdef __cplusplus
}
#endif

#endif
