/* query.c — recursive-descent parser of the query language into RsQuery. */
#include "query.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <glib.h>

#include "buf.h"
#include "date.h"

static const char *const field_names[] = {"", "titel", "resume", "sagsfremstilling",
                                          "indstilling", "beslutning", "bilag"};
static const char *const facet_names[] = {"kommune", "udvalg", "type", "udfald",
                                          "kle", "sag", "dato", "dokument", "aar"};

const char *rs_facet_name(RsFacet f) { return (unsigned)f < RS_FACET_COUNT ? facet_names[f] : "?"; }
const char *rs_qfield_name(RsQField f) { return (unsigned)f <= RS_QF_BILAG ? field_names[f] : "?"; }

typedef struct {
    const char *s;
    size_t len, pos;
    int depth, terms;
    RsQuery *q;
    RsError *err;
    RsStatus rc;
} P;

static RsStatus fail(P *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static RsStatus fail(P *p, const char *fmt, ...) {
    if (p->rc != RS_OK) return p->rc;
    char msg[RS_ERROR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    p->rc = rs_error_set(p->err, RS_ERR_QUERY, "malformed query: %s", msg);
    return p->rc;
}

static void node_free(RsQNode *n) {
    if (!n) return;
    for (size_t i = 0; i < n->n_kids; i++) node_free(n->kids[i]);
    free(n->kids);
    free(n->text);
    free(n);
}

void rs_query_free(RsQuery *q) {
    if (!q) return;
    node_free(q->root);
    for (size_t i = 0; i < q->n_filters; i++) free(q->filters[i].value);
    free(q->filters);
    free(q);
}

static RsQNode *new_node(P *p, RsQKind k) {
    RsQNode *n = calloc(1, sizeof *n);
    if (!n) p->rc = rs_error_set(p->err, RS_ERR_NOMEM, "out of memory");
    else n->kind = k;
    return n;
}

static int add_kid(P *p, RsQNode *parent, RsQNode *kid) {
    RsQNode **k = realloc(parent->kids, (parent->n_kids + 1) * sizeof *k);
    if (!k) {
        p->rc = rs_error_set(p->err, RS_ERR_NOMEM, "out of memory");
        return 0;
    }
    parent->kids = k;
    parent->kids[parent->n_kids++] = kid;
    return 1;
}

static void skip_ws(P *p) {
    while (p->pos < p->len && (p->s[p->pos] == ' ' || p->s[p->pos] == '\t' ||
                               p->s[p->pos] == '\n' || p->s[p->pos] == '\r'))
        p->pos++;
}

static int is_stop(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '(' || c == ')' || c == '"';
}

/* The word at pos (without consuming): [pos, end). */
static size_t word_end(P *p, size_t from) {
    size_t e = from;
    while (e < p->len && !is_stop(p->s[e])) e++;
    return e;
}

static int is_keyword(P *p, const char *kw) {
    size_t e = word_end(p, p->pos), n = strlen(kw);
    return e - p->pos == n && !memcmp(p->s + p->pos, kw, n);
}

static int at_or(P *p) {
    return is_keyword(p, "OR") || is_keyword(p, "ELLER") || is_keyword(p, "|");
}

static RsQNode *parse_or(P *p);

/* Lower-case ASCII field name at [b, e) against a table; -1 if none. */
static int lookup(const char *b, size_t n, const char *const *names, size_t count) {
    for (size_t i = 0; i < count; i++)
        if (strlen(names[i]) == n && !strncasecmp(b, names[i], n)) return (int)i;
    return -1;
}

/* One end of a date range: YYYY, YYYY-MM, YYYY-MM-DD. `hi` picks the last
 * day of a year or month. Returns YYYYMMDD or -1 with a message. */
static int parse_date_end(P *p, const char *s, size_t n, int hi) {
    int y = 0, m = 0, d = 0;
    char buf[16];
    if (n == 0 || n >= sizeof buf) goto bad;
    memcpy(buf, s, n);
    buf[n] = '\0';
    int k = 0;
    if (n == 4 && sscanf(buf, "%4d%n", &y, &k) == 1 && k == 4) {
        m = hi ? 12 : 1;
        d = hi ? 31 : 1;
    } else if (n == 7 && sscanf(buf, "%4d-%2d%n", &y, &m, &k) == 2 && k == 7) {
        if (m < 1 || m > 12) goto impossible;
        d = hi ? rs_days_in_month(y, m) : 1;
    } else if (n == 10 && sscanf(buf, "%4d-%2d-%2d%n", &y, &m, &d, &k) == 3 && k == 10) {
        if (m < 1 || m > 12 || d < 1 || d > rs_days_in_month(y, m)) goto impossible;
    } else {
        goto bad;
    }
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)buf[i]) && buf[i] != '-') goto bad;
    if (y < 1000) goto bad;
    return y * 10000 + m * 100 + d;
impossible:
    fail(p, "impossible date '%.*s'", (int)n, s);
    return -1;
bad:
    fail(p, "'%.*s' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD, and A..B for a range)",
         (int)n, s);
    return -1;
}

static int parse_dato(P *p, RsQFilter *f) {
    const char *v = f->value;
    size_t n = strlen(v);
    const char *dots = strstr(v, "..");
    if (!dots) {
        int lo = parse_date_end(p, v, n, 0), hi = lo >= 0 ? parse_date_end(p, v, n, 1) : -1;
        if (lo < 0 || hi < 0) return 0;
        f->from = lo;
        f->to = hi;
        return 1;
    }
    size_t a = (size_t)(dots - v);
    if (a == 0 && n == 2) return fail(p, "empty date range 'dato:..'"), 0;
    if (a) {
        if ((f->from = parse_date_end(p, v, a, 0)) < 0) return 0;
    }
    if (a + 2 < n) {
        if ((f->to = parse_date_end(p, v + a + 2, n - a - 2, 1)) < 0) return 0;
    }
    if (f->from && f->to && f->from > f->to)
        return fail(p, "date range '%s' ends before it starts", v), 0;
    return 1;
}

/* A value after "facet:": a quoted string or a word. */
static char *take_value(P *p) {
    if (p->pos < p->len && p->s[p->pos] == '"') {
        size_t b = ++p->pos;
        while (p->pos < p->len && p->s[p->pos] != '"') p->pos++;
        if (p->pos >= p->len) { fail(p, "unbalanced quote at byte %zu", b - 1); return NULL; }
        char *v = strndup(p->s + b, p->pos - b);
        p->pos++;
        return v;
    }
    size_t b = p->pos, e = word_end(p, b);
    p->pos = e;
    return strndup(p->s + b, e - b);
}

static RsQNode *parse_primary(P *p, RsQField field, int negated) {
    skip_ws(p);
    if (p->pos >= p->len) { fail(p, "missing term at the end"); return NULL; }
    if (++p->terms > RS_QUERY_MAX_TERMS) {
        fail(p, "more than %d terms", RS_QUERY_MAX_TERMS);
        return NULL;
    }
    char c = p->s[p->pos];
    if (c == '(') {
        size_t open = p->pos++;
        if (++p->depth > RS_QUERY_MAX_DEPTH) { fail(p, "nested deeper than %d", RS_QUERY_MAX_DEPTH); return NULL; }
        skip_ws(p);
        if (p->pos < p->len && p->s[p->pos] == ')') { fail(p, "empty parentheses at byte %zu", open); return NULL; }
        RsQNode *n = parse_or(p);
        if (!n) return NULL;
        skip_ws(p);
        if (p->pos >= p->len || p->s[p->pos] != ')') {
            node_free(n);
            fail(p, "unbalanced parenthesis: '(' at byte %zu is not closed", open);
            return NULL;
        }
        p->pos++;
        p->depth--;
        if (field) {
            /* apply the section to every leaf */
            RsQNode *stack[2 * RS_QUERY_MAX_TERMS + 8]; /* at most one entry per node */
            size_t sp = 0;
            stack[sp++] = n;
            while (sp) {
                RsQNode *x = stack[--sp];
                if (!x->field) x->field = field;
                for (size_t i = 0; i < x->n_kids && sp < sizeof stack / sizeof *stack; i++) stack[sp++] = x->kids[i];
            }
        }
        n->negated = negated;
        return n;
    }
    if (c == ')') { fail(p, "unbalanced parenthesis: ')' at byte %zu has no '('", p->pos); return NULL; }
    if (c == '"') {
        size_t b = ++p->pos;
        while (p->pos < p->len && p->s[p->pos] != '"') p->pos++;
        if (p->pos >= p->len) { fail(p, "unbalanced quote: '\"' at byte %zu is not closed", b - 1); return NULL; }
        size_t e = p->pos++;
        size_t nb = b, ne = e;
        while (nb < ne && isspace((unsigned char)p->s[nb])) nb++;
        while (ne > nb && isspace((unsigned char)p->s[ne - 1])) ne--;
        if (nb == ne) { fail(p, "empty phrase at byte %zu", b - 1); return NULL; }
        RsQNode *n = new_node(p, RS_QN_PHRASE);
        if (!n) return NULL;
        n->text = strndup(p->s + nb, ne - nb);
        n->field = field;
        n->negated = negated;
        return n;
    }
    size_t b = p->pos, e = word_end(p, b);
    /* field:value ? the name is ASCII/Danish letters only */
    const char *colon = memchr(p->s + b, ':', e - b);
    if (colon && colon > p->s + b) {
        size_t nl = (size_t)(colon - (p->s + b));
        int letters = 1;
        for (size_t i = 0; i < nl; i++) {
            unsigned char ch = (unsigned char)p->s[b + i];
            if (!(isalpha(ch) || ch >= 0x80)) letters = 0;
        }
        if (letters) {
            const char *name = p->s + b;
            int f = lookup(name, nl, field_names + 1, 6);
            if (f < 0 && nl == 7 && !strncasecmp(name, "resum\xc3\xa9", 7)) f = RS_QF_RESUME - 1;
            int fc = lookup(name, nl, facet_names, RS_FACET_COUNT);
            if (f < 0 && fc < 0) {
                fail(p, "unknown field '%.*s' (known: titel, resume, sagsfremstilling, indstilling, "
                        "beslutning, bilag, kommune, udvalg, type, udfald, kle, sag, dato, dokument, aar)",
                     (int)nl, name);
                return NULL;
            }
            p->pos = (size_t)(colon - p->s) + 1;
            if (p->pos >= p->len || (is_stop(p->s[p->pos]) && p->s[p->pos] != '"' && p->s[p->pos] != '(')) {
                fail(p, "field '%.*s:' has no value", (int)nl, name);
                return NULL;
            }
            if (f >= 0) {
                if (field) { fail(p, "section field inside a section field at byte %zu", b); return NULL; }
                return parse_primary(p, (RsQField)(f + 1), negated);
            }
            if (field) { fail(p, "facet filter inside a section field at byte %zu", b); return NULL; }
            char *v = take_value(p);
            if (!v) { if (p->rc == RS_OK) p->rc = rs_error_set(p->err, RS_ERR_NOMEM, "out of memory"); return NULL; }
            if (!*v) { free(v); fail(p, "field '%.*s:' has no value", (int)nl, name); return NULL; }
            RsQFilter *fs = realloc(p->q->filters, (p->q->n_filters + 1) * sizeof *fs);
            if (!fs) { free(v); p->rc = rs_error_set(p->err, RS_ERR_NOMEM, "out of memory"); return NULL; }
            p->q->filters = fs;
            RsQFilter *nf = &fs[p->q->n_filters++];
            *nf = (RsQFilter){(RsFacet)fc, negated, v, 0, 0};
            if (fc == RS_FACET_DATO && !parse_dato(p, nf)) return NULL;
            if (fc == RS_FACET_AAR && (strlen(v) != 4 || strspn(v, "0123456789") != 4)) {
                fail(p, "aar: takes a year YYYY, not '%s' at byte %zu", v, b);
                return NULL;
            }
            return (RsQNode *)p->q; /* marker: consumed as a filter */
        }
    }
    p->pos = e;
    RsQNode *n;
    if (e - b >= 2 && p->s[e - 1] == '*') {
        if (e - b < 3) { fail(p, "prefix '%.*s' is too short (at least 2 characters before '*')", (int)(e - b), p->s + b); return NULL; }
        n = new_node(p, RS_QN_PREFIX);
        if (n) n->text = strndup(p->s + b, e - b - 1);
    } else {
        if (e - b == 1 && p->s[b] == '*') { fail(p, "a lone '*' at byte %zu", b); return NULL; }
        n = new_node(p, RS_QN_WORD);
        if (n) n->text = strndup(p->s + b, e - b);
    }
    if (n && !n->text) { node_free(n); p->rc = rs_error_set(p->err, RS_ERR_NOMEM, "out of memory"); return NULL; }
    if (n) {
        n->field = field;
        n->negated = negated;
    }
    return n;
}

static RsQNode *parse_unary(P *p) {
    skip_ws(p);
    int neg = 0;
    if (p->pos < p->len && p->s[p->pos] == '-' && p->pos + 1 < p->len && !is_stop(p->s[p->pos + 1])) {
        neg = 1;
        p->pos++;
    } else if (p->pos < p->len && p->s[p->pos] == '-' && p->pos + 1 < p->len &&
               (p->s[p->pos + 1] == '"' || p->s[p->pos + 1] == '(')) {
        neg = 1;
        p->pos++;
    } else if (is_keyword(p, "NOT") || is_keyword(p, "IKKE")) {
        size_t at = p->pos;
        p->pos = word_end(p, p->pos);
        skip_ws(p);
        if (p->pos >= p->len || p->s[p->pos] == ')' || at_or(p)) {
            fail(p, "'NOT' at byte %zu has nothing after it", at);
            return NULL;
        }
        neg = 1;
    }
    return parse_primary(p, RS_QF_ANY, neg);
}

#define FILTER_MARK(p) ((RsQNode *)(p)->q)

static RsQNode *parse_and(P *p) {
    RsQNode *and = new_node(p, RS_QN_AND);
    if (!and) return NULL;
    for (;;) {
        skip_ws(p);
        if (p->pos >= p->len || p->s[p->pos] == ')' || at_or(p)) break;
        if (is_keyword(p, "AND") || is_keyword(p, "OG")) {
            size_t at = p->pos;
            p->pos = word_end(p, p->pos);
            skip_ws(p);
            if (and->n_kids == 0 || p->pos >= p->len || p->s[p->pos] == ')' || at_or(p)) {
                node_free(and);
                fail(p, "'AND' at byte %zu needs a term on both sides", at);
                return NULL;
            }
            continue;
        }
        RsQNode *k = parse_unary(p);
        if (!k) { node_free(and); return NULL; }
        if (k == FILTER_MARK(p)) continue;
        if (!add_kid(p, and, k)) { node_free(k); node_free(and); return NULL; }
    }
    return and;
}

static RsQNode *parse_or(P *p) {
    RsQNode *or = new_node(p, RS_QN_OR);
    if (!or) return NULL;
    for (;;) {
        skip_ws(p);
        size_t at = p->pos;
        if (at_or(p)) {
            node_free(or);
            fail(p, "'OR' at byte %zu needs a term on both sides", at);
            return NULL;
        }
        RsQNode *a = parse_and(p);
        if (!a) { node_free(or); return NULL; }
        if (!add_kid(p, or, a)) { node_free(a); node_free(or); return NULL; }
        skip_ws(p);
        if (!at_or(p)) break;
        size_t orpos = p->pos;
        p->pos = word_end(p, p->pos);
        skip_ws(p);
        if (p->pos >= p->len || p->s[p->pos] == ')') {
            node_free(or);
            fail(p, "'OR' at byte %zu needs a term on both sides", orpos);
            return NULL;
        }
    }
    /* Simplify: drop empty ANDs, unwrap single children. */
    for (size_t i = 0; i < or->n_kids; i++) {
        RsQNode *a = or->kids[i];
        if (a->kind == RS_QN_AND && a->n_kids == 1 && !a->negated && !a->kids[0]->negated) {
            or->kids[i] = a->kids[0];
            a->n_kids = 0;
            node_free(a);
        }
    }
    if (or->n_kids == 1) {
        RsQNode *only = or->kids[0];
        or->n_kids = 0;
        node_free(or);
        return only;
    }
    for (size_t i = 0; i < or->n_kids; i++)
        if (or->kids[i]->kind == RS_QN_AND && or->kids[i]->n_kids == 0) {
            node_free(or);
            fail(p, "'OR' needs a search term on both sides");
            return NULL;
        }
    return or;
}

RsStatus rs_query_parse(const char *q, size_t len, RsQuery **out, RsError *err) {
    return rs_query_parse_filtered(q, len, 0, out, err);
}

RsStatus rs_query_parse_filtered(const char *q, size_t len, int filtered, RsQuery **out, RsError *err) {
    *out = NULL;
    if (len > RS_QUERY_MAX_BYTES)
        return rs_error_set(err, RS_ERR_QUERY, "malformed query: longer than %d bytes (%zu)",
                            RS_QUERY_MAX_BYTES, len);
    const char *bad; /* GLib's check: RFC 3629 (no overlong forms, surrogates), no NUL byte */
    if (!g_utf8_validate_len(q, len, &bad))
        return rs_error_set(err, RS_ERR_QUERY, "malformed query: not valid UTF-8 at byte %zu",
                            (size_t)(bad - q));
    RsQuery *res = calloc(1, sizeof *res);
    if (!res) return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    P p = {q, len, 0, 0, 0, res, err, RS_OK};
    skip_ws(&p);
    if (p.pos >= len && filtered) { /* only the filters given as data */
        *out = res;
        return RS_OK;
    }
    if (p.pos >= len) {
        free(res);
        return rs_error_set(err, RS_ERR_QUERY, "malformed query: empty query");
    }
    RsQNode *root = parse_or(&p);
    if (root && p.rc == RS_OK) {
        skip_ws(&p);
        if (p.pos < len) fail(&p, "unbalanced parenthesis: ')' at byte %zu has no '('", p.pos);
    }
    if (p.rc != RS_OK) {
        node_free(root);
        rs_query_free(res);
        return p.rc;
    }
    if (root->kind == RS_QN_AND && root->n_kids == 0) {
        node_free(root);
        root = NULL;
        if (res->n_filters == 0 && !filtered) {
            rs_query_free(res);
            return rs_error_set(err, RS_ERR_QUERY, "malformed query: no search terms");
        }
    }
    /* A query of only exclusions is allowed when it has filters or another term. */
    if (root) {
        int pos = 0;
        if (root->kind == RS_QN_AND) {
            for (size_t i = 0; i < root->n_kids; i++) pos |= !root->kids[i]->negated;
        } else {
            pos = !root->negated;
        }
        if (!pos && res->n_filters == 0 && !filtered) {
            node_free(root);
            rs_query_free(res);
            return rs_error_set(err, RS_ERR_QUERY,
                                "malformed query: only exclusions ('-term'): say what to search for");
        }
    }
    res->root = root;
    *out = res;
    return RS_OK;
}

static void describe_node(const RsQNode *n, RsBuf *b) {
    if (n->negated) rs_buf_puts(b, "(not ");
    if (n->field && (n->kind != RS_QN_AND && n->kind != RS_QN_OR))
        rs_buf_printf(b, "(field %s ", field_names[n->field]);
    switch (n->kind) {
    case RS_QN_AND:
    case RS_QN_OR:
        rs_buf_puts(b, n->kind == RS_QN_AND ? "(and" : "(or");
        for (size_t i = 0; i < n->n_kids; i++) {
            rs_buf_putc(b, ' ');
            describe_node(n->kids[i], b);
        }
        rs_buf_putc(b, ')');
        break;
    case RS_QN_WORD: rs_buf_printf(b, "(word \"%s\")", n->text); break;
    case RS_QN_PHRASE: rs_buf_printf(b, "(phrase \"%s\")", n->text); break;
    case RS_QN_PREFIX: rs_buf_printf(b, "(prefix \"%s\")", n->text); break;
    }
    if (n->field && (n->kind != RS_QN_AND && n->kind != RS_QN_OR)) rs_buf_putc(b, ')');
    if (n->negated) rs_buf_putc(b, ')');
}

char *rs_query_describe(const RsQuery *q) {
    RsBuf b = {0};
    if (q->root) describe_node(q->root, &b);
    else rs_buf_puts(&b, "(all)");
    for (size_t i = 0; i < q->n_filters; i++) {
        const RsQFilter *f = &q->filters[i];
        rs_buf_printf(&b, " [%s%s \"%s\"", f->negated ? "-" : "", facet_names[f->facet], f->value);
        if (f->facet == RS_FACET_DATO) rs_buf_printf(&b, " %d..%d", f->from, f->to);
        rs_buf_putc(&b, ']');
    }
    return rs_buf_steal(&b);
}

RsStatus rs_query_add_filter(RsQuery *q, RsFacet facet, const char *value, int negated, RsError *err) {
    if ((unsigned)facet >= RS_FACET_COUNT) return rs_error_set(err, RS_ERR_QUERY, "malformed query: unknown filter");
    if (!value || !*value) return rs_error_set(err, RS_ERR_QUERY, "malformed query: %s: has no value", facet_names[facet]);
    if (strchr(value, '"'))
        return rs_error_set(err, RS_ERR_QUERY, "malformed query: a %s value cannot contain '\"'", facet_names[facet]);
    /* one filter, read by the parser itself: the same checks and the same messages */
    RsBuf text = {0};
    if (rs_buf_printf(&text, facet == RS_FACET_DATO ? "%s:%s" : "%s:\"%s\"", facet_names[facet], value) != RS_OK)
        return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    RsQuery *one = NULL;
    RsStatus rc = rs_query_parse(text.data, text.len, &one, err);
    rs_buf_free(&text);
    if (rc != RS_OK) { /* a byte of the text made here means nothing to the caller: not said */
        char *at = strstr(err->msg, " at byte ");
        if (at) memmove(at, at + 9 + strspn(at + 9, "0123456789"), strlen(at + 9 + strspn(at + 9, "0123456789")) + 1);
        return rc;
    }
    if (one->n_filters != 1 || one->root) {
        rs_query_free(one);
        return rs_error_set(err, RS_ERR_QUERY, "malformed query: %s: '%s' is not one value", facet_names[facet], value);
    }
    RsQFilter *fs = realloc(q->filters, (q->n_filters + 1) * sizeof *fs);
    if (!fs) {
        rs_query_free(one);
        return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    }
    q->filters = fs;
    fs[q->n_filters] = one->filters[0];
    fs[q->n_filters].negated = negated;
    q->n_filters++;
    one->n_filters = 0; /* the value moved */
    rs_query_free(one);
    return RS_OK;
}
