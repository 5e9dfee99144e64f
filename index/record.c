/* record.c — an agenda item's stored data to and from RsItemRecord (record.h). */
#include "record.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docdata.h"
#include "utf8.h"

/* ------------------------------------------------------------ encoding */

/* The record's two JSON objects are written straight into buffers, byte for byte as jansson's
 * json_dumps(…, JSON_COMPACT) wrote them from a tree of json_t (what the readers parse, and what
 * indexes made before hold): members in this order, no spaces, `"`, `\` and control characters
 * escaped (\b \f \n \r \t, else \u00XX), everything else as it is. A string that is not UTF-8
 * leaves its member (or array element) out, as jansson did. Building the tree was a third of the
 * record's cost in a one-core build (docs/benchmarks.md "Twentieth session"). */
typedef struct {
    RsBuf *b;
    int n;   /* members or elements written so far: a comma before the next */
    int oom;
} JsonOut;

static void put(JsonOut *o, const char *s, size_t n) {
    if (rs_buf_append(o->b, s, n) != RS_OK) o->oom = 1;
}

static int valid(const char *s) { return rs_utf8_valid(s, strlen(s)); }

static void put_str(JsonOut *o, const char *s) {
    put(o, "\"", 1);
    const char *run = s;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p != '"' && *p != '\\' && *p >= 0x20) continue;
        put(o, run, (size_t)((const char *)p - run));
        char esc[8];
        switch (*p) {
        case '"': put(o, "\\\"", 2); break;
        case '\\': put(o, "\\\\", 2); break;
        case '\b': put(o, "\\b", 2); break;
        case '\f': put(o, "\\f", 2); break;
        case '\n': put(o, "\\n", 2); break;
        case '\r': put(o, "\\r", 2); break;
        case '\t': put(o, "\\t", 2); break;
        default: snprintf(esc, sizeof esc, "\\u%04X", *p), put(o, esc, 6);
        }
        run = (const char *)p + 1;
    }
    put(o, run, strlen(run));
    put(o, "\"", 1);
}

static void sep(JsonOut *o) {
    if (o->n++) put(o, ",", 1);
}

static void key(JsonOut *o, const char *k) {
    sep(o);
    put_str(o, k);
    put(o, ":", 1);
}

/* A string member; left out when s is not UTF-8. */
static void m_str(JsonOut *o, const char *k, const char *s) {
    if (!valid(s)) return;
    key(o, k);
    put_str(o, s);
}

static void m_str_or_null(JsonOut *o, const char *k, const char *s) {
    if (s) m_str(o, k, s);
    else key(o, k), put(o, "null", 4);
}

static void m_int(JsonOut *o, const char *k, long long v) {
    char n[24];
    key(o, k);
    put(o, n, (size_t)snprintf(n, sizeof n, "%lld", v));
}

static void m_bool(JsonOut *o, const char *k, int v) {
    key(o, k);
    put(o, v ? "true" : "false", v ? 4 : 5);
}

/* An array of strings (NULL as ""), each one that is not UTF-8 left out. */
static void m_strs(JsonOut *o, const char *k, char *const *v, size_t n) {
    key(o, k);
    JsonOut a = {o->b, 0, 0};
    put(&a, "[", 1);
    for (size_t i = 0; i < n; i++)
        if (valid(v[i] ? v[i] : "")) sep(&a), put_str(&a, v[i] ? v[i] : "");
    put(&a, "]", 1);
    o->oom |= a.oom;
}

static void encode_hit(const RsItemRecord *r, JsonOut *o) {
    put(o, "{", 1);
    m_str(o, "id", r->id ? r->id : "");
    m_str(o, "source", r->source ? r->source : "");
    if (r->item) m_int(o, "item", r->item);
    else key(o, "item"), put(o, "null", 4);
    m_str_or_null(o, "number", r->number);
    m_str(o, "title", r->title ? r->title : "");
    m_str_or_null(o, "case", r->case_no);
    m_str(o, "municipality", r->municipality ? r->municipality : "");
    m_str_or_null(o, "committee", r->committee);
    m_str_or_null(o, "date", r->date);
    m_str(o, "type", r->type ? r->type : "");
    m_strs(o, "outcome", r->outcomes, r->n_outcomes);
    m_bool(o, "closed", r->closed);
    m_str(o, "kind", r->kind ? r->kind : "referat");
    m_str_or_null(o, "url", r->url);
    m_str(o, "meeting", r->meeting ? r->meeting : (r->source ? r->source : ""));
    m_int(o, "ordinal", (long long)r->ordinal);
    m_strs(o, "committees", r->committees, r->n_committees);
    if (r->n_attachment_text) {
        key(o, "attachment_text");
        JsonOut a = {o->b, 0, 0};
        put(&a, "[", 1);
        for (size_t i = 0; i < r->n_attachment_text; i++) {
            const char *t = r->attachment_text[i].title ? r->attachment_text[i].title : "";
            if (!valid(t)) continue;
            char n[56];
            sep(&a);
            put(&a, n, (size_t)snprintf(n, sizeof n, "[%lld,%lld,", (long long)r->attachment_text[i].start,
                                        (long long)r->attachment_text[i].end));
            put_str(&a, t);
            put(&a, "]", 1);
        }
        put(&a, "]", 1);
        o->oom |= a.oom;
    }
    put(o, "}", 1);
}

static void encode_detail(const RsItemRecord *r, JsonOut *o) {
    put(o, "{", 1);
    m_strs(o, "cases", r->cases, r->n_cases);
    m_str_or_null(o, "time", r->time);
    m_str_or_null(o, "kle", r->kle);
    key(o, "decisions");
    JsonOut a = {o->b, 0, 0};
    put(&a, "[", 1);
    for (size_t i = 0; i < r->n_decisions; i++) {
        const RsDecisionRecord *d = &r->decisions[i];
        const char *oc = d->outcome ? d->outcome : "", *tx = d->text ? d->text : "";
        if ((d->committee && !valid(d->committee)) || (d->date && !valid(d->date)) || !valid(oc) || !valid(tx))
            continue; /* jansson's json_pack failed on it */
        sep(&a);
        JsonOut e = {o->b, 0, 0};
        put(&e, "{", 1);
        m_str_or_null(&e, "committee", d->committee);
        m_str_or_null(&e, "date", d->date);
        m_str(&e, "outcome", oc);
        m_str(&e, "text", tx);
        put(&e, "}", 1);
        a.oom |= e.oom;
    }
    put(&a, "]", 1);
    o->oom |= a.oom;
    m_strs(o, "attachments", r->attachments, r->n_attachments);
    key(o, "sections");
    a = (JsonOut){o->b, 0, 0};
    put(&a, "[", 1);
    for (size_t i = 0; i < r->n_sections; i++) {
        const RsSectionRecord *s = &r->sections[i];
        const char *nm = s->name ? s->name : "", *hd = s->heading ? s->heading : "";
        if (!valid(nm) || !valid(hd)) continue;
        sep(&a);
        JsonOut e = {o->b, 0, 0};
        put(&e, "{", 1);
        m_str(&e, "name", nm);
        m_str(&e, "heading", hd);
        m_int(&e, "heading_start", (long long)s->heading_start);
        m_int(&e, "start", (long long)s->start);
        m_int(&e, "end", (long long)s->end);
        put(&e, "}", 1);
        a.oom |= e.oom;
    }
    put(&a, "]", 1);
    o->oom |= a.oom;
    m_int(o, "text_bytes", (long long)r->text_bytes);
    m_bool(o, "text_cut", r->text_cut);
    put(o, "}", 1);
}

RsStatus rs_item_record_encode(const RsItemRecord *r, RsBuf *out, RsError *err) {
    RsBuf js = {0}, jd = {0};
    JsonOut h = {&js, 0, 0}, d = {&jd, 0, 0};
    encode_hit(r, &h);
    encode_detail(r, &d);
    RsStatus rc = RS_OK;
    if (h.oom || d.oom) rc = rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    else {
        RsDocData parts = {js.data, jd.data, r->text ? r->text : "", js.len, jd.len, r->text ? r->text_len : 0};
        rc = rs_docdata_pack(out, &parts, err);
    }
    rs_buf_free(&js);
    rs_buf_free(&jd);
    return rc;
}

/* ------------------------------------------------------------ decoding */

typedef struct {
    int oom; /* an allocation failed */
} Dec;

static char *get_str(Dec *d, json_t *o, const char *key) {
    const char *s = json_string_value(json_object_get(o, key));
    if (!s) return NULL;
    char *c = strdup(s);
    if (!c) d->oom = 1;
    return c;
}

static char *dup_json_str(Dec *d, json_t *v) {
    const char *s = json_string_value(v);
    char *c = strdup(s ? s : "");
    if (!c) d->oom = 1;
    return c;
}

static char **get_strs(Dec *d, json_t *o, const char *key, size_t *n) {
    json_t *a = json_object_get(o, key);
    *n = 0;
    size_t len = json_array_size(a);
    if (!len) return NULL;
    char **v = calloc(len, sizeof *v);
    if (!v) {
        d->oom = 1;
        return NULL;
    }
    for (size_t i = 0; i < len; i++) v[(*n)++] = dup_json_str(d, json_array_get(a, i));
    return v;
}

static size_t get_size(json_t *o, const char *key) {
    json_int_t v = json_integer_value(json_object_get(o, key));
    return v > 0 ? (size_t)v : 0;
}

static void decode_hit(Dec *d, json_t *h, RsItemRecord *r) {
    r->id = get_str(d, h, "id");
    r->source = get_str(d, h, "source");
    r->item = (long)json_integer_value(json_object_get(h, "item"));
    r->number = get_str(d, h, "number");
    r->title = get_str(d, h, "title");
    r->case_no = get_str(d, h, "case");
    r->municipality = get_str(d, h, "municipality");
    r->committee = get_str(d, h, "committee");
    r->date = get_str(d, h, "date");
    r->type = get_str(d, h, "type");
    r->outcomes = get_strs(d, h, "outcome", &r->n_outcomes);
    r->closed = json_is_true(json_object_get(h, "closed"));
    r->kind = get_str(d, h, "kind");
    if (!r->kind && !(r->kind = strdup("referat"))) d->oom = 1; /* a file that names none is minutes */
    r->url = get_str(d, h, "url");
    r->meeting = get_str(d, h, "meeting");
    r->ordinal = get_size(h, "ordinal");
    r->committees = get_strs(d, h, "committees", &r->n_committees);
    json_t *at = json_object_get(h, "attachment_text");
    size_t n = json_array_size(at);
    if (n && (r->attachment_text = calloc(n, sizeof *r->attachment_text))) {
        for (size_t i = 0; i < n; i++) {
            json_t *e = json_array_get(at, i);
            RsAttachmentSpan *s = &r->attachment_text[r->n_attachment_text++];
            s->start = (size_t)json_integer_value(json_array_get(e, 0));
            s->end = (size_t)json_integer_value(json_array_get(e, 1));
            s->title = dup_json_str(d, json_array_get(e, 2));
        }
    } else if (n) {
        d->oom = 1;
    }
}

static void decode_detail(Dec *d, json_t *x, RsItemRecord *r) {
    r->has_detail = 1;
    r->cases = get_strs(d, x, "cases", &r->n_cases);
    r->time = get_str(d, x, "time");
    r->kle = get_str(d, x, "kle");
    r->attachments = get_strs(d, x, "attachments", &r->n_attachments);
    r->text_bytes = get_size(x, "text_bytes");
    r->text_cut = json_is_true(json_object_get(x, "text_cut"));
    json_t *decs = json_object_get(x, "decisions");
    size_t n = json_array_size(decs);
    if (n && !(r->decisions = calloc(n, sizeof *r->decisions))) d->oom = 1;
    for (size_t i = 0; r->decisions && i < n; i++) {
        json_t *e = json_array_get(decs, i);
        RsDecisionRecord *dr = &r->decisions[r->n_decisions++];
        dr->committee = get_str(d, e, "committee");
        dr->date = get_str(d, e, "date");
        dr->outcome = dup_json_str(d, json_object_get(e, "outcome"));
        dr->text = dup_json_str(d, json_object_get(e, "text"));
    }
    json_t *secs = json_object_get(x, "sections");
    n = json_array_size(secs);
    if (n && !(r->sections = calloc(n, sizeof *r->sections))) d->oom = 1;
    for (size_t i = 0; r->sections && i < n; i++) {
        json_t *e = json_array_get(secs, i);
        RsSectionRecord *s = &r->sections[r->n_sections++];
        s->name = dup_json_str(d, json_object_get(e, "name"));
        s->heading = dup_json_str(d, json_object_get(e, "heading"));
        s->heading_start = get_size(e, "heading_start");
        s->start = get_size(e, "start");
        s->end = get_size(e, "end");
    }
}

RsStatus rs_item_record_decode_parts(const RsDocData *dd, unsigned parts, RsItemRecord *r, RsError *err) {
    memset(r, 0, sizeof *r);
    json_t *h = json_loadb(dd->hit, dd->hit_len, 0, NULL);
    json_t *x = parts & RS_RECORD_DETAIL ? json_loadb(dd->detail, dd->detail_len, 0, NULL) : NULL;
    if (!json_is_object(h) || ((parts & RS_RECORD_DETAIL) && !json_is_object(x))) {
        json_decref(h);
        json_decref(x);
        return rs_error_set(err, RS_ERR_DATABASE, "an item's stored data is damaged");
    }
    Dec d = {0};
    decode_hit(&d, h, r);
    if (x) decode_detail(&d, x, r);
    json_decref(h);
    json_decref(x);
    if (!d.oom && (parts & RS_RECORD_TEXT)) {
        r->text = malloc(dd->text_len + 1);
        if (r->text) {
            memcpy(r->text, dd->text, dd->text_len);
            r->text[dd->text_len] = '\0';
            r->text_len = dd->text_len;
        } else {
            d.oom = 1;
        }
    }
    if (d.oom) {
        rs_item_record_clear(r);
        return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    }
    return RS_OK;
}

RsStatus rs_item_record_decode(const char *data, size_t len, unsigned parts, RsItemRecord *r,
                               RsError *err) {
    memset(r, 0, sizeof *r);
    RsDocData dd;
    RsBuf scratch = {0};
    RsStatus rc = rs_docdata_open(data, len, rs_item_record_parts_needed(parts), &scratch, &dd, err);
    if (rc == RS_OK) rc = rs_item_record_decode_parts(&dd, parts, r, err);
    rs_buf_free(&scratch);
    return rc;
}

int rs_item_record_parts_needed(unsigned parts) {
    return (parts & RS_RECORD_TEXT) ? 3 : (parts & RS_RECORD_DETAIL) ? 2 : 1;
}

static void free_strs(char **v, size_t n) {
    for (size_t i = 0; i < n; i++) free(v[i]);
    free(v);
}

void rs_item_record_clear(RsItemRecord *r) {
    if (!r) return;
    char *one[] = {r->id, r->source, r->number, r->title, r->case_no, r->municipality, r->committee, r->date,
                   r->type, r->kind, r->url, r->meeting, r->time, r->kle, r->text};
    for (size_t i = 0; i < sizeof one / sizeof *one; i++) free(one[i]);
    free_strs(r->outcomes, r->n_outcomes);
    free_strs(r->cases, r->n_cases);
    free_strs(r->committees, r->n_committees);
    free_strs(r->attachments, r->n_attachments);
    for (size_t i = 0; i < r->n_attachment_text; i++) free(r->attachment_text[i].title);
    free(r->attachment_text);
    for (size_t i = 0; i < r->n_decisions; i++) {
        free(r->decisions[i].committee);
        free(r->decisions[i].date);
        free(r->decisions[i].outcome);
        free(r->decisions[i].text);
    }
    free(r->decisions);
    for (size_t i = 0; i < r->n_sections; i++) {
        free(r->sections[i].name);
        free(r->sections[i].heading);
    }
    free(r->sections);
    memset(r, 0, sizeof *r);
}
