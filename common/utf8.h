/* utf8.h — strict UTF-8 decoding: the one check of the project's text at its edges (HTTP
 * requests, file names, XML output). */
#ifndef RS_UTF8_H
#define RS_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* The length (1-4) of the well-formed UTF-8 character at s[0..n) with its code point in *cp
 * (may be NULL), or 0 when the bytes there are not one (overlong forms, surrogates and values
 * over U+10FFFF are not). n must be at least 1. This function can't fail. */
size_t rs_utf8_char(const char *s, size_t n, uint32_t *cp);

/* Whether s[0..n) is well-formed UTF-8. This function can't fail. */
int rs_utf8_valid(const char *s, size_t n);

#endif
