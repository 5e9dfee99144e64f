/* itemdoc.c — one agenda item into one Xapian document: terms, values and stored data. */
#include "itemdoc.h"
#include "record.h"
#include "posblob.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "caseno.h"
#include "keycount.h"
#include "schema.h"
#include "terms.h"

#define SECTION_GAP 10 /* positions between sections, so phrases do not cross them */
/* The stored text of one item (for snippets and the item view) is cut here; its terms are all
 * indexed. A 60 MB item used to be stored, and read and scanned for every snippet of it. */
#define STORED_TEXT_MAX (1u << 20)

typedef struct {
    RsAnalyzer *an;
    RsBuf term;            /* scratch for building prefixed terms */
    RsxDoc *doc;
    unsigned wdf;          /* section weight */
    const char *secprefix; /* section-restricted prefix */
    RsError *err;
    RsStatus rc;
    /* The body sections' keys (RS_PREFIX_SEC_CASE) are not copied as they come: each key's
     * occurrences in the body, and whether another section has it; at the end only the keys in
     * both get a copy (emit_body_copies; docs/index-schema.md says why). */
    RsKeyCount *keys;
    long pad;              /* wdf the terms left out would have had: see RS_TERM_LENGTH */
    RsPosBlob *pos;        /* the exact forms' positions, stored with the item (posblob.h) */
    GArray *stops;         /* the stopwords' places (StopAt), for the pair terms (emit_pairs) */
    RsBuf stop_text;       /* their exact forms, one after another */
} DocCtx;

/* A stopword at a position: its exact form is stop_text[off, off + len). */
typedef struct {
    uint32_t pos, off, len;
} StopAt;

static RsStatus add_prefixed(DocCtx *c, const char *prefix, RsSpan s, unsigned wdf) {
    RsStatus rc = rs_term_make(&c->term, prefix, s.s, s.len, c->err);
    return rc == RS_OK ? rsx_doc_add_term(c->doc, c->term.data, c->term.len, wdf, c->err) : rc;
}

/* A key longer than this is copied at once even in the body (it needs no table entry). */
#define BODY_KEY_MAX 240

/* A section-restricted key (stem, folding key, compound part) of the current section: copied
 * under the section's prefix, or, in the body, counted for emit_body_copies. */
static RsStatus section_key(DocCtx *c, RsSpan k, int folded_part) {
    int body = !strcmp(c->secprefix, RS_PREFIX_SEC_CASE);
    if (folded_part) c->pad--; /* a part's folding key had no section copy before schema 5 */
    if (k.len >= BODY_KEY_MAX) return add_prefixed(c, c->secprefix, k, 1);
    RsStatus rc = rs_keycount_add(c->keys, k.s, k.len, body, c->err);
    return rc == RS_OK && !body ? add_prefixed(c, c->secprefix, k, 1) : rc;
}

static int body_copy(void *ctx, const char *key, size_t len, unsigned n, int elsewhere) {
    DocCtx *c = ctx;
    if (!elsewhere) {
        c->pad += n;
        return 0;
    }
    c->rc = add_prefixed(c, RS_PREFIX_SEC_CASE, (RsSpan){key, len}, n);
    return c->rc != RS_OK;
}

/* The body's copies: only the keys another section also has. A key only in the body is found by
 * a query for sagsfremstilling:key as "the item has the key, and no other section has it"
 * (engine/qbuild.c), so it needs no copy; the body was 60 % of all section copies. Fails as
 * add_prefixed does. */
static RsStatus emit_body_copies(DocCtx *c) {
    return rs_keycount_each_body(c->keys, body_copy, c) ? c->rc : RS_OK;
}

static int on_token(void *ctx, const RsToken *t) {
    DocCtx *c = ctx;
    RsStatus rc = RS_OK;
    /* the exact form; its position (stopwords' too: phrases need them) goes into the item's
     * position block (schema 9), or Xapian's position table in an index xapian-tcpsrv serves */
    int exact = t->norm.len && t->norm.len < 200;
    if (exact && !c->pos) rc = rsx_doc_add_posting(c->doc, t->norm.s, t->norm.len, t->position + 1, c->wdf, c->err);
    else if (exact) rc = rsx_doc_add_term(c->doc, t->norm.s, t->norm.len, c->wdf, c->err);
    if (exact && rc == RS_OK && c->pos) rc = rs_posblob_add(c->pos, t->norm.s, t->norm.len, t->position + 1, c->err);
    if (exact && rc == RS_OK && (t->flags & RS_TOKF_STOPWORD)) {
        StopAt a = {t->position + 1, (uint32_t)c->stop_text.len, (uint32_t)t->norm.len};
        if (rs_buf_append(&c->stop_text, t->norm.s, t->norm.len) != RS_OK)
            rc = rs_error_set(c->err, RS_ERR_NOMEM, "out of memory");
        else
            g_array_append_val(c->stops, a);
    }
    if (rc == RS_OK && t->kind == RS_TOK_CASENO) {
        rc = add_prefixed(c, RS_PREFIX_CASE, t->case_key, c->wdf);
    } else if (rc == RS_OK && !(t->flags & RS_TOKF_STOPWORD) && t->stem.len < 200) {
        /* the stem, unless it is the exact form just added: a query for the stem then also
         * looks for the exact form (rs_analyzer_stem_is_norm says when, for both sides) */
        int same = exact && t->stem.len == t->norm.len && !memcmp(t->stem.s, t->norm.s, t->norm.len) &&
                   rs_analyzer_token_stem_is_norm(c->an, t);
        if (!same) rc = add_prefixed(c, RS_PREFIX_STEM, t->stem, c->wdf);
        else c->pad += c->wdf;
        if (rc == RS_OK) rc = section_key(c, t->stem, 0);
        if (rc == RS_OK && t->fold.s) {
            rc = add_prefixed(c, RS_PREFIX_FOLD, t->fold, c->wdf);
            if (rc == RS_OK) rc = section_key(c, t->fold, 0);
        }
        for (size_t i = 0; rc == RS_OK && i < t->n_parts; i++) {
            rc = add_prefixed(c, RS_PREFIX_PART, t->parts[i], c->wdf);
            if (rc == RS_OK) rc = section_key(c, t->parts[i], 0);
            /* the part's folding key, so "okonomi" meets "økonomioversigt" (in a section too) */
            char fk[256];
            size_t fl = rs_fold_key(t->parts[i].s, t->parts[i].len, fk, sizeof fk);
            if (rc == RS_OK && (fl != t->parts[i].len || memcmp(fk, t->parts[i].s, fl))) {
                rc = add_prefixed(c, RS_PREFIX_PART, (RsSpan){fk, fl}, c->wdf);
                if (rc == RS_OK) rc = section_key(c, (RsSpan){fk, fl}, 1);
            }
        }
    }
    c->rc = rc;
    return rc != RS_OK;
}

static int stop_cmp(const void *a, const void *b) {
    const StopAt *x = a, *y = b;
    return x->pos != y->pos ? (x->pos < y->pos ? -1 : 1) : (x->off < y->off ? -1 : x->off > y->off);
}

/* The pair terms (RS_PREFIX_PAIR): one boolean term for each two stopwords at neighbouring
 * positions, from every stopword the item has wherever the analyser put it, so a phrase whose
 * neighbouring words are both stopwords is sure to find the term (docs/index-schema.md). */
static RsStatus emit_pairs(DocCtx *c) {
    StopAt *v = (StopAt *)(void *)c->stops->data;
    size_t n = c->stops->len;
    RsStatus rc = RS_OK;
    size_t k = 1;
    while (k < n && stop_cmp(&v[k - 1], &v[k]) <= 0) k++;
    if (k < n) qsort(v, n, sizeof *v, stop_cmp); /* the analyser's order is nearly always theirs */
    for (size_t i = 0; rc == RS_OK && i < n; i++) {
        for (size_t j = i + 1; rc == RS_OK && j < n && v[j].pos <= v[i].pos + 1; j++) {
            if (v[j].pos != v[i].pos + 1) continue;
            rc = rs_term_pair(&c->term, c->stop_text.data + v[i].off, v[i].len, c->stop_text.data + v[j].off,
                              v[j].len, c->err);
            if (rc == RS_OK) rc = rsx_doc_add_boolean_term(c->doc, c->term.data, c->term.len, c->err);
        }
    }
    return rc;
}

static RsStatus index_text(DocCtx *c, const char *s, size_t len, uint32_t *pos) {
    uint32_t next = *pos;
    RsStatus rc = rs_analyze(c->an, RS_MODE_DOCUMENT, s, len, *pos, on_token, c, &next, c->err);
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
    RsStatus rc = rs_term_makes(t, prefix, v, err);
    return rc == RS_OK ? rsx_doc_add_boolean_term(d, t->data, t->len, err) : rc;
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

/* The committees that treated an item, one per committee in its municipality (a second
 * spelling of one key is left out): their display names for the record, the slot's entries
 * "<municipality>\x1e<committee>" and a KV term each. */
typedef struct {
    char **terms, **names; /* the KV terms and display names so far */
    size_t n;
    RsBuf slot, term;
    int oom;
} Committees;

static void committees_free(Committees *c) {
    for (size_t i = 0; i < c->n; i++) free(c->terms[i]), free(c->names[i]);
    free(c->terms);
    free(c->names);
    rs_buf_free(&c->slot);
    rs_buf_free(&c->term);
}

static RsStatus add_committee(Committees *c, RsxDoc *d, const char *municipality, const char *name, RsError *err) {
    RsStatus rc = rs_term_udvalg_kommune(&c->term, municipality, name, err);
    if (rc != RS_OK) return rc;
    for (size_t i = 0; i < c->n; i++)
        if (strlen(c->terms[i]) == c->term.len && !memcmp(c->terms[i], c->term.data, c->term.len)) return RS_OK;
    char **nt = realloc(c->terms, (c->n + 1) * sizeof *nt);
    if (nt) c->terms = nt;
    char **nn = nt ? realloc(c->names, (c->n + 1) * sizeof *nn) : NULL;
    if (nn) c->names = nn;
    char *tc = nn ? strndup(c->term.data, c->term.len) : NULL, *nc = tc ? strdup(name) : NULL;
    if (!nc) {
        free(tc);
        return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    }
    c->terms[c->n] = tc;
    c->names[c->n++] = nc;
    if (c->slot.len) rs_buf_putc(&c->slot, RSX_MULTI_SEP);
    rs_buf_puts(&c->slot, municipality);
    rs_buf_putc(&c->slot, RS_UDVALG_SEP);
    if (rs_buf_puts(&c->slot, name) != RS_OK) c->oom = 1;
    return rsx_doc_add_boolean_term(d, c->term.data, c->term.len, err);
}

/* How much of the item's text is stored: all of it, or STORED_TEXT_MAX cut at a character
 * boundary; the sections' offsets and the attachment spans are clamped to it. Can't fail. */
static size_t stored_length(const RsBuf *text, RsItemRecord *r) {
    if (text->len <= STORED_TEXT_MAX) return text->len;
    size_t cut = STORED_TEXT_MAX;
    while (cut > 0 && ((unsigned char)text->data[cut] & 0xC0) == 0x80) cut--;
    for (size_t i = 0; i < r->n_sections; i++) {
        RsSectionRecord *s = &r->sections[i];
        if (s->heading_start > cut) s->heading_start = cut;
        if (s->start > cut) s->start = cut;
        if (s->end > cut) s->end = cut;
    }
    for (size_t i = 0; i < r->n_attachment_text; i++) {
        if (r->attachment_text[i].start > cut) r->attachment_text[i].start = cut;
        if (r->attachment_text[i].end > cut) r->attachment_text[i].end = cut;
    }
    return cut;
}

/* Copies for the record, which owns them; `len` (size_t)-1: NUL-terminated. A failed
 * allocation sets g->oom and gives NULL. */
typedef struct {
    int oom;
} Grow;

static char *gdup(Grow *g, const char *s, size_t len) {
    char *c = len == (size_t)-1 ? strdup(s) : strndup(s, len);
    if (!c) g->oom = 1;
    return c;
}

RsStatus rs_itemdoc_build(RsAnalyzer *an, const RsItemDocInput *in, RsxDoc **out, RsError *err) {
    const RsMeeting *m = in->meeting;
    const RsItem *it = in->item;
    const char *source = in->source, *municipality = in->municipality;
    *out = NULL;
    RsxDoc *d = rsx_doc_new();
    if (!d) return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    RsStatus rc = RS_OK;
    RsBuf t = {0}, text = {0}, outcomes = {0};
    RsItemRecord rec = {0}; /* the stored data (record.h); owns every string in it */
    Grow g = {0};
    rec.sections = calloc(it->n_sections + 1, sizeof *rec.sections);
    rec.attachment_text = calloc(it->n_sections + 1, sizeof *rec.attachment_text);
    rec.decisions = calloc(it->n_decisions + 1, sizeof *rec.decisions);
    rec.outcomes = calloc(it->n_decisions + 1, sizeof *rec.outcomes);
    rec.cases = calloc(it->n_cases + 1, sizeof *rec.cases);
    rec.committees = calloc(it->n_decisions + 2, sizeof *rec.committees);
    rec.attachments = calloc(it->n_attachments + 1, sizeof *rec.attachments);
    if (!rec.sections || !rec.attachment_text || !rec.decisions || !rec.outcomes || !rec.cases ||
        !rec.committees || !rec.attachments)
        g.oom = 1;
    RsBuf idb = {0};
    if (rs_buf_printf(&idb, "%s#%s", source, in->item_key) != RS_OK) rc = rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    const char *id = idb.data ? idb.data : "";
    char key[256];

    /* ---- text: title, then sections; the display text and the terms */
    DocCtx c = {an, {0}, d, RS_WDF_TITLE, RS_PREFIX_SEC_TITLE, err, RS_OK,
                rs_keycount_new(), 0,
                in->xapian_positions ? NULL : rs_posblob_new(), g_array_new(FALSE, FALSE, sizeof(StopAt)), {0}};
    if ((!c.pos && !in->xapian_positions) || !c.keys) g.oom = 1;
    uint32_t pos = 0;
    rs_buf_puts(&text, it->title);
    if (rc == RS_OK) rc = index_text(&c, it->title, strlen(it->title), &pos);
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
        if (s->attachment && rec.attachment_text) /* where an attachment's text is: a snippet there names it */
            rec.attachment_text[rec.n_attachment_text++] =
                (RsAttachmentSpan){bs, text.len, gdup(&g, m->text + s->heading.start + 7,
                                                      s->heading.end - s->heading.start - 7)};
        if (rec.sections)
            rec.sections[rec.n_sections++] =
                (RsSectionRecord){gdup(&g, rs_section_name(s->kind), (size_t)-1),
                                  gdup(&g, m->text + s->heading.start, s->heading.end - s->heading.start), hs,
                                  bs, text.len};
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
    if (rc == RS_OK) rc = emit_body_copies(&c);
    if (rc == RS_OK) rc = emit_pairs(&c);
    if (rc == RS_OK && c.pad > 0) /* the document's length as before the terms were left out */
        rc = rsx_doc_add_term(d, RS_TERM_LENGTH, strlen(RS_TERM_LENGTH), (unsigned)c.pad, err);
    /* ---- case numbers */
    for (size_t i = 0; rc == RS_OK && i < it->n_cases; i++) {
        if (rec.cases) rec.cases[rec.n_cases++] = gdup(&g, it->cases[i], (size_t)-1);
        size_t kl = rs_case_key(it->cases[i], strlen(it->cases[i]), key, sizeof key);
        if (!kl) continue;
        rc = rs_term_make(&t, RS_PREFIX_CASE, key, kl, err);
        if (rc == RS_OK) rc = rsx_doc_add_term(d, t.data, t.len, i == 0 && it->case_no ? RS_WDF_TITLE : 1, err);
        if (rc == RS_OK && i == 0 && it->case_no) rc = bool_term(d, &t, RS_PREFIX_MAINCASE, key, err);
        char bare[256];
        size_t bl = rs_caseno_key_bare(key, kl, bare, sizeof bare);
        if (rc == RS_OK && bl) rc = rs_term_make(&t, RS_PREFIX_CASE_BARE, bare, bl, err);
        if (rc == RS_OK && bl) rc = rsx_doc_add_term(d, t.data, t.len, 1, err);
        if (rc == RS_OK && bl && i == 0 && it->case_no) rc = bool_term(d, &t, RS_PREFIX_MAINCASE_BARE, bare, err);
    }
    /* ---- facets */
    if (rc == RS_OK) rc = bool_term(d, &t, RS_PREFIX_ID, id, err);
    if (rc == RS_OK) rc = bool_term(d, &t, RS_PREFIX_SOURCE, source, err);
    rs_fold_key(municipality, strlen(municipality), key, sizeof key);
    if (rc == RS_OK) rc = bool_term(d, &t, RS_PREFIX_KOMMUNE, key, err);
    Committees cm = {0};
    if (m->committee_name) {
        if (rc == RS_OK) rc = add_committee(&cm, d, municipality, m->committee_name, err);
        if (rc == RS_OK) rc = bool_term(d, &t, RS_PREFIX_UDVALG, m->committee_key, err);
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
            rc = add_committee(&cm, d, municipality, disp, err);
            if (rc == RS_OK) rc = bool_term(d, &t, RS_PREFIX_UDVALG, dc->committee_key, err);
        }
        size_t before = outcomes.len;
        multi_add(&outcomes, oname);
        if (outcomes.len != before && rec.outcomes) rec.outcomes[rec.n_outcomes++] = gdup(&g, oname, (size_t)-1);
        if (rc == RS_OK) rc = bool_term(d, &t, RS_PREFIX_UDFALD, oname, err);
        if (rec.decisions)
            rec.decisions[rec.n_decisions++] =
                (RsDecisionRecord){disp ? gdup(&g, disp, (size_t)-1) : NULL,
                                   dc->date[0] ? gdup(&g, dc->date, (size_t)-1) : NULL, gdup(&g, oname, (size_t)-1),
                                   gdup(&g, m->text + dc->text.start, dc->text.end - dc->text.start)};
        free(disp);
    }
    const char *tname = rs_case_type_name(it->type);
    if (rc == RS_OK) rc = bool_term(d, &t, RS_PREFIX_TYPE, tname, err);
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
    if (rc == RS_OK) rc = rsx_doc_set_value(d, RS_SLOT_KOMMUNE, municipality, strlen(municipality), err);
    if (rc == RS_OK && cm.slot.len) rc = rsx_doc_set_value(d, RS_SLOT_UDVALG, cm.slot.data, cm.slot.len, err);
    if (rc == RS_OK) rc = rsx_doc_set_value(d, RS_SLOT_TYPE, tname, strlen(tname), err);
    if (rc == RS_OK && outcomes.len)
        rc = rsx_doc_set_value(d, RS_SLOT_UDFALD, outcomes.data, outcomes.len, err);
    if (rc == RS_OK) { /* the tie key: newest first, then the source, then the place in the file */
        RsBuf tk = {0};
        long inv = ymd[0] ? 99999999L - strtol(ymd, NULL, 10) : 99999999L;
        rs_buf_printf(&tk, "%08ld%s%c%08zu", inv, source, '\x01', in->ordinal);
        rc = tk.data ? rsx_doc_set_value(d, RS_SLOT_ITEMKEY, tk.data, tk.len, err)
                     : rs_error_set(err, RS_ERR_NOMEM, "out of memory");
        rs_buf_free(&tk);
    }
    const char *kind = m->kind[0] ? m->kind : "referat";
    if (rc == RS_OK) rc = bool_term(d, &t, RS_PREFIX_DOKUMENT, kind, err);
    if (rc == RS_OK) rc = rsx_doc_set_value(d, RS_SLOT_DOKUMENT, kind, strlen(kind), err);
    if (rc == RS_OK && in->meeting_key)
        rc = bool_term(d, &t, strcmp(kind, "dagsorden") ? RS_PREFIX_MEETING_MINUTES : RS_PREFIX_MEETING_AGENDA,
                       in->meeting_key, err);

    /* ---- stored data: the record (record.h) */
    for (size_t i = 0; rec.attachments && i < it->n_attachments; i++)
        rec.attachments[rec.n_attachments++] =
            gdup(&g, m->text + it->attachments[i].start, it->attachments[i].end - it->attachments[i].start);
    for (size_t i = 0; rec.committees && i < cm.n; i++) rec.committees[rec.n_committees++] = gdup(&g, cm.names[i], (size_t)-1);
    if (cm.oom) g.oom = 1;
    rec.id = gdup(&g, id, (size_t)-1);
    rec.source = gdup(&g, source, (size_t)-1);
    rec.item = it->number;
    rec.number = it->number_text[0] ? gdup(&g, it->number_text, (size_t)-1) : NULL;
    rec.title = gdup(&g, it->title, (size_t)-1);
    rec.case_no = it->case_no ? gdup(&g, it->case_no, (size_t)-1) : NULL;
    rec.municipality = gdup(&g, municipality, (size_t)-1);
    rec.committee = m->committee_name ? gdup(&g, m->committee_name, (size_t)-1) : NULL;
    rec.date = m->date[0] ? gdup(&g, m->date, (size_t)-1) : NULL;
    rec.type = gdup(&g, tname, (size_t)-1);
    rec.closed = it->closed;
    rec.kind = gdup(&g, kind, (size_t)-1);
    rec.url = m->url ? gdup(&g, m->url, (size_t)-1) : NULL;
    rec.meeting = gdup(&g, in->meeting_id ? in->meeting_id : source, (size_t)-1);
    rec.ordinal = in->ordinal;
    rec.time = m->time[0] ? gdup(&g, m->time, (size_t)-1) : NULL;
    rec.kle = kle[0] ? gdup(&g, kle, (size_t)-1) : NULL;
    size_t stored = stored_length(&text, &rec); /* sections and attachment spans clamped to it */
    rec.text_bytes = text.len;
    rec.text_cut = stored < text.len;
    rec.text = text.data;
    rec.text_len = stored;
    if (g.oom && rc == RS_OK) rc = rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    RsBuf packed = {0}, blob = {0};
    if (rc == RS_OK) rc = rs_item_record_encode(&rec, &packed, err);
    if (rc == RS_OK) rc = rsx_doc_set_data(d, packed.data, packed.len, err);
    /* the positions in a value slot: Xapian keeps values uncompressed, in streams by docid that
     * a phrase reads in order (its stored data it would inflate for every candidate) */
    if (rc == RS_OK && c.pos && !rs_posblob_empty(c.pos)) {
        rc = rs_posblob_pairs(c.pos, &blob, err);
        if (rc == RS_OK) rc = rsx_doc_set_value(d, RS_SLOT_PAIRS, blob.data, blob.len, err);
        rs_buf_reset(&blob);
        if (rc == RS_OK) rc = rs_posblob_encode(c.pos, &blob, err);
        if (rc == RS_OK) rc = rsx_doc_set_value(d, RS_SLOT_POSITIONS, blob.data, blob.len, err);
    }
    rs_buf_free(&packed);
    rs_buf_free(&blob);
    rs_posblob_free(c.pos);
    rec.text = NULL; /* text's own buffer, freed below */
    rs_item_record_clear(&rec);
    rs_buf_free(&idb);
    rs_buf_free(&c.term);
    rs_keycount_free(c.keys);
    g_array_free(c.stops, TRUE);
    rs_buf_free(&c.stop_text);
    rs_buf_free(&t);
    rs_buf_free(&text);
    committees_free(&cm);
    rs_buf_free(&outcomes);
    if (rc != RS_OK) {
        rsx_doc_free(d);
        return rc;
    }
    *out = d;
    return RS_OK;
}
