/* lookup.c — the case history, one item, and the index's stats: reads by term, not searches. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "analyzer.h"
#include "buf.h"
#include "docdata.h"
#include "schema.h"
#include "search.h"
#include "search_priv.h"
#include "terms.h"
#include "walk.h"


typedef struct {
    RsSearcher *s;
    json_t *items;
    RsError *err;
    RsStatus rc;
} CaseCtx;

/* The hit and detail JSON of stored data as one object, plus "text" when with_text; NULL when
 * the data is damaged. The caller owns the object. */
static json_t *load_item(const char *data, size_t len, int with_text) {
    RsDocData dd;
    rs_docdata_split(data, len, &dd);
    json_t *d = json_loadb(dd.hit, dd.hit_len, 0, NULL);
    json_t *x = json_loadb(dd.detail, dd.detail_len, 0, NULL);
    if (!json_is_object(d) || !json_is_object(x)) {
        json_decref(d);
        json_decref(x);
        return NULL;
    }
    json_object_update(d, x);
    json_decref(x);
    if (with_text) json_object_set_new(d, "text", json_stringn(dd.text, dd.text_len));
    return d;
}

/* Document `id` as load_item gives it (no text) into *out: NULL when its data is damaged
 * (skipped). Fails as rsx_db_get_data. */
static RsStatus load_doc(RsSearcher *s, RsxDocid id, json_t **out, RsError *err) {
    char *data;
    size_t len;
    *out = NULL;
    RsStatus rc = rsx_db_get_data(s->db, id, &data, &len, err);
    if (rc != RS_OK) return rc;
    *out = load_item(data, len, 0);
    free(data);
    return RS_OK;
}

static int on_case_doc(void *ctx, RsxDocid id) {
    CaseCtx *c = ctx;
    json_t *d;
    if ((c->rc = load_doc(c->s, id, &d, c->err)) != RS_OK) return 1;
    if (!d) return 0;
    json_t *it = json_object();
    static const char *const copy[] = {"id", "date", "municipality", "committee", "item", "number",
                                       "title", "case", "source", "type", "outcome", "decisions",
                                       "closed", "kind", "url", "meeting"};
    for (size_t k = 0; k < sizeof copy / sizeof *copy; k++) {
        json_t *v = json_object_get(d, copy[k]);
        json_object_set(it, copy[k], v ? v : json_null());
    }
    json_array_append_new(c->items, it);
    json_decref(d);
    return 0;
}

static int by_date(const void *a, const void *b) {
    json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
    const char *dx = json_string_value(json_object_get(x, "date")),
               *dy = json_string_value(json_object_get(y, "date"));
    int c = strcmp(dx ? dx : "", dy ? dy : "");
    if (c) return c;
    return strcmp(json_string_value(json_object_get(x, "id")) ? json_string_value(json_object_get(x, "id")) : "",
                  json_string_value(json_object_get(y, "id")) ? json_string_value(json_object_get(y, "id")) : "");
}

static RsStatus case_once(RsSearcher *s, const char *caseno, json_t **out, RsError *err) {
    *out = NULL;
    char key[256];
    size_t kl = rs_case_key(caseno, strlen(caseno), key, sizeof key);
    if (!kl)
        return rs_error_set(err, RS_ERR_QUERY,
                            "'%s' is not a case number (e.g. 23/15645, EMN-24/0001629, "
                            "27.00.00-P22-1-20, S2020-26746)", caseno);
    RsBuf term = {0};
    RsStatus rc = rs_term_make(&term, RS_PREFIX_MAINCASE, key, kl, err);
    CaseCtx c = {s, json_array(), err, RS_OK};
    if (rc == RS_OK) rc = rsx_db_postings(s->db, term.data, term.len, on_case_doc, &c, err);
    rs_buf_free(&term);
    if (rc == RS_OK) rc = c.rc;
    if (rc != RS_OK) {
        json_decref(c.items);
        return rc;
    }
    size_t n = json_array_size(c.items);
    json_t **arr = malloc((n ? n : 1) * sizeof *arr);
    if (!arr) { json_decref(c.items); return rs_error_set(err, RS_ERR_NOMEM, "out of memory"); }
    for (size_t i = 0; i < n; i++) arr[i] = json_incref(json_array_get(c.items, i));
    qsort(arr, n, sizeof *arr, by_date);
    json_t *sorted = json_array();
    for (size_t i = 0; i < n; i++) json_array_append_new(sorted, arr[i]);
    free(arr);
    json_decref(c.items);
    *out = json_pack("{s:s#, s:s, s:o}", "case", key, (int)kl, "query", caseno, "items", sorted);
    return *out ? RS_OK : rs_error_set(err, RS_ERR_NOMEM, "out of memory");
}

typedef struct {
    RsxDocid id;
    int found;
} FirstDoc;

static int first_doc(void *ctx, RsxDocid id) {
    FirstDoc *f = ctx;
    f->id = id;
    f->found = 1;
    return 1;
}

static RsStatus item_once(RsSearcher *s, const char *id, json_t **out, RsError *err) {
    *out = NULL;
    RsBuf t = {0};
    FirstDoc f = {0, 0};
    RsStatus rc = rs_term_makes(&t, RS_PREFIX_ID, id, err);
    if (rc == RS_OK) rc = rsx_db_postings(s->db, t.data, t.len, first_doc, &f, err);
    rs_buf_free(&t);
    if (rc != RS_OK) return rc;
    if (!f.found) return rs_error_set(err, RS_ERR_NOTFOUND, "no agenda item '%s'", id);
    char *data;
    size_t len;
    if ((rc = rsx_db_get_data(s->db, f.id, &data, &len, err)) != RS_OK) return rc;
    *out = load_item(data, len, 1);
    free(data);
    return *out ? RS_OK : rs_error_set(err, RS_ERR_DATABASE, "item '%s' has damaged data", id);
}

/* ------------------------------------------------------------ a whole meeting */

typedef struct {
    RsSearcher *s;
    const char *meeting;
    json_t *items;
    RsError *err;
    RsStatus rc;
} MeetingCtx;

static int on_meeting_doc(void *ctx, RsxDocid id) {
    MeetingCtx *c = ctx;
    json_t *d;
    if ((c->rc = load_doc(c->s, id, &d, c->err)) != RS_OK) return 1;
    if (!d) return 0;
    const char *mid = json_string_value(json_object_get(d, "meeting"));
    if (mid && !strcmp(mid, c->meeting)) json_array_append(c->items, d);
    json_decref(d);
    return 0;
}

static int by_ordinal(const void *a, const void *b) {
    json_int_t x = json_integer_value(json_object_get(*(json_t *const *)a, "ordinal")),
               y = json_integer_value(json_object_get(*(json_t *const *)b, "ordinal"));
    return x < y ? -1 : x > y;
}

static RsStatus meeting_once(RsSearcher *s, const char *id, json_t **out, RsError *err) {
    *out = NULL;
    /* "<source>" or "<source>#m2" (a file's second meeting) */
    RsBuf src = {0};
    const char *hash = strrchr(id, '#');
    if (hash && hash[1] == 'm' && hash[2] >= '1' && hash[2] <= '9') rs_buf_append(&src, id, (size_t)(hash - id));
    else rs_buf_puts(&src, id);
    RsBuf t = {0};
    MeetingCtx c = {s, id, json_array(), err, RS_OK};
    RsStatus rc = rs_term_makes(&t, RS_PREFIX_SOURCE, src.data ? src.data : "", err);
    if (rc == RS_OK) rc = rsx_db_postings(s->db, t.data, t.len, on_meeting_doc, &c, err);
    rs_buf_free(&t);
    if (rc == RS_OK) rc = c.rc;
    if (rc == RS_OK && !json_array_size(c.items))
        rc = rs_error_set(err, RS_ERR_NOTFOUND, "no meeting '%s'", id);
    if (rc != RS_OK) {
        rs_buf_free(&src);
        json_decref(c.items);
        return rc;
    }
    size_t n = json_array_size(c.items);
    json_t **arr = malloc(n * sizeof *arr);
    if (!arr) {
        rs_buf_free(&src);
        json_decref(c.items);
        return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++) arr[i] = json_array_get(c.items, i);
    qsort(arr, n, sizeof *arr, by_ordinal);
    json_t *first = arr[0], *items = json_array();
    static const char *const meeting_keys[] = {"municipality", "committee", "date", "kind", "url", "time"};
    static const char *const item_keys[] = {"id", "item", "number", "title", "closed", "case", "type",
                                            "outcome", "decisions"};
    for (size_t i = 0; i < n; i++) {
        json_t *it = json_object();
        for (size_t k = 0; k < sizeof item_keys / sizeof *item_keys; k++) {
            json_t *v = json_object_get(arr[i], item_keys[k]);
            json_object_set(it, item_keys[k], v ? v : json_null());
        }
        json_array_append_new(items, it);
    }
    json_t *m = json_pack("{s:s, s:s}", "meeting", id, "source", src.data ? src.data : "");
    for (size_t k = 0; m && k < sizeof meeting_keys / sizeof *meeting_keys; k++) {
        json_t *v = json_object_get(first, meeting_keys[k]);
        json_object_set(m, meeting_keys[k], v ? v : json_null());
    }
    if (m) json_object_set_new(m, "items", items);
    else json_decref(items);
    free(arr);
    json_decref(c.items);
    rs_buf_free(&src);
    *out = m;
    return m ? RS_OK : rs_error_set(err, RS_ERR_NOMEM, "out of memory");
}

typedef struct {
    size_t n;
    char first[16], last[16];
} TermCount;

static int count_term(void *ctx, const char *t, size_t len, unsigned freq) {
    (void)freq;
    TermCount *c = ctx;
    if (c->n == 0) snprintf(c->first, sizeof c->first, "%.*s", (int)len, t);
    snprintf(c->last, sizeof c->last, "%.*s", (int)len, t);
    c->n++;
    return 0;
}

/* Bytes of the regular files in a local index directory; -1 for a remote one. */
static long long dir_bytes(const char *path) {
    if (!strncmp(path, "tcp://", 6)) return -1;
    DIR *d = opendir(path);
    if (!d) return -1;
    long long total = 0;
    struct dirent *e;
    char p[4200];
    struct stat st;
    while ((e = readdir(d)))
        if (e->d_name[0] != '.' && snprintf(p, sizeof p, "%s/%s", path, e->d_name) < (int)sizeof p &&
            stat(p, &st) == 0 && S_ISREG(st.st_mode))
            total += (long long)st.st_size;
    closedir(d);
    return total;
}

static RsStatus stats_once(RsSearcher *s, json_t **out, RsError *err) {
    *out = NULL;
    size_t docs = 0;
    RsStatus rc = rsx_db_doccount(s->db, &docs, err);
    TermCount meetings = {0}, dates = {0};
    if (rc == RS_OK) rc = rsx_db_allterms(s->db, RS_PREFIX_SOURCE, count_term, &meetings, err);
    if (rc == RS_OK) rc = rsx_db_allterms(s->db, RS_PREFIX_DATE, count_term, &dates, err);
    RsxQuery *all = rsx_query_match_all(err);
    RsxSearchOptions o = {.limit = 0, .sort_slot = -1, .facets = rs_facet_req,
                          .n_facets = sizeof rs_facet_req / sizeof *rs_facet_req};
    RsxMSet *m = NULL;
    if (rc == RS_OK) rc = rsx_search(s->db, all, &o, &m, err);
    rsx_query_free(all);
    if (rc != RS_OK) return rc;
    char *fp;
    size_t fl;
    if (rsx_db_get_metadata(s->db, RS_META_FINGERPRINT, &fp, &fl, err) != RS_OK) fp = NULL;
    char d1[11] = "", d2[11] = "";
    if (dates.n) {
        snprintf(d1, sizeof d1, "%.4s-%.2s-%.2s", dates.first + 2, dates.first + 6, dates.first + 8);
        snprintf(d2, sizeof d2, "%.4s-%.2s-%.2s", dates.last + 2, dates.last + 6, dates.last + 8);
    }
    json_t *j = json_object();
    json_object_set_new(j, "items", json_integer((json_int_t)docs));
    json_object_set_new(j, "meetings", json_integer((json_int_t)meetings.n));
    json_object_set_new(j, "municipalities", rs_facet_json(m, 0));
    json_object_set_new(j, "committees", rs_facet_json(m, 1));
    json_object_set_new(j, "years", rs_facet_json(m, 2));
    json_object_set_new(j, "date_from", dates.n ? json_string(d1) : json_null());
    json_object_set_new(j, "date_to", dates.n ? json_string(d2) : json_null());
    json_t *idx = json_array();
    for (size_t i = 0; i < s->n_indexes; i++) {
        long long bytes = dir_bytes(s->paths[i]);
        json_array_append_new(idx, json_pack("{s:s, s:o}", "path", s->paths[i], "bytes",
                                             bytes >= 0 ? json_integer(bytes) : json_null()));
    }
    json_object_set_new(j, "indexes", idx);
    json_object_set_new(j, "schema", json_string(RS_SCHEMA_VERSION));
    json_object_set_new(j, "analyzer", fp ? json_string(fp) : json_null());
    free(fp);
    rsx_mset_free(m);
    *out = j;
    return RS_OK;
}

/* ------------------------------------------------------------ retries (see rs_search) */

RsStatus rs_case_history(RsSearcher *s, const char *caseno, json_t **out, RsError *err) {
    WITH_RETRY(case_once(s, caseno, out, err));
}

/* `id` ("<path>#<item>", or a meeting's "<path>" / "<path>#m2") with its path in the index's
 * spelling: canonical (rs_source_canonical) and escaped (rs_source_name), malloc'd in *out, so any
 * spelling of the file finds it. NULL in *out (RS_OK) when that is the id itself. */
static RsStatus canonical_id(const char *id, int meeting, char **out, RsError *err) {
    *out = NULL;
    const char *hash = strrchr(id, '#');
    if (meeting && hash && !(hash[1] == 'm' && hash[2] >= '1' && hash[2] <= '9' &&
                             strspn(hash + 2, "0123456789") == strlen(hash + 2)))
        hash = NULL; /* a '#' in the file's name */
    char *path = hash ? strndup(id, (size_t)(hash - id)) : strdup(id), *canon = NULL;
    RsBuf b = {0};
    RsStatus rc = path ? rs_source_canonical(path, &canon, err) : rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    if (rc == RS_OK && rs_buf_printf(&b, "%s%s", canon, hash ? hash : "") != RS_OK)
        rc = rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    if (rc == RS_OK) rc = rs_source_name(b.data, out, err);
    if (rc == RS_OK && !strcmp(*out, id)) {
        free(*out);
        *out = NULL;
    }
    rs_buf_free(&b);
    free(canon);
    free(path);
    return rc;
}

static RsStatus item_retry(RsSearcher *s, const char *id, json_t **out, RsError *err) {
    WITH_RETRY(item_once(s, id, out, err));
}

static RsStatus meeting_retry(RsSearcher *s, const char *id, json_t **out, RsError *err) {
    WITH_RETRY(meeting_once(s, id, out, err));
}

/* Look `id` up as given, then (not found) by its canonical spelling. */
static RsStatus get_any_spelling(RsSearcher *s, const char *id, int meeting, json_t **out, RsError *err) {
    RsStatus rc = meeting ? meeting_retry(s, id, out, err) : item_retry(s, id, out, err);
    if (rc != RS_ERR_NOTFOUND) return rc;
    char *canon = NULL;
    RsError e2 = {0};
    if (canonical_id(id, meeting, &canon, &e2) == RS_OK && canon)
        rc = meeting ? meeting_retry(s, canon, out, err) : item_retry(s, canon, out, err);
    free(canon);
    if (rc == RS_ERR_NOTFOUND && id[0] != '/') { /* "srv/x.txt#2" in a URL: its leading '/' left out */
        RsBuf b = {0};
        if (rs_buf_printf(&b, "/%s", id) == RS_OK)
            rc = meeting ? meeting_retry(s, b.data, out, err) : item_retry(s, b.data, out, err);
        rs_buf_free(&b);
    }
    if (rc == RS_ERR_NOTFOUND) rs_error_set(err, rc, "no %s '%s'", meeting ? "meeting" : "agenda item", id);
    return rc;
}

RsStatus rs_item_get(RsSearcher *s, const char *id, json_t **out, RsError *err) {
    return get_any_spelling(s, id, 0, out, err);
}

RsStatus rs_index_stats(RsSearcher *s, json_t **out, RsError *err) {
    WITH_RETRY(stats_once(s, out, err));
}

RsStatus rs_meeting_get(RsSearcher *s, const char *id, json_t **out, RsError *err) {
    return get_any_spelling(s, id, 1, out, err);
}
