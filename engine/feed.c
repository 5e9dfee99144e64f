/* feed.c — search results as an Atom feed (feed.h). */
#include "feed.h"

#include <string.h>

#include "httputil.h"

/* Text into the feed: escaped, without what XML forbids (a query may hold any character). */
static void xml_escape(RsBuf *b, const char *s) { rs_xml_text(b, s, 1); }

void rs_url_escape(RsBuf *b, const char *s) {
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || strchr("-_.~", c))
            rs_buf_putc(b, (char)c);
        else
            rs_buf_printf(b, "%%%02X", c);
    }
}

void rs_feed_atom(const char *base, const char *query_string, const char *title, const RsResults *res,
                  RsBuf *out) {
    RsBuf b = {0};
    const char *q = title;
    RsBuf qs = {0};
    if (query_string) rs_buf_puts(&qs, query_string);
    const char *newest = res->n_hits ? res->hits[0].rec.date : NULL;
    rs_buf_puts(&b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                    "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n  <title>Referatsøg: ");
    xml_escape(&b, q);
    rs_buf_puts(&b, "</title>\n  <id>urn:refsog:search:"); /* the same whatever host it was reached at */
    if (qs.len) xml_escape(&b, qs.data);
    rs_buf_printf(&b, "</id>\n  <updated>%sT00:00:00Z</updated>\n", newest ? newest : "1970-01-01");
    rs_buf_puts(&b, "  <author><name>Referatsøg</name></author>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"");
    xml_escape(&b, base);
    rs_buf_puts(&b, "/feed.atom");
    if (qs.len) rs_buf_printf(&b, "?%s", qs.data);
    rs_buf_puts(&b, "\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"");
    xml_escape(&b, base);
    rs_buf_puts(&b, "/");
    if (qs.len) rs_buf_printf(&b, "?%s", qs.data);
    rs_buf_puts(&b, "\"/>\n");
    for (size_t i = 0; i < res->n_hits; i++) {
        const RsItemRecord *h = &res->hits[i].rec;
        rs_buf_puts(&b, "  <entry>\n    <title>");
        xml_escape(&b, h->title);
        rs_buf_puts(&b, "</title>\n    <id>urn:refsog:item:");
        xml_escape(&b, h->id);
        rs_buf_printf(&b, "</id>\n    <updated>%sT00:00:00Z</updated>\n", h->date ? h->date : "1970-01-01");
        rs_buf_puts(&b, "    <link href=\"");
        xml_escape(&b, base);
        rs_buf_puts(&b, "/punkt/");
        rs_url_escape(&b, h->id);
        rs_buf_puts(&b, "\"/>\n    <category term=\"");
        xml_escape(&b, h->municipality);
        rs_buf_puts(&b, "\"/>\n    <summary>");
        xml_escape(&b, h->municipality);
        rs_buf_puts(&b, " · ");
        xml_escape(&b, h->committee);
        if (res->hits[i].has_snippet) {
            rs_buf_puts(&b, ": ");
            /* the snippet's text (plain: the matches are not marked in a summary) */
            xml_escape(&b, res->hits[i].snippet.text);
        }
        rs_buf_puts(&b, "</summary>\n  </entry>\n");
    }
    rs_buf_puts(&b, "</feed>\n");
    rs_buf_free(&qs);
    rs_buf_append(out, b.data ? b.data : "", b.len);
    rs_buf_free(&b);
}

