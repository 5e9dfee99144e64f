/* record.c — an agenda item's stored data to and from RsItemRecord (record.h). */
#include "record.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "docdata.h"

/* ------------------------------------------------------------ encoding */

static json_t *str_or_null(const char *s) { return s ? json_string(s) : json_null(); }

static json_t *str_array(char *const *v, size_t n) {
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) json_array_append_new(a, json_string(v[i] ? v[i] : ""));
    return a;
}

RsStatus rs_item_record_encode(const RsItemRecord *r, RsBuf *out, RsError *err) {
    json_t *hit = json_object(), *detail = json_object();
    json_object_set_new(hit, "id", json_string(r->id ? r->id : ""));
    json_object_set_new(hit, "source", json_string(r->source ? r->source : ""));
    json_object_set_new(hit, "item", r->item ? json_integer(r->item) : json_null());
    json_object_set_new(hit, "number", str_or_null(r->number));
    json_object_set_new(hit, "title", json_string(r->title ? r->title : ""));
    json_object_set_new(hit, "case", str_or_null(r->case_no));
    json_object_set_new(hit, "municipality", json_string(r->municipality ? r->municipality : ""));
    json_object_set_new(hit, "committee", str_or_null(r->committee));
    json_object_set_new(hit, "date", str_or_null(r->date));
    json_object_set_new(hit, "type", json_string(r->type ? r->type : ""));
    json_object_set_new(hit, "outcome", str_array(r->outcomes, r->n_outcomes));
    json_object_set_new(hit, "closed", json_boolean(r->closed));
    json_object_set_new(hit, "kind", json_string(r->kind ? r->kind : "referat"));
    json_object_set_new(hit, "url", str_or_null(r->url));
    json_object_set_new(hit, "meeting", json_string(r->meeting ? r->meeting : (r->source ? r->source : "")));
    json_object_set_new(hit, "ordinal", json_integer((json_int_t)r->ordinal));
    json_object_set_new(hit, "committees", str_array(r->committees, r->n_committees));
    if (r->n_attachment_text) {
        json_t *a = json_array();
        for (size_t i = 0; i < r->n_attachment_text; i++)
            json_array_append_new(a, json_pack("[I, I, s]", (json_int_t)r->attachment_text[i].start,
                                               (json_int_t)r->attachment_text[i].end,
                                               r->attachment_text[i].title ? r->attachment_text[i].title : ""));
        json_object_set_new(hit, "attachment_text", a);
    }
    json_object_set_new(detail, "cases", str_array(r->cases, r->n_cases));
    json_object_set_new(detail, "time", str_or_null(r->time));
    json_object_set_new(detail, "kle", str_or_null(r->kle));
    json_t *decs = json_array();
    for (size_t i = 0; i < r->n_decisions; i++) {
        const RsDecisionRecord *d = &r->decisions[i];
        json_array_append_new(decs, json_pack("{s:o, s:o, s:s, s:s}", "committee", str_or_null(d->committee), "date",
                                              str_or_null(d->date), "outcome", d->outcome ? d->outcome : "",
                                              "text", d->text ? d->text : ""));
    }
    json_object_set_new(detail, "decisions", decs);
    json_object_set_new(detail, "attachments", str_array(r->attachments, r->n_attachments));
    json_t *secs = json_array();
    for (size_t i = 0; i < r->n_sections; i++) {
        const RsSectionRecord *s = &r->sections[i];
        json_array_append_new(secs, json_pack("{s:s, s:s, s:I, s:I, s:I}", "name", s->name ? s->name : "",
                                              "heading", s->heading ? s->heading : "", "heading_start",
                                              (json_int_t)s->heading_start, "start", (json_int_t)s->start, "end",
                                              (json_int_t)s->end));
    }
    json_object_set_new(detail, "sections", secs);
    json_object_set_new(detail, "text_bytes", json_integer((json_int_t)r->text_bytes));
    json_object_set_new(detail, "text_cut", json_boolean(r->text_cut));
    char *js = json_dumps(hit, JSON_COMPACT), *jd = json_dumps(detail, JSON_COMPACT);
    json_decref(hit);
    json_decref(detail);
    RsStatus rc = RS_OK;
    if (!js || !jd) rc = rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    else {
        RsDocData parts = {js, jd, r->text ? r->text : "", strlen(js), strlen(jd), r->text ? r->text_len : 0};
        rc = rs_docdata_pack(out, &parts, err);
    }
    free(js);
    free(jd);
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
