/* test_index_record.c — unit tests for index/record.c: the stored item's JSON written directly,
 * byte for byte as jansson wrote it from a tree (the readers and older indexes hold that text),
 * and read back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "docdata.h"
#include "record.h"

/* ---- the reference: the record built as a jansson tree and dumped compactly, as record.c did
 * before it wrote the text itself (a json_string of text that is not UTF-8 is NULL, and jansson
 * then leaves that member or element out) */

static json_t *str_or_null(const char *s) { return s ? json_string(s) : json_null(); }

static json_t *str_array(char *const *v, size_t n) {
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) json_array_append_new(a, json_string(v[i] ? v[i] : ""));
    return a;
}

static char *ref_hit(const RsItemRecord *r) {
    json_t *hit = json_object();
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
    char *s = json_dumps(hit, JSON_COMPACT);
    json_decref(hit);
    return s;
}

static char *ref_detail(const RsItemRecord *r) {
    json_t *detail = json_object();
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
    char *s = json_dumps(detail, JSON_COMPACT);
    json_decref(detail);
    return s;
}

/* The record encoded, its two JSON parts compared with the reference's bytes. */
static void check_same(const RsItemRecord *r) {
    RsBuf out = {0}, scratch = {0};
    assert_int_equal(rs_item_record_encode(r, &out, NULL), RS_OK);
    RsDocData p;
    assert_int_equal(rs_docdata_open(out.data, out.len, 3, &scratch, &p, NULL), RS_OK);
    char *h = ref_hit(r), *d = ref_detail(r);
    assert_non_null(h);
    assert_non_null(d);
    assert_int_equal(p.hit_len, strlen(h));
    assert_memory_equal(p.hit, h, p.hit_len);
    assert_int_equal(p.detail_len, strlen(d));
    assert_memory_equal(p.detail, d, p.detail_len);
    free(h);
    free(d);
    rs_buf_free(&out);
    rs_buf_free(&scratch);
}

static char *outcomes[] = {"godkendt", "anbefalet"};
static char *committees[] = {"Økonomiudvalget", "Byrådet"};
static char *cases[] = {"23/15645", "EMN-24/0001629"};
static char *attachments[] = {"Bilag 1: Budget \"2025\"", "Bilag 2"};
static char text[] = "Sagsfremstilling\nForvaltningen indstiller.";

static RsItemRecord full(void) {
    static RsDecisionRecord decisions[] = {{"Byrådet", "2024-03-12", "godkendt", "Godkendt.\nBemærk: \"a\\b\""},
                                           {NULL, NULL, NULL, NULL}};
    static RsSectionRecord sections[] = {{"sagsfremstilling", "Sagsfremstilling", 0, 17, 43},
                                         {"indstilling", "", 17, 17, 43}};
    static RsAttachmentSpan spans[] = {{10, 20, "Bilag 1"}, {30, 40, NULL}};
    RsItemRecord r = {0};
    r.id = "kbh/2024-03-12.txt#1";
    r.source = "kbh/2024-03-12.txt";
    r.item = 7;
    r.number = "7a";
    r.title = "Budget 2025 \"første\" behandling\t(2. del) \\ bilag";
    r.case_no = "23/15645";
    r.municipality = "København";
    r.committee = "Økonomiudvalget";
    r.date = "2024-03-12";
    r.type = "Beslutningssag";
    r.outcomes = outcomes;
    r.n_outcomes = 2;
    r.closed = 1;
    r.kind = "referat";
    r.url = "https://example.dk/?a=1&b=</x>";
    r.meeting = "kbh/2024-03-12.txt#m2";
    r.ordinal = 12;
    r.attachment_text = spans;
    r.n_attachment_text = 2;
    r.committees = committees;
    r.n_committees = 2;
    r.cases = cases;
    r.n_cases = 2;
    r.time = "16:00";
    r.kle = "00.01.00 Kommunens styrelse";
    r.decisions = decisions;
    r.n_decisions = 2;
    r.attachments = attachments;
    r.n_attachments = 2;
    r.sections = sections;
    r.n_sections = 2;
    r.text = text;
    r.text_len = sizeof text - 1;
    r.text_bytes = sizeof text - 1;
    return r;
}

/* Every field set, with quotes, backslashes, a tab, a newline, '/' and '<', and non-ASCII. */
static void test_same_bytes_as_jansson(void **state) {
    (void)state;
    RsItemRecord r = full();
    check_same(&r);
    RsItemRecord empty = {0}; /* every string NULL, every array empty */
    check_same(&empty);
    r.item = 0;
    r.kind = NULL;
    r.meeting = NULL;
    r.closed = 0;
    r.text_cut = 1;
    r.ordinal = (size_t)1 << 40;
    check_same(&r);
}

/* Control characters as jansson escapes them (\b \f \n \r \t by name, the rest as \u00XX with
 * capital hex digits), and DEL and the highest code points as they are. */
static void test_control_characters(void **state) {
    (void)state;
    RsItemRecord r = full();
    r.title = "a\x01" "b\x1f" "c\b\f\n\r\t\x7f" "d\xf4\x8f\xbf\xbf" "e\xe2\x80\xa8";
    check_same(&r);
    RsBuf out = {0}, scratch = {0};
    assert_int_equal(rs_item_record_encode(&r, &out, NULL), RS_OK);
    RsDocData p;
    assert_int_equal(rs_docdata_open(out.data, out.len, 1, &scratch, &p, NULL), RS_OK);
    assert_non_null(memmem(p.hit, p.hit_len, "\"a\\u0001b\\u001Fc\\b\\f\\n\\r\\t\x7f" "d", 27));
    rs_buf_free(&out);
    rs_buf_free(&scratch);
}

/* Text that is not UTF-8 (a cut sequence, an overlong form, a surrogate, a stray byte) leaves
 * its member or array element out, as jansson did: wherever it stands. */
static void test_not_utf8_left_out(void **state) {
    (void)state;
    static const char *const bad[] = {"ab\xc3", "\xc0\xaf", "\xed\xa0\x80", "x\xff" "y"};
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        char *b = (char *)bad[k];
        RsItemRecord r = full();
        r.title = b;
        check_same(&r);
        r = full();
        r.committee = b;
        r.url = b;
        check_same(&r);
        char *outs[] = {"godkendt", b, "afvist"};
        r = full();
        r.outcomes = outs;
        r.n_outcomes = 3;
        r.cases = outs;
        r.n_cases = 3;
        check_same(&r);
        RsDecisionRecord decs[] = {{b, NULL, "godkendt", "x"}, {NULL, "2024-01-01", "godkendt", b}, {NULL, NULL, "ok", "y"}};
        r = full();
        r.decisions = decs;
        r.n_decisions = 3;
        check_same(&r);
        RsSectionRecord secs[] = {{"titel", b, 0, 1, 2}, {b, "", 0, 0, 0}, {"beslutning", "Beslutning", 3, 4, 5}};
        RsAttachmentSpan spans[] = {{1, 2, b}, {3, 4, "Bilag"}};
        r = full();
        r.sections = secs;
        r.n_sections = 3;
        r.attachment_text = spans;
        r.n_attachment_text = 2;
        check_same(&r);
    }
}

/* What is written reads back as it was. */
static void test_roundtrip(void **state) {
    (void)state;
    RsItemRecord r = full();
    RsBuf out = {0};
    assert_int_equal(rs_item_record_encode(&r, &out, NULL), RS_OK);
    RsItemRecord back;
    assert_int_equal(rs_item_record_decode(out.data, out.len, RS_RECORD_DETAIL | RS_RECORD_TEXT, &back, NULL), RS_OK);
    assert_string_equal(back.title, r.title);
    assert_string_equal(back.url, r.url);
    assert_int_equal(back.item, 7);
    assert_int_equal(back.n_outcomes, 2);
    assert_string_equal(back.outcomes[1], "anbefalet");
    assert_int_equal(back.n_decisions, 2);
    assert_string_equal(back.decisions[0].text, r.decisions[0].text);
    assert_null(back.decisions[1].committee);
    assert_int_equal(back.n_sections, 2);
    assert_int_equal(back.sections[0].end, 43);
    assert_int_equal(back.n_attachment_text, 2);
    assert_string_equal(back.attachment_text[1].title, "");
    assert_int_equal(back.text_len, r.text_len);
    assert_memory_equal(back.text, r.text, r.text_len);
    rs_item_record_clear(&back);
    rs_buf_free(&out);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_bytes_as_jansson),
        cmocka_unit_test(test_control_characters),
        cmocka_unit_test(test_not_utf8_left_out),
        cmocka_unit_test(test_roundtrip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
