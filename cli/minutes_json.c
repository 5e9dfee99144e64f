/* minutes_json.c — a parsed minutes file as JSON (see minutes_json.h). */
#include "minutes_json.h"

static json_t *range_str(const RsMeeting *m, RsRange r) {
    return json_stringn(m->text + r.start, r.end - r.start);
}

static json_t *str_or_null(const char *s) { return s ? json_string(s) : json_null(); }

json_t *rs_item_to_json(const RsMeeting *m, const RsItem *it) {
    json_t *j = json_object();
    json_object_set_new(j, "number", it->number_text[0] ? json_string(it->number_text) : json_null());
    json_object_set_new(j, "title", json_string(it->title));
    json_object_set_new(j, "closed", json_boolean(it->closed));
    json_object_set_new(j, "case", str_or_null(it->case_no));
    json_t *cases = json_array();
    for (size_t i = 0; i < it->n_cases; i++) json_array_append_new(cases, json_string(it->cases[i]));
    json_object_set_new(j, "cases", cases);
    json_t *refs = json_array();
    for (size_t i = 0; i < it->n_refs; i++) json_array_append_new(refs, json_string(it->refs[i]));
    json_object_set_new(j, "refs", refs);
    json_object_set_new(j, "type", json_string(rs_case_type_name(it->type)));
    if (it->kle_group >= 0)
        json_object_set_new(j, "kle", json_pack("{s:i, s:s}", "group", it->kle_group, "name",
                                                rs_kle_group_name(it->kle_group)));
    else
        json_object_set_new(j, "kle", json_null());
    json_t *secs = json_array();
    for (size_t i = 0; i < it->n_sections; i++) {
        const RsSection *s = &it->sections[i];
        json_t *o = json_pack("{s:s, s:o, s:o}", "name", rs_section_name(s->kind), "heading",
                              range_str(m, s->heading), "text", range_str(m, s->body));
        if (s->attachment) json_object_set_new(o, "attachment", json_true());
        json_array_append_new(secs, o);
    }
    json_object_set_new(j, "sections", secs);
    json_t *decs = json_array();
    for (size_t i = 0; i < it->n_decisions; i++) {
        const RsDecision *d = &it->decisions[i];
        json_t *votes = json_array();
        for (size_t v = 0; v < d->n_votes; v++)
            json_array_append_new(votes, json_pack("{s:s, s:i, s:o}", "vote",
                                                   d->votes[v].kind == 'F' ? "for"
                                                   : d->votes[v].kind == 'I' ? "imod" : "undlod",
                                                   "count", d->votes[v].count, "names",
                                                   range_str(m, d->votes[v].names)));
        json_array_append_new(decs, json_pack("{s:o, s:o, s:s, s:o, s:o}", "committee",
                                              str_or_null(d->committee), "date",
                                              d->date[0] ? json_string(d->date) : json_null(),
                                              "outcome", rs_outcome_name(d->outcome), "text",
                                              range_str(m, d->text), "votes", votes));
    }
    json_object_set_new(j, "decisions", decs);
    json_t *att = json_array();
    for (size_t i = 0; i < it->n_attachments; i++) json_array_append_new(att, range_str(m, it->attachments[i]));
    json_object_set_new(j, "attachments", att);
    json_t *abs = json_array();
    for (size_t i = 0; i < it->n_absences; i++) json_array_append_new(abs, range_str(m, it->absences[i]));
    json_object_set_new(j, "absences", abs);
    return j;
}

/* One meeting's fields (not its items) into j. */
static void meeting_fields(json_t *j, const RsMeeting *m) {
    json_object_set_new(j, "kind", m->kind[0] ? json_string(m->kind) : json_null());
    json_object_set_new(j, "url", str_or_null(m->url));
    json_object_set_new(j, "title", str_or_null(m->title));
    json_object_set_new(j, "municipality", str_or_null(m->municipality));
    json_object_set_new(j, "municipality_from", str_or_null(m->municipality_from));
    json_object_set_new(j, "committee", str_or_null(m->committee_name));
    json_object_set_new(j, "committee_as_written", str_or_null(m->committee));
    json_object_set_new(j, "committee_key", str_or_null(m->committee_key));
    json_object_set_new(j, "period", m->period[0] ? json_string(m->period) : json_null());
    json_object_set_new(j, "date", m->date[0] ? json_string(m->date) : json_null());
    json_object_set_new(j, "time", m->time[0] ? json_string(m->time) : json_null());
    json_object_set_new(j, "place", str_or_null(m->place));
    json_object_set_new(j, "structured", json_boolean(m->structured));
    json_t *ps = json_array();
    for (size_t i = 0; i < m->n_participants; i++)
        json_array_append_new(ps, json_pack("{s:s, s:o, s:b}", "name", m->participants[i].name,
                                            "party", m->participants[i].party[0] ? json_string(m->participants[i].party) : json_null(),
                                            "absent", m->participants[i].absent));
    json_object_set_new(j, "participants", ps);
}

json_t *rs_meeting_to_json(const RsMeeting *m, const char *source) {
    json_t *j = json_object();
    if (!j) return NULL;
    if (source) json_object_set_new(j, "source", json_string(source));
    meeting_fields(j, m);
    json_object_set_new(j, "encoding", str_or_null(m->encoding)); /* converted from; null: UTF-8 */
    json_t *items = json_array();
    int k = 0;
    for (const RsMeeting *x = m; x; x = x->next, k++)
        for (size_t i = 0; i < x->n_items; i++) {
            json_t *it = rs_item_to_json(x, &x->items[i]);
            if (m->next) json_object_set_new(it, "meeting", json_integer(k));
            json_array_append_new(items, it);
        }
    json_object_set_new(j, "items", items);
    if (m->next) {
        json_t *ms = json_array();
        for (const RsMeeting *x = m; x; x = x->next) {
            json_t *o = json_object();
            meeting_fields(o, x);
            json_object_set_new(o, "items", json_integer((json_int_t)x->n_items));
            json_array_append_new(ms, o);
        }
        json_object_set_new(j, "meetings", ms);
    }
    return j;
}
