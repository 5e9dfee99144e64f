/* httputil.h — what the HTTP server checks in a request target before anything else, and how it
 * writes untrusted text into XML and JSON: every request gets an answer, every feed is
 * well-formed XML. */
#ifndef RS_HTTPUTIL_H
#define RS_HTTPUTIL_H

#include <stddef.h>

#include "buf.h"

/* Whether the raw request target `uri` (path and query, before any %-decoding) is acceptable:
 * every '%' followed by two hex digits, no encoded NUL (%00), and what it decodes to is UTF-8.
 * When it is not, *why (a static message) says which. This function can't fail. */
int rs_http_target_ok(const char *uri, const char **why);

/* Append s to b as XML character data: without the characters XML 1.0 forbids (controls but tab,
 * newline and carriage return; U+FFFE, U+FFFF; bytes that are not UTF-8), and with < > & "
 * escaped when `escape` is set. RS_ERR_NOMEM when out of memory. s may be NULL. */
RsStatus rs_xml_text(RsBuf *b, const char *s, int escape);

/* s as well-formed UTF-8 into b (contents replaced): each byte that is not part of a UTF-8
 * character becomes U+FFFD. For messages that quote what a client sent. RS_ERR_NOMEM when out
 * of memory. */
RsStatus rs_utf8_clean(RsBuf *b, const char *s);

#endif
