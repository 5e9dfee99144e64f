/* error.h — status codes and the error out-parameter shared by every module. */
#ifndef RS_ERROR_H
#define RS_ERROR_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Every function that can fail returns an RsStatus and, when it fails, fills
 * an RsError (if the caller passed one) with a human-readable message. */
typedef enum RsStatus {
    RS_OK = 0,
    RS_ERR_NOMEM,       /* out of memory */
    RS_ERR_IO,          /* file system: missing file, permission, full disk */
    RS_ERR_INPUT,       /* bad input data: invalid UTF-8, binary file, no items */
    RS_ERR_USAGE,       /* bad arguments from the caller or the user */
    RS_ERR_QUERY,       /* malformed query */
    RS_ERR_LOCKED,      /* index is locked by another writer */
    RS_ERR_NOTFOUND,    /* no such database, document, metadata key */
    RS_ERR_DATABASE,    /* other index errors (corrupt, not an index, version) */
    RS_ERR_MODIFIED,    /* the index changed under a reader: reopen and retry */
    RS_ERR_MISMATCH,    /* index built with another analyser configuration */
    RS_ERR_NETWORK,     /* remote shard unreachable or timed out */
    RS_ERR_UNSUPPORTED, /* feature not available (e.g. spelling on a remote shard) */
    RS_ERR_INTERNAL,    /* a bug: an exception or state that should not happen */
    RS_ERR_TIMEOUT      /* a request ran out of its time budget */
} RsStatus;

#define RS_ERROR_MSG_MAX 512

typedef struct RsError {
    RsStatus code;
    char msg[RS_ERROR_MSG_MAX];
} RsError;

/* Fill `err` (which may be NULL) with `code` and a printf-style message,
 * truncated to RS_ERROR_MSG_MAX. Returns `code`, so callers can write
 * `return rs_error_set(err, RS_ERR_IO, "cannot open %s", path);`.
 * This function can't fail. */
RsStatus rs_error_set(RsError *err, RsStatus code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Reset `err` (which may be NULL) to RS_OK with an empty message. */
void rs_error_clear(RsError *err);

/* Prefix the message already in `err` with "prefix: " (e.g. a file name).
 * Does nothing if `err` is NULL. Can't fail (truncates). */
void rs_error_prefix(RsError *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Short stable name of a status ("io", "locked", ...), for JSON errors. */
const char *rs_status_name(RsStatus code);

#ifdef __cplusplus
}
#endif

#endif
