/* lookup.c — the case history, one item, a whole meeting and the index's stats: reads by term,
 * not searches; typed answers (results.h). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "analyzer.h"
#include "buf.h"
#include "record.h"
#include "schema.h"
#include "search.h"
#include "search_priv.h"
#include "terms.h"
#include "walk.h"

/* Records read from the documents of a posting list, grown as they come. */
typedef struct {
    RsSearcher *s;
    const char *meeting; /* when set: only the items of this meeting */
    RsItemRecord *v;
    size_t n, cap;
    RsError *err;
    RsStatus rc;
} Collect;

static int on_doc(void *ctx, RsxDocid id) {
    Collect *c = ctx;
    char *data;
    size_t len;
    if ((c->rc = rsx_db_get_data(c->s->db, id, &data, &len, c->err)) != RS_OK) return 1;
    if (c->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 16;
        RsItemRecord *v = realloc(c->v, cap * sizeof *v);
        if (!v) {
            free(data);
            c->rc = rs_error_set(c->err, RS_ERR_NOMEM, "out of memory");
            return 1;
        }
        c->v = v;
        c->cap = cap;
    }
    RsError e2;
    RsStatus rc = rs_item_record_decode(data, len, RS_RECORD_DETAIL, &c->v[c->n], &e2);
    free(data);
    if (rc == RS_ERR_NOMEM) {
        c->rc = rs_error_set(c->err, RS_ERR_NOMEM, "out of memory");
        return 1;
    }
    if (rc != RS_OK) return 0; /* damaged data: skipped */
    if (c->meeting && (!c->v[c->n].meeting || strcmp(c->v[c->n].meeting, c->meeting))) {
        rs_item_record_clear(&c->v[c->n]);
        return 0;
    }
    c->n++;
    return 0;
}

static void collect_free(Collect *c) {
    for (size_t i = 0; i < c->n; i++) rs_item_record_clear(&c->v[i]);
    free(c->v);
}

static int cmp_str(const char *a, const char *b) { return strcmp(a ? a : "", b ? b : ""); }

static int by_date(const void *a, const void *b) {
    const RsItemRecord *x = a, *y = b;
    int c = cmp_str(x->date, y->date);
    return c ? c : cmp_str(x->id, y->id);
}

static int by_ordinal(const void *a, const void *b) {
    const RsItemRecord *x = a, *y = b;
    return x->ordinal < y->ordinal ? -1 : x->ordinal > y->ordinal;
}

/* ------------------------------------------------------------ a case */

static RsStatus case_once(RsSearcher *s, const char *caseno, RsCaseHistory **out, RsError *err) {
    *out = NULL;
    char key[256];
    size_t kl = rs_case_key(caseno, strlen(caseno), key, sizeof key);
    if (!kl)
        return rs_error_set(err, RS_ERR_QUERY,
                            "'%s' is not a case number (e.g. 23/15645, EMN-24/0001629, "
                            "27.00.00-P22-1-20, S2020-26746)", caseno);
    RsBuf term = {0};
    RsStatus rc = rs_term_make(&term, RS_PREFIX_MAINCASE, key, kl, err);
    Collect c = {s, NULL, NULL, 0, 0, err, RS_OK};
    if (rc == RS_OK) rc = rsx_db_postings(s->db, term.data, term.len, on_doc, &c, err);
    if (rc == RS_OK) rc = c.rc;
    /* none, and typed without a letter prefix ("24/1629"): the case that has one (EMN-24/…) */
    if (rc == RS_OK && !c.n && key[0] >= '0' && key[0] <= '9') {
        rc = rs_term_make(&term, RS_PREFIX_MAINCASE_BARE, key, kl, err);
        if (rc == RS_OK) rc = rsx_db_postings(s->db, term.data, term.len, on_doc, &c, err);
        if (rc == RS_OK) rc = c.rc;
    }
    rs_buf_free(&term);
    RsCaseHistory *h = rc == RS_OK ? calloc(1, sizeof *h) : NULL;
    if (rc == RS_OK && (!h || !(h->key = strndup(key, kl)) || !(h->query = strdup(caseno))))
        rc = rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    if (rc != RS_OK) {
        collect_free(&c);
        rs_case_history_free(h);
        return rc;
    }
    if (c.n) qsort(c.v, c.n, sizeof *c.v, by_date);
    h->items = c.v;
    h->n_items = c.n;
    *out = h;
    return RS_OK;
}

/* ------------------------------------------------------------ one item */

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

static RsStatus item_once(RsSearcher *s, const char *id, RsItemRecord *out, RsError *err) {
    memset(out, 0, sizeof *out);
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
    rc = rs_item_record_decode(data, len, RS_RECORD_DETAIL | RS_RECORD_TEXT, out, err);
    free(data);
    if (rc == RS_ERR_DATABASE) rs_error_set(err, rc, "item '%s' has damaged data", id);
    return rc;
}

/* ------------------------------------------------------------ a whole meeting */

static RsStatus meeting_once(RsSearcher *s, const char *id, RsMeetingView **out, RsError *err) {
    *out = NULL;
    /* "<source>" or "<source>#m2" (a file's second meeting) */
    RsBuf src = {0};
    const char *hash = strrchr(id, '#');
    if (hash && hash[1] == 'm' && hash[2] >= '1' && hash[2] <= '9') rs_buf_append(&src, id, (size_t)(hash - id));
    else rs_buf_puts(&src, id);
    RsBuf t = {0};
    Collect c = {s, id, NULL, 0, 0, err, RS_OK};
    RsStatus rc = rs_term_makes(&t, RS_PREFIX_SOURCE, src.data ? src.data : "", err);
    if (rc == RS_OK) rc = rsx_db_postings(s->db, t.data, t.len, on_doc, &c, err);
    rs_buf_free(&t);
    if (rc == RS_OK) rc = c.rc;
    if (rc == RS_OK && !c.n) rc = rs_error_set(err, RS_ERR_NOTFOUND, "no meeting '%s'", id);
    RsMeetingView *m = rc == RS_OK ? calloc(1, sizeof *m) : NULL;
    if (rc == RS_OK && (!m || !(m->meeting = strdup(id)) || !(m->source = strdup(src.data ? src.data : ""))))
        rc = rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    rs_buf_free(&src);
    if (rc != RS_OK) {
        collect_free(&c);
        rs_meeting_view_free(m);
        return rc;
    }
    qsort(c.v, c.n, sizeof *c.v, by_ordinal);
    m->items = c.v;
    m->n_items = c.n;
    *out = m;
    return RS_OK;
}

/* ------------------------------------------------------------ stats */

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

/* Bytes of the regular files in a local index directory and its shards' directories (DIR/shard-K,
 * index/shards.h: `depth` levels down); -1 for a remote one. */
static long long dir_bytes(const char *path, int depth) {
    if (!strncmp(path, "tcp://", 6)) return -1;
    DIR *d = opendir(path);
    if (!d) return -1;
    long long total = 0;
    struct dirent *e;
    char p[4200];
    struct stat st;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.' || snprintf(p, sizeof p, "%s/%s", path, e->d_name) >= (int)sizeof p || stat(p, &st) != 0)
            continue;
        if (S_ISREG(st.st_mode)) total += (long long)st.st_size;
        else if (S_ISDIR(st.st_mode) && depth > 0) {
            long long sub = dir_bytes(p, depth - 1);
            if (sub > 0) total += sub;
        }
    }
    closedir(d);
    return total;
}

static RsStatus stats_once(RsSearcher *s, RsStats **out, RsError *err) {
    *out = NULL;
    size_t docs = 0;
    RsStatus rc = rsx_db_doccount(s->db, &docs, err);
    TermCount files = {0}, dates = {0};
    if (rc == RS_OK) rc = rsx_db_allterms(s->db, RS_PREFIX_SOURCE, count_term, &files, err);
    if (rc == RS_OK) rc = rsx_db_allterms(s->db, RS_PREFIX_DATE, count_term, &dates, err);
    RsxQuery *all = rsx_query_match_all(err);
    RsxSearchOptions o = {.limit = 0, .sort_slot = -1, .facets = rs_facet_req, .n_facets = RS_N_FACETS};
    RsxMSet *m = NULL;
    if (rc == RS_OK) rc = rsx_search(s->db, all, &o, &m, err);
    rsx_query_free(all);
    if (rc != RS_OK) return rc;
    RsStats *st = calloc(1, sizeof *st);
    if (!st) {
        rsx_mset_free(m);
        return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    }
    st->items = docs;
    st->files = files.n;
    st->deleted = rsx_db_deleted(s->db);
    if (dates.n) {
        snprintf(st->date_from, sizeof st->date_from, "%.4s-%.2s-%.2s", dates.first + 2, dates.first + 6, dates.first + 8);
        snprintf(st->date_to, sizeof st->date_to, "%.4s-%.2s-%.2s", dates.last + 2, dates.last + 6, dates.last + 8);
    }
    rc = rs_facet_list_of(m, 0, RS_RF_KOMMUNE, &st->municipalities, err);
    if (rc == RS_OK) rc = rs_facet_list_of(m, 1, RS_RF_UDVALG, &st->committees, err);
    if (rc == RS_OK) rc = rs_facet_list_of(m, 2, RS_RF_AAR, &st->years, err);
    rsx_mset_free(m);
    char *fp = NULL;
    size_t fl;
    RsError e2;
    if (rsx_db_get_metadata(s->db, RS_META_FINGERPRINT, &fp, &fl, &e2) != RS_OK) fp = NULL;
    st->analyzer = fp;
    char *schema = NULL; /* the first shard's (one written before an upgrade says so) */
    size_t sl = 0;
    if (rsx_db_get_metadata(s->db, RS_META_SCHEMA, &schema, &sl, &e2) != RS_OK) schema = NULL;
    if (rc == RS_OK && !(st->schema = strdup(sl ? schema : RS_SCHEMA_VERSION))) rc = rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    free(schema);
    st->pair_terms = 1;
    for (size_t i = 0; i < rsx_db_shard_count(s->db); i++) {
        char *v = NULL;
        size_t vl = 0;
        if (rsx_db_get_shard_metadata(s->db, i, RS_META_PAIRS, &v, &vl, &e2) != RS_OK || vl != strlen(RS_PAIRS_RULE) ||
            memcmp(v, RS_PAIRS_RULE, vl))
            st->pair_terms = 0;
        free(v);
    }
    if (rc == RS_OK && s->n_indexes && !(st->indexes = calloc(s->n_indexes, sizeof *st->indexes)))
        rc = rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    for (size_t i = 0; rc == RS_OK && i < s->n_indexes; i++) {
        st->indexes[i].bytes = dir_bytes(s->paths[i], 1);
        if (!(st->indexes[i].path = strdup(s->paths[i]))) rc = rs_error_set(err, RS_ERR_NOMEM, "out of memory");
        else st->n_indexes++;
    }
    if (rc != RS_OK) {
        rs_stats_free(st);
        return rc;
    }
    *out = st;
    return RS_OK;
}

/* ------------------------------------------------------------ retries (see rs_search) */

RsStatus rs_case_history(RsSearcher *s, const char *caseno, RsCaseHistory **out, RsError *err) {
    WITH_RETRY(case_once(s, caseno, out, err));
}

RsStatus rs_index_stats(RsSearcher *s, RsStats **out, RsError *err) {
    WITH_RETRY(stats_once(s, out, err));
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

static RsStatus item_retry(RsSearcher *s, const char *id, RsItemRecord *out, RsError *err) {
    WITH_RETRY(item_once(s, id, out, err));
}

static RsStatus meeting_retry(RsSearcher *s, const char *id, RsMeetingView **out, RsError *err) {
    WITH_RETRY(meeting_once(s, id, out, err));
}

/* One lookup of an item (out_item) or a meeting (out_meeting) by `id` as given, then (not found)
 * by its canonical spelling, then with a leading '/' (an id in a URL path). */
static RsStatus get_any_spelling(RsSearcher *s, const char *id, RsItemRecord *out_item,
                                 RsMeetingView **out_meeting, RsError *err) {
    int meeting = out_meeting != NULL;
#define LOOKUP(key) (meeting ? meeting_retry(s, (key), out_meeting, err) : item_retry(s, (key), out_item, err))
    RsStatus rc = LOOKUP(id);
    if (rc != RS_ERR_NOTFOUND) return rc;
    char *canon = NULL;
    RsError e2 = {0};
    if (canonical_id(id, meeting, &canon, &e2) == RS_OK && canon) rc = LOOKUP(canon);
    free(canon);
    if (rc == RS_ERR_NOTFOUND && id[0] != '/') { /* "srv/x.txt#2" in a URL: its leading '/' left out */
        RsBuf b = {0};
        if (rs_buf_printf(&b, "/%s", id) == RS_OK) rc = LOOKUP(b.data);
        rs_buf_free(&b);
    }
#undef LOOKUP
    if (rc == RS_ERR_NOTFOUND) rs_error_set(err, rc, "no %s '%s'", meeting ? "meeting" : "agenda item", id);
    return rc;
}

RsStatus rs_item_get(RsSearcher *s, const char *id, RsItemRecord *out, RsError *err) {
    memset(out, 0, sizeof *out);
    return get_any_spelling(s, id, out, NULL, err);
}

RsStatus rs_meeting_get(RsSearcher *s, const char *id, RsMeetingView **out, RsError *err) {
    *out = NULL;
    return get_any_spelling(s, id, NULL, out, err);
}
