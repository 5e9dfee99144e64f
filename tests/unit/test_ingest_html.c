/* test_ingest_html.c — web pages into the text lines the layout parser reads (ingest/html.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "referat.h"

/* The text of page `html` (fails the test when it is refused). */
static char *text_of(const char *html) {
    char *out = NULL;
    size_t len = 0;
    RsError err = {0};
    if (rs_html_text(html, strlen(html), "t.html", &out, &len, &err) != RS_OK) fail_msg("%s", err.msg);
    assert_int_equal(strlen(out), len);
    return out;
}

static void test_is_html(void **state) {
    (void)state;
    assert_true(rs_html_is("x", 1, "a/referat.html"));
    assert_true(rs_html_is("x", 1, "a/referat.HTM"));
    assert_true(rs_html_is("x", 1, "a/referat.xhtml"));
    const char *d = "\xEF\xBB\xBF  <!DOCTYPE html><p>x";
    assert_true(rs_html_is(d, strlen(d), "a/referat"));
    assert_true(rs_html_is("<html lang=da>", 14, "a/referat.txt"));
    assert_false(rs_html_is("Referat\n<p>", 11, "a/referat.txt"));
    assert_false(rs_html_is("", 0, "a/referat.txt"));
}

/* Headings and paragraphs stand apart by a blank line; br and li end lines; entities decoded;
 * an entry of a <ul> holding only text is printed "• entry" (not one of an <ol>, one holding a
 * paragraph, or an empty one). */
static void test_blocks(void **state) {
    (void)state;
    char *t = text_of("<html><head><title>Byrådet 27.11.2019</title></head><body>"
                      "<h2>4. Anlæg af sti</h2><p>Første&nbsp;linje<br>anden &amp; sidste</p>"
                      "<ul><li>et</li><li>to</li></ul></body></html>");
    assert_non_null(strstr(t, "Byrådet 27.11.2019\n"));
    assert_non_null(strstr(t, "4. Anlæg af sti\n\nFørste\xC2\xA0linje\nanden & sidste\n")); /* nbsp kept */
    assert_non_null(strstr(t, "\n\xE2\x80\xA2 et\n\xE2\x80\xA2 to"));
    free(t);
    t = text_of("<html><body><ol><li>en</li><li>to</li></ol><ul><li><p>tre</p></li><li> </li>"
                "<li><a href=x>fire</a> og fem</li></ul></body></html>");
    assert_non_null(strstr(t, "en\nto\n"));
    assert_null(strstr(t, "\xE2\x80\xA2 en"));
    assert_null(strstr(t, "\xE2\x80\xA2 tre"));
    assert_non_null(strstr(t, "\xE2\x80\xA2 fire og fem"));
    assert_null(strstr(t, "\xE2\x80\xA2 \n"));
    assert_null(strstr(t, "\xE2\x80\xA2\n"));
    free(t);
}

/* A row of cells is one line; a header cell with data cells puts each on a line of its own. */
static void test_tables(void **state) {
    (void)state;
    char *t = text_of("<table><tr><td>1.</td><td>Godkendelse af dagsorden</td></tr>"
                      "<tr><th>Beslutning</th><td>Godkendt.</td></tr></table>");
    assert_non_null(strstr(t, "1. Godkendelse af dagsorden\n"));
    assert_non_null(strstr(t, "Beslutning\nGodkendt."));
    free(t);
}

/* Scripts, styles, forms, navigation, cookie banners and the site's footer are no text; a
 * footer inside the content is. */
static void test_chrome_dropped(void **state) {
    (void)state;
    char *t = text_of("<body><nav><a>Forside</a><a>Politik</a></nav>"
                      "<div id=\"cookieBanner\">Vi bruger cookies</div>"
                      "<div class=\"breadcrumb\">Du er her: Politik</div>"
                      "<ul role=\"navigation\"><li>Menupunkt</li></ul>"
                      "<script>var x = 'skjult';</script><style>p{color:red}</style>"
                      "<form><input value=\"søg\"><select><option>Vælg udvalg</option></select></form>"
                      "<main><article><h1>Referat</h1><p>Indhold</p><footer>Godkendt af formanden</footer>"
                      "</article></main><footer><p>Kontakt · Tilgængelighedserklæring</p></footer>"
                      "<div role=\"contentinfo\">Adresse</div></body>");
    assert_non_null(strstr(t, "Referat"));
    assert_non_null(strstr(t, "Indhold"));
    assert_non_null(strstr(t, "Godkendt af formanden"));
    const char *gone[] = {"Forside", "cookies", "Du er her", "Menupunkt", "skjult", "color",
                          "Vælg udvalg", "Kontakt", "Tilgængelighedserklæring", "Adresse"};
    for (size_t i = 0; i < sizeof gone / sizeof *gone; i++)
        if (strstr(t, gone[i])) fail_msg("'%s' should be dropped, text: %s", gone[i], t);
    free(t);
}

/* Encodings: declared UTF-8 and ISO-8859-1 are honoured; undeclared non-UTF-8 is Windows-1252. */
static void test_encodings(void **state) {
    (void)state;
    char *t = text_of("<html><head><meta charset=\"iso-8859-1\"></head><body><p>\xD8konomiudvalget</p></body></html>");
    assert_non_null(strstr(t, "Økonomiudvalget"));
    free(t);
    t = text_of("<html><body><p>\xC6ldrer\xE5""det \x96 m\xF8""de</p></body></html>"); /* no declaration */
    assert_non_null(strstr(t, "Ældrerådet – møde"));
    free(t);
    t = text_of("<html><head><meta charset=\"utf-8\"></head><body><p>Børne- og Ungeudvalget</p></body></html>");
    assert_non_null(strstr(t, "Børne- og Ungeudvalget"));
    free(t);
}

/* Bytes that do not fit the declared encoding lose no text after them. */
static void test_bad_bytes(void **state) {
    (void)state;
    char *t = text_of("<html><head><meta charset=\"shift_jis\"></head><body><p>Byr\xE5""dets m\xF8""de \x81\xFF slut</p></body></html>");
    assert_non_null(strstr(t, "Byrådets møde"));
    assert_non_null(strstr(t, "slut"));
    free(t);
    t = text_of("<html><head><meta charset=\"iso-2022-jp\"></head><body><p>f\xF8r \x1b$B\xff\xfe efter</p></body></html>");
    assert_non_null(strstr(t, "efter"));
    free(t);
}

static void test_refused(void **state) {
    (void)state;
    char *out = NULL;
    size_t len = 0;
    RsError err = {0};
    const char *empty = "<html><body><script>x()</script><nav>Menu</nav></body></html>";
    assert_int_equal(rs_html_text(empty, strlen(empty), "tom.html", &out, &len, &err), RS_ERR_INPUT);
    assert_non_null(strstr(err.msg, "tom.html"));
    assert_null(out);
}

/* An HTML meeting page parses like the text: items, decisions, and no chrome in a body. */
static void test_page_parses(void **state) {
    (void)state;
    const char *page =
        "<html><head><title>Referat - Teknik- og Miljøudvalget - 11.03.2020</title></head><body>"
        "<nav>Forside</nav><main><h1>Teknik- og Miljøudvalget</h1><p>Referat fra mødet den 11. marts 2020 kl. 15:00</p>"
        "<h2>1. Godkendelse af dagsorden</h2><h3>Beslutning</h3><p>Godkendt.</p>"
        "<p class=\"totop\"><a href=\"#top\">Til toppen</a></p>"
        "<h2>2. Ny cykelparkering</h2><h3>Sagsfremstilling</h3><p>Der mangler pladser ved stationen.</p>"
        "<h3>Beslutning</h3><p>Anbefalet.</p><p><a href=\"#top\">Til toppen</a></p></main>"
        "<footer>Kontakt os</footer></body></html>";
    RsMeeting *m = NULL;
    RsError err = {0};
    if (rs_referat_parse_bytes(page, strlen(page), "side.html", NULL, &m, &err) != RS_OK) fail_msg("%s", err.msg);
    assert_int_equal(m->n_items, 2);
    assert_string_equal(m->date, "2020-03-11");
    assert_string_equal(m->items[1].title, "Ny cykelparkering");
    for (size_t i = 0; i < m->n_items; i++) {
        const RsItem *it = &m->items[i];
        assert_int_equal(it->n_decisions, 1);
        for (size_t s = 0; s < it->n_sections; s++) {
            const RsSection *sec = &it->sections[s];
            char *body = strndup(m->text + sec->body.start, sec->body.end - sec->body.start);
            if (strstr(body, "Til toppen") || strstr(body, "Kontakt")) fail_msg("chrome in a body: %s", body);
            free(body);
        }
        const RsDecision *d = &it->decisions[0];
        char *dt = strndup(m->text + d->text.start, d->text.end - d->text.start);
        assert_string_equal(dt, i == 0 ? "Godkendt." : "Anbefalet.");
        free(dt);
    }
    rs_meeting_free(m);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_is_html),        cmocka_unit_test(test_blocks),
        cmocka_unit_test(test_tables),         cmocka_unit_test(test_chrome_dropped),
        cmocka_unit_test(test_encodings),      cmocka_unit_test(test_refused),
        cmocka_unit_test(test_page_parses),    cmocka_unit_test(test_bad_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
