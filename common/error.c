/* error.c — status codes and error messages shared by every module. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

RsStatus rs_error_set(RsError *err, RsStatus code, const char *fmt, ...) {
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
        err->code = code;
    }
    return code;
}

void rs_error_clear(RsError *err) {
    if (err) {
        err->code = RS_OK;
        err->msg[0] = '\0';
    }
}

void rs_error_prefix(RsError *err, const char *fmt, ...) {
    if (!err) return;
    char head[RS_ERROR_MSG_MAX], old[RS_ERROR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(head, sizeof head, fmt, ap);
    va_end(ap);
    memcpy(old, err->msg, sizeof old);
    /* head + ": " + old, truncated to the message size */
    size_t n = strlen(head), cap = sizeof err->msg - 1;
    if (n > cap) n = cap;
    memcpy(err->msg, head, n);
    for (const char *p = ": "; *p && n < cap; p++) err->msg[n++] = *p;
    for (const char *p = old; *p && n < cap; p++) err->msg[n++] = *p;
    err->msg[n] = '\0';
}

const char *rs_status_name(RsStatus code) {
    switch (code) {
    case RS_OK: return "ok";
    case RS_ERR_NOMEM: return "nomem";
    case RS_ERR_IO: return "io";
    case RS_ERR_INPUT: return "input";
    case RS_ERR_USAGE: return "usage";
    case RS_ERR_QUERY: return "query";
    case RS_ERR_LOCKED: return "locked";
    case RS_ERR_NOTFOUND: return "notfound";
    case RS_ERR_DATABASE: return "database";
    case RS_ERR_MODIFIED: return "modified";
    case RS_ERR_MISMATCH: return "mismatch";
    case RS_ERR_NETWORK: return "network";
    case RS_ERR_UNSUPPORTED: return "unsupported";
    case RS_ERR_INTERNAL: return "internal";
    case RS_ERR_TIMEOUT: return "timeout";
    }
    return "unknown";
}
