/* search.c — the query tree to a Xapian query, and results, facets, snippets, case history as JSON. */
#include "search.h"

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
#define DEFAULT_LIMIT 10
#define MAX_LIMIT 1000
#define SNIPPET_BYTES 240

struct RsSearcher {
    RsxDb *db;
    RsAnalyzer *an;
    size_t n_indexes;
    char **paths; /* as given, for stats */
};

/* ------------------------------------------------------------ open */

/* RS_WEIGHTS="exact,stem,fold,part,case" overrides the weights, for tuning runs
 * (tests/relevance/eval.py); not meant for production. */
static void read_weights(void) {
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

#define RS_READ_ATTEMPTS 12
#define WITH_RETRY(call)                                                   \
    do {                                                                   \
        RsStatus rc_ = RS_OK;                                              \
        for (int a_ = 0; a_ < RS_READ_ATTEMPTS; a_++) {                    \
            rc_ = (call);                                                  \
            if (rc_ != RS_ERR_MODIFIED) return rc_;                        \
            backoff(a_);                                                   \
            if (rsx_db_reopen(s->db, NULL, err) != RS_OK) return err->code; \
        }                                                                  \
        return rc_;                                                        \
    } while (0)

/* Let a writer in the middle of a commit finish: 2, 4, 6 … ms. Can't fail. */
static void backoff(int attempt) {
    struct timespec ts = {0, 2000000L * (attempt + 1)};
    nanosleep(&ts, NULL);
}

/* Schema version and analyser fingerprint of every shard, against ours. */
static RsStatus check_shards(RsSearcher *s, const char *const *indexes, size_t n, RsError *err) {
    RsStatus rc = RS_OK;
    for (size_t i = 0; rc == RS_OK && i < n; i++) {
        char *v;
        size_t len;
        rc = rsx_db_get_shard_metadata(s->db, i, RS_META_SCHEMA, &v, &len, err);
        if (rc != RS_OK) break;
        if (len && strcmp(v, RS_SCHEMA_VERSION))
            rc = rs_error_set(err, RS_ERR_MISMATCH, "%s: index schema %s, this refsog reads %s: re-index",
                              indexes[i], v, RS_SCHEMA_VERSION);
        free(v);
        if (rc != RS_OK) break;
        rc = rsx_db_get_shard_metadata(s->db, i, RS_META_FINGERPRINT, &v, &len, err);
        if (rc != RS_OK) break;
        if (len && strcmp(v, rs_analyzer_fingerprint(s->an)))
            rc = rs_error_set(err, RS_ERR_MISMATCH,
                              "%s: the index was built with another analyser configuration "
                              "(\"%s\"; this refsog has \"%s\"): re-index, or searches would "
                              "silently miss words",
                              indexes[i], v, rs_analyzer_fingerprint(s->an));
        free(v);
    }
    return rc;
}

RsStatus rs_searcher_open(const char *const *indexes, size_t n, RsSearcher **out, RsError *err) {
    *out = NULL;
    read_weights();
    RsSearcher *s = calloc(1, sizeof *s);
    if (!s) return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    s->n_indexes = n;
    s->paths = calloc(n ? n : 1, sizeof *s->paths);
    for (size_t i = 0; s->paths && i < n; i++) s->paths[i] = strdup(indexes[i]);
    RsStatus rc = rsx_db_open(indexes, n, 0, &s->db, err);
    if (rc == RS_OK) rc = rs_analyzer_open(NULL, &s->an, err);
    for (int attempt = 0; rc == RS_OK && attempt < RS_READ_ATTEMPTS; attempt++) {
        rc = check_shards(s, indexes, n, err);
        if (rc != RS_ERR_MODIFIED) break;
        backoff(attempt); /* a writer committed meanwhile: read again */
        rc = rsx_db_reopen(s->db, NULL, err);
    }
    if (rc != RS_OK) {
        rs_searcher_close(s);
        return rc;
    }
    *out = s;
    return RS_OK;
}

void rs_searcher_close(RsSearcher *s) {
    if (!s) return;
    rsx_db_close(s->db);
    rs_analyzer_close(s->an);
    for (size_t i = 0; s->paths && i < s->n_indexes; i++) free(s->paths[i]);
    free(s->paths);
    free(s);
}

RsStatus rs_searcher_reopen(RsSearcher *s, RsError *err) { return rsx_db_reopen(s->db, NULL, err); }

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
} Build;

/* Collect the owned queries of a combination and free them after. */
typedef struct {
    RsxQuery *q[64];
    size_t n;
} QList;

static void ql_free(QList *l) {
    for (size_t i = 0; i < l->n; i++) rsx_query_free(l->q[i]);
    l->n = 0;
}

static int ql_add(QList *l, RsxQuery *q) {
    if (!q) return 0;
    if (l->n == sizeof l->q / sizeof *l->q) {
        rsx_query_free(q);
        return 1; /* silently capped: a token has few forms */
    }
    l->q[l->n++] = q;
    return 1;
}

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
    QList l = {.n = 0};
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
        QList l = {.n = 0};
        ql_add(&l, q);
        TokCtx w = {.b = b, .field = n->field};
        rs_analyze(b->s->an, RS_MODE_QUERY, n->text, strlen(n->text), 0, on_query_token, &w, NULL, b->err);
        for (size_t i = 0; i < w.parts.n; i++) ql_add(&l, w.parts.q[i]);
        w.parts.n = 0;
        q = rsx_query_combine(RSX_OP_FILTER, l.q, l.n, 0, b->err);
        ql_free(&l);
    }
    return q;
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
    return rsx_query_expand_prefix(b->s->db, b->term.data, b->term.len, MAX_WILDCARD, b->err);
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
    QList pos = {.n = 0}, neg = {.n = 0};
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

static const char *const type_names[] = {"beslutning", "orientering", "drøftelse", "formalia", "lukket"};
static const char *const outcome_names[] = {"godkendt", "anbefalet", "orientering givet",
                                            "taget til efterretning", "udsat", "forkastet",
                                            "oversendt", "drøftet", "andet"};

/* Match a typed value against names, accent- and case-insensitively;
 * a unique prefix is enough ("efterretning" also matches by word). */
static const char *match_name(const char *v, const char *const *names, size_t n) {
    char kv[256], kn[256];
    rs_fold_key(v, strlen(v), kv, sizeof kv);
    const char *hit = NULL;
    int hits = 0;
    for (size_t i = 0; i < n; i++) {
        rs_fold_key(names[i], strlen(names[i]), kn, sizeof kn);
        if (!strcmp(kv, kn)) return names[i];
        if (!strncmp(kn, kv, strlen(kv)) || strstr(kn, kv)) hit = names[i], hits++;
    }
    return hits == 1 ? hit : NULL;
}

/* The boolean term for a filter value into b->term; RS_ERR_QUERY if the value is unknown. */
static RsStatus filter_term(Build *b, const RsQFilter *f) {
    char key[512];
    rs_buf_reset(&b->term);
    switch (f->facet) {
    case RS_FACET_KOMMUNE:
        rs_fold_key(f->value, strlen(f->value), key, sizeof key);
        return rs_term_makes(&b->term, RS_PREFIX_MUNICIPALITY, key, b->err);
    case RS_FACET_UDVALG: {
        char *k = rs_committee_key(f->value);
        if (!k) return rs_error_set(b->err, RS_ERR_NOMEM, "out of memory");
        RsStatus rc = rs_term_makes(&b->term, RS_PREFIX_COMMITTEE, k, b->err);
        free(k);
        return rc;
    }
    case RS_FACET_TYPE:
    case RS_FACET_UDFALD: {
        int is_type = f->facet == RS_FACET_TYPE;
        const char *name = is_type ? match_name(f->value, type_names, 5) : match_name(f->value, outcome_names, 9);
        if (!name)
            return rs_error_set(b->err, RS_ERR_QUERY, "malformed query: unknown %s '%s' (%s)",
                                is_type ? "type" : "outcome", f->value,
                                is_type ? "beslutning, orientering, drøftelse, formalia, lukket"
                                        : "godkendt, anbefalet, \"orientering givet\", \"taget til "
                                          "efterretning\", udsat, forkastet, oversendt, drøftet, andet");
        rs_buf_puts(&b->term, is_type ? RS_PREFIX_TYPE : RS_PREFIX_OUTCOME);
        rs_buf_puts(&b->term, name);
        return RS_OK;
    }
    case RS_FACET_KLE: {
        int g = -1, k = 0;
        if (sscanf(f->value, "%2d%n", &g, &k) != 1 || g < 0 || (f->value[k] && f->value[k] != ' ' && f->value[k] != '.'))
            return rs_error_set(b->err, RS_ERR_QUERY,
                                "malformed query: kle: takes a KLE main group number (e.g. kle:27)");
        char gs[8];
        snprintf(gs, sizeof gs, "%02d", g % 100);
        rs_buf_puts(&b->term, RS_PREFIX_KLE);
        rs_buf_puts(&b->term, gs);
        return RS_OK;
    }
    case RS_FACET_SAG: {
        size_t kl = rs_case_key(f->value, strlen(f->value), key, sizeof key);
        if (!kl)
            return rs_error_set(b->err, RS_ERR_QUERY, "malformed query: '%s' is not a case number",
                                f->value);
        rs_snippet_keys_add(&b->keys->cases, key, kl);
        return rs_term_make(&b->term, RS_PREFIX_CASE, key, kl, b->err);
    }
    default: return RS_OK;
    }
}

/* Wrap `q` with the filters: OR within a facet, AND across. Takes ownership of
 * `q`: on failure (b->rc set) it is freed and NULL returned. */
static RsxQuery *apply_filters(Build *b, RsxQuery *q, const RsQuery *pq) {
    QList per_facet = {.n = 0}, negs = {.n = 0};
    for (int f = 0; f < RS_FACET_COUNT && b->rc == RS_OK; f++) {
        QList alts = {.n = 0};
        for (size_t i = 0; i < pq->n_filters && b->rc == RS_OK; i++) {
            const RsQFilter *fl = &pq->filters[i];
            if ((int)fl->facet != f) continue;
            RsxQuery *t;
            if (fl->facet == RS_FACET_DATO) {
                char lo[16], hi[16];
                snprintf(lo, sizeof lo, "%08d", fl->from);
                snprintf(hi, sizeof hi, "%08d", fl->to);
                t = rsx_query_value_range(RS_SLOT_DATE, fl->from ? lo : NULL, fl->to ? hi : NULL, b->err);
            } else {
                if ((b->rc = filter_term(b, fl)) != RS_OK) break;
                t = rsx_query_term(b->term.data, b->term.len, 1, 0, b->err);
            }
            if (!t) { b->rc = RS_ERR_NOMEM; break; }
            ql_add(fl->negated ? &negs : &alts, t);
        }
        if (alts.n) ql_add(&per_facet, rsx_query_combine(RSX_OP_OR, alts.q, alts.n, 0, b->err));
        ql_free(&alts);
    }
    RsxQuery *res = q;
    if (b->rc == RS_OK && per_facet.n) {
        QList l = {.n = 0};
        ql_add(&l, res);
        for (size_t i = 0; i < per_facet.n; i++) l.q[l.n++] = per_facet.q[i];
        per_facet.n = 0;
        res = rsx_query_combine(RSX_OP_FILTER, l.q, l.n, 0, b->err);
        ql_free(&l);
    }
    if (b->rc == RS_OK && negs.n) {
        QList l = {.n = 0};
        ql_add(&l, res);
        ql_add(&l, rsx_query_combine(RSX_OP_OR, negs.q, negs.n, 0, b->err));
        res = rsx_query_combine(RSX_OP_AND_NOT, l.q, l.n, 0, b->err);
        ql_free(&l);
    }
    ql_free(&per_facet);
    ql_free(&negs);
    if (b->rc != RS_OK && res) {
        rsx_query_free(res);
        res = NULL;
    }
    return res;
}

/* ------------------------------------------------------------ results */

static json_t *facet_json(RsxMSet *m, size_t f) {
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

static const RsxFacetRequest facet_req[] = {{RS_SLOT_MUNICIPALITY, 0}, {RS_SLOT_COMMITTEES, 1},
                                            {RS_SLOT_YEAR, 0},         {RS_SLOT_TYPE, 0},
                                            {RS_SLOT_OUTCOMES, 1},     {RS_SLOT_KLE, 0}};
static const char *const facet_out[] = {"municipality", "committee", "year", "type", "outcome", "kle"};

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
    static const char *const copy[] = {"id", "source", "item", "title", "case", "municipality",
                                       "committee", "date", "type", "outcome", "closed"};
    for (size_t k = 0; k < sizeof copy / sizeof *copy; k++) {
        json_t *v = json_object_get(d, copy[k]);
        json_object_set(h, copy[k], v ? v : json_null());
    }
    if (snippets) {
        char *snip = NULL;
        RsError e2;
        if (rs_snippet(b->s->an, dd.text, dd.text_len, b->keys, SNIPPET_BYTES, &snip, &e2) == RS_OK)
            json_object_set_new(h, "snippet", json_string(snip));
        else
            json_object_set_new(h, "snippet", json_string(""));
        free(snip);
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

static RsStatus search_once(RsSearcher *s, const RsSearchRequest *req, json_t **out, RsError *err) {
    *out = NULL;
    RsQuery *pq;
    const char *qs = req->query ? req->query : "";
    RsStatus rc = rs_query_parse(qs, strlen(qs), &pq, err);
    if (rc != RS_OK) return rc;
    RsSnippetKeys keys = {0};
    Build b = {.s = s, .err = err, .rc = RS_OK, .keys = &keys};
    RsxQuery *core = pq->root ? build_node(&b, pq->root) : rsx_query_match_all(err);
    if (!core && b.rc == RS_OK) b.rc = err->code ? err->code : RS_ERR_NOMEM;
    RsxQuery *q = NULL;
    if (b.rc == RS_OK) q = apply_filters(&b, core, pq); /* takes core, also on failure */
    else rsx_query_free(core);
    size_t limit = req->limit ? (req->limit > MAX_LIMIT ? MAX_LIMIT : req->limit) : DEFAULT_LIMIT;
    RsxSearchOptions o = {.offset = req->offset, .limit = limit, .sort_slot = -1};
    if (req->sort != RS_SORT_RELEVANCE) {
        o.sort_slot = RS_SLOT_DATE;
        o.sort_descending = req->sort == RS_SORT_DATE_DESC;
    }
    if (!req->no_facets) {
        o.facets = facet_req;
        o.n_facets = sizeof facet_req / sizeof *facet_req;
    }
    RsxMSet *m = NULL;
    const char *fallback = NULL;
    if (b.rc == RS_OK) b.rc = rsx_search(s->db, q, &o, &m, err);
    if (b.rc == RS_OK && rsx_mset_matches_estimated(m) == 0 && plain_words(pq->root)) {
        /* Nothing matches every word: accept any of them, and say so. */
        QList alts = {.n = 0};
        for (size_t i = 0; i < pq->root->n_kids && b.rc == RS_OK; i++)
            if (!pq->root->kids[i]->negated) ql_add(&alts, build_node(&b, pq->root->kids[i]));
        RsxQuery *orq = rsx_query_combine(RSX_OP_OR, alts.q, alts.n, 0, err);
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
            json_t *h = hit_json(&b, m, i, !req->no_snippets);
            if (h) json_array_append_new(hits, h);
            else rc = err->code ? err->code : RS_ERR_NOMEM; /* e.g. RS_ERR_MODIFIED: retried */
        }
        json_object_set_new(res, "hits", hits);
        json_t *facets = json_object();
        for (size_t f = 0; f < sizeof facet_out / sizeof *facet_out; f++)
            json_object_set_new(facets, facet_out[f], o.n_facets ? facet_json(m, f) : json_array());
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

/* ------------------------------------------------------------ case, item, stats */

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

static int on_case_doc(void *ctx, RsxDocid id) {
    CaseCtx *c = ctx;
    char *data;
    size_t len;
    if ((c->rc = rsx_db_get_data(c->s->db, id, &data, &len, c->err)) != RS_OK) return 1;
    json_t *d = load_item(data, len, 0);
    free(data);
    if (!d) return 0;
    json_t *it = json_object();
    static const char *const copy[] = {"id", "date", "municipality", "committee", "item", "title",
                                       "case", "source", "type", "outcome", "decisions", "closed"};
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
    RsxSearchOptions o = {.limit = 0, .sort_slot = -1, .facets = facet_req,
                          .n_facets = sizeof facet_req / sizeof *facet_req};
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
    json_object_set_new(j, "municipalities", facet_json(m, 0));
    json_object_set_new(j, "committees", facet_json(m, 1));
    json_object_set_new(j, "years", facet_json(m, 2));
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

/* ------------------------------------------------------------ retries */

/* A writer that commits twice while we read discards the revision we read
 * (DatabaseModifiedError): reopen and run the whole request again. */
RsStatus rs_search(RsSearcher *s, const RsSearchRequest *req, json_t **out, RsError *err) {
    WITH_RETRY(search_once(s, req, out, err));
}

RsStatus rs_case_history(RsSearcher *s, const char *caseno, json_t **out, RsError *err) {
    WITH_RETRY(case_once(s, caseno, out, err));
}

RsStatus rs_item_get(RsSearcher *s, const char *id, json_t **out, RsError *err) {
    WITH_RETRY(item_once(s, id, out, err));
}

RsStatus rs_index_stats(RsSearcher *s, json_t **out, RsError *err) {
    WITH_RETRY(stats_once(s, out, err));
}
