/* test_engine_search.c — the search engine over a real index: fingerprint checks, lock, stats, errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analyzer.h"
#include "indexer.h"
#include "schema.h"
#include "search.h"
#include "source.h"
#include "xapian_shim.h"

static char dir[64];

static int setup(void **state) {
    (void)state;
    strcpy(dir, "/tmp/rs_searchXXXXXX");
    if (!mkdtemp(dir)) return -1;
    RsIndexer *ix;
    RsError err;
    if (rs_indexer_open(dir, NULL, &ix, &err) != RS_OK) return -1;
    RsFileOutcome oc;
    size_t n;
    if (rs_indexer_add_file(ix, "data/sample/000_082cc86b9df59ed8.txt", &oc, &n, &err) != RS_OK ||
        oc != RS_FILE_INDEXED || n != 5)
        return -1;
    return rs_indexer_close(ix, &err) == RS_OK ? 0 : -1;
}

static int teardown(void **state) {
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd);
}

static void set_meta(const char *key, const char *value) {
    RsxWritable *w;
    RsError err;
    assert_int_equal(rsx_writable_open(dir, RSX_OPEN, &w, &err), RS_OK);
    assert_int_equal(rsx_writable_set_metadata(w, key, value, strlen(value), &err), RS_OK);
    assert_int_equal(rsx_writable_close(w, &err), RS_OK);
}

static void test_search_and_stats(void **state) {
    (void)state;
    const char *paths[] = {dir};
    RsSearcher *s;
    RsError err;
    assert_int_equal(rs_searcher_open(paths, 1, &s, &err), RS_OK);
    RsSearchRequest req = {.query = "opiater", .limit = 10};
    RsResults *r;
    assert_int_equal(rs_search(s, &req, &r, &err), RS_OK);
    assert_int_equal(r->total, 1);
    assert_string_equal(r->hits[0].rec.case_no, "23/15645");
    assert_true(r->hits[0].has_snippet && r->hits[0].snippet.n_marks > 0); /* text + match ranges */
    const RsMark *mk = &r->hits[0].snippet.marks[0];
    assert_memory_equal(r->hits[0].snippet.text + mk->start, "opiater", 7);
    rs_results_free(r);
    /* a malformed query is RS_ERR_QUERY with the parser's message */
    req.query = "(opiater";
    assert_int_equal(rs_search(s, &req, &r, &err), RS_ERR_QUERY);
    assert_non_null(strstr(err.msg, "not closed"));
    /* filters as data: the same as typed in the query */
    RsSearchFilter fl[] = {{RS_FACET_KOMMUNE, "Esbjerg", 0}, {RS_FACET_DATO, "2023..2023", 0}};
    RsSearchRequest freq = {.query = "", .filters = fl, .n_filters = 2, .limit = 10};
    assert_int_equal(rs_search(s, &freq, &r, &err), RS_OK);
    assert_int_equal(r->total, 5);
    rs_results_free(r);
    fl[0].value = "Lolland";
    assert_int_equal(rs_search(s, &freq, &r, &err), RS_OK);
    assert_int_equal(r->total, 0);
    assert_int_equal(r->n_warnings, 1); /* no item has that municipality: said */
    rs_results_free(r);
    fl[1].value = "2023-02-30";
    assert_int_equal(rs_search(s, &freq, &r, &err), RS_ERR_QUERY); /* checked as the parser checks */
    /* case history: a case key, or RS_ERR_QUERY for something else */
    RsCaseHistory *h;
    assert_int_equal(rs_case_history(s, "23-15645", &h, &err), RS_OK);
    assert_int_equal(h->n_items, 1);
    assert_true(h->items[0].n_decisions >= 1);
    rs_case_history_free(h);
    assert_int_equal(rs_case_history(s, "opiater", &h, &err), RS_ERR_QUERY);
    RsItemRecord it;
    assert_int_equal(rs_item_get(s, "nope#1", &it, &err), RS_ERR_NOTFOUND);
    rs_item_record_clear(&it);
    RsStats *st;
    assert_int_equal(rs_index_stats(s, &st, &err), RS_OK);
    assert_int_equal(st->items, 5);
    assert_true(st->n_indexes == 1 && st->indexes[0].bytes > 0);
    rs_stats_free(st);
    rs_searcher_close(s);
    rs_searcher_close(NULL);
}

/* One file, one copy: the indexer knows it by its canonical path whatever the spelling; the
 * item is found by any spelling of its id; a file gone from a mirrored folder leaves the index. */
static void test_identity_and_prune(void **state) {
    (void)state;
    char sub[128], f[512], other[512], cmd[1024];
    snprintf(sub, sizeof sub, "%s.files", dir);
    snprintf(cmd, sizeof cmd, "rm -rf %s && mkdir -p %s && cp data/sample/000_082cc86b9df59ed8.txt "
             "data/sample/003_2da60960a1decf7e.txt %s/", sub, sub, sub);
    assert_int_equal(system(cmd), 0);
    char ixd[128];
    snprintf(ixd, sizeof ixd, "%s.ix", dir);
    char *folders[] = {sub};
    RsIndexerOptions o = {.mirror_folders = folders, .n_mirror_folders = 1};
    RsIndexer *ix;
    RsError err;
    RsFileOutcome oc;
    size_t n;
    assert_int_equal(rs_indexer_open(ixd, &o, &ix, &err), RS_OK);
    snprintf(f, sizeof f, "%s/000_082cc86b9df59ed8.txt", sub);
    snprintf(other, sizeof other, "%s/./../%s/000_082cc86b9df59ed8.txt", sub, strrchr(sub, '/') + 1);
    assert_int_equal(rs_indexer_add_file(ix, f, &oc, &n, &err), RS_OK);
    assert_int_equal(oc, RS_FILE_INDEXED);
    assert_int_equal(rs_indexer_add_file(ix, other, &oc, &n, &err), RS_OK);
    assert_int_equal(oc, RS_FILE_UNCHANGED); /* the same file */
    snprintf(f, sizeof f, "%s/003_2da60960a1decf7e.txt", sub);
    assert_int_equal(rs_indexer_add_file(ix, f, &oc, &n, &err), RS_OK);
    assert_int_equal(rs_indexer_commit(ix, &err), RS_OK);
    size_t before = rs_indexer_totals(ix)->items_added;
    assert_int_equal(unlink(f), 0);
    assert_int_equal(rs_indexer_prune(ix, &err), RS_OK);
    assert_int_equal(rs_indexer_totals(ix)->files_gone, 1);
    assert_int_equal(rs_indexer_totals(ix)->items_gone, before - 5);
    assert_int_equal(rs_indexer_prune(ix, &err), RS_OK); /* nothing more */
    assert_int_equal(rs_indexer_totals(ix)->files_gone, 1);
    assert_int_equal(rs_indexer_close(ix, &err), RS_OK);

    const char *paths[] = {ixd};
    RsSearcher *s;
    assert_int_equal(rs_searcher_open(paths, 1, &s, &err), RS_OK);
    RsResults *r;
    RsSearchRequest req = {.query = "dato:..2100", .limit = 100};
    assert_int_equal(rs_search(s, &req, &r, &err), RS_OK);
    assert_int_equal(r->total, 5); /* one copy, 003 gone */
    assert_true(r->hits[0].rec.source && r->hits[0].rec.source[0] == '/'); /* canonical: absolute */
    rs_results_free(r);
    char id[600];
    snprintf(id, sizeof id, "%s#2", other);
    RsItemRecord it;
    assert_int_equal(rs_item_get(s, id, &it, &err), RS_OK); /* an id in another spelling */
    assert_true(it.has_detail && it.text && it.text_len > 0);
    rs_item_record_clear(&it);
    RsMeetingView *mv;
    assert_int_equal(rs_meeting_get(s, other, &mv, &err), RS_OK);
    assert_int_equal(mv->n_items, 5);
    for (size_t i = 1; i < mv->n_items; i++) assert_true(mv->items[i - 1].ordinal < mv->items[i].ordinal);
    rs_meeting_view_free(mv);
    /* one limit for every front end: over it is an error, never a silent cap */
    req.limit = RS_SEARCH_MAX_LIMIT + 1;
    assert_int_equal(rs_search(s, &req, &r, &err), RS_ERR_USAGE);
    req.limit = 10;
    req.offset = RS_SEARCH_MAX_OFFSET + 1;
    assert_int_equal(rs_search(s, &req, &r, &err), RS_ERR_USAGE);
    rs_searcher_close(s);
    snprintf(cmd, sizeof cmd, "rm -rf %s %s %s.lock", sub, ixd, ixd);
    assert_int_equal(system(cmd), 0);
}

/* A file's record names the parser version that read it: an unchanged file is read again when
 * another version (or a refsog before versions, no ".p") read it, counted in files_reparsed,
 * its items replaced and none twice; then it is unchanged again. */
static void test_reparse_other_parser(void **state) {
    (void)state;
    char ixd[128], f[] = "data/sample/000_082cc86b9df59ed8.txt";
    snprintf(ixd, sizeof ixd, "%s.rp", dir);
    RsIndexerOptions o = {0};
    RsIndexer *ix;
    RsError err;
    RsFileOutcome oc;
    size_t n, n0;
    assert_int_equal(rs_indexer_open(ixd, &o, &ix, &err), RS_OK);
    assert_int_equal(rs_indexer_add_file(ix, f, &oc, &n0, &err), RS_OK);
    assert_int_equal(oc, RS_FILE_INDEXED);
    assert_int_equal(rs_indexer_close(ix, &err), RS_OK);
    /* the record as written: "<16 hex>.p<version> <items> <source>" */
    char *canon = realpath(f, NULL), key[600], want[32], *v;
    size_t vl;
    assert_non_null(canon);
    snprintf(key, sizeof key, "%s%s", RS_META_SOURCE, canon);
    snprintf(want, sizeof want, ".p%d ", RS_PARSER_VERSION);
    const char *olds[] = {" 9 ", ".p0 ", ".p999999999 "}; /* before versions, older, newer */
    for (size_t k = 0; k < sizeof olds / sizeof *olds; k++) {
        RsxWritable *w;
        assert_int_equal(rsx_writable_open(ixd, RSX_OPEN, &w, &err), RS_OK);
        assert_int_equal(rsx_writable_get_metadata(w, key, &v, &vl, &err), RS_OK);
        assert_true(vl > 16 + strlen(want) && !memcmp(v + 16, want, strlen(want)));
        char old[1200];
        snprintf(old, sizeof old, "%.16s%s%s", v, olds[k], v + 16 + strlen(want));
        free(v);
        assert_int_equal(rsx_writable_set_metadata(w, key, old, strlen(old), &err), RS_OK);
        assert_int_equal(rsx_writable_close(w, &err), RS_OK);
        assert_int_equal(rs_indexer_open(ixd, &o, &ix, &err), RS_OK);
        assert_int_equal(rs_indexer_add_file(ix, f, &oc, &n, &err), RS_OK);
        assert_int_equal(oc, RS_FILE_INDEXED);
        assert_int_equal(n, n0);
        assert_int_equal(rs_indexer_totals(ix)->files_reparsed, 1);
        assert_int_equal(rs_indexer_add_file(ix, f, &oc, &n, &err), RS_OK);
        assert_int_equal(oc, RS_FILE_UNCHANGED); /* recorded with this version now */
        assert_int_equal(rs_indexer_totals(ix)->files_reparsed, 1);
        assert_int_equal(rs_indexer_close(ix, &err), RS_OK);
    }
    const char *paths[] = {ixd};
    RsSearcher *s;
    assert_int_equal(rs_searcher_open(paths, 1, &s, &err), RS_OK);
    RsResults *r;
    RsSearchRequest req = {.query = "dato:..2100", .limit = 100};
    assert_int_equal(rs_search(s, &req, &r, &err), RS_OK);
    assert_int_equal(r->total, n0); /* replaced, none twice */
    rs_results_free(r);
    rs_searcher_close(s);
    free(canon);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s %s.lock", ixd, ixd);
    assert_int_equal(system(cmd), 0);
}

/* Equal scores come in the tie key's order (newest first, then file, then place), not docid
 * order: adding the same files in the opposite order gives the same list. */
static void test_ties_stable(void **state) {
    (void)state;
    const char *files[] = {"data/sample/000_082cc86b9df59ed8.txt", "data/sample/001_f2525942d8ac13d5.txt",
                           "data/sample/004_4215b85305d5dec8.txt"};
    char got[2][4096];
    for (int run = 0; run < 2; run++) {
        char ixd[128], cmd[512];
        snprintf(ixd, sizeof ixd, "%s.tie%d", dir, run);
        RsIndexer *ix;
        RsError err;
        RsFileOutcome oc;
        size_t n;
        assert_int_equal(rs_indexer_open(ixd, NULL, &ix, &err), RS_OK);
        for (int k = 0; k < 3; k++)
            assert_int_equal(rs_indexer_add_file(ix, files[run ? 2 - k : k], &oc, &n, &err), RS_OK);
        assert_int_equal(rs_indexer_close(ix, &err), RS_OK);
        const char *paths[] = {ixd};
        RsSearcher *s;
        assert_int_equal(rs_searcher_open(paths, 1, &s, &err), RS_OK);
        RsSearchRequest req = {.query = "dato:2000..2100", .limit = 100}; /* a filter: every score 0 */
        RsResults *r;
        assert_int_equal(rs_search(s, &req, &r, &err), RS_OK);
        got[run][0] = '\0';
        for (size_t i = 0; i < r->n_hits; i++) {
            strncat(got[run], r->hits[i].rec.id, sizeof got[run] - strlen(got[run]) - 2);
            strcat(got[run], " ");
        }
        if (run == 0 && r->n_hits) /* newest first */
            assert_true(strcmp(r->hits[0].rec.date, r->hits[r->n_hits - 1].rec.date) >= 0);
        rs_results_free(r);
        rs_searcher_close(s);
        snprintf(cmd, sizeof cmd, "rm -rf %s %s.lock", ixd, ixd);
        assert_int_equal(system(cmd), 0);
    }
    assert_true(strlen(got[0]) > 100);
    assert_string_equal(got[0], got[1]);
}

/* The facet cache: another page of a search takes its total and counts from the cache, equal to
 * what counting gives; other filters are another search; after the index changes, counted
 * again (the new item is in the counts). */
static void test_facet_cache(void **state) {
    (void)state;
    char ixd[128], cmd[512];
    snprintf(ixd, sizeof ixd, "%s.cache", dir);
    snprintf(cmd, sizeof cmd, "rm -rf %s", ixd);
    assert_int_equal(system(cmd), 0);
    RsIndexer *ix;
    RsError err;
    RsFileOutcome oc;
    size_t n;
    assert_int_equal(rs_indexer_open(ixd, NULL, &ix, &err), RS_OK);
    assert_int_equal(rs_indexer_add_file(ix, "data/sample/000_082cc86b9df59ed8.txt", &oc, &n, &err), RS_OK);
    assert_int_equal(rs_indexer_close(ix, &err), RS_OK);
    const char *paths[] = {ixd};
    RsSearcher *s;
    assert_int_equal(rs_searcher_open(paths, 1, &s, &err), RS_OK);
    assert_int_equal(rs_searcher_cache_facets(s, 4, &err), RS_OK);
    RsSearchRequest req = {.query = "borgere", .limit = 1};
    RsResults *a, *b;
    assert_int_equal(rs_search(s, &req, &a, &err), RS_OK);
    req.offset = 1;
    assert_int_equal(rs_search(s, &req, &b, &err), RS_OK);
    size_t hits, misses;
    rs_searcher_facet_cache_counters(s, &hits, &misses);
    assert_int_equal(hits, 1);
    assert_int_equal(misses, 1);
    assert_true(a->total >= 2);
    assert_int_equal(b->total, a->total);
    assert_string_not_equal(b->hits[0].rec.id, a->hits[0].rec.id); /* the second page */
    for (int f = 0; f < RS_RF_COUNT; f++) {
        assert_int_equal(b->facets[f].n, a->facets[f].n);
        for (size_t i = 0; i < a->facets[f].n; i++) {
            assert_string_equal(b->facets[f].v[i].value, a->facets[f].v[i].value);
            assert_int_equal(b->facets[f].v[i].count, a->facets[f].v[i].count);
        }
    }
    size_t before = a->total;
    rs_results_free(a);
    rs_results_free(b);
    /* a filter is another search (counted, though it finds the same items) */
    RsSearchFilter fl[] = {{RS_FACET_KOMMUNE, "Esbjerg", 0}};
    req.filters = fl;
    req.n_filters = 1;
    assert_int_equal(rs_search(s, &req, &a, &err), RS_OK);
    assert_int_equal(a->total, before);
    rs_results_free(a);
    rs_searcher_facet_cache_counters(s, &hits, &misses);
    assert_int_equal(misses, 2);
    /* the index changes: counted again */
    assert_int_equal(rs_indexer_open(ixd, NULL, &ix, &err), RS_OK);
    assert_int_equal(rs_indexer_add_file(ix, "data/sample/003_2da60960a1decf7e.txt", &oc, &n, &err), RS_OK);
    assert_int_equal(rs_indexer_close(ix, &err), RS_OK);
    assert_int_equal(rs_searcher_reopen(s, &err), RS_OK);
    req.filters = NULL;
    req.n_filters = 0;
    assert_int_equal(rs_search(s, &req, &a, &err), RS_OK);
    assert_true(a->total > before);
    rs_searcher_facet_cache_counters(s, &hits, &misses);
    assert_int_equal(hits, 1);
    assert_int_equal(misses, 3);
    rs_results_free(a);
    rs_searcher_close(s);
    snprintf(cmd, sizeof cmd, "rm -rf %s", ixd);
    assert_int_equal(system(cmd), 0);
}

static void test_second_writer_is_refused(void **state) {
    (void)state;
    RsIndexer *a, *b;
    RsError err;
    assert_int_equal(rs_indexer_open(dir, NULL, &a, &err), RS_OK);
    assert_int_equal(rs_indexer_open(dir, NULL, &b, &err), RS_ERR_LOCKED);
    assert_non_null(strstr(err.msg, "locked by another writer"));
    assert_int_equal(rs_indexer_close(a, &err), RS_OK);
}

/* What engine/qbuild.c's AND_MAYBE of a word's exact form rests on: every item having the exact
 * form of a word that is not a stopword has the word's stem term too (Z<stem>, or the stem as an
 * exact form where the index leaves Z<stem> out: rs_analyzer_stem_is_norm). Checked for every
 * exact-form term of the five sample minutes. */
typedef struct {
    RsxDb *db;
    RsAnalyzer *an;
    size_t checked, docs, via_norm;
    char stem[256];
    int have_stem, stem_is_norm;
    const char *norm;
    size_t norm_len;
} ExactCheck;

static int first_word(void *ctx, const RsToken *t) {
    ExactCheck *c = ctx;
    if (t->flags & RS_TOKF_SUBTOKEN) return 0;
    c->have_stem = t->kind == RS_TOK_WORD && !(t->flags & RS_TOKF_STOPWORD) && t->norm.len == c->norm_len &&
                   !memcmp(t->norm.s, c->norm, c->norm_len) && t->stem.len < sizeof c->stem - 2;
    if (c->have_stem) {
        c->stem[0] = 'Z';
        memcpy(c->stem + 1, t->stem.s, t->stem.len);
        c->stem[t->stem.len + 1] = '\0';
        c->stem_is_norm = rs_analyzer_stem_is_norm(c->an, t->stem.s, t->stem.len);
    }
    return 1;
}

typedef struct {
    RsxDocid v[4096];
    size_t n;
} Docids;

static int collect(void *ctx, RsxDocid d) {
    Docids *s = ctx;
    if (s->n < sizeof s->v / sizeof *s->v) s->v[s->n++] = d;
    return 0;
}

static int has_docid(const Docids *s, RsxDocid d) {
    for (size_t i = 0; i < s->n; i++)
        if (s->v[i] == d) return 1;
    return 0;
}

static int check_exact(void *ctx, const char *term, size_t len, unsigned count) {
    ExactCheck *c = ctx;
    (void)count;
    if (!len || (term[0] >= 'A' && term[0] <= 'Z')) return 0; /* a prefixed term */
    RsError err;
    c->norm = term;
    c->norm_len = len;
    c->have_stem = 0;
    assert_int_equal(rs_analyze(c->an, RS_MODE_QUERY, term, len, 0, first_word, c, NULL, &err), RS_OK);
    if (!c->have_stem) return 0;
    static Docids exact, stems;
    exact.n = stems.n = 0;
    assert_int_equal(rsx_db_postings(c->db, term, len, collect, &exact, &err), RS_OK);
    assert_int_equal(rsx_db_postings(c->db, c->stem, strlen(c->stem), collect, &stems, &err), RS_OK);
    if (c->stem_is_norm)
        assert_int_equal(rsx_db_postings(c->db, c->stem + 1, strlen(c->stem + 1), collect, &stems, &err), RS_OK);
    for (size_t i = 0; i < exact.n; i++) {
        if (!has_docid(&stems, exact.v[i])) fail_msg("item %u has \"%.*s\" but not %s", exact.v[i], (int)len, term, c->stem);
    }
    c->checked++;
    c->docs += exact.n;
    c->via_norm += c->stem_is_norm;
    return 0;
}

static void test_exact_form_implies_stem(void **state) {
    (void)state;
    char all[96];
    snprintf(all, sizeof all, "%s/all", dir); /* removed with the suite's folder */
    RsIndexer *ix;
    RsError err;
    assert_int_equal(rs_indexer_open(all, NULL, &ix, &err), RS_OK);
    static const char *const files[] = {"data/sample/000_082cc86b9df59ed8.txt", "data/sample/001_f2525942d8ac13d5.txt",
                                        "data/sample/002_b5ca74bce736c226.txt", "data/sample/003_2da60960a1decf7e.txt",
                                        "data/sample/004_4215b85305d5dec8.txt"};
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        RsFileOutcome oc;
        size_t n;
        assert_int_equal(rs_indexer_add_file(ix, files[i], &oc, &n, &err), RS_OK);
        assert_int_equal(oc, RS_FILE_INDEXED);
    }
    assert_int_equal(rs_indexer_close(ix, &err), RS_OK);
    const char *paths[] = {all};
    ExactCheck c = {0};
    assert_int_equal(rsx_db_open(paths, 1, 0, &c.db, &err), RS_OK);
    assert_int_equal(rs_analyzer_open(NULL, &c.an, &err), RS_OK);
    assert_int_equal(rsx_db_allterms(c.db, "", check_exact, &c, &err), RS_OK);
    /* not vacuous: thousands of words, among them ones whose stem is their exact form */
    assert_true(c.checked > 2000);
    assert_true(c.via_norm > 1000 && c.checked - c.via_norm > 20); /* both kinds of stem term */
    assert_true(c.docs > c.checked);
    rs_analyzer_close(c.an);
    rsx_db_close(c.db);
}

/* Last: it changes the stored fingerprint. */
static void test_fingerprint_mismatch(void **state) {
    (void)state;
    set_meta(RS_META_FINGERPRINT, "rules-0;some-other-stemmer");
    const char *paths[] = {dir};
    RsSearcher *s;
    RsError err;
    assert_int_equal(rs_searcher_open(paths, 1, &s, &err), RS_ERR_MISMATCH);
    assert_non_null(strstr(err.msg, "another analyser configuration"));
    assert_non_null(strstr(err.msg, "re-index"));
    RsIndexer *ix;
    assert_int_equal(rs_indexer_open(dir, NULL, &ix, &err), RS_ERR_MISMATCH);
    assert_non_null(strstr(err.msg, "rules-0;some-other-stemmer"));
    set_meta(RS_META_SCHEMA, "0");
    set_meta(RS_META_FINGERPRINT, "");
    assert_int_equal(rs_searcher_open(paths, 1, &s, &err), RS_ERR_MISMATCH);
    assert_non_null(strstr(err.msg, "schema"));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_identity_and_prune),
        cmocka_unit_test(test_reparse_other_parser),
        cmocka_unit_test(test_ties_stable),
        cmocka_unit_test(test_search_and_stats),
        cmocka_unit_test(test_second_writer_is_refused),
        cmocka_unit_test(test_fingerprint_mismatch),
        cmocka_unit_test(test_facet_cache),
        cmocka_unit_test(test_exact_form_implies_stem),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
