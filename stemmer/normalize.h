/* normalize.h — NFC + full case folding (ICU) and the Danish folding key. */
#ifndef RS_NORMALIZE_H
#define RS_NORMALIZE_H

#include <stddef.h>

#include "buf.h"
#include "error.h"

/* Open the ICU normaliser once per process (thread-safe; rs_normalize
 * calls it too, so it is optional).
 * RS_ERR_INTERNAL with ICU's error name if it is unavailable. */
RsStatus rs_normalize_init(RsError *err);

/* Replace the contents of `out` with the NFC, fully case-folded form of
 * `len` bytes of valid UTF-8 (ASCII and Latin-1 letters take a fast path
 * that gives the same result as ICU). RS_ERR_NOMEM or RS_ERR_INTERNAL. */
RsStatus rs_normalize(const char *s, size_t len, RsBuf *out);

/* Replace the contents of `out` with the Danish folding key of an already
 * normalised (lower-case) string: å ä á à â æ → a, ø ö ó ò ô → o,
 * é è ê ë → e, ü ú û → u, then aa → a, ae → a, oe → o, oo → o, so that
 * "aarøe" and "aaroe" both give "aro". RS_ERR_NOMEM only. */
RsStatus rs_danish_fold(const char *s, size_t len, RsBuf *out);

#endif
