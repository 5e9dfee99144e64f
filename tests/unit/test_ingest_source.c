/* test_ingest_source.c — sidecar metadata (ingest/meta.c) and sources with their attachments
 * (ingest/source.c), on files written to a scratch folder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "source.h"

static char dir[256];

static void put(const char *name, const char *text) {
    char p[512];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    char *slash = strrchr(p, '/');
    *slash = '\0';
    mkdir(p, 0755);
    *slash = '/';
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static const char *at(const char *name) {
    static char p[4][512];
    static int k;
    k = (k + 1) % 4;
    snprintf(p[k], sizeof p[k], "%s/%s", dir, name);
    return p[k];
}

static int setup(void **state) {
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/rs-source-XXXXXX");
    if (!mkdtemp(dir)) return -1;
    return 0;
}

static int teardown(void **state) {
    (void)state;
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Warnings collected from the callback. */
typedef struct {
    char all[4096];
    int n;
} Warnings;

static void collect(void *ctx, const char *msg) {
    Warnings *w = ctx;
    w->n++;
    strncat(w->all, msg, sizeof w->all - strlen(w->all) - 2);
    strcat(w->all, "\n");
}

static const char *MINUTES =
    "Referat\nØkonomiudvalget\nMødedato: 05.03.2024 kl. 16:00\n\n"
    "1. Godkendelse af dagsorden\n\nBeslutning\nGodkendt.\n\n"
    "2. Salg af grunde i Hou Nord\nSagsnr. 24/3101\n\nSagsfremstilling\nGrundene udbydes.\n\n"
    "Bilag\nKort over udstykningen\n\nBeslutning\nGodkendt.\n\n"
    "3. Lukket punkt: Køb af ejendom\n\nBeslutning\nGodkendt.\n";

/* Sidecar values override the parser's; the file's sidecar overrides its folder's. */
static void test_meta_overrides(void **state) {
    (void)state;
    put("a/_meta.json", "{\"municipality\": \"Odder\", \"committee\": \"Byrådet\"}");
    put("a/m1.txt", MINUTES);
    put("a/m1.meta.json", "{\"url\": \"https://odder.example/m1\", \"committee\": \"Økonomiudvalget\", "
                          "\"date\": \"2024-03-06\", \"kind\": \"referat\", \"title\": \"Referat ØU\"}");
    RsSource *src = NULL;
    RsMeeting *m = NULL;
    RsError err = {0};
    Warnings w = {0};
    assert_int_equal(rs_source_open(at("a/m1.txt"), 0, collect, &w, &src, &err), RS_OK);
    assert_non_null(src->meta);
    assert_int_equal(rs_source_parse(src, NULL, collect, &w, &m, &err), RS_OK);
    assert_int_equal(w.n, 0);
    assert_string_equal(m->url, "https://odder.example/m1");
    assert_string_equal(m->title, "Referat ØU");
    assert_string_equal(m->municipality, "Odder");
    assert_string_equal(m->municipality_from, "sidecar");
    assert_string_equal(m->committee_name, "Økonomiudvalget");
    assert_string_equal(m->date, "2024-03-06");
    /* the decisions dated with the meeting move with it */
    assert_string_equal(m->items[0].decisions[0].date, "2024-03-06");
    rs_meeting_free(m);
    rs_source_close(src);
}

/* A wrong sidecar is named with what is wrong; the file is parsed with what its text says. */
static void test_meta_errors(void **state) {
    (void)state;
    static const struct {
        const char *json, *want;
    } bad[] = {
        {"{\"url\": \"https://x\",", "not JSON"},
        {"[1, 2]", "must hold a JSON object"},
        {"{\"municpality\": \"Odder\"}", "unknown key 'municpality'"},
        {"{\"url\": \"odder.dk/m\"}", "must be an http(s) address"},
        {"{\"kind\": \"protokol\"}", "must be dagsorden or referat"},
        {"{\"date\": \"2024-02-30\"}", "is not a date"},
        {"{\"title\": 7}", "\"title\" must be a string"},
        {"{\"attachments\": \"bilag.pdf\"}", "must be a list"},
        {"{\"attachments\": [{\"title\": \"x\"}]}", "neither a path nor a url"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        put("b/m.txt", MINUTES);
        put("b/m.meta.json", bad[i].json);
        RsSource *src = NULL;
        RsMeeting *m = NULL;
        RsError err = {0};
        Warnings w = {0};
        assert_int_equal(rs_source_open(at("b/m.txt"), 0, collect, &w, &src, &err), RS_OK);
        assert_int_equal(w.n, 1);
        if (!strstr(w.all, bad[i].want) || !strstr(w.all, "b/m.meta.json"))
            fail_msg("sidecar %s: warning '%s' lacks '%s'", bad[i].json, w.all, bad[i].want);
        assert_null(src->meta);
        assert_int_equal(rs_source_parse(src, NULL, collect, &w, &m, &err), RS_OK);
        assert_int_equal(m->n_items, 3);
        rs_meeting_free(m);
        rs_source_close(src);
    }
    /* attachments in a folder's sidecar are refused */
    put("c/_meta.json", "{\"attachments\": [\"x.pdf\"]}");
    RsSourceMeta *meta = NULL;
    RsError err = {0};
    put("c/m.txt", MINUTES);
    assert_int_equal(rs_meta_load(at("c/m.txt"), &meta, NULL, NULL, &err), RS_ERR_INPUT);
    assert_non_null(strstr(err.msg, "belong in a file's own sidecar"));
}

/* NAME.meta.json and NAME.ext.meta.json are both the file's sidecar. */
static void test_meta_names(void **state) {
    (void)state;
    put("d/m.html", "<html><body><p>x</p></body></html>");
    put("d/m.html.meta.json", "{\"kind\": \"dagsorden\"}");
    put("d/n.txt", "x");
    put("d/n.meta.json", "{\"kind\": \"referat\"}");
    RsSourceMeta *meta = NULL;
    RsError err = {0};
    char *bytes = NULL;
    size_t blen = 0;
    assert_int_equal(rs_meta_load(at("d/m.html"), &meta, &bytes, &blen, &err), RS_OK);
    assert_string_equal(meta->kind, "dagsorden");
    assert_int_equal(blen, strlen("{\"kind\": \"dagsorden\"}"));
    free(bytes);
    rs_meta_free(meta);
    assert_int_equal(rs_meta_load(at("d/n.txt"), &meta, NULL, NULL, &err), RS_OK);
    assert_string_equal(meta->kind, "referat");
    rs_meta_free(meta);
    put("e/none.txt", "x");
    assert_int_equal(rs_meta_load(at("e/none.txt"), &meta, NULL, NULL, &err), RS_OK);
    assert_null(meta);
    rs_meta_free(NULL);
}

/* Text of the item's bilag section that came from an attachment, or NULL. */
static char *attachment_text(const RsMeeting *m, const RsItem *it) {
    for (size_t s = 0; s < it->n_sections; s++)
        if (it->sections[s].attachment)
            return strndup(m->text + it->sections[s].body.start, it->sections[s].body.end - it->sections[s].body.start);
    return NULL;
}

/* Attachments join the item named, or the item whose Bilag list names them; never a closed
 * item; a missing file is a warning and the rest goes on. */
static void test_attachments(void **state) {
    (void)state;
    put("f/m.txt", MINUTES);
    put("f/bilag/kort.txt", "Udstykningen omfatter 14 parceller ved Hou Nord.\n");
    put("f/bilag/notat.txt", "Notat om vejadgang.\n");
    put("f/bilag/lukket.txt", "Købesum og sælgers navn.\n");
    put("f/m.meta.json", "{\"attachments\": ["
                         "{\"path\": \"bilag/kort.txt\", \"title\": \"Kort over udstykningen\"},"
                         "{\"path\": \"bilag/notat.txt\", \"title\": \"Notat\", \"item\": \"1\"},"
                         "{\"path\": \"bilag/lukket.txt\", \"item\": \"3\"},"
                         "{\"path\": \"bilag/findes-ikke.pdf\", \"item\": \"2\"},"
                         "{\"url\": \"https://x.example/bilag/7.pdf\", \"title\": \"Bilag 7\", \"item\": \"2\"},"
                         "{\"path\": \"bilag/notat.txt\", \"item\": \"9\"}]}");
    RsSource *src = NULL;
    RsMeeting *m = NULL;
    RsError err = {0};
    Warnings w = {0};
    assert_int_equal(rs_source_open(at("f/m.txt"), 0, collect, &w, &src, &err), RS_OK);
    assert_int_equal(rs_source_parse(src, NULL, collect, &w, &m, &err), RS_OK);
    assert_int_equal(m->n_items, 3);
    char *t1 = attachment_text(m, &m->items[0]), *t2 = attachment_text(m, &m->items[1]);
    assert_non_null(t1);
    assert_non_null(t2);
    assert_string_equal(t1, "Notat om vejadgang.\n");
    assert_string_equal(t2, "Udstykningen omfatter 14 parceller ved Hou Nord.\n");
    free(t1);
    free(t2);
    assert_null(attachment_text(m, &m->items[2]));
    assert_true(m->items[2].closed);
    if (strstr(m->text, "Købesum")) fail_msg("a closed item's attachment is in the text");
    /* item 2 lists its own Bilag line, the attachment's title and the URL-only one */
    const RsItem *it = &m->items[1];
    int url_listed = 0;
    for (size_t i = 0; i < it->n_attachments; i++)
        url_listed |= !strncmp(m->text + it->attachments[i].start, "Bilag 7", 7);
    assert_true(url_listed);
    assert_int_equal(w.n, 3);
    assert_non_null(strstr(w.all, "bilag/findes-ikke.pdf"));
    assert_non_null(strstr(w.all, "closed item"));
    assert_non_null(strstr(w.all, "no item 9"));
    rs_meeting_free(m);
    rs_source_close(src);
}

/* An attachment's text is cleaned as the minutes' own is (rs_text_clean): CRLF, a no-break space,
 * a soft hyphen inside a word. */
static void test_attachment_text_cleaned(void **state) {
    (void)state;
    put("k/m.txt", MINUTES);
    put("k/bilag/a.txt", "Trafik\xC2\xADsikkerheds\xC2\xADplan\xC2\xA0" "2024\r\nSide  to\r\n");
    put("k/m.meta.json", "{\"attachments\": [{\"path\": \"bilag/a.txt\", \"item\": \"1\"}]}");
    RsSource *src = NULL;
    RsMeeting *m = NULL;
    RsError err = {0};
    Warnings w = {0};
    assert_int_equal(rs_source_open(at("k/m.txt"), 0, collect, &w, &src, &err), RS_OK);
    assert_int_equal(rs_source_parse(src, NULL, collect, &w, &m, &err), RS_OK);
    char *t = attachment_text(m, &m->items[0]);
    assert_non_null(t);
    assert_string_equal(t, "Trafiksikkerhedsplan 2024\nSide to\n");
    free(t);
    rs_meeting_free(m);
    rs_source_close(src);
}

/* The hash covers the file, its sidecar and its attachments. */
static void test_hash(void **state) {
    (void)state;
    put("g/m.txt", MINUTES);
    put("g/m.meta.json", "{\"attachments\": [\"bilag/a.txt\"]}");
    put("g/bilag/a.txt", "en");
    char h[4][17];
    const char *steps[3][2] = {{"g/bilag/a.txt", "to"}, {"g/m.meta.json", "{\"attachments\": [\"bilag/a.txt\"], \"kind\": \"referat\"}"},
                               {"g/m.txt", "Referat\n"}};
    for (int k = 0; k < 4; k++) {
        if (k) put(steps[k - 1][0], steps[k - 1][1]);
        RsSource *src = NULL;
        RsError err = {0};
        assert_int_equal(rs_source_open(at("g/m.txt"), 0, NULL, NULL, &src, &err), RS_OK);
        memcpy(h[k], src->hash, 17);
        rs_source_close(src);
        for (int j = 0; j < k; j++)
            if (!strcmp(h[j], h[k])) fail_msg("change %d left the hash as it was", k);
    }
    rs_source_close(NULL);
}

/* Files a sidecar names as attachments are taken out of the walk's list, with a note. */
static void note(void *ctx, const char *path, const char *why) {
    Warnings *w = ctx;
    char msg[1024];
    snprintf(msg, sizeof msg, "%s: %s", path, why);
    collect(w, msg);
}

static void test_drop_attachments(void **state) {
    (void)state;
    put("h/m.txt", MINUTES);
    put("h/m.meta.json", "{\"attachments\": [\"bilag.txt\"]}");
    put("h/bilag.txt", "Bilagets tekst.\n");
    put("h/andet.txt", MINUTES);
    RsFileList files = {0};
    const char *names[] = {"h/andet.txt", "h/bilag.txt", "h/m.txt"};
    files.paths = calloc(3, sizeof *files.paths);
    for (int i = 0; i < 3; i++) files.paths[i] = strdup(at(names[i]));
    files.n = 3;
    Warnings w = {0};
    RsError err = {0};
    assert_int_equal(rs_sources_drop_attachments(&files, note, &w, &err), RS_OK);
    assert_int_equal(files.n, 2);
    assert_string_equal(files.paths[0], at("h/andet.txt"));
    assert_string_equal(files.paths[1], at("h/m.txt"));
    assert_int_equal(w.n, 1);
    assert_non_null(strstr(w.all, "bilag.txt: an attachment of"));
    for (size_t i = 0; i < files.n; i++) free(files.paths[i]);
    free(files.paths);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_meta_overrides), cmocka_unit_test(test_meta_errors),
        cmocka_unit_test(test_meta_names),     cmocka_unit_test(test_attachments),
        cmocka_unit_test(test_attachment_text_cleaned),
        cmocka_unit_test(test_hash),           cmocka_unit_test(test_drop_attachments),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
