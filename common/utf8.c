/* utf8.c — strict UTF-8 decoding (RFC 3629) and validation (GLib). */
#include "utf8.h"

#include <glib.h>

size_t rs_utf8_char(const char *s, size_t n, uint32_t *cp) {
    const unsigned char *p = (const unsigned char *)s;
    uint32_t c = p[0];
    size_t len;
    uint32_t min;
    if (c < 0x80) len = 1, min = 0;
    else if ((c & 0xE0) == 0xC0) len = 2, min = 0x80, c &= 0x1F;
    else if ((c & 0xF0) == 0xE0) len = 3, min = 0x800, c &= 0x0F;
    else if ((c & 0xF8) == 0xF0) len = 4, min = 0x10000, c &= 0x07;
    else return 0;
    if (len > n) return 0;
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80) return 0;
        c = (c << 6) | (p[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0;
    if (cp) *cp = c;
    return len;
}

int rs_utf8_valid(const char *s, size_t n) {
    /* GLib's validator (the same RFC 3629 rules: checked over every sequence of 1-4 bytes)
     * stops at a NUL byte too; here a NUL is a character like any other, so go on after it. */
    const char *end;
    while (!g_utf8_validate_len(s, n, &end)) {
        if (*end) return 0;
        n -= (size_t)(end - s) + 1;
        s = end + 1;
    }
    return 1;
}
