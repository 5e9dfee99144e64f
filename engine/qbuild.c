/* qbuild.c — the query tree (engine/query.h) to a Xapian query: each word through the analyser,
 * its forms weighted, phrases, case numbers, groups and the facet filters (prefixes: qprefix.c). */
#include "qbuild.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "analyzer.h"
#include "buf.h"
#include "schema.h"
#include "terms.h"

/* Relative weights of the forms a query word matches (tuned on the judged
 * queries of tests/relevance; see docs/relevance.md). W_WORD: the word's stem (or lemma), which
 * every inflected form has; W_PART: the stem as a part inside a compound, as much as the word
 * itself (an item that says »Integrationsindsatsen« eleven times is about integration);
 * W_EXACT: the exact form on top, a small bonus so the word as typed wins a tie; W_NUMBER: a
 * number or other non-word token's exact form; W_FOLD: the word's folding key (æ/ø/å typed as
 * a/o or aa/ae/oe); W_SPLIT: a compound typed whole, met by its parts apart, below the whole
 * word's forms; W_CASE: a case number. */
static double W_WORD = 1.0, W_EXACT = 0.05, W_FOLD = 0.4, W_PART = 1.0, W_SPLIT = 0.3, W_CASE = 3.0;
static const double W_NUMBER = 1.0;
/* a case number typed without its letter prefix, against numbers that have one */
static const double W_CASE_BARE = 0.5;


/* ------------------------------------------------------------ weights */

/* RS_WEIGHTS="word,exact,fold,part,split,case" overrides the weights, for tuning runs
 * (tests/relevance/eval.py); not meant for production. */
void rs_search_read_weights(void) {
    const char *w = getenv("RS_WEIGHTS");
    double v[6];
    if (w && sscanf(w, "%lf,%lf,%lf,%lf,%lf,%lf", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5]) == 6) {
        W_WORD = v[0];
        W_EXACT = v[1];
        W_FOLD = v[2];
        W_PART = v[3];
        W_SPLIT = v[4];
        W_CASE = v[5];
    }
}

/* ------------------------------------------------------------ building queries */

typedef RsQBuild Build;

/* q scaled by `scale` (q itself at 1.0); takes q. NULL when q is NULL or out of memory. */
static RsxQuery *scaled(Build *b, RsxQuery *q, double scale) {
    if (!q || scale == 1.0) return q;
    RsxQuery *sc = rsx_query_scale(q, scale, b->err);
    rsx_query_free(q);
    return sc;
}

static RsxQuery *term_q(Build *b, const char *prefix, RsSpan s, double scale) {
    if (rs_term_make(&b->term, prefix, s.s, s.len, b->err) != RS_OK) return NULL;
    return scaled(b, rsx_query_term(b->term.data, b->term.len, 1, 0, b->err), scale);
}

/* The stem term of `key` (RS_PREFIX_STEM): where the index left it out because the exact form
 * is the same word (rs_analyzer_stem_is_norm), the exact form too, as one term (a synonym: the
 * two together weigh what the stem term alone used to). */
static RsxQuery *stem_q(Build *b, RsSpan key, double scale) {
    if (!rs_analyzer_stem_is_norm(b->s->an, key.s, key.len)) return term_q(b, RS_PREFIX_STEM, key, scale);
    RsxQuery *two[2] = {term_q(b, RS_PREFIX_STEM, key, 1.0), term_q(b, RS_PREFIX_EXACT, key, 1.0)};
    RsxQuery *syn = two[0] && two[1] ? rsx_query_combine(RSX_OP_SYNONYM, two, 2, 0, b->err) : NULL;
    rsx_query_free(two[0]);
    rsx_query_free(two[1]);
    return scaled(b, syn, scale);
}

/* The sections that keep a copy of every key; the body (RS_PREFIX_SEC_CASE) keeps only the keys
 * one of these also has (index/itemdoc.c). */
static const char *const OTHER_SECTIONS[] = {RS_PREFIX_SEC_TITLE, RS_PREFIX_SEC_RESUME, RS_PREFIX_SEC_PROPOSAL,
                                             RS_PREFIX_SEC_DECISION, RS_PREFIX_SEC_ATTACH};

/* sagsfremstilling:key — the body has the key when it has a copy (the key is in another section
 * too), or when the item has the key (as a stem, folding key or part) and no other section has
 * it (then every occurrence is in the body, so the forms' wdf is the body's count). */
RsxQuery *rs_qbuild_body_key(Build *b, RsSpan key) {
    QList any = {0}, other = {0}, arms = {0};
    ql_add(&any, stem_q(b, key, 1.0));
    ql_add(&any, term_q(b, RS_PREFIX_FOLD, key, 1.0));
    ql_add(&any, term_q(b, RS_PREFIX_PART, key, 1.0));
    for (size_t i = 0; i < sizeof OTHER_SECTIONS / sizeof *OTHER_SECTIONS; i++)
        ql_add(&other, term_q(b, OTHER_SECTIONS[i], key, 1.0));
    RsxQuery *pair[2] = {any.oom ? NULL : rsx_query_combine(RSX_OP_SYNONYM, any.q, any.n, 0, b->err),
                         other.oom ? NULL : rsx_query_combine(RSX_OP_OR, other.q, other.n, 0, b->err)};
    ql_add(&arms, pair[0] && pair[1] ? rsx_query_combine(RSX_OP_AND_NOT, pair, 2, 0, b->err) : NULL);
    rsx_query_free(pair[0]);
    rsx_query_free(pair[1]);
    ql_add(&arms, term_q(b, RS_PREFIX_SEC_CASE, key, 1.0));
    /* one term again: the arms never meet in one item, and a synonym weighs them with one
     * frequency, as the copy alone was */
    RsxQuery *q = arms.oom ? NULL : rsx_query_combine(RSX_OP_SYNONYM, arms.q, arms.n, 0, b->err);
    ql_free(&any);
    ql_free(&other);
    ql_free(&arms);
    return q;
}

/* field:key — the section's copy of the key. */
static RsxQuery *field_q(Build *b, const char *fp, RsSpan key) {
    return strcmp(fp, RS_PREFIX_SEC_CASE) ? term_q(b, fp, key, 1.0) : rs_qbuild_body_key(b, key);
}

const char *rs_qbuild_field_prefix(RsQField f) {
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

/* Whether the normalised word has æ, ø or å. Can't fail. */
static int has_danish_letter(RsSpan w) {
    for (size_t i = 0; i + 1 < w.len; i++)
        if ((unsigned char)w.s[i] == 0xC3 &&
            ((unsigned char)w.s[i + 1] == 0xA6 || (unsigned char)w.s[i + 1] == 0xB8 || (unsigned char)w.s[i + 1] == 0xA5))
            return 1;
    return 0;
}

/* The word's spelling without æ/ø/å (æ → ae, ø → oe, å → aa), as an exact form at the folding
 * weight: older texts and names write them so. */
static void spelled_without(Build *b, QList *l, RsSpan w) {
    RsBuf v = {0};
    for (size_t i = 0; i < w.len; i++) {
        unsigned char c = (unsigned char)w.s[i], d = i + 1 < w.len ? (unsigned char)w.s[i + 1] : 0;
        if (c == 0xC3 && d == 0xA6) rs_buf_puts(&v, "ae"), i++;
        else if (c == 0xC3 && d == 0xB8) rs_buf_puts(&v, "oe"), i++;
        else if (c == 0xC3 && d == 0xA5) rs_buf_puts(&v, "aa"), i++;
        else rs_buf_putc(&v, (char)c);
    }
    if (v.data) ql_add(l, term_q(b, RS_PREFIX_EXACT, (RsSpan){v.data, v.len}, W_FOLD));
    else l->oom = 1;
    rs_buf_free(&v);
}

/* A compound's parts, each as a word or as part of another compound, all of them (AND), scaled
 * below the whole word so exact matches stay first. A compound typed without æ/ø/å (`danish` 0)
 * meets its parts through their folding keys too, as a word typed so does (okonomiudvalget →
 * økonomi … udvalget). */
static RsxQuery *parts_q(Build *b, const RsToken *t, int danish) {
    QList all = {0};
    for (size_t i = 0; i < t->n_parts; i++) {
        QList one = {0};
        ql_add(&one, stem_q(b, t->parts[i], 1.0));
        ql_add(&one, term_q(b, RS_PREFIX_PART, t->parts[i], 1.0));
        if (!danish) ql_add(&one, term_q(b, RS_PREFIX_FOLD, t->parts[i], 1.0));
        rs_snippet_keys_add(&b->keys->stems, t->parts[i].s, t->parts[i].len);
        ql_add(&all, one.oom ? NULL : rsx_query_combine(RSX_OP_OR, one.q, one.n, 0, b->err));
        ql_free(&one);
    }
    RsxQuery *and = all.oom || all.n != t->n_parts ? NULL : rsx_query_combine(RSX_OP_AND, all.q, all.n, 0, b->err);
    ql_free(&all);
    return scaled(b, and, W_SPLIT);
}

/* A compound typed whole is also searched as its parts apart (parts_q) only while the index has
 * the whole word in fewer items than this. Where it has it in many, the items with its parts
 * apart are mostly ones that name each part somewhere for its own sake (»dagtilbud« → a »dag« in
 * one sentence, a »tilbud« in another): they swelled the count and the facet counts with items
 * ranked below every real match, and reading the parts' long lists was a two-word query's main
 * cost at 1M items (docs/index-size-plan.md "Twenty-third session"). A rare or absent compound
 * (»hygiejnestrategi« for minutes that say »strategi for hygiejne«) still meets its parts. */
#define SPLIT_BELOW_ITEMS 100

/* Whether the index has one of the terms a word's query asks for its own forms (token_q: the
 * stem, or the exact form standing in for it; the stem as a compound part; for a word typed
 * without æ/ø/å the folding key, and its stem and part) in at least SPLIT_BELOW_ITEMS live items:
 * then the word has at least that many matches without its parts apart. 1 or 0; -1 when a term
 * frequency cannot be read (b->rc and b->err set). */
static int whole_is_common(Build *b, const RsToken *t, int danish) {
    RsSpan fold = t->fold.s ? t->fold : t->stem;
    struct {
        const char *prefix;
        RsSpan key;
        int on;
    } forms[] = {
        {RS_PREFIX_STEM, t->stem, 1},
        {RS_PREFIX_EXACT, t->stem, rs_analyzer_stem_is_norm(b->s->an, t->stem.s, t->stem.len)},
        {RS_PREFIX_PART, t->stem, 1},
        {RS_PREFIX_FOLD, fold, !danish},
        {RS_PREFIX_STEM, t->fold, t->fold.s && !danish},
        {RS_PREFIX_EXACT, t->fold, t->fold.s && !danish && rs_analyzer_stem_is_norm(b->s->an, t->fold.s, t->fold.len)},
        {RS_PREFIX_PART, t->fold, t->fold.s && !danish},
    };
    for (size_t i = 0; i < sizeof forms / sizeof *forms; i++) {
        if (!forms[i].on) continue;
        int common = 0;
        RsStatus rc = rs_term_make(&b->term, forms[i].prefix, forms[i].key.s, forms[i].key.len, b->err);
        if (rc == RS_OK)
            rc = rsx_db_termfreq_at_least(b->s->db, b->term.data, b->term.len, SPLIT_BELOW_ITEMS, &common, b->err);
        if (rc != RS_OK) {
            b->rc = rc;
            return -1;
        }
        if (common) return 1;
    }
    return 0;
}

/* The query for one analysed token (not a sub-token). */
static RsxQuery *token_q(Build *b, const RsToken *t, RsQField field) {
    QList l = {0};
    RsxQuery *exact = NULL; /* a word's exact form: weighs on top of the rest, matches nothing more */
    int failed = 0;         /* b->rc and b->err already say why */
    const char *fp = rs_qbuild_field_prefix(field);
    if (t->kind == RS_TOK_CASENO) {
        rs_snippet_keys_add(&b->keys->cases, t->case_key.s, t->case_key.len);
        ql_add(&l, term_q(b, RS_PREFIX_CASE, t->case_key, W_CASE));
        /* typed without a letter prefix ("24/1629"): also the numbers that have one
         * (EMN-24/0001629), below an exact case */
        if (t->case_key.len && t->case_key.s[0] >= '0' && t->case_key.s[0] <= '9')
            ql_add(&l, term_q(b, RS_PREFIX_CASE_BARE, t->case_key, W_CASE * W_CASE_BARE));
    } else if (fp) {
        ql_add(&l, field_q(b, fp, t->stem));
        if (t->fold.s) ql_add(&l, field_q(b, fp, t->fold));
        rs_snippet_keys_add(&b->keys->stems, t->stem.s, t->stem.len);
    } else {
        rs_snippet_keys_add(&b->keys->exact, t->norm.s, t->norm.len);
        if (t->kind != RS_TOK_WORD) ql_add(&l, term_q(b, RS_PREFIX_EXACT, t->norm, W_NUMBER));
        else if (!(exact = term_q(b, RS_PREFIX_EXACT, t->norm, W_EXACT))) l.oom = 1;
        if (t->kind == RS_TOK_WORD) {
            /* A word typed with æ/ø/å names its letters: its folding key (Ærø → "aro") would
             * also meet other words (Aarøe); instead its spellings without them (å → aa, æ →
             * ae, ø → oe: Århus meets Aarhus). A word typed without them meets the documents
             * that have them through the folding key (okonomi → økonomi). */
            int danish = has_danish_letter(t->norm);
            RsSpan fold = t->fold.s ? t->fold : t->stem;
            rs_snippet_keys_add(&b->keys->stems, t->stem.s, t->stem.len);
            if (!danish) rs_snippet_keys_add(&b->keys->folds, fold.s, fold.len);
            /* the word's stem (or lemma) and the stem as a compound part, at the word's weight;
             * OR'ed, not one synonym: Xapian cannot skip in a synonym of long lists (a frequent
             * word's top 10 at 1M items took 4× as long; docs/relevance.md) */
            ql_add(&l, stem_q(b, t->stem, W_WORD));
            ql_add(&l, term_q(b, RS_PREFIX_PART, t->stem, W_PART));
            if (!danish) ql_add(&l, term_q(b, RS_PREFIX_FOLD, fold, W_FOLD));
            else spelled_without(b, &l, t->norm);
            /* a word typed without æ/ø/å also meets documents that had none */
            if (t->fold.s && !danish) ql_add(&l, stem_q(b, t->fold, W_FOLD));
            /* parts are indexed with their folding key too */
            if (t->fold.s && !danish) ql_add(&l, term_q(b, RS_PREFIX_PART, t->fold, W_PART * W_FOLD));
            /* a compound typed whole also meets its parts written apart or in other compounds
             * ("ungdomsmisbrug" → ungdom … misbrug), below the whole word, while the index has
             * the whole word in few items */
            int common = t->n_parts >= 2 ? whole_is_common(b, t, danish) : 1;
            if (common < 0) failed = 1;
            else if (!common) ql_add(&l, parts_q(b, t, danish));
        }
    }
    if (l.oom || failed) {
        ql_free(&l);
        rsx_query_free(exact);
        if (!failed) b->rc = rs_error_set(b->err, RS_ERR_NOMEM, "out of memory");
        return NULL;
    }
    RsxQuery *q = l.n == 1 ? l.q[0] : rsx_query_combine(RSX_OP_OR, l.q, l.n, 0, b->err);
    if (l.n == 1) l.n = 0;
    ql_free(&l);
    /* Every item with the exact form has its stem too (index/itemdoc.c adds both for each word
     * that is not a stopword, and stopwords never get here), so the exact form only adds weight:
     * AND_MAYBE answers as OR would, without merging the exact form's list into the rest (a
     * frequent word's top 10 at 1M items −4 %, two words −6 %: docs/benchmarks.md "Nineteenth session"). */
    if (exact && q) {
        RsxQuery *two[2] = {q, exact};
        q = rsx_query_combine(RSX_OP_AND_MAYBE, two, 2, 0, b->err);
        rsx_query_free(two[0]);
    }
    rsx_query_free(exact);
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
    GArray *pw;        /* PhraseWord of each entry of `phrase`, when the pair terms are wanted */
    RsBuf pw_text;     /* their exact forms */
} TokCtx;

/* A word of a phrase: its exact form (pw_text[off, off + len)) and whether it is a stopword. */
typedef struct {
    size_t off, len;
    int stop;
} PhraseWord;

static int on_query_token(void *ctx, const RsToken *t) {
    TokCtx *c = ctx;
    Build *b = c->b;
    if (c->is_phrase) {
        /* phrase: exact forms, sub-tokens in place of their whole */
        if (t->flags & RS_TOKF_SUBTOKEN) {
            if (c->have_pending && c->phrase.n && !c->pending_has_subs) {
                rsx_query_free(c->phrase.q[--c->phrase.n]);
                if (c->pw && c->pw->len) g_array_set_size(c->pw, c->pw->len - 1);
                c->pending_has_subs = 1;
            }
        } else {
            c->have_pending = 1;
            c->pending_has_subs = 0;
            if (t->kind == RS_TOK_CASENO)
                rs_snippet_keys_add(&b->keys->cases, t->case_key.s, t->case_key.len);
        }
        rs_snippet_keys_add(&b->keys->exact, t->norm.s, t->norm.len);
        if (ql_add(&c->phrase, term_q(b, RS_PREFIX_EXACT, t->norm, 1.0)) && c->pw) {
            PhraseWord w = {c->pw_text.len, t->norm.len, (t->flags & RS_TOKF_STOPWORD) != 0};
            if (rs_buf_append(&c->pw_text, t->norm.s, t->norm.len) != RS_OK) c->phrase.oom = 1;
            g_array_append_val(c->pw, w);
        }
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

/* "2020-26746", "2024/19506": a year and a serial typed without the letter prefix of the case
 * number they end (S2020-26746, mig-a-2024-19506); its bare key in key ("2020-26746"), else 0.
 * Not a case number on its own (a number range reads the same), so it is only looked up among
 * the bare keys, beside the words. Can't fail. */
static size_t year_serial(const char *t, char *key, size_t cap) {
    size_t i = 0, n = strlen(t);
    while (i < n && t[i] >= '0' && t[i] <= '9') i++;
    if (i != 4 || i + 1 >= n || !strchr("-/. ", t[i])) return 0;
    size_t j = i + 1;
    while (j < n && t[j] == '0') j++; /* zero padding goes, as in every case key */
    size_t d = j;
    while (d < n && t[d] >= '0' && t[d] <= '9') d++;
    if (d != n || n - (i + 1) < 3 || d == j || 4 + 1 + (d - j) + 1 > cap) return 0;
    memcpy(key, t, 4);
    key[4] = '-';
    memcpy(key + 5, t + j, d - j);
    key[5 + d - j] = '\0';
    return 5 + d - j;
}

static RsxQuery *word_q_plain(Build *b, const RsQNode *n);

static RsxQuery *word_q(Build *b, const RsQNode *n) {
    int is_case = 0;
    RsxQuery *cq = n->field ? NULL : case_q(b, n->text, &is_case);
    if (is_case) return cq;
    char ys[64];
    size_t yl = n->field ? 0 : year_serial(n->text, ys, sizeof ys);
    if (yl) { /* the words as typed, or the case number they end */
        RsxQuery *words = word_q_plain(b, n);
        rs_snippet_keys_add(&b->keys->cases, ys, yl);
        RsxQuery *bare = term_q(b, RS_PREFIX_CASE_BARE, (RsSpan){ys, yl}, W_CASE * W_CASE_BARE);
        RsxQuery *pair[] = {words, bare};
        RsxQuery *q = words && bare ? rsx_query_combine(RSX_OP_OR, pair, 2, 0, b->err) : NULL;
        rsx_query_free(words);
        rsx_query_free(bare);
        if (!q && b->rc == RS_OK) b->rc = b->err->code ? b->err->code : RS_ERR_NOMEM;
        return q;
    }
    return word_q_plain(b, n);
}

/* A word's query: its analysed tokens (a compound's parts, stopwords as exact forms). */
static RsxQuery *word_q_plain(Build *b, const RsQNode *n) {
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

/* The phrase of c's words, with the pair term of each two neighbouring stopwords (index/schema.h
 * RS_PREFIX_PAIR: a shard whose items all have them checks only the items having these). NULL
 * with *rc set on failure. */
static RsxQuery *phrase_of(Build *b, TokCtx *c, RsStatus *rc) {
    const PhraseWord *w = (const PhraseWord *)(void *)c->pw->data;
    size_t n = c->pw->len == c->phrase.n ? c->phrase.n : 0; /* else (out of memory) none */
    RsBuf terms = {0};
    size_t offs[64], lens[64], k = 0; /* past 64 pairs, the rest are not looked for: a looser filter */
    for (size_t i = 0; i + 1 < n && k < sizeof offs / sizeof *offs; i++) {
        if (!w[i].stop || !w[i + 1].stop) continue;
        if (rs_term_pair(&b->term, c->pw_text.data + w[i].off, w[i].len, c->pw_text.data + w[i + 1].off,
                         w[i + 1].len, b->err) != RS_OK ||
            rs_buf_append(&terms, b->term.data, b->term.len) != RS_OK) {
            *rc = rs_error_set(b->err, RS_ERR_NOMEM, "out of memory");
            rs_buf_free(&terms);
            return NULL;
        }
        offs[k] = terms.len - b->term.len;
        lens[k++] = b->term.len;
    }
    const char *ptrs[64];
    for (size_t i = 0; i < k; i++) ptrs[i] = terms.data + offs[i];
    RsxQuery *q = rsx_query_phrase(c->phrase.q, c->phrase.n, ptrs, lens, k, b->err);
    rs_buf_free(&terms);
    if (!q) *rc = b->err->code ? b->err->code : RS_ERR_NOMEM;
    return q;
}

static RsxQuery *phrase_q(Build *b, const RsQNode *n) {
    /* "EMN 24 1629" in quotes: a case number typed with spaces */
    int is_case = 0;
    RsxQuery *cq = n->field ? NULL : case_q(b, n->text, &is_case);
    if (is_case) return cq;
    TokCtx c = {.b = b, .field = n->field, .is_phrase = 1, .pw = g_array_new(FALSE, FALSE, sizeof(PhraseWord))};
    RsStatus rc = rs_analyze(b->s->an, RS_MODE_QUERY, n->text, strlen(n->text), 0,
                             on_query_token, &c, NULL, b->err);
    if (rc == RS_OK && c.phrase.oom) rc = rs_error_set(b->err, RS_ERR_NOMEM, "out of memory");
    RsxQuery *q = NULL;
    if (rc == RS_OK && c.phrase.n == 0) q = rsx_query_match_nothing(b->err);
    else if (rc == RS_OK && c.phrase.n == 1) q = c.phrase.q[0], c.phrase.n = 0;
    else if (rc == RS_OK) q = phrase_of(b, &c, &rc);
    ql_free(&c.phrase);
    g_array_free(c.pw, TRUE);
    rs_buf_free(&c.pw_text);
    if (rc != RS_OK) { b->rc = rc; return NULL; }
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

double rs_now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Whether the request's time budget is spent; then b->err says so (RS_ERR_TIMEOUT). */
int rs_qbuild_out_of_time(Build *b) {
    if (!b->deadline || rs_now_s() < b->deadline) return 0;
    rs_error_set(b->err, RS_ERR_TIMEOUT,
                 "søgningen tog for lang tid (mere end %g s): gør den mere præcis, med færre "
                 "ord med * og flere ord eller filtre", b->budget);
    b->rc = RS_ERR_TIMEOUT;
    return 1;
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

RsxQuery *rs_qbuild_any_word(Build *b, const RsQNode *n) {
    b->expansion_left = RS_MAX_EXPANSION;
    QList alts = {0}, nots = {0};
    for (size_t i = 0; i < n->n_kids && b->rc == RS_OK; i++) /* a negated kid is built as the word */
        ql_add(n->kids[i]->negated ? &nots : &alts, rs_qbuild_node(b, n->kids[i]));
    RsxQuery *q = alts.oom || nots.oom || b->rc != RS_OK ? NULL : rsx_query_combine(RSX_OP_OR, alts.q, alts.n, 0, b->err);
    if (q && nots.n) {
        RsxQuery *pair[2] = {q, rsx_query_combine(RSX_OP_OR, nots.q, nots.n, 0, b->err)};
        q = pair[1] ? rsx_query_combine(RSX_OP_AND_NOT, pair, 2, 0, b->err) : NULL;
        rsx_query_free(pair[0]);
        rsx_query_free(pair[1]);
    }
    ql_free(&alts);
    ql_free(&nots);
    if (!q && b->rc == RS_OK) b->rc = b->err->code ? b->err->code : RS_ERR_NOMEM;
    return q;
}

int rs_qbuild_has_case(const RsQNode *n) {
    if (!n || n->kind != RS_QN_AND) return 0;
    char key[256];
    for (size_t i = 0; i < n->n_kids; i++) {
        const RsQNode *k = n->kids[i];
        if (case_span(n, i)) return 1;
        if (k->kind == RS_QN_WORD && !k->field && k->text && rs_case_key(k->text, strlen(k->text), key, sizeof key))
            return 1;
    }
    return 0;
}

RsxQuery *rs_qbuild_node(Build *b, const RsQNode *n) {
    switch (n->kind) {
    case RS_QN_WORD: return word_q(b, n);
    case RS_QN_PHRASE: return phrase_q(b, n);
    case RS_QN_PREFIX: return rs_qbuild_prefix(b, n);
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
        RsxQuery *k = rs_qbuild_node(b, n->kids[i]);
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

RsxQuery *rs_qbuild_filters(Build *b, RsxQuery *q, const RsQuery *pq) {
    RsFilterCtx c = {&b->term, b->keys, b->err, RS_OK};
    RsxQuery *r = rs_apply_filters(q, pq, &c);
    if (c.rc != RS_OK) b->rc = c.rc;
    return r;
}

void rs_qbuild_free(RsQBuild *b) {
    if (b) rs_buf_free(&b->term);
}
