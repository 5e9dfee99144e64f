/* html.c — web pages into the text lines of the layout parser, through libxml2 (html.h). */
#include "html.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "text.h"
#include "utf8.h"

int rs_html_is(const char *data, size_t len, const char *name) {
    size_t nl = name ? strlen(name) : 0;
    static const char *const ext[] = {".html", ".htm", ".xhtml"};
    for (size_t k = 0; k < sizeof ext / sizeof *ext; k++) {
        size_t el = strlen(ext[k]);
        if (nl > el && !strcasecmp(name + nl - el, ext[k])) return 1;
    }
    size_t i = 0;
    if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) i = 3;
    while (i < len && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t')) i++;
    return (len - i >= 9 && !strncasecmp(data + i, "<!doctype", 9) &&
            len - i >= 14 && !strncasecmp(data + i + 10, "html", 4)) ||
           (len - i >= 5 && !strncasecmp(data + i, "<html", 5));
}

/* Elements whose content is never text of the minutes. */
static int dropped(const char *name) {
    static const char *const d[] = {"script", "style", "noscript", "template", "nav", "form",
                                    "button", "select", "option", "iframe", "svg", "object",
                                    "embed", "canvas", "map", "audio", "video", "input", "textarea"};
    for (size_t k = 0; k < sizeof d / sizeof *d; k++)
        if (!strcmp(name, d[k])) return 1;
    return 0;
}

/* Elements that end a line (and those that stand apart by a blank line). */
static int block(const char *name, int *para) {
    static const char *const paras[] = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul",
                                        "ol", "dl", "blockquote", "pre", "section", "article",
                                        "header", "footer", "main", "aside", "hr", "address",
                                        "fieldset", "figure", "details"};
    static const char *const lines[] = {"div", "li", "dt", "dd", "tr", "caption",
                                        "figcaption", "summary", "legend", "center", "thead",
                                        "tbody", "tfoot", "body", "title"};
    for (size_t k = 0; k < sizeof paras / sizeof *paras; k++)
        if (!strcmp(name, paras[k])) return *para = 1;
    for (size_t k = 0; k < sizeof lines / sizeof *lines; k++)
        if (!strcmp(name, lines[k])) {
            *para = 0;
            return 1;
        }
    return 0;
}

/* Whether a word of an id or class attribute marks navigation, a menu or a cookie banner. */
static int chrome_attr(const char *v) {
    static const char *const words[] = {"cookie", "breadcrumb", "skip", "menu", "navbar", "navigation",
                                        "consent", "sidebar-nav", "site-header-nav", "topbar"};
    if (!v) return 0;
    for (size_t k = 0; k < sizeof words / sizeof *words; k++)
        if (strcasestr(v, words[k])) return 1;
    return 0;
}

/* A page's footer (a <footer> outside main content, role=contentinfo) is the site's, not the
 * minutes': contact lines, accessibility statements. */
static int site_footer(xmlNode *n) {
    if (xmlStrcasecmp(n->name, (const xmlChar *)"footer")) return 0;
    for (xmlNode *p = n->parent; p && p->type == XML_ELEMENT_NODE; p = p->parent)
        if (!xmlStrcasecmp(p->name, (const xmlChar *)"main") || !xmlStrcasecmp(p->name, (const xmlChar *)"article") ||
            !xmlStrcasecmp(p->name, (const xmlChar *)"section"))
            return 0;
    return 1;
}

static int is_chrome(xmlNode *n) {
    if (site_footer(n)) return 1;
    xmlChar *role = xmlGetProp(n, (const xmlChar *)"role");
    int c = role && (!xmlStrcasecmp(role, (const xmlChar *)"navigation") ||
                     !xmlStrcasecmp(role, (const xmlChar *)"search") ||
                     !xmlStrcasecmp(role, (const xmlChar *)"contentinfo"));
    xmlFree(role);
    if (c) return 1;
    static const char *const attrs[] = {"id", "class"};
    for (size_t k = 0; k < 2 && !c; k++) {
        xmlChar *v = xmlGetProp(n, (const xmlChar *)attrs[k]);
        c = chrome_attr((const char *)v);
        xmlFree(v);
    }
    return c;
}

typedef struct Out {
    RsBuf b;
    int pre;     /* inside <pre>: keep the line breaks */
    int cells;   /* inside a row whose cells each stand on a line (a th next to td) */
    RsStatus rc;
} Out;

/* A table row "Punkt | Titel" or "45 | Ny busrute …" reads as one line, its cells a blank
 * apart, like the portals' text; a row that holds a header cell and data cells ("Beslutning |
 * Godkendt.") puts each cell on a line of its own, so the header is a heading. */
static int label_row(xmlNode *tr) {
    int th = 0, td = 0;
    for (xmlNode *c = tr->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE) {
            th += !xmlStrcmp(c->name, (const xmlChar *)"th");
            td += !xmlStrcmp(c->name, (const xmlChar *)"td");
        }
    return th && td;
}

static void ensure_breaks(Out *o, int n) {
    if (!o->b.len) return;
    int have = 0;
    for (size_t i = o->b.len; i > 0 && o->b.data[i - 1] == '\n' && have < n; i--) have++;
    for (; have < n && o->rc == RS_OK; have++) o->rc = rs_buf_putc(&o->b, '\n');
}

/* Text of a node, blanks collapsed (HTML's white-space rule) unless inside <pre>. */
static void add_text(Out *o, const char *s) {
    for (const char *p = s; *p && o->rc == RS_OK; p++) {
        char c = *p;
        if (!o->pre && (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f')) {
            if (o->b.len && o->b.data[o->b.len - 1] != ' ' && o->b.data[o->b.len - 1] != '\n')
                o->rc = rs_buf_putc(&o->b, ' ');
            continue;
        }
        if (c == '\r') continue;
        o->rc = rs_buf_putc(&o->b, c);
    }
}

/* Whether n is an entry of a bulleted list (<ul>) holding only text and inline elements: printed
 * "• entry" as a browser shows it (an agenda announced as a list of titles, ingest/bullets.h);
 * an entry holding paragraphs or lists keeps its lines as they are. */
static int bullet_entry(xmlNode *n) {
    if (xmlStrcasecmp(n->name, (const xmlChar *)"li") || !n->parent || !n->parent->name ||
        xmlStrcasecmp(n->parent->name, (const xmlChar *)"ul"))
        return 0;
    int text = 0;
    for (xmlNode *c = n->children; c; c = c->next) {
        int para;
        if (c->type == XML_ELEMENT_NODE && c->name && (block((const char *)c->name, &para) ||
                                                       !xmlStrcasecmp(c->name, (const xmlChar *)"br")))
            return 0;
        if (c->type == XML_ELEMENT_NODE) text = 1;
        for (const xmlChar *t = c->type == XML_TEXT_NODE ? c->content : NULL; t && *t && !text; t++)
            text = *t != ' ' && *t != '\t' && *t != '\n' && *t != '\r';
    }
    return text;
}

static void walk(Out *o, xmlNode *n, int depth) {
    for (; n && o->rc == RS_OK; n = n->next) {
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content) add_text(o, (const char *)n->content);
            continue;
        }
        if (n->type != XML_ELEMENT_NODE || !n->name) continue;
        const char *name = (const char *)n->name;
        if (dropped(name) || is_chrome(n)) continue;
        if (!strcmp(name, "br")) {
            ensure_breaks(o, 1);
            continue;
        }
        int para = 0, blk = block(name, &para);
        int cell = !strcmp(name, "td") || !strcmp(name, "th");
        if (cell) {
            if (o->cells) ensure_breaks(o, 1);
            else if (o->b.len && o->b.data[o->b.len - 1] != '\n' && o->b.data[o->b.len - 1] != ' ')
                o->rc = rs_buf_putc(&o->b, ' ');
        }
        if (blk) ensure_breaks(o, para ? 2 : 1);
        if (o->rc == RS_OK && blk && bullet_entry(n)) o->rc = rs_buf_append(&o->b, "\xE2\x80\xA2 ", 4);
        int pre = !strcmp(name, "pre"), row = !strcmp(name, "tr"), saved = o->cells;
        if (pre) o->pre++;
        if (row) o->cells = label_row(n);
        if (depth < 256) walk(o, n->children, depth + 1);
        if (pre) o->pre--;
        if (row) o->cells = saved;
        if (blk) ensure_breaks(o, para ? 2 : 1);
    }
}

/* Whether the page says its encoding: a BOM, <meta charset>, http-equiv content, <?xml encoding. */
static int declares_encoding(const char *data, size_t len) {
    if (len >= 2 && ((unsigned char)data[0] == 0xFE || (unsigned char)data[0] == 0xFF)) return 1;
    if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) return 1;
    size_t n = len < 4096 ? len : 4096;
    return rs_ci_find(data, n, "charset=") < n || rs_ci_find(data, n, "encoding=") < n;
}

/* libxml2 reports some errors (encoding conversion) through its global handlers whatever the
 * parse options say; these handlers keep them off stderr and note a failed conversion. */
static void on_generic(void *ctx, const char *msg, ...) {
    (void)msg;
    *(int *)ctx = 1; /* in libxml2 2.9 only I/O and encoding problems come here */
}
static void on_structured(void *ctx, xmlErrorPtr e) {
    if (e && (e->domain == XML_FROM_I18N || e->domain == XML_FROM_IO)) *(int *)ctx = 1;
}

/* Parse with encoding `enc` (NULL: as the page declares); *conv_failed when bytes could not be
 * converted (the text after them would be lost). */
static htmlDocPtr parse(const char *data, size_t len, const char *enc, int *conv_failed) {
    *conv_failed = 0;
    /* thread-local in libxml2, so parallel indexing threads do not see each other's */
    xmlGenericErrorFunc old_generic = xmlGenericError;
    void *old_generic_ctx = xmlGenericErrorContext;
    xmlStructuredErrorFunc old_structured = xmlStructuredError;
    void *old_structured_ctx = xmlStructuredErrorContext;
    xmlSetGenericErrorFunc(conv_failed, on_generic);
    xmlSetStructuredErrorFunc(conv_failed, on_structured);
    htmlDocPtr doc = htmlReadMemory(data, (int)len, NULL, enc,
                                    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                        HTML_PARSE_NONET | HTML_PARSE_COMPACT);
    xmlSetGenericErrorFunc(old_generic_ctx, old_generic);
    xmlSetStructuredErrorFunc(old_structured_ctx, old_structured);
    return doc;
}

RsStatus rs_html_text(const char *data, size_t len, const char *name, char **out, size_t *out_len,
                      RsError *err) {
    *out = NULL;
    *out_len = 0;
    if (len > (size_t)0x7fffffff)
        return rs_error_set(err, RS_ERR_INPUT, "%s: the page is too large to read", name);
    const char *enc = NULL;
    if (!declares_encoding(data, len)) enc = rs_utf8_valid(data, len) ? "UTF-8" : "windows-1252";
    int failed;
    htmlDocPtr doc = parse(data, len, enc, &failed);
    /* a page whose bytes do not fit the encoding it declares (or Windows-1252's five unused
     * bytes): read it again as UTF-8 when it is, else Windows-1252, else Latin-1, which maps
     * every byte, rather than lose the text after the first bad byte */
    static const char *const fallbacks[] = {"UTF-8", "windows-1252", "ISO-8859-1"};
    for (size_t k = 0; failed && k < 3; k++) {
        if ((k == 0 && !rs_utf8_valid(data, len)) || (enc && !strcmp(enc, fallbacks[k]))) continue;
        xmlFreeDoc(doc);
        doc = parse(data, len, fallbacks[k], &failed);
    }
    if (!doc) return rs_error_set(err, RS_ERR_INPUT, "%s: not a readable HTML page", name);
    Out o = {{0}, 0, 0, RS_OK};
    xmlNode *root = xmlDocGetRootElement(doc);
    /* the <title> first, then the body (or whatever the root holds) */
    for (xmlNode *h = root ? root->children : NULL; h; h = h->next)
        if (h->type == XML_ELEMENT_NODE && !xmlStrcmp(h->name, (const xmlChar *)"head"))
            for (xmlNode *t = h->children; t; t = t->next)
                if (t->type == XML_ELEMENT_NODE && !xmlStrcmp(t->name, (const xmlChar *)"title")) {
                    walk(&o, t->children, 0);
                    ensure_breaks(&o, 2);
                }
    for (xmlNode *n = root ? root->children : NULL; n && o.rc == RS_OK; n = n->next) {
        if (n->type == XML_ELEMENT_NODE && !xmlStrcmp(n->name, (const xmlChar *)"head")) continue;
        xmlNode *next = n->next;
        n->next = NULL; /* walk this child alone */
        walk(&o, n, 0);
        n->next = next;
    }
    xmlFreeDoc(doc);
    if (o.rc != RS_OK) {
        rs_buf_free(&o.b);
        return rs_error_set(err, RS_ERR_NOMEM, "%s: out of memory reading the page", name);
    }
    size_t visible = 0;
    for (size_t i = 0; i < o.b.len && !visible; i++) visible = o.b.data[i] != ' ' && o.b.data[i] != '\n';
    if (!visible) {
        rs_buf_free(&o.b);
        return rs_error_set(err, RS_ERR_INPUT, "%s: the HTML page has no text", name);
    }
    *out_len = o.b.len;
    *out = rs_buf_steal(&o.b);
    return *out ? RS_OK : rs_error_set(err, RS_ERR_NOMEM, "out of memory");
}
