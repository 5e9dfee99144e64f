/* search.c — the query tree to a Xapian query, and results, facets, snippets, case history as JSON. */
#include "search.h"
#include "search_priv.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "analyzer.h"
#include "buf.h"
#include "docdata.h"
#include "query.h"
#include "committee.h"
#include "referat.h"
#include "schema.h"
#include "snippet.h"
#include "terms.h"
#include "xapian_shim.h"

/* Relative weights of the forms a query word matches (tuned on the judged
 * queries of tests/relevance; see docs/relevance.md). */
static double W_EXACT = 1.0, W_STEM = 0.7, W_FOLD = 0.4, W_PART = 0.7, W_CASE = 3.0;
#define MAX_WILDCARD 200
/* All the prefixes of one query together: 256 two-letter prefixes OR'ed made 51,200 terms */
#define MAX_EXPANSION 2000
#define DEFAULT_LIMIT 10
#define SNIPPET_BYTES 240
/* Of a hit's stored text, a snippet looks at the first SNIPPET_TEXT bytes only (new indexes
 * store at most this much per item: index/itemdoc.c) */
#define SNIPPET_TEXT (1u << 20)


/* ------------------------------------------------------------ weights */

/* RS_WEIGHTS="exact,stem,fold,part,case" overrides the weights, for tuning runs
 * (tests/relevance/eval.py); not meant for production. */
void rs_search_read_weights(void) {
    const char *w = getenv("RS_WEIGHTS");
    double v[5];
    if (w && sscanf(w, "%lf,%lf,%lf,%lf,%lf", &v[0], &v[1], &v[2], &v[3], &v[4]) == 5) {
        W_EXACT = v[0];
        W_STEM = v[1];
        W_FOLD = v[2];
        W_PART = v[3];
        W_CASE = v[4];
    }
}

/* ------------------------------------------------------------ building queries */

typedef struct {
    RsSearcher *s;
    RsError *err;
    RsStatus rc;
    RsSnippetKeys *keys;
    RsBuf term;
    /* the plain words of the query (for the OR fallback and spelling) */
    RsxQuery **words;
    size_t n_words, cap_words;
    char **word_texts;
    int fallback_ok; /* the tree is a plain AND of words */
    size_t expansion_left; /* terms the query's prefixes may still expand to */
    double deadline;       /* CLOCK_MONOTONIC seconds; 0: no time budget */
    double budget;         /* the request's budget, for the message */
} Build;

static RsxQuery *term_q(Build *b, const char *prefix, RsSpan s, double scale) {
    if (rs_term_make(&b->term, prefix, s.s, s.len, b->err) != RS_OK) return NULL;
    RsxQuery *t = rsx_query_term(b->term.data, b->term.len, 1, 0, b->err);
    if (!t || scale == 1.0) return t;
    RsxQuery *sc = rsx_query_scale(t, scale, b->err);
    rsx_query_free(t);
    return sc;
}

static const char *field_prefix(RsQField f) {
    switch (f) {
    case RS_QF_TITEL: return RS_PREFIX_SEC_TITLE;
    case RS_QF_RESUME: return RS_PREFIX_SEC_RESUME;
    case RS_QF_SAGSFREMSTILLING: return RS_PREFIX_SEC_CASE;
    case RS_QF_INDSTILLING: return RS_PREFIX_SEC_PROPOSAL;
    case RS_QF_BESLUTNING: return RS_PREFIX_SEC_DECISION;
    case RS_QF_BILAG: return RS_PREFIX_SEC_ATTACH;
    default: return NULL;
    }
}

/* The query for one analysed token (not a sub-token). */
static RsxQuery *token_q(Build *b, const RsToken *t, RsQField field) {
    QList l = {0};
    const char *fp = field_prefix(field);
    if (t->kind == RS_TOK_CASENO) {
        rs_snippet_keys_add(&b->keys->cases, t->case_key.s, t->case_key.len);
        ql_add(&l, term_q(b, RS_PREFIX_CASE, t->case_key, W_CASE));
    } else if (fp) {
        ql_add(&l, term_q(b, fp, t->stem, 1.0));
        if (t->fold.s) ql_add(&l, term_q(b, fp, t->fold, 1.0));
        rs_snippet_keys_add(&b->keys->stems, t->stem.s, t->stem.len);
    } else {
        rs_snippet_keys_add(&b->keys->exact, t->norm.s, t->norm.len);
        ql_add(&l, term_q(b, RS_PREFIX_EXACT, t->norm, W_EXACT));
        if (t->kind == RS_TOK_WORD) {
            RsSpan fold = t->fold.s ? t->fold : t->stem;
            rs_snippet_keys_add(&b->keys->stems, t->stem.s, t->stem.len);
            rs_snippet_keys_add(&b->keys->folds, fold.s, fold.len);
            ql_add(&l, term_q(b, RS_PREFIX_STEM, t->stem, W_STEM));
            ql_add(&l, term_q(b, RS_PREFIX_FOLD, fold, W_FOLD));
            /* a word typed without æ/ø/å also meets documents that had none */
            if (t->fold.s) ql_add(&l, term_q(b, RS_PREFIX_STEM, t->fold, W_FOLD));
            ql_add(&l, term_q(b, RS_PREFIX_PART, t->stem, W_PART));
            /* parts are indexed with their folding key too */
            if (t->fold.s) ql_add(&l, term_q(b, RS_PREFIX_PART, t->fold, W_PART * W_FOLD));
        }
    }
    if (l.oom) {
        ql_free(&l);
        b->rc = rs_error_set(b->err, RS_ERR_NOMEM, "out of memory");
        return NULL;
    }
    RsxQuery *q = l.n == 1 ? l.q[0] : rsx_query_combine(RSX_OP_OR, l.q, l.n, 0, b->err);
    if (l.n == 1) l.n = 0;
    ql_free(&l);
    return q;
}

typedef struct {
    Build *b;
    RsQField field;
    QList parts;       /* per non-sub token query */
    QList phrase;      /* exact terms for a phrase (sub-tokens replace their whole) */
    int is_phrase;
    RsToken pending;   /* a whole whose sub-tokens may follow */
    int have_pending;
    int pending_has_subs;
    int n_tokens, n_stop;
} TokCtx;

static int on_query_token(void *ctx, const RsToken *t) {
    TokCtx *c = ctx;
    Build *b = c->b;
    if (c->is_phrase) {
        /* phrase: exact forms, sub-tokens in place of their whole */
        if (t->flags & RS_TOKF_SUBTOKEN) {
            if (c->have_pending && c->phrase.n && !c->pending_has_subs) {
                rsx_query_free(c->phrase.q[--c->phrase.n]);
                c->pending_has_subs = 1;
            }
        } else {
            c->have_pending = 1;
            c->pending_has_subs = 0;
            if (t->kind == RS_TOK_CASENO)
                rs_snippet_keys_add(&b->keys->cases, t->case_key.s, t->case_key.len);
        }
        rs_snippet_keys_add(&b->keys->exact, t->norm.s, t->norm.len);
        ql_add(&c->phrase, term_q(b, RS_PREFIX_EXACT, t->norm, 1.0));
        return 0;
    }
    if (t->flags & RS_TOKF_SUBTOKEN) return 0;
    c->n_tokens++;
    if (t->flags & RS_TOKF_STOPWORD) {
        c->n_stop++;
        return 0;
    }
    ql_add(&c->parts, token_q(b, t, c->field));
    return 0;
}

static RsxQuery *build_node(Build *b, const RsQNode *n);

/* The query for `text` if it is a case number in any variant (23-15645,
 * EMN 24/1629, 27.0.0-p22-1-20), else NULL with *is_case 0. */
static RsxQuery *case_q(Build *b, const char *text, int *is_case) {
    char key[256];
    size_t kl = rs_case_key(text, strlen(text), key, sizeof key);
    *is_case = kl > 0;
    if (!kl) return NULL;
    RsToken t = {0};
    t.kind = RS_TOK_CASENO;
    t.case_key = (RsSpan){key, kl};
    return token_q(b, &t, RS_QF_ANY);
}

static RsxQuery *word_q(Build *b, const RsQNode *n) {
    int is_case = 0;
    RsxQuery *cq = n->field ? NULL : case_q(b, n->text, &is_case);
    if (is_case) return cq;
    TokCtx c = {.b = b, .field = n->field};
    RsStatus rc = rs_analyze(b->s->an, RS_MODE_QUERY, n->text, strlen(n->text), 0,
                             on_query_token, &c, NULL, b->err);
    if (rc == RS_OK && c.parts.oom) rc = rs_error_set(b->err, RS_ERR_NOMEM, "out of memory");
    if (rc != RS_OK) { ql_free(&c.parts); b->rc = rc; return NULL; }
    if (c.parts.n == 0 && c.n_stop) {
        /* only stopwords ("og", "i"): they are indexed as exact forms, search those */
        c.is_phrase = 1;
        rs_analyze(b->s->an, RS_MODE_QUERY, n->text, strlen(n->text), 0, on_query_token, &c, NULL, b->err);
        RsxQuery *q = c.phrase.n == 1 ? c.phrase.q[0]
                                      : rsx_query_combine(RSX_OP_AND, c.phrase.q, c.phrase.n, 0, b->err);
        if (c.phrase.n == 1) c.phrase.n = 0;
        ql_free(&c.phrase);
        return q;
    }
    if (c.parts.n == 0) return rsx_query_match_nothing(b->err); /* punctuation only */
    RsxQuery *q = c.parts.n == 1 ? c.parts.q[0]
                                 : rsx_query_combine(RSX_OP_AND, c.parts.q, c.parts.n, 0, b->err);
    if (c.parts.n == 1) c.parts.n = 0;
    ql_free(&c.parts);
    return q;
}

static RsxQuery *phrase_q(Build *b, const RsQNode *n) {
    /* "EMN 24 1629" in quotes: a case number typed with spaces */
    int is_case = 0;
    RsxQuery *cq = n->field ? NULL : case_q(b, n->text, &is_case);
    if (is_case) return cq;
    TokCtx c = {.b = b, .field = n->field, .is_phrase = 1};
    RsStatus rc = rs_analyze(b->s->an, RS_MODE_QUERY, n->text, strlen(n->text), 0,
                             on_query_token, &c, NULL, b->err);
    if (rc == RS_OK && c.phrase.oom) rc = rs_error_set(b->err, RS_ERR_NOMEM, "out of memory");
    if (rc != RS_OK) { ql_free(&c.phrase); b->rc = rc; return NULL; }
    if (c.phrase.n == 0) return rsx_query_match_nothing(b->err);
    RsxQuery *q = c.phrase.n == 1 ? c.phrase.q[0]
                                  : rsx_query_combine(RSX_OP_PHRASE, c.phrase.q, c.phrase.n,
                                                      (unsigned)c.phrase.n, b->err);
    if (c.phrase.n == 1) c.phrase.n = 0;
    ql_free(&c.phrase);
    if (q && n->field) {
        /* positions are not kept per section: the phrase, in an item whose
         * section has every word of it */
        QList l = {0};
        ql_add(&l, q);
        TokCtx w = {.b = b, .field = n->field};
        rs_analyze(b->s->an, RS_MODE_QUERY, n->text, strlen(n->text), 0, on_query_token, &w, NULL, b->err);
        for (size_t i = 0; i < w.parts.n; i++) ql_add(&l, w.parts.q[i]);
        w.parts.n = 0;
        ql_free(&w.parts);
        if (l.oom) b->rc = rs_error_set(b->err, RS_ERR_NOMEM, "out of memory");
        q = rsx_query_combine(RSX_OP_FILTER, l.q, l.n, 0, b->err);
        ql_free(&l);
    }
    return q;
}

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Whether the request's time budget is spent; then b->err says so (RS_ERR_TIMEOUT). */
static int out_of_time(Build *b) {
    if (!b->deadline || now_s() < b->deadline) return 0;
    rs_error_set(b->err, RS_ERR_TIMEOUT,
                 "søgningen tog for lang tid (mere end %g s): gør den mere præcis, med færre "
                 "ord med * og flere ord eller filtre", b->budget);
    b->rc = RS_ERR_TIMEOUT;
    return 1;
}

/* budget* : the exact forms starting with the typed prefix (lower-cased
 * like the analyser does), expanded here so remote shards weigh alike. */
static RsxQuery *prefix_q(Build *b, const RsQNode *n) {
    char low[512];
    size_t ll = 0;
    for (const unsigned char *p = (const unsigned char *)n->text; *p && ll + 2 < sizeof low; p++) {
        unsigned char ch = *p;
        if (ch >= 'A' && ch <= 'Z') ch = (unsigned char)(ch + 32);
        else if (ch == 0xC3 && p[1] >= 0x80 && p[1] <= 0x9E) { /* Æ Ø Å … */
            low[ll++] = (char)ch;
            ch = (unsigned char)(*++p + 0x20);
        }
        low[ll++] = (char)ch;
    }
    low[ll] = '\0';
    const char *fp = field_prefix(n->field);
    rs_buf_reset(&b->term);
    if (fp) rs_buf_puts(&b->term, fp);
    rs_buf_puts(&b->term, low);
    rs_snippet_keys_add(&b->keys->exact, low, ll);
    if (!b->expansion_left) {
        rs_error_set(b->err, RS_ERR_QUERY,
                     "malformed query: the prefixes (…*) match more than %d words in all: use "
                     "longer or fewer prefixes", MAX_EXPANSION);
        return NULL;
    }
    size_t n_terms = 0;
    unsigned max = b->expansion_left < MAX_WILDCARD ? (unsigned)b->expansion_left : MAX_WILDCARD;
    RsxQuery *q = rsx_query_expand_prefix(b->s->db, b->term.data, b->term.len, max, &n_terms, b->err);
    b->expansion_left -= n_terms < b->expansion_left ? n_terms : b->expansion_left;
    if (q && out_of_time(b)) {
        rsx_query_free(q);
        return NULL;
    }
    return q;
}

/* How many plain words from kids[i] (2 or 3) together spell a case number
 * that the first word alone is not; 0 if none. Can't fail. */
static size_t case_span(const RsQNode *n, size_t i) {
    char joined[256], key[256];
    for (size_t span = 3; span >= 2; span--) {
        if (i + span > n->n_kids) continue;
        size_t len = 0;
        int ok = 1;
        for (size_t j = i; j < i + span && ok; j++) {
            const RsQNode *k = n->kids[j];
            ok = k->kind == RS_QN_WORD && !k->field && !k->negated && len + strlen(k->text) + 2 < sizeof joined;
            if (ok) len += (size_t)snprintf(joined + len, sizeof joined - len, "%s%s", j > i ? " " : "", k->text);
        }
        if (!ok) continue;
        const char *first = n->kids[i]->text;
        if (rs_case_key(joined, len, key, sizeof key) && !rs_case_key(first, strlen(first), key, sizeof key))
            return span;
    }
    return 0;
}

static RsxQuery *build_node(Build *b, const RsQNode *n) {
    switch (n->kind) {
    case RS_QN_WORD: return word_q(b, n);
    case RS_QN_PHRASE: return phrase_q(b, n);
    case RS_QN_PREFIX: return prefix_q(b, n);
    case RS_QN_OR:
    case RS_QN_AND: break;
    }
    QList pos = {0}, neg = {0};
    for (size_t i = 0; i < n->n_kids && b->rc == RS_OK; i++) {
        size_t used = n->kind == RS_QN_AND ? case_span(n, i) : 0;
        if (used) { /* "EMN 24/1629", "23 15645": a case number typed with spaces */
            char joined[256] = "";
            for (size_t j = i; j < i + used; j++) {
                if (j > i) strcat(joined, " ");
                strcat(joined, n->kids[j]->text);
            }
            int is_case;
            ql_add(&pos, case_q(b, joined, &is_case));
            i += used - 1;
            continue;
        }
        RsxQuery *k = build_node(b, n->kids[i]);
        if (!k) { b->rc = b->err->code ? b->err->code : RS_ERR_NOMEM; break; }
        if (n->kids[i]->negated) ql_add(&neg, k);
        else ql_add(&pos, k);
    }
    RsxQuery *q = NULL;
    if (pos.oom || neg.oom) b->rc = rs_error_set(b->err, RS_ERR_NOMEM, "out of memory");
    if (b->rc == RS_OK) {
        if (n->kind == RS_QN_OR) {
            /* "a OR -b" has no clear meaning: a negated alternative is everything but b */
            for (size_t i = 0; i < neg.n; i++) {
                RsxQuery *all = rsx_query_match_all(b->err);
                RsxQuery *pair[] = {all, neg.q[i]};
                ql_add(&pos, rsx_query_combine(RSX_OP_AND_NOT, pair, 2, 0, b->err));
                rsx_query_free(all);
            }
            q = rsx_query_combine(RSX_OP_OR, pos.q, pos.n, 0, b->err);
        } else {
            RsxQuery *p = pos.n ? rsx_query_combine(RSX_OP_AND, pos.q, pos.n, 0, b->err)
                                : rsx_query_match_all(b->err);
            if (neg.n) {
                RsxQuery *no = rsx_query_combine(RSX_OP_OR, neg.q, neg.n, 0, b->err);
                RsxQuery *pair[] = {p, no};
                q = rsx_query_combine(RSX_OP_AND_NOT, pair, 2, 0, b->err);
                rsx_query_free(p);
                rsx_query_free(no);
            } else {
                q = p;
            }
        }
    }
    ql_free(&pos);
    ql_free(&neg);
    return q;
}

/* ------------------------------------------------------------ filters */

/* rs_apply_filters with the build's scratch term, snippet keys and status. */
static RsxQuery *apply_filters(Build *b, RsxQuery *q, const RsQuery *pq) {
    RsFilterCtx c = {&b->term, b->keys, b->err, RS_OK};
    RsxQuery *r = rs_apply_filters(q, pq, &c);
    if (c.rc != RS_OK) b->rc = c.rc;
    return r;
}

/* ------------------------------------------------------------ results */

json_t *rs_facet_json(RsxMSet *m, size_t f) {
    json_t *arr = json_array();
    for (size_t i = 0; i < rsx_mset_facet_size(m, f); i++) {
        const char *v;
        size_t len, count;
        rsx_mset_facet(m, f, i, &v, &len, &count);
        json_array_append_new(arr, json_pack("{s:s#, s:I}", "value", v, (int)len, "count",
                                             (json_int_t)count));
    }
    return arr;
}

const RsxFacetRequest rs_facet_req[RS_N_FACETS] = {{RS_SLOT_MUNICIPALITY, 0}, {RS_SLOT_COMMITTEES, 1},
                                            {RS_SLOT_YEAR, 0},         {RS_SLOT_TYPE, 0},
                                            {RS_SLOT_OUTCOMES, 1},     {RS_SLOT_KLE, 0},
                                            {RS_SLOT_KIND, 0}};
static const char *const facet_out[] = {"municipality", "committee", "year", "type", "outcome", "kle", "kind"};

static json_t *hit_json(Build *b, RsxMSet *m, size_t i, int snippets) {
    const char *data;
    size_t len;
    if (rsx_mset_data(m, i, &data, &len, b->err) != RS_OK) return NULL;
    RsDocData dd;
    rs_docdata_split(data, len, &dd);
    json_t *d = json_loadb(dd.hit, dd.hit_len, 0, NULL);
    if (!d) d = json_object();
    json_t *h = json_object();
    json_object_set_new(h, "rank", json_integer((json_int_t)rsx_mset_rank(m, i) + 1));
    json_object_set_new(h, "score", json_real(((long long)(rsx_mset_weight(m, i) * 1000 + 0.5)) / 1000.0));
    static const char *const copy[] = {"id", "source", "item", "number", "title", "case", "municipality",
                                       "committee", "date", "type", "outcome", "closed", "kind", "url",
                                       "meeting"};
    for (size_t k = 0; k < sizeof copy / sizeof *copy; k++) {
        json_t *v = json_object_get(d, copy[k]);
        json_object_set(h, copy[k], v ? v : json_null());
    }
    if (snippets) {
        char *snip = NULL;
        size_t at = 0;
        RsError e2;
        size_t tl = dd.text_len > SNIPPET_TEXT ? SNIPPET_TEXT : dd.text_len; /* older indexes */
        if (rs_snippet_at(b->s->an, dd.text, tl, b->keys, SNIPPET_BYTES, &snip, &at, &e2) == RS_OK)
            json_object_set_new(h, "snippet", json_string(snip));
        else
            json_object_set_new(h, "snippet", json_string(""));
        free(snip);
        /* a snippet from an attachment's text names the attachment */
        json_t *from = json_null(), *ranges = json_object_get(d, "attachment_text");
        size_t i;
        json_t *r;
        json_array_foreach(ranges, i, r) {
            json_int_t s0 = json_integer_value(json_array_get(r, 0)), s1 = json_integer_value(json_array_get(r, 1));
            if ((json_int_t)at >= s0 && (json_int_t)at < s1) {
                from = json_copy(json_array_get(r, 2));
                break;
            }
        }
        json_object_set_new(h, "snippet_attachment", from);
    }
    json_decref(d);
    return h;
}

/* Collect the plain words of an AND-of-words tree (for the OR fallback). */
static int plain_words(const RsQNode *n) {
    if (!n || n->kind != RS_QN_AND) return 0;
    int words = 0;
    for (size_t i = 0; i < n->n_kids; i++) {
        if (n->kids[i]->negated) continue;
        if (n->kids[i]->kind != RS_QN_WORD && n->kids[i]->kind != RS_QN_PHRASE &&
            n->kids[i]->kind != RS_QN_PREFIX)
            return 0;
        words++;
    }
    return words >= 2;
}

/* "Mente du": replace each unknown word of the query by the spelling suggestion. */
static json_t *spelling_json(Build *b, const RsQuery *pq, const char *query) {
    if (!pq->root) return json_null();
    const RsQNode *kids1[1] = {pq->root};
    const RsQNode *const *kids = pq->root->kind == RS_QN_AND ? (const RsQNode *const *)pq->root->kids : kids1;
    size_t n = pq->root->kind == RS_QN_AND ? pq->root->n_kids : 1;
    RsBuf out = {0};
    rs_buf_puts(&out, query);
    int changed = 0;
    for (size_t i = 0; i < n; i++) {
        const RsQNode *w = kids[i];
        if (w->kind != RS_QN_WORD || w->negated || w->field) continue;
        char key[64];
        if (rs_case_key(w->text, strlen(w->text), key, sizeof key)) continue;
        RsBuf low = {0};
        char folded[256];
        size_t fl = rs_fold_key(w->text, strlen(w->text), folded, sizeof folded);
        (void)fl;
        /* known as typed (exact form) or by its stem? then leave it */
        TokCtx c = {.b = b, .is_phrase = 1};
        RsSnippetKeys scratch = {0}, *saved = b->keys;
        b->keys = &scratch;
        rs_analyze(b->s->an, RS_MODE_QUERY, w->text, strlen(w->text), 0, on_query_token, &c, NULL, b->err);
        b->keys = saved;
        size_t freq = 0;
        const char *exact = scratch.exact.data;
        if (exact && c.phrase.n == 1) rsx_db_termfreq(b->s->db, exact, strlen(exact), &freq, b->err);
        ql_free(&c.phrase);
        if (exact && freq == 0 && strlen(exact) >= 3) {
            char *sugg = NULL;
            RsError e2;
            if (rsx_db_spelling(b->s->db, exact, strlen(exact), 2, &sugg, &e2) == RS_OK && sugg && *sugg) {
                char *at = strstr(out.data, w->text);
                if (at) {
                    RsBuf nb = {0};
                    rs_buf_append(&nb, out.data, (size_t)(at - out.data));
                    rs_buf_puts(&nb, sugg);
                    rs_buf_puts(&nb, at + strlen(w->text));
                    rs_buf_free(&out);
                    out = nb;
                    changed = 1;
                }
            }
            free(sugg);
        }
        rs_snippet_keys_free(&scratch);
        rs_buf_free(&low);
    }
    json_t *r = changed ? json_string(out.data) : json_null();
    rs_buf_free(&out);
    return r;
}

static void build_free(Build *b) { rs_buf_free(&b->term); }

static RsStatus search_once(RsSearcher *s, const RsSearchRequest *req, double deadline, json_t **out,
                            RsError *err) {
    *out = NULL;
    if (req->limit > RS_SEARCH_MAX_LIMIT || req->offset > RS_SEARCH_MAX_OFFSET)
        return rs_error_set(err, RS_ERR_USAGE, "limit must be 1 to %d and offset 0 to %d", RS_SEARCH_MAX_LIMIT,
                            RS_SEARCH_MAX_OFFSET);
    RsQuery *pq;
    const char *qs = req->query ? req->query : "";
    RsStatus rc = rs_query_parse(qs, strlen(qs), &pq, err);
    if (rc != RS_OK) return rc;
    RsSnippetKeys keys = {0};
    Build b = {.s = s, .err = err, .rc = RS_OK, .keys = &keys, .expansion_left = MAX_EXPANSION,
               .deadline = deadline, .budget = req->time_budget};
    RsxQuery *core = pq->root ? build_node(&b, pq->root) : rsx_query_match_all(err);
    if (!core && b.rc == RS_OK) b.rc = err->code ? err->code : RS_ERR_NOMEM;
    RsxQuery *q = NULL;
    if (b.rc == RS_OK) q = apply_filters(&b, core, pq); /* takes core, also on failure */
    else rsx_query_free(core);
    if (b.rc == RS_OK) out_of_time(&b);
    size_t limit = req->limit ? req->limit : DEFAULT_LIMIT;
    RsxSearchOptions o = {.offset = req->offset, .limit = limit, .sort_slot = -1, .stable_ties = 1,
                          .tie_slot = RS_SLOT_ITEMKEY};
    if (req->sort != RS_SORT_RELEVANCE) {
        o.sort_slot = RS_SLOT_DATE;
        o.sort_descending = req->sort == RS_SORT_DATE_DESC;
    }
    if (!req->no_facets) {
        o.facets = rs_facet_req;
        o.n_facets = sizeof rs_facet_req / sizeof *rs_facet_req;
    }
    RsxMSet *m = NULL;
    const char *fallback = NULL;
    if (deadline) o.time_limit = deadline - now_s() > 0.001 ? deadline - now_s() : 0.001; /* Xapian's own */
    if (b.rc == RS_OK) b.rc = rsx_search(s->db, q, &o, &m, err);
    if (b.rc == RS_OK) out_of_time(&b);
    if (b.rc == RS_OK && rsx_mset_matches_estimated(m) == 0 && plain_words(pq->root)) {
        /* Nothing matches every word: accept any of them, and say so. */
        b.expansion_left = MAX_EXPANSION;
        QList alts = {0};
        for (size_t i = 0; i < pq->root->n_kids && b.rc == RS_OK; i++)
            if (!pq->root->kids[i]->negated) ql_add(&alts, build_node(&b, pq->root->kids[i]));
        RsxQuery *orq = alts.oom ? NULL : rsx_query_combine(RSX_OP_OR, alts.q, alts.n, 0, err);
        ql_free(&alts);
        RsxQuery *fq = orq ? apply_filters(&b, orq, pq) : NULL;
        if (fq) {
            RsxMSet *m2 = NULL;
            if (rsx_search(s->db, fq, &o, &m2, err) == RS_OK && rsx_mset_matches_estimated(m2) > 0) {
                rsx_mset_free(m);
                m = m2;
                fallback = "or";
            } else {
                rsx_mset_free(m2);
            }
            rsx_query_free(fq);
        }
        if (b.rc == RS_OK) out_of_time(&b);
    }
    rc = b.rc;
    json_t *res = NULL;
    if (rc == RS_OK) {
        res = json_object();
        json_object_set_new(res, "query", json_string(qs));
        json_object_set_new(res, "total", json_integer((json_int_t)rsx_mset_matches_estimated(m)));
        json_object_set_new(res, "fallback", fallback ? json_string(fallback) : json_null());
        json_object_set_new(res, "spelling",
                            rsx_mset_matches_estimated(m) == 0 || fallback ? spelling_json(&b, pq, qs) : json_null());
        json_t *warnings = json_array(); /* filter values no item has, with the nearest known */
        if (rsx_mset_matches_estimated(m) == 0) rc = rs_filter_warnings(s->db, pq, warnings, err);
        json_object_set_new(res, "warnings", warnings);
        json_t *hits = json_array();
        /* Read every hit's stored data first (the only reads of the index here),
         * then build snippets: the window in which a committing writer can
         * invalidate what we read stays short. */
        for (size_t i = 0; rc == RS_OK && i < rsx_mset_size(m); i++) {
            const char *d;
            size_t dl;
            rc = rsx_mset_data(m, i, &d, &dl, err);
        }
        for (size_t i = 0; rc == RS_OK && i < rsx_mset_size(m); i++) {
            if (!req->no_snippets && out_of_time(&b)) { /* snippets are the costly part */
                rc = RS_ERR_TIMEOUT;
                break;
            }
            json_t *h = hit_json(&b, m, i, !req->no_snippets);
            if (h) json_array_append_new(hits, h);
            else rc = err->code ? err->code : RS_ERR_NOMEM; /* e.g. RS_ERR_MODIFIED: retried */
        }
        json_object_set_new(res, "hits", hits);
        json_t *facets = json_object();
        for (size_t f = 0; f < sizeof facet_out / sizeof *facet_out; f++)
            json_object_set_new(facets, facet_out[f], o.n_facets ? rs_facet_json(m, f) : json_array());
        json_object_set_new(res, "facets", facets);
    }
    rsx_mset_free(m);
    rsx_query_free(q);
    rs_query_free(pq);
    rs_snippet_keys_free(&keys);
    build_free(&b);
    if (rc != RS_OK) {
        json_decref(res);
        res = NULL;
    }
    *out = res;
    return rc;
}

/* ------------------------------------------------------------ retries */

/* A writer that commits twice while we read discards the revision we read
 * (DatabaseModifiedError): reopen and run the whole request again. */
RsStatus rs_search(RsSearcher *s, const RsSearchRequest *req, json_t **out, RsError *err) {
    double deadline = req->time_budget > 0 ? now_s() + req->time_budget : 0; /* for every attempt */
    WITH_RETRY(search_once(s, req, deadline, out, err));
}

