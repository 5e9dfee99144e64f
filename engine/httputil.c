/* httputil.c — request target checks and XML/UTF-8 cleaning for the HTTP server. */
#include "httputil.h"

#include <stdint.h>
#include <string.h>

#include "utf8.h"

static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* The length of the UTF-8 character a lead byte starts, or 0 for a byte no character starts with. */
static size_t lead_len(unsigned char c) {
    return c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
}

int rs_http_target_ok(const char *uri, const char **why) {
    char pend[4]; /* the decoded bytes of the character being read */
    size_t np = 0, want = 0;
    for (const char *p = uri; *p;) {
        unsigned char c;
        if (*p == '%') {
            int h = hex(p[1]), l = h < 0 ? -1 : hex(p[2]);
            if (h < 0 || l < 0) {
                *why = "bad percent-encoding: '%' must be followed by two hex digits";
                return 0;
            }
            c = (unsigned char)(h * 16 + l);
            if (!c) {
                *why = "a NUL byte (%00) in the request";
                return 0;
            }
            p += 3;
        } else {
            c = (unsigned char)*p++;
        }
        if (!np && !(want = lead_len(c))) break;
        pend[np++] = (char)c;
        if (np == want) {
            if (!rs_utf8_char(pend, np, NULL)) break;
            np = 0;
        } else if (np > 1 && (c & 0xC0) != 0x80) {
            break;
        }
        if (!*p && np) break;
        if (!*p) return 1;
    }
    if (!*uri) return 1;
    *why = "bad percent-encoding: the request does not decode to UTF-8";
    return 0;
}

/* Whether XML 1.0 allows code point c in character data. */
static int xml_char(uint32_t c) {
    if (c < 0x20) return c == '\t' || c == '\n' || c == '\r';
    return c != 0xFFFE && c != 0xFFFF;
}

RsStatus rs_xml_text(RsBuf *b, const char *s, int escape) {
    RsStatus rc = RS_OK;
    size_t n = s ? strlen(s) : 0;
    for (size_t i = 0; rc == RS_OK && i < n;) {
        uint32_t c;
        size_t l = rs_utf8_char(s + i, n - i, &c);
        if (!l) { /* not UTF-8: dropped */
            i++;
            continue;
        }
        if (!xml_char(c)) rc = RS_OK;
        else if (escape && c == '<') rc = rs_buf_puts(b, "&lt;");
        else if (escape && c == '>') rc = rs_buf_puts(b, "&gt;");
        else if (escape && c == '&') rc = rs_buf_puts(b, "&amp;");
        else if (escape && c == '"') rc = rs_buf_puts(b, "&quot;");
        else rc = rs_buf_append(b, s + i, l);
        i += l;
    }
    return rc;
}

RsStatus rs_utf8_clean(RsBuf *b, const char *s) {
    rs_buf_reset(b);
    RsStatus rc = rs_buf_puts(b, ""); /* a valid empty string even for empty input */
    size_t n = s ? strlen(s) : 0;
    for (size_t i = 0; rc == RS_OK && i < n;) {
        size_t l = rs_utf8_char(s + i, n - i, NULL);
        rc = l ? rs_buf_append(b, s + i, l) : rs_buf_puts(b, "\xef\xbf\xbd");
        i += l ? l : 1;
    }
    return rc;
}
