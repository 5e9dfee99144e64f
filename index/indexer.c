/* indexer.c — minutes files into Xapian documents, one per agenda item, in atomic batches. */
#include "indexer.h"
#include "docdata.h"
#include "wordcount.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer.h"
#include "buf.h"
#include "referat.h"
#include "schema.h"
#include "source.h"
#include "walk.h"
#include "xapian_shim.h"

#define DEFAULT_BATCH (2u << 20) /* measured: 32 MiB batches were ~15 % slower and used 2.3x the memory */
#define SECTION_GAP 10 /* positions between sections, so phrases do not cross them */

struct RsIndexer {
    RsxWritable *db;
    RsAnalyzer *an;
    RsIndexerOptions opts;
    RsIndexerTotals totals;
    size_t pending_bytes;
    int in_txn;
    RsBuf term; /* scratch for building prefixed terms */
    RsWordCount *spell; /* this batch's spelling words, added to Xapian at commit */
};

/* ------------------------------------------------------------ open/close */

static RsStatus check_meta(RsIndexer *ix, const char *key, const char *want, const char *what,
                           const char *dir, RsError *err) {
    char *v;
    size_t len;
    RsStatus rc = rsx_writable_get_metadata(ix->db, key, &v, &len, err);
    if (rc != RS_OK) return rc;
    if (len == 0) {
        free(v);
        return rsx_writable_set_metadata(ix->db, key, want, strlen(want), err);
    }
    int same = !strcmp(v, want);
    if (!same)
        rs_error_set(err, RS_ERR_MISMATCH,
                     "%s: the index was built with another %s (\"%s\", this refsog has \"%s\"); "
                     "re-index into a new directory",
                     dir, what, v, want);
    free(v);
    return same ? RS_OK : RS_ERR_MISMATCH;
}

RsStatus rs_indexer_open(const char *dir, const RsIndexerOptions *opts, RsIndexer **out,
                         RsError *err) {
    *out = NULL;
    RsIndexer *ix = calloc(1, sizeof *ix);
    if (!ix) return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    if (opts) ix->opts = *opts;
    if (!ix->opts.batch_bytes) ix->opts.batch_bytes = DEFAULT_BATCH;
    RsStatus rc = rs_wordcount_new(&ix->spell, err);
    if (rc == RS_OK) rc = rs_analyzer_open(NULL, &ix->an, err);
    if (rc == RS_OK) {
        rc = rsx_writable_open(dir, ix->opts.scratch ? RSX_CREATE_SCRATCH : RSX_CREATE_OR_OPEN, &ix->db, err);
        if (rc != RS_OK) rs_error_prefix(err, "%s", dir);
    }
    if (rc == RS_OK) rc = check_meta(ix, RS_META_SCHEMA, RS_SCHEMA_VERSION, "schema version", dir, err);
    if (rc == RS_OK)
        rc = check_meta(ix, RS_META_FINGERPRINT, rs_analyzer_fingerprint(ix->an),
                        "analyser configuration", dir, err);
    if (rc != RS_OK) {
        RsError ignore;
        rsx_writable_close(ix->db, &ignore);
        rs_analyzer_close(ix->an);
        rs_wordcount_free(ix->spell);
        free(ix);
        return rc;
    }
    *out = ix;
    return RS_OK;
}

static RsStatus begin_if_needed(RsIndexer *ix, RsError *err) {
    if (ix->in_txn) return RS_OK;
    RsStatus rc = rsx_writable_begin(ix->db, 1, err);
    if (rc == RS_OK) ix->in_txn = 1;
    return rc;
}

typedef struct {
    RsxWritable *db;
    RsError *err;
    RsStatus rc;
} SpellCtx;

static int add_word(void *ctx, const char *w, size_t len, unsigned count) {
    SpellCtx *s = ctx;
    s->rc = rsx_writable_add_spelling(s->db, w, len, count, s->err);
    return s->rc != RS_OK;
}

/* Hand the batch's spelling counts to Xapian (inside the open transaction). */
static RsStatus flush_spelling(RsIndexer *ix, RsError *err) {
    SpellCtx sc = {ix->db, err, RS_OK};
    rs_wordcount_each(ix->spell, add_word, &sc);
    rs_wordcount_clear(ix->spell);
    return sc.rc;
}

RsStatus rs_indexer_commit(RsIndexer *ix, RsError *err) {
    if (!ix->in_txn) return RS_OK;
    RsStatus rc = flush_spelling(ix, err);
    ix->in_txn = 0;
    ix->pending_bytes = 0;
    if (rc != RS_OK) {
        RsError ignore;
        rsx_writable_cancel_transaction(ix->db, &ignore);
        return rc;
    }
    return rsx_writable_commit_transaction(ix->db, err);
}

const RsIndexerTotals *rs_indexer_totals(const RsIndexer *ix) { return &ix->totals; }

RsStatus rs_indexer_close(RsIndexer *ix, RsError *err) {
    if (!ix) return RS_OK;
    /* minutes replace their meeting's agenda (a scratch part is reconciled after its merge) */
    RsStatus rc = ix->opts.scratch ? RS_OK : rs_indexer_reconcile(ix, NULL, err);
    if (rc == RS_OK) rc = rs_indexer_commit(ix, err);
    else {
        RsError ignore;
        if (ix->in_txn) rsx_writable_cancel_transaction(ix->db, &ignore);
        ix->in_txn = 0;
    }
    RsError e2;
    RsStatus rc2 = rsx_writable_close(ix->db, rc == RS_OK ? err : &e2);
    rs_analyzer_close(ix->an);
    rs_buf_free(&ix->term);
    rs_wordcount_free(ix->spell);
    free(ix);
    return rc != RS_OK ? rc : rc2;
}

/* ------------------------------------------------------------ documents */

typedef struct {
    RsIndexer *ix;
    RsxDoc *doc;
    unsigned wdf;          /* section weight */
    const char *secprefix; /* section-restricted prefix */
    RsError *err;
    RsStatus rc;
    RsWordCount *spell;    /* the batch's words for the spelling dictionary */
} DocCtx;

static RsStatus add_prefixed(DocCtx *c, const char *prefix, RsSpan s, unsigned wdf) {
    RsBuf *t = &c->ix->term;
    rs_buf_reset(t);
    if (rs_buf_puts(t, prefix) != RS_OK || rs_buf_append(t, s.s, s.len) != RS_OK)
        return rs_error_set(c->err, RS_ERR_NOMEM, "out of memory");
    return rsx_doc_add_term(c->doc, t->data, t->len, wdf, c->err);
}

static int is_spelling_word(RsSpan s) {
    if (s.len < 3 || s.len > 40) return 0;
    for (size_t i = 0; i < s.len; i++) {
        unsigned char ch = (unsigned char)s.s[i];
        if (!((ch >= 'a' && ch <= 'z') || ch >= 0x80)) return 0;
    }
    return 1;
}

static int on_token(void *ctx, const RsToken *t) {
    DocCtx *c = ctx;
    RsStatus rc = RS_OK;
    /* the exact form, positional (stopwords too: phrases need them) */
    if (t->norm.len && t->norm.len < 200)
        rc = rsx_doc_add_posting(c->doc, t->norm.s, t->norm.len, t->position + 1, c->wdf, c->err);
    if (rc == RS_OK && t->kind == RS_TOK_CASENO) {
        rc = add_prefixed(c, RS_PREFIX_CASE, t->case_key, c->wdf);
    } else if (rc == RS_OK && !(t->flags & RS_TOKF_STOPWORD) && t->stem.len < 200) {
        rc = add_prefixed(c, RS_PREFIX_STEM, t->stem, c->wdf);
        if (rc == RS_OK) rc = add_prefixed(c, c->secprefix, t->stem, 1);
        if (rc == RS_OK && t->fold.s) {
            rc = add_prefixed(c, RS_PREFIX_FOLD, t->fold, c->wdf);
            if (rc == RS_OK) rc = add_prefixed(c, c->secprefix, t->fold, 1);
        }
        for (size_t i = 0; rc == RS_OK && i < t->n_parts; i++) {
            rc = add_prefixed(c, RS_PREFIX_PART, t->parts[i], c->wdf);
            if (rc == RS_OK) rc = add_prefixed(c, c->secprefix, t->parts[i], 1);
            /* the part's folding key, so "okonomi" meets "økonomioversigt" */
            char fk[256];
            size_t fl = rs_fold_key(t->parts[i].s, t->parts[i].len, fk, sizeof fk);
            if (rc == RS_OK && (fl != t->parts[i].len || memcmp(fk, t->parts[i].s, fl)))
                rc = add_prefixed(c, RS_PREFIX_PART, (RsSpan){fk, fl}, c->wdf);
        }
        if (rc == RS_OK && t->kind == RS_TOK_WORD && is_spelling_word(t->norm))
            rc = rs_wordcount_add(c->spell, t->norm.s, t->norm.len, c->err);
    }
    c->rc = rc;
    return rc != RS_OK;
}

static RsStatus index_text(DocCtx *c, const char *s, size_t len, uint32_t *pos) {
    uint32_t next = *pos;
    RsStatus rc = rs_analyze(c->ix->an, RS_MODE_DOCUMENT, s, len, *pos, on_token, c, &next, c->err);
    if (rc == RS_OK) rc = c->rc;
    *pos = next + SECTION_GAP;
    return rc;
}

static const char *section_prefix(RsSectionKind k, unsigned *wdf) {
    switch (k) {
    case RS_SEC_RESUME: *wdf = RS_WDF_SUMMARY; return RS_PREFIX_SEC_RESUME;
    case RS_SEC_INDSTILLING: *wdf = RS_WDF_SUMMARY; return RS_PREFIX_SEC_PROPOSAL;
    case RS_SEC_BESLUTNING: *wdf = RS_WDF_SUMMARY; return RS_PREFIX_SEC_DECISION;
    case RS_SEC_BILAG: *wdf = RS_WDF_ATTACH; return RS_PREFIX_SEC_ATTACH;
    default: *wdf = RS_WDF_BODY; return RS_PREFIX_SEC_CASE;
    }
}

static RsStatus bool_term(RsxDoc *d, RsBuf *t, const char *prefix, const char *v, RsError *err) {
    rs_buf_reset(t);
    if (rs_buf_puts(t, prefix) != RS_OK || rs_buf_puts(t, v) != RS_OK)
        return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    return rsx_doc_add_boolean_term(d, t->data, t->len, err);
}

/* Append `v` to a multi-valued slot value unless already there. */
static void multi_add(RsBuf *b, const char *v) {
    size_t vl = strlen(v), i = 0;
    while (i < b->len) {
        size_t e = i;
        while (e < b->len && b->data[e] != RSX_MULTI_SEP) e++;
        if (e - i == vl && !memcmp(b->data + i, v, vl)) return;
        i = e + 1;
    }
    if (b->len) rs_buf_putc(b, RSX_MULTI_SEP);
    rs_buf_puts(b, v);
}

static RsStatus build_item(RsIndexer *ix, const RsMeeting *m, const RsItem *it,
                           const char *source, const char *item_key, const char *municipality,
                           const char *meeting_id, size_t ordinal, const char *meeting_key,
                           int fresh, RsError *err) {
    RsxDoc *d = rsx_doc_new();
    if (!d) return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    RsStatus rc = RS_OK;
    RsBuf t = {0}, text = {0}, committees = {0}, outcomes = {0};
    json_t *data = json_object(), *secs = json_array(), *decs = json_array(), *outs = json_array(),
           *comms = json_array(), *cases = json_array(), *atts = json_array(), *att_at = json_array();
    char id[4096];
    snprintf(id, sizeof id, "%s#%s", source, item_key);
    char key[256];

    /* ---- text: title, then sections; the display text and the terms */
    rs_wordcount_next_item(ix->spell);
    DocCtx c = {ix, d, RS_WDF_TITLE, RS_PREFIX_SEC_TITLE, err, RS_OK, ix->spell};
    uint32_t pos = 0;
    rs_buf_puts(&text, it->title);
    rc = index_text(&c, it->title, strlen(it->title), &pos);
    if (rc == RS_OK && it->case_no) { /* the case line: phrase and exact search see it too */
        rs_buf_putc(&text, '\n');
        rs_buf_puts(&text, it->case_no);
        rc = index_text(&c, it->case_no, strlen(it->case_no), &pos);
    }
    for (size_t i = 0; rc == RS_OK && i < it->n_sections; i++) {
        const RsSection *s = &it->sections[i];
        c.secprefix = section_prefix(s->kind, &c.wdf);
        size_t hs = text.len + 2;
        rs_buf_puts(&text, "\n\n");
        rs_buf_append(&text, m->text + s->heading.start, s->heading.end - s->heading.start);
        if (s->heading.end > s->heading.start) rs_buf_putc(&text, '\n');
        size_t bs = text.len;
        rs_buf_append(&text, m->text + s->body.start, s->body.end - s->body.start);
        if (s->attachment) /* where an attachment's text is: a snippet there names it */
            json_array_append_new(att_at, json_pack("[I, I, s#]", (json_int_t)bs, (json_int_t)text.len,
                                                    m->text + s->heading.start + 7,
                                                    (int)(s->heading.end - s->heading.start - 7)));
        json_array_append_new(secs, json_pack("{s:s, s:s#, s:I, s:I, s:I}", "name",
                                              rs_section_name(s->kind), "heading",
                                              m->text + s->heading.start,
                                              (int)(s->heading.end - s->heading.start),
                                              "heading_start", (json_int_t)hs, "start",
                                              (json_int_t)bs, "end", (json_int_t)text.len));
        rc = index_text(&c, m->text + s->body.start, s->body.end - s->body.start, &pos);
    }
    /* ---- the titles of attachments that came from a sidecar (not printed in a Bilag section of
     * the text, so not yet indexed): bilag: finds them, a URL-only one too */
    c.secprefix = section_prefix(RS_SEC_BILAG, &c.wdf);
    for (size_t i = 0; rc == RS_OK && i < it->n_attachments; i++) {
        RsRange r = it->attachments[i];
        int inside = 0;
        for (size_t k = 0; k < it->n_sections && !inside; k++)
            inside = r.start >= it->sections[k].body.start && r.end <= it->sections[k].body.end;
        if (!inside) rc = index_text(&c, m->text + r.start, r.end - r.start, &pos);
    }
    /* ---- case numbers */
    for (size_t i = 0; rc == RS_OK && i < it->n_cases; i++) {
        json_array_append_new(cases, json_string(it->cases[i]));
        size_t kl = rs_case_key(it->cases[i], strlen(it->cases[i]), key, sizeof key);
        if (!kl) continue;
        rs_buf_reset(&t);
        rs_buf_puts(&t, RS_PREFIX_CASE);
        rs_buf_append(&t, key, kl);
        rc = rsx_doc_add_term(d, t.data, t.len, i == 0 && it->case_no ? RS_WDF_TITLE : 1, err);
        if (rc == RS_OK && i == 0 && it->case_no) rc = bool_term(d, &t, RS_PREFIX_MAINCASE, key, err);
    }
    /* ---- facets */
    if (rc == RS_OK) rc = bool_term(d, &t, RS_PREFIX_ID, id, err);
    if (rc == RS_OK) rc = bool_term(d, &t, RS_PREFIX_SOURCE, source, err);
    rs_fold_key(municipality, strlen(municipality), key, sizeof key);
    if (rc == RS_OK) rc = bool_term(d, &t, RS_PREFIX_MUNICIPALITY, key, err);
    if (m->committee_name) {
        multi_add(&committees, m->committee_name);
        if (rc == RS_OK) rc = bool_term(d, &t, RS_PREFIX_COMMITTEE, m->committee_key, err);
    }
    for (size_t i = 0; rc == RS_OK && i < it->n_decisions; i++) {
        const RsDecision *dc = &it->decisions[i];
        const char *oname = rs_outcome_name(dc->outcome);
        char *disp = dc->committee ? (m->committee_key && dc->committee_key &&
                                              !strcmp(m->committee_key, dc->committee_key)
                                          ? strdup(m->committee_name)
                                          : rs_committee_display(dc->committee))
                                   : NULL;
        if (disp) {
            multi_add(&committees, disp);
            rc = bool_term(d, &t, RS_PREFIX_COMMITTEE, dc->committee_key, err);
        }
        size_t before = outcomes.len;
        multi_add(&outcomes, oname);
        if (outcomes.len != before) json_array_append_new(outs, json_string(oname));
        if (rc == RS_OK) rc = bool_term(d, &t, RS_PREFIX_OUTCOME, oname, err);
        json_array_append_new(decs, json_pack("{s:o, s:o, s:s, s:s#}", "committee",
                                              disp ? json_string(disp) : json_null(), "date",
                                              dc->date[0] ? json_string(dc->date) : json_null(),
                                              "outcome", oname, "text", m->text + dc->text.start,
                                              (int)(dc->text.end - dc->text.start)));
        free(disp);
    }
    const char *tname = rs_case_type_name(it->type);
    if (rc == RS_OK) rc = bool_term(d, &t, RS_PREFIX_TYPE, tname, err);
    const char *kind = m->kind[0] ? m->kind : "referat";
    if (rc == RS_OK) rc = bool_term(d, &t, RS_PREFIX_KIND, kind, err);
    if (rc == RS_OK) rc = rsx_doc_set_value(d, RS_SLOT_KIND, kind, strlen(kind), err);
    if (rc == RS_OK && meeting_key)
        rc = bool_term(d, &t, strcmp(kind, "dagsorden") ? RS_PREFIX_MEETING_MINUTES : RS_PREFIX_MEETING_AGENDA,
                       meeting_key, err);
    if (rc == RS_OK && it->closed) rc = bool_term(d, &t, RS_PREFIX_CLOSED, "1", err);
    char ymd[9] = "", kle[128] = "";
    if (m->date[0]) {
        snprintf(ymd, sizeof ymd, "%.4s%.2s%.2s", m->date, m->date + 5, m->date + 8);
        char y[5], ym[7];
        snprintf(y, sizeof y, "%.4s", ymd);
        snprintf(ym, sizeof ym, "%.6s", ymd);
        if (rc == RS_OK) rc = bool_term(d, &t, RS_PREFIX_DATE, ymd, err);
        if (rc == RS_OK) rc = bool_term(d, &t, RS_PREFIX_YEAR, y, err);
        if (rc == RS_OK) rc = bool_term(d, &t, RS_PREFIX_MONTH, ym, err);
        if (rc == RS_OK) rc = rsx_doc_set_value(d, RS_SLOT_DATE, ymd, 8, err);
        if (rc == RS_OK) rc = rsx_doc_set_value(d, RS_SLOT_YEAR, y, 4, err);
    }
    if (it->kle_group >= 0) {
        char g[8];
        snprintf(g, sizeof g, "%02d", it->kle_group % 100);
        snprintf(kle, sizeof kle, "%s %s", g, rs_kle_group_name(it->kle_group));
        if (rc == RS_OK) rc = bool_term(d, &t, RS_PREFIX_KLE, g, err);
        if (rc == RS_OK) rc = rsx_doc_set_value(d, RS_SLOT_KLE, kle, strlen(kle), err);
    }
    if (rc == RS_OK) rc = rsx_doc_set_value(d, RS_SLOT_MUNICIPALITY, municipality, strlen(municipality), err);
    if (rc == RS_OK && committees.len)
        rc = rsx_doc_set_value(d, RS_SLOT_COMMITTEES, committees.data, committees.len, err);
    if (rc == RS_OK) rc = rsx_doc_set_value(d, RS_SLOT_TYPE, tname, strlen(tname), err);
    if (rc == RS_OK && outcomes.len)
        rc = rsx_doc_set_value(d, RS_SLOT_OUTCOMES, outcomes.data, outcomes.len, err);
    if (rc == RS_OK) rc = rsx_doc_set_value(d, RS_SLOT_ITEMKEY, id, strlen(id), err);

    /* ---- stored data */
    for (size_t i = 0; i < it->n_attachments; i++)
        json_array_append_new(atts, json_stringn(m->text + it->attachments[i].start,
                                                 it->attachments[i].end - it->attachments[i].start));
    for (size_t i = 0; committees.data && i < committees.len;) {
        size_t e = i;
        while (e < committees.len && committees.data[e] != RSX_MULTI_SEP) e++;
        json_array_append_new(comms, json_stringn(committees.data + i, e - i));
        i = e + 1;
    }
    /* what a result list shows ... */
    json_object_set_new(data, "id", json_string(id));
    json_object_set_new(data, "source", json_string(source));
    json_object_set_new(data, "item", it->number ? json_integer(it->number) : json_null());
    json_object_set_new(data, "number", it->number_text[0] ? json_string(it->number_text) : json_null());
    json_object_set_new(data, "title", json_string(it->title));
    json_object_set_new(data, "case", it->case_no ? json_string(it->case_no) : json_null());
    json_object_set_new(data, "municipality", json_string(municipality));
    json_object_set_new(data, "committee", m->committee_name ? json_string(m->committee_name) : json_null());
    json_object_set_new(data, "date", m->date[0] ? json_string(m->date) : json_null());
    json_object_set_new(data, "type", json_string(tname));
    json_object_set_new(data, "outcome", outs);
    json_object_set_new(data, "closed", json_boolean(it->closed));
    json_object_set_new(data, "kind", json_string(kind));
    json_object_set_new(data, "url", m->url ? json_string(m->url) : json_null());
    json_object_set_new(data, "meeting", json_string(meeting_id));
    json_object_set_new(data, "ordinal", json_integer((json_int_t)ordinal));
    if (json_array_size(att_at)) json_object_set(data, "attachment_text", att_at);
    /* ... and the rest of the item view */
    json_t *detail = json_object();
    json_object_set_new(detail, "cases", cases);
    json_object_set_new(detail, "committees", comms);
    json_object_set_new(detail, "time", m->time[0] ? json_string(m->time) : json_null());
    json_object_set_new(detail, "kind", json_string(m->kind));
    json_object_set_new(detail, "kle", kle[0] ? json_string(kle) : json_null());
    json_object_set_new(detail, "decisions", decs);
    json_object_set_new(detail, "attachments", atts);
    json_object_set_new(detail, "sections", secs);
    char *js = json_dumps(data, JSON_COMPACT), *jd = json_dumps(detail, JSON_COMPACT);
    json_decref(detail);
    if ((!js || !jd) && rc == RS_OK) rc = rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    RsBuf packed = {0};
    if (rc == RS_OK) {
        RsDocData parts = {js, jd, text.data ? text.data : "", strlen(js), strlen(jd), text.len};
        rc = rs_docdata_pack(&packed, &parts, err);
    }
    if (rc == RS_OK) rc = rsx_doc_set_data(d, packed.data, packed.len, err);
    rs_buf_free(&packed);
    free(jd);
    if (rc == RS_OK && fresh) { /* no document can have this id: skip the lookup */
        rc = rsx_writable_add(ix->db, d, NULL, err);
    } else if (rc == RS_OK) {
        rs_buf_reset(&t);
        rs_buf_puts(&t, RS_PREFIX_ID);
        rs_buf_puts(&t, id);
        rc = rsx_writable_replace(ix->db, t.data, t.len, d, NULL, err);
    }
    free(js);
    json_decref(data);
    json_decref(att_at);
    rs_buf_free(&t);
    rs_buf_free(&text);
    rs_buf_free(&committees);
    rs_buf_free(&outcomes);
    rsx_doc_free(d);
    return rc;
}

/* ------------------------------------------------------------ spelling */

static int remove_word(void *ctx, const char *t, size_t len, unsigned count) {
    (void)count;
    SpellCtx *s = ctx;
    RsSpan w = {t, len};
    if (len && !(t[0] >= 'A' && t[0] <= 'Z') && is_spelling_word(w))
        s->rc = rsx_writable_remove_spelling(s->db, t, len, 1, s->err);
    return s->rc != RS_OK;
}

/* Delete every document having `term`, taking their words out of the
 * spelling dictionary first. */
static RsStatus delete_docs(RsIndexer *ix, const char *term, size_t *n, RsError *err) {
    size_t freq = 0;
    RsStatus rc = rsx_writable_termfreq(ix->db, term, strlen(term), &freq, err);
    if (rc != RS_OK || freq == 0) {
        *n = 0;
        return rc;
    }
    /* the batch's pending words first, so removals never run ahead of additions */
    if ((rc = flush_spelling(ix, err)) != RS_OK) return rc;
    SpellCtx sc = {ix->db, err, RS_OK};
    rc = rsx_writable_doc_terms(ix->db, term, strlen(term), remove_word, &sc, err);
    if (rc == RS_OK) rc = sc.rc;
    if (rc == RS_OK) rc = rsx_writable_delete_term(ix->db, term, strlen(term), n, err);
    return rc;
}

/* ------------------------------------------------------------ files */

/* The meeting's key (hex of a hash of municipality, committee and date) into key[17]; 0 when
 * one of the three is unknown. */
static int meeting_key(const RsMeeting *m, char key[17]) {
    if (!m->municipality || !m->committee_key || !m->date[0]) return 0;
    char mk[256], all[1024];
    rs_fold_key(m->municipality, strlen(m->municipality), mk, sizeof mk);
    int n = snprintf(all, sizeof all, "%s|%s|%s", mk, m->committee_key, m->date);
    rs_hash_hex(all, (size_t)n < sizeof all ? (size_t)n : sizeof all - 1, key);
    return 1;
}

typedef struct {
    RsIndexer *ix;
    size_t removed;
    RsError *err;
    RsStatus rc;
} Reconcile;

static int drop_agenda(void *ctx, const char *t, size_t len, unsigned freq) {
    (void)freq;
    Reconcile *r = ctx;
    size_t pl = strlen(RS_PREFIX_MEETING_MINUTES);
    char term[64];
    if (len - pl + strlen(RS_PREFIX_MEETING_AGENDA) + 1 > sizeof term) return 0;
    snprintf(term, sizeof term, "%s%.*s", RS_PREFIX_MEETING_AGENDA, (int)(len - pl), t + pl);
    size_t n = 0, freq_md = 0;
    r->rc = rsx_writable_termfreq(r->ix->db, term, strlen(term), &freq_md, r->err);
    if (r->rc != RS_OK || !freq_md) return r->rc != RS_OK;
    r->rc = begin_if_needed(r->ix, r->err);
    if (r->rc == RS_OK) r->rc = delete_docs(r->ix, term, &n, r->err);
    r->removed += n;
    return r->rc != RS_OK;
}

RsStatus rs_indexer_reconcile(RsIndexer *ix, size_t *removed, RsError *err) {
    if (removed) *removed = 0;
    Reconcile r = {ix, 0, err, RS_OK};
    RsStatus rc = rsx_writable_allterms(ix->db, RS_PREFIX_MEETING_MINUTES, drop_agenda, &r, err);
    if (rc == RS_OK) rc = r.rc;
    ix->totals.agenda_replaced += r.removed;
    if (removed) *removed = r.removed;
    return rc;
}

/* The item's part of its id, unique within the file: its number as printed ("12", "12a") when
 * no other item of the file has it; "m2-4" for item 4 of a file's second meeting when the
 * first meeting has an item 4 too; the item's position ("p3") when it has no number. */
static void item_key(const RsMeeting *first, const RsMeeting *mt, size_t i, size_t ordinal, char *out,
                     size_t cap) {
    const RsItem *it = &mt->items[i];
    if (!it->number_text[0]) {
        int numbered = 0;
        for (const RsMeeting *x = first; x && !numbered; x = x->next)
            for (size_t k = 0; k < x->n_items && !numbered; k++) numbered = x->items[k].number_text[0] != 0;
        snprintf(out, cap, numbered ? "p%zu" : "%zu", ordinal);
        return;
    }
    /* clashes with an item before it (an earlier meeting's, or one printed twice) */
    int meeting = 1, clash = 0;
    for (const RsMeeting *x = first; x && x != mt; x = x->next) meeting++;
    for (const RsMeeting *x = first; x; x = x->next) {
        for (size_t k = 0; k < x->n_items && (x != mt || k < i); k++)
            if (!strcmp(x->items[k].number_text, it->number_text)) clash = 1;
        if (x == mt) break;
    }
    if (!clash) snprintf(out, cap, "%s", it->number_text);
    else if (meeting > 1) snprintf(out, cap, "m%d-%s", meeting, it->number_text);
    else snprintf(out, cap, "p%zu", ordinal);
}

RsStatus rs_indexer_add_file(RsIndexer *ix, const char *source, RsFileOutcome *outcome,
                             size_t *n_items, RsError *err) {
    *outcome = RS_FILE_FAILED;
    *n_items = 0;
    RsParseOptions po = {.municipality = ix->opts.municipality};
    RsSource *src = NULL;
    if (rs_source_open(source, 64u << 20, ix->opts.warn, ix->opts.warn_ctx, &src, err) != RS_OK) {
        ix->totals.files_failed++;
        return err->code == RS_ERR_NOMEM ? RS_ERR_NOMEM : RS_OK; /* the file's problem, named in err */
    }
    ix->totals.bytes += src->len;
    char meta_key[4200], *old;
    size_t old_len;
    snprintf(meta_key, sizeof meta_key, "%s%s", RS_META_SOURCE, source);
    RsStatus rc = rsx_writable_get_metadata(ix->db, meta_key, &old, &old_len, err);
    if (rc != RS_OK) {
        rs_source_close(src);
        return rc;
    }
    /* unchanged: the file, its sidecars and its attachments hash as before */
    int unchanged = old_len >= 16 && !memcmp(old, src->hash, 16);
    free(old);
    if (unchanged) {
        rs_source_close(src);
        *outcome = RS_FILE_UNCHANGED;
        ix->totals.files_unchanged++;
        return RS_OK;
    }
    char hash[17];
    memcpy(hash, src->hash, sizeof hash);
    RsMeeting *m = NULL;
    RsStatus prc = rs_source_parse(src, &po, ix->opts.warn, ix->opts.warn_ctx, &m, err);
    rs_source_close(src);
    if (prc != RS_OK) {
        ix->totals.files_failed++;
        return prc == RS_ERR_NOMEM ? prc : RS_OK;
    }
    rc = begin_if_needed(ix, err);
    size_t deleted = 0, total = rs_meeting_total_items(m);
    char hterm[4200];
    snprintf(hterm, sizeof hterm, "%s%s", RS_PREFIX_SOURCE, source);
    if (rc == RS_OK) rc = delete_docs(ix, hterm, &deleted, err);
    size_t ordinal = 0, replaced = 0, skipped = 0;
    int k = 0;
    for (const RsMeeting *mt = m; rc == RS_OK && mt; mt = mt->next) {
        const char *muni = mt->municipality ? mt->municipality : "Ukendt";
        char mid[4200], mkey[17];
        k++;
        if (m->next) snprintf(mid, sizeof mid, "%s#m%d", source, k);
        else snprintf(mid, sizeof mid, "%s", source);
        int keyed = meeting_key(mt, mkey); /* mkey is set only when keyed */
        int agenda = !strcmp(mt->kind, "dagsorden");
        /* minutes replace their meeting's agenda in this same transaction, and an agenda that
         * comes after its minutes is not added (rs_indexer_reconcile does the same for parts
         * indexed apart) */
        char mterm[64] = "";
        if (keyed)
            snprintf(mterm, sizeof mterm, "%s%s", agenda ? RS_PREFIX_MEETING_MINUTES : RS_PREFIX_MEETING_AGENDA, mkey);
        if (keyed && agenda) {
            size_t have = 0;
            rc = rsx_writable_termfreq(ix->db, mterm, strlen(mterm), &have, err);
            if (rc == RS_OK && have) {
                skipped += mt->n_items;
                ordinal += mt->n_items;
                continue;
            }
        }
        for (size_t i = 0; rc == RS_OK && i < mt->n_items; i++) {
            char key[64];
            ordinal++;
            item_key(m, mt, i, ordinal, key, sizeof key);
            rc = build_item(ix, mt, &mt->items[i], source, key, muni, mid, ordinal, keyed ? mkey : NULL, 1, err);
        }
        if (rc == RS_OK && keyed && !agenda) {
            size_t n = 0;
            rc = delete_docs(ix, mterm, &n, err);
            replaced += n;
        }
    }
    if (rc == RS_OK) {
        char val[64];
        snprintf(val, sizeof val, "%s %zu", hash, total);
        rc = rsx_writable_set_metadata(ix->db, meta_key, val, strlen(val), err);
    }
    if (rc == RS_OK) {
        *outcome = m->structured ? RS_FILE_INDEXED : RS_FILE_WHOLE;
        *n_items = total;
        ix->totals.files_indexed++;
        ix->totals.files_whole += !m->structured;
        ix->totals.items_added += total - skipped;
        ix->totals.agenda_replaced += replaced + skipped;
        ix->totals.items_removed += deleted > total ? deleted - total : 0;
        ix->pending_bytes += m->text_len;
        if (ix->pending_bytes >= ix->opts.batch_bytes) rc = rs_indexer_commit(ix, err);
    }
    rs_meeting_free(m);
    return rc;
}

/* ------------------------------------------------------------ deleting */

static RsStatus delete_and_commit(RsIndexer *ix, const char *term, size_t *n, RsError *err) {
    RsStatus rc = begin_if_needed(ix, err);
    if (rc == RS_OK) rc = delete_docs(ix, term, n, err);
    if (rc == RS_OK) rc = rs_indexer_commit(ix, err);
    return rc;
}

RsStatus rs_indexer_delete_source(RsIndexer *ix, const char *source, size_t *n, RsError *err) {
    char term[4200], meta_key[4200];
    snprintf(term, sizeof term, "%s%s", RS_PREFIX_SOURCE, source);
    snprintf(meta_key, sizeof meta_key, "%s%s", RS_META_SOURCE, source);
    RsStatus rc = begin_if_needed(ix, err);
    if (rc == RS_OK) rc = delete_docs(ix, term, n, err);
    if (rc == RS_OK) rc = rsx_writable_set_metadata(ix->db, meta_key, "", 0, err);
    if (rc == RS_OK) rc = rs_indexer_commit(ix, err);
    return rc;
}

RsStatus rs_indexer_delete_case(RsIndexer *ix, const char *caseno, size_t *n, RsError *err) {
    char key[256], term[300];
    if (!rs_case_key(caseno, strlen(caseno), key, sizeof key))
        return rs_error_set(err, RS_ERR_USAGE, "'%s' is not a case number", caseno);
    snprintf(term, sizeof term, "%s%s", RS_PREFIX_MAINCASE, key);
    return delete_and_commit(ix, term, n, err);
}

RsStatus rs_indexer_delete_item(RsIndexer *ix, const char *id, size_t *n, RsError *err) {
    char term[4200];
    snprintf(term, sizeof term, "%s%s", RS_PREFIX_ID, id);
    return delete_and_commit(ix, term, n, err);
}
