/* qprefix.c — prefix queries (budget*, sagsfremstilling:budget*): the index's words with the
 * prefix, the most frequent first up to a cap said to the user, expanded here so remote shards
 * weigh alike. */
#include "qbuild.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"

/* A prefix expands to at most this many words (the most frequent); more are said in a note. */
#define MAX_WILDCARD 200

typedef RsQBuild Build;

/* The body's keys starting with a prefix, gathered for body_prefix_q. */
typedef struct {
    Build *b;
    size_t plen;           /* bytes of the term prefix (Z, F, P, SS or none) to skip */
    int exact;             /* from the exact forms: only those standing in for their stem */
    GHashTable *index;     /* key → 1 + its place in sums */
    GArray *sums;          /* summed term frequency per key */
} KeyScan;

static int on_key(void *ctx, const char *term, size_t len, unsigned count) {
    KeyScan *k = ctx;
    if (len <= k->plen || len - k->plen >= 240) return 0;
    char key[240];
    memcpy(key, term + k->plen, len - k->plen);
    key[len - k->plen] = 0;
    if (k->exact && !rs_analyzer_stem_is_norm(k->b->s->an, key, len - k->plen)) return 0;
    gpointer v = g_hash_table_lookup(k->index, key);
    if (v) {
        g_array_index(k->sums, unsigned, GPOINTER_TO_UINT(v) - 1) += count;
    } else {
        g_array_append_val(k->sums, count);
        g_hash_table_insert(k->index, g_strdup(key), GUINT_TO_POINTER(k->sums->len));
    }
    return 0;
}

typedef struct {
    const char *key;
    unsigned freq;
} KeyFreq;

static int by_freq(const void *x, const void *y) {
    const KeyFreq *a = x, *b = y;
    return a->freq != b->freq ? (a->freq < b->freq ? 1 : -1) : strcmp(a->key, b->key);
}

/* sagsfremstilling:pre* — the body's keys starting with `pre` (the item's stems, folding keys
 * and parts, and the body's copies), the `max` most frequent, each as rs_qbuild_body_key; *n_all gets how
 * many there were. */
static RsxQuery *body_prefix_q(Build *b, const char *pre, unsigned max, size_t *n_terms, size_t *n_all) {
    static const char *const from[] = {RS_PREFIX_STEM, RS_PREFIX_FOLD, RS_PREFIX_PART, RS_PREFIX_SEC_CASE, ""};
    KeyScan k = {b, 0, 0, g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL),
                 g_array_new(FALSE, FALSE, sizeof(unsigned))};
    RsStatus rc = RS_OK;
    RsBuf t = {0};
    for (size_t i = 0; rc == RS_OK && i < sizeof from / sizeof *from; i++) {
        rs_buf_reset(&t);
        rs_buf_puts(&t, from[i]);
        rs_buf_puts(&t, pre);
        k.plen = strlen(from[i]);
        k.exact = !*from[i];
        rc = t.data ? rsx_db_allterms(b->s->db, t.data, on_key, &k, b->err)
                    : rs_error_set(b->err, RS_ERR_NOMEM, "out of memory");
    }
    rs_buf_free(&t);
    size_t n = g_hash_table_size(k.index);
    KeyFreq *all = rc == RS_OK ? calloc(n + 1, sizeof *all) : NULL;
    if (rc == RS_OK && !all) rc = rs_error_set(b->err, RS_ERR_NOMEM, "out of memory");
    RsxQuery *q = NULL;
    if (rc == RS_OK) {
        GHashTableIter it;
        gpointer key, v;
        size_t i = 0;
        g_hash_table_iter_init(&it, k.index);
        while (g_hash_table_iter_next(&it, &key, &v))
            all[i++] = (KeyFreq){key, g_array_index(k.sums, unsigned, GPOINTER_TO_UINT(v) - 1)};
        qsort(all, n, sizeof *all, by_freq);
        QList l = {0};
        size_t use = n < max ? n : max;
        for (i = 0; i < use; i++) ql_add(&l, rs_qbuild_body_key(b, (RsSpan){all[i].key, strlen(all[i].key)}));
        q = l.oom ? NULL : l.n ? rsx_query_combine(RSX_OP_OR, l.q, l.n, 0, b->err) : rsx_query_match_nothing(b->err);
        if (l.oom) b->rc = rs_error_set(b->err, RS_ERR_NOMEM, "out of memory");
        ql_free(&l);
        *n_terms = use;
        *n_all = n;
    } else {
        b->rc = rc;
    }
    free(all);
    g_hash_table_destroy(k.index);
    g_array_free(k.sums, TRUE);
    return q;
}

RsxQuery *rs_qbuild_prefix(Build *b, const RsQNode *n) {
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
    const char *fp = rs_qbuild_field_prefix(n->field);
    rs_buf_reset(&b->term);
    if (fp) rs_buf_puts(&b->term, fp);
    rs_buf_puts(&b->term, low);
    rs_snippet_keys_add(&b->keys->exact, low, ll);
    if (!b->expansion_left) {
        rs_error_set(b->err, RS_ERR_QUERY,
                     "malformed query: the prefixes (…*) match more than %d words in all: use "
                     "longer or fewer prefixes", RS_MAX_EXPANSION);
        return NULL;
    }
    size_t n_terms = 0;
    unsigned max = b->expansion_left < MAX_WILDCARD ? (unsigned)b->expansion_left : MAX_WILDCARD;
    size_t n_all = 0;
    RsxQuery *q = fp && !strcmp(fp, RS_PREFIX_SEC_CASE)
                      ? body_prefix_q(b, low, max, &n_terms, &n_all)
                      : rsx_query_expand_prefix(b->s->db, b->term.data, b->term.len, max, &n_terms, &n_all, b->err);
    if (q && n_all > n_terms && b->notes) { /* capped: said, never silently */
        RsBuf m = {0};
        rs_buf_printf(&m, "%s* passer på %zu ord; kun de %zu hyppigste er søgt med (skriv flere bogstaver)",
                      n->text, n_all, n_terms);
        char **v = m.data ? realloc(b->notes->v, (b->notes->n + 1) * sizeof *v) : NULL;
        if (v) {
            b->notes->v = v;
            v[b->notes->n++] = rs_buf_steal(&m);
        }
        rs_buf_free(&m);
    }
    b->expansion_left -= n_terms < b->expansion_left ? n_terms : b->expansion_left;
    if (q && rs_qbuild_out_of_time(b)) {
        rsx_query_free(q);
        return NULL;
    }
    return q;
}

