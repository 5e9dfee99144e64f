/* html.h — minutes published as web pages (.html, .htm, .xhtml) into the plain text lines the
 * layout parser reads, through libxml2's HTML parser.
 *
 * Block elements (headings h1–h6, paragraphs, list items, table rows and cells, div, section,
 * br …) end lines; headings and paragraphs stand apart by a blank line; table cells are lines of
 * their own, so a "Punkt | Titel" table reads like the portals' text. Scripts, styles,
 * templates, forms, navigation (nav, role="navigation", and elements whose id or class names a
 * menu, breadcrumb, cookie banner or skip link) are dropped. The page's <title> is the first
 * line (portals put the committee and date there). Character references are decoded and the
 * encoding the page declares (meta charset, XML declaration, BOM) is honoured; a page that
 * declares none is read as UTF-8 when it is valid UTF-8, else as Windows-1252.
 */
#ifndef RS_INGEST_HTML_H
#define RS_INGEST_HTML_H

#include <stddef.h>

#include "error.h"

/* Whether bytes named `name` are an HTML page: a .html/.htm/.xhtml name, or content that opens
 * with a doctype or an <html> tag. Can't fail. */
int rs_html_is(const char *data, size_t len, const char *name);

/* The text of the HTML page data[0..len) (UTF-8, lines as above) in *out (malloc'd, caller
 * frees) and *out_len. Fails with RS_ERR_INPUT naming `name` when libxml2 cannot build a
 * document or the page has no text, RS_ERR_NOMEM. */
RsStatus rs_html_text(const char *data, size_t len, const char *name, char **out, size_t *out_len,
                      RsError *err);

#endif
