/* present.c — the engine's typed answers as the JSON contract (present.h). */
#include "present.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "snippet.h"

static json_t *str_or_null(const char *s) { return s ? json_string(s) : json_null(); }

static json_t *strs(char *const *v, size_t n) {
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) json_array_append_new(a, json_string(v[i] ? v[i] : ""));
    return a;
}

static json_t *decisions(const RsItemRecord *r) {
    json_t *a = json_array();
    for (size_t i = 0; i < r->n_decisions; i++) {
        const RsDecisionRecord *d = &r->decisions[i];
        json_t *o = json_object();
        json_object_set_new(o, "committee", str_or_null(d->committee));
        json_object_set_new(o, "date", str_or_null(d->date));
        json_object_set_new(o, "outcome", json_string(d->outcome ? d->outcome : ""));
        json_object_set_new(o, "text", json_string(d->text ? d->text : ""));
        json_array_append_new(a, o);
    }
    return a;
}

/* The value of one field of the record by its contract name, or NULL when it is not a field. */
static json_t *field(const RsItemRecord *r, const char *name) {
    if (!strcmp(name, "id")) return json_string(r->id ? r->id : "");
    if (!strcmp(name, "source")) return json_string(r->source ? r->source : "");
    if (!strcmp(name, "item")) return r->item ? json_integer(r->item) : json_null();
    if (!strcmp(name, "number")) return str_or_null(r->number);
    if (!strcmp(name, "title")) return json_string(r->title ? r->title : "");
    if (!strcmp(name, "case")) return str_or_null(r->case_no);
    if (!strcmp(name, "municipality")) return json_string(r->municipality ? r->municipality : "");
    if (!strcmp(name, "committee")) return str_or_null(r->committee);
    if (!strcmp(name, "committees")) return strs(r->committees, r->n_committees);
    if (!strcmp(name, "date")) return str_or_null(r->date);
    if (!strcmp(name, "type")) return json_string(r->type ? r->type : "");
    if (!strcmp(name, "outcome")) return strs(r->outcomes, r->n_outcomes);
    if (!strcmp(name, "closed")) return json_boolean(r->closed);
    if (!strcmp(name, "kind")) return json_string(r->kind ? r->kind : "referat");
    if (!strcmp(name, "url")) return str_or_null(r->url);
    if (!strcmp(name, "meeting")) return json_string(r->meeting ? r->meeting : "");
    if (!strcmp(name, "ordinal")) return json_integer((json_int_t)r->ordinal);
    if (!strcmp(name, "decisions")) return decisions(r);
    if (!strcmp(name, "time")) return str_or_null(r->time);
    return NULL;
}

/* An object of the record's fields `names`, in that order. */
static json_t *pick(const RsItemRecord *r, const char *const *names, size_t n) {
    json_t *o = json_object();
    for (size_t i = 0; i < n; i++) {
        json_t *v = field(r, names[i]);
        json_object_set_new(o, names[i], v ? v : json_null());
    }
    return o;
}

json_t *rs_facet_list_json(const RsFacetList *l) {
    json_t *a = json_array();
    for (size_t i = 0; i < l->n; i++) {
        json_t *o = json_pack("{s:s, s:I}", "value", l->v[i].value ? l->v[i].value : "", "count",
                              (json_int_t)l->v[i].count);
        if (l->v[i].committee) { /* the committee facet: its two parts too */
            json_object_set_new(o, "committee", json_string(l->v[i].committee));
            json_object_set_new(o, "municipality", json_string(l->v[i].municipality ? l->v[i].municipality : ""));
        }
        json_array_append_new(a, o);
    }
    return a;
}

/* One hit as the JSON contract has it (docs/api.md); a near match also says what it lacks. */
static json_t *hit_json(const RsHit *h) {
    static const char *const hit_fields[] = {"id", "source", "item", "number", "title", "case", "municipality",
                                             "committee", "committees", "date", "type", "outcome", "closed", "kind", "url",
                                             "meeting"};
    json_t *o = json_object();
    json_object_set_new(o, "rank", json_integer((json_int_t)h->rank));
    json_object_set_new(o, "score", json_real(h->score));
    json_t *f = pick(&h->rec, hit_fields, sizeof hit_fields / sizeof *hit_fields);
    json_object_update(o, f);
    json_decref(f);
    if (h->has_snippet) {
        RsBuf b = {0};
        rs_snippet_html(&h->snippet, &b);
        json_object_set_new(o, "snippet", json_string(b.data ? b.data : ""));
        rs_buf_free(&b);
        json_object_set_new(o, "snippet_attachment", str_or_null(h->snippet.attachment));
    }
    if (h->n_missing) json_object_set_new(o, "missing", strs(h->missing, h->n_missing));
    return o;
}

json_t *rs_results_json(const RsResults *r) {
    json_t *res = json_object();
    json_object_set_new(res, "query", json_string(r->query ? r->query : ""));
    json_object_set_new(res, "total", json_integer((json_int_t)r->total));
    json_object_set_new(res, "exact", json_boolean(r->counts_exact));
    json_object_set_new(res, "fallback", r->fallback_or ? json_string("or") : json_null());
    json_object_set_new(res, "spelling", str_or_null(r->spelling));
    json_object_set_new(res, "corrected", str_or_null(r->corrected));
    json_object_set_new(res, "warnings", strs(r->warnings, r->n_warnings));
    json_t *hits = json_array(), *near = json_array();
    for (size_t i = 0; i < r->n_hits; i++) json_array_append_new(hits, hit_json(&r->hits[i]));
    for (size_t i = 0; i < r->n_near; i++) json_array_append_new(near, hit_json(&r->near[i]));
    json_object_set_new(res, "hits", hits);
    json_object_set_new(res, "near", near);
    json_t *facets = json_object();
    for (int f = 0; f < RS_RF_COUNT; f++)
        json_object_set_new(facets, rs_result_facet_name((RsResultFacet)f), rs_facet_list_json(&r->facets[f]));
    json_object_set_new(res, "facets", facets);
    json_object_set_new(res, "limit", json_integer((json_int_t)r->limit));
    json_object_set_new(res, "offset", json_integer((json_int_t)r->offset));
    json_object_set_new(res, "took_ms", json_real(((long long)(r->took_ms * 10 + 0.5)) / 10.0));
    return res;
}

json_t *rs_case_json(const RsCaseHistory *h) {
    static const char *const names[] = {"id", "date", "municipality", "committee", "item", "number",
                                        "title", "case", "source", "type", "outcome", "decisions",
                                        "closed", "kind", "url", "meeting"};
    json_t *items = json_array();
    for (size_t i = 0; i < h->n_items; i++)
        json_array_append_new(items, pick(&h->items[i], names, sizeof names / sizeof *names));
    return json_pack("{s:s, s:s, s:o}", "case", h->key ? h->key : "", "query", h->query ? h->query : "",
                     "items", items);
}

json_t *rs_item_json(const RsItemRecord *r) {
    static const char *const hit[] = {"id", "source", "item", "number", "title", "case", "municipality",
                                      "committee", "date", "type", "outcome", "closed", "kind", "url",
                                      "meeting", "ordinal"};
    json_t *o = pick(r, hit, sizeof hit / sizeof *hit);
    if (r->n_attachment_text) {
        json_t *a = json_array();
        for (size_t i = 0; i < r->n_attachment_text; i++)
            json_array_append_new(a, json_pack("[I, I, s]", (json_int_t)r->attachment_text[i].start,
                                               (json_int_t)r->attachment_text[i].end,
                                               r->attachment_text[i].title ? r->attachment_text[i].title : ""));
        json_object_set_new(o, "attachment_text", a);
    }
    json_object_set_new(o, "cases", strs(r->cases, r->n_cases));
    json_object_set_new(o, "committees", strs(r->committees, r->n_committees));
    json_object_set_new(o, "time", str_or_null(r->time));
    json_object_set_new(o, "kle", str_or_null(r->kle));
    json_object_set_new(o, "decisions", decisions(r));
    json_object_set_new(o, "attachments", strs(r->attachments, r->n_attachments));
    json_t *secs = json_array();
    for (size_t i = 0; i < r->n_sections; i++) {
        const RsSectionRecord *s = &r->sections[i];
        json_array_append_new(secs, json_pack("{s:s, s:s, s:I, s:I, s:I}", "name", s->name ? s->name : "",
                                              "heading", s->heading ? s->heading : "", "heading_start",
                                              (json_int_t)s->heading_start, "start", (json_int_t)s->start, "end",
                                              (json_int_t)s->end));
    }
    json_object_set_new(o, "sections", secs);
    json_object_set_new(o, "text_bytes", json_integer((json_int_t)r->text_bytes));
    json_object_set_new(o, "text_cut", json_boolean(r->text_cut));
    json_object_set_new(o, "text", json_stringn(r->text ? r->text : "", r->text ? r->text_len : 0));
    return o;
}

json_t *rs_meeting_json(const RsMeetingView *m) {
    static const char *const meeting_fields[] = {"municipality", "committee", "date", "kind", "url", "time"};
    static const char *const item_fields[] = {"id", "item", "number", "title", "closed", "case", "type",
                                              "outcome", "decisions"};
    json_t *o = json_pack("{s:s, s:s}", "meeting", m->meeting ? m->meeting : "", "source", m->source ? m->source : "");
    if (!o) return NULL;
    if (m->n_items) {
        json_t *f = pick(&m->items[0], meeting_fields, sizeof meeting_fields / sizeof *meeting_fields);
        json_object_update(o, f);
        json_decref(f);
    }
    json_t *items = json_array();
    for (size_t i = 0; i < m->n_items; i++)
        json_array_append_new(items, pick(&m->items[i], item_fields, sizeof item_fields / sizeof *item_fields));
    json_object_set_new(o, "items", items);
    return o;
}

json_t *rs_stats_json(const RsStats *s) {
    json_t *j = json_object();
    json_object_set_new(j, "items", json_integer((json_int_t)s->items));
    json_object_set_new(j, "meetings", json_integer((json_int_t)s->files));
    json_object_set_new(j, "deleted", json_integer((json_int_t)s->deleted));
    json_object_set_new(j, "municipalities", rs_facet_list_json(&s->municipalities));
    json_object_set_new(j, "committees", rs_facet_list_json(&s->committees));
    json_object_set_new(j, "years", rs_facet_list_json(&s->years));
    json_object_set_new(j, "date_from", s->date_from[0] ? json_string(s->date_from) : json_null());
    json_object_set_new(j, "date_to", s->date_to[0] ? json_string(s->date_to) : json_null());
    json_t *idx = json_array();
    for (size_t i = 0; i < s->n_indexes; i++)
        json_array_append_new(idx, json_pack("{s:s, s:o}", "path", s->indexes[i].path ? s->indexes[i].path : "",
                                             "bytes", s->indexes[i].bytes >= 0 ? json_integer(s->indexes[i].bytes)
                                                                                : json_null()));
    json_object_set_new(j, "indexes", idx);
    json_object_set_new(j, "schema", str_or_null(s->schema));
    json_object_set_new(j, "analyzer", str_or_null(s->analyzer));
    json_object_set_new(j, "pair_terms", json_boolean(s->pair_terms));
    return j;
}
