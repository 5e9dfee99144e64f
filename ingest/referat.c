/* referat.c — the parser's entry points: bytes or a file into meetings (see referat.h). */
#include "referat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "committee.h"
#include "dates.h"
#include "bullets.h"
#include "flattitle.h"
#include "titled.h"
#include "header.h"
#include "html.h"
#include "item.h"
#include "lines.h"
#include "segment.h"
#include "text.h"
#include "textenc.h"
#include "vocab.h"

#define DEFAULT_MAX_BYTES (64u << 20)

/* "REFERAT …", "Dagsorden …", "Beslutningsprotokol …" with a date: where a meeting may begin. */
static int meeting_start(const char *t, const RsLine *l, char iso[11]) {
    const char *s = t + l->start;
    size_t n = l->end - l->start;
    if (l->kind != RS_LK_TEXT && l->kind != RS_LK_TOC_LABEL) return 0;
    if (n > 160) return 0;
    static const char *const w[] = {"Referat", "Dagsorden", "Beslutningsprotokol", "Mødedato"};
    int hit = 0;
    for (size_t k = 0; k < sizeof w / sizeof *w && !hit; k++) hit = rs_ci_prefix(s, n, w[k]);
    return hit && rs_find_date(s, n, iso, NULL, NULL);
}

/* Cut lines into meetings: at a meeting's header whose date differs from the one before, or
 * after which the item numbers start again. Writes the first line of each meeting into cuts
 * (cuts[0] = 0); returns how many. */
static size_t meeting_cuts(const char *t, const RsLines *L, size_t *cuts, size_t max) {
    size_t n = 0;
    cuts[n++] = 0;
    char cur[11] = "", iso[11];
    long last_num = -1;
    int seen_heading = 0;
    for (size_t i = 0; i < L->n; i++) {
        const RsLine *l = &L->v[i];
        if (l->kind == RS_LK_HEADING) {
            if (l->strength >= 2 && !l->in_toc) last_num = l->number > last_num ? l->number : last_num;
            seen_heading = 1;
            continue;
        }
        if (!meeting_start(t, l, iso)) continue;
        if (!seen_heading || !cur[0]) {
            if (!cur[0]) memcpy(cur, iso, sizeof cur);
            continue;
        }
        long next = -1;
        for (size_t j = i + 1; j < L->n && j < i + 400 && next < 0; j++)
            if (L->v[j].kind == RS_LK_HEADING && L->v[j].strength >= 2 && !L->v[j].in_toc) next = L->v[j].number;
        if (next < 0) continue;
        /* a new date alone is not enough (an attachment may be another meeting's minutes): its
         * header must go on (Mødedato, Sted, …) or the line be a title in capitals */
        int header = rs_all_upper(t + l->start, 7, 6);
        for (size_t j = i + 1; j < L->n && j < i + 8 && !header; j++)
            header = rs_header_field(t + L->v[j].start, L->v[j].end - L->v[j].start);
        if ((strcmp(iso, cur) != 0 && header) || next <= last_num) {
            if (n == max) break;
            /* the new meeting's header starts before this line: "Udvalg: …", "Referat",
             * "<Navn> Kommune" */
            size_t c = i;
            while (c > 0) {
                size_t p = c - 1;
                while (p > 0 && L->v[p].kind == RS_LK_BLANK) p--;
                const RsLine *q = &L->v[p];
                const char *qs = t + q->start;
                size_t qn = q->end - q->start;
                int head = q->kind != RS_LK_HEADING && q->kind != RS_LK_SECTION && q->kind != RS_LK_DECISION &&
                           qn < 80 && (rs_header_line(qs, qn) || rs_ci_find(qs, qn, "Kommune") < qn ||
                                       rs_vocab_toc_label(qs, qn));
                if (!head || p <= cuts[n - 1]) break;
                c = p;
            }
            cuts[n++] = c;
            memcpy(cur, iso, sizeof cur);
            last_num = -1;
            seen_heading = 0;
        }
    }
    return n;
}

/* Whether s[0..n) only names a municipality, "Bornholm" or "LYNGBY-TAARBÆK KOMMUNE": a label
 * of the page, not its title. */
static int municipality_label(const char *s, size_t n) {
    static const char *const tails[] = {" Kommune", " KOMMUNE", " Regionskommune"};
    for (size_t k = 0; k < sizeof tails / sizeof *tails; k++) {
        size_t l = strlen(tails[k]);
        if (n > l && !memcmp(s + n - l, tails[k], l)) n -= l;
    }
    return rs_vocab_municipality(s, n) >= 0;
}

/* The title of a text with no agenda structure: its first heading-like line that is not
 * meeting metadata nor a municipality's name, else its first line, else the file's name. */
static char *whole_title(const RsMeeting *m, const RsLines *L, size_t from, size_t to, const char *name) {
    size_t first = to;
    for (size_t i = from; i < to && i < from + 60; i++) {
        const RsLine *l = &L->v[i];
        if (l->kind == RS_LK_BLANK || l->kind == RS_LK_CHROME) continue;
        if (first == to) first = i;
        const char *s = m->text + l->start;
        size_t n = l->end - l->start;
        if (l->kind == RS_LK_SECTION || l->kind == RS_LK_DECISION) break;
        if ((l->kind == RS_LK_TEXT || l->kind == RS_LK_HEADING) && n >= 3 && n <= 200 && rs_is_upper(s, n) &&
            !rs_header_line(s, n) && s[n - 1] != ':' && !municipality_label(s, n)) {
            RsBuf t = {0};
            size_t last;
            RsStatus rc = rs_buf_append(&t, s, n);
            /* wrapped onto the next line, as an item's title can be */
            if (rc == RS_OK) rc = rs_title_wrapped(m->text, L, i + 1, to, 1, &t, &last);
            if (rc != RS_OK) rs_buf_free(&t);
            return rc == RS_OK ? rs_buf_steal(&t) : NULL;
        }
    }
    if (first < to) {
        const RsLine *l = &L->v[first];
        size_t n = l->end - l->start;
        return strndup(m->text + l->start, n < 200 ? n : 200);
    }
    const char *b = strrchr(name, '/');
    return strdup(b ? b + 1 : name);
}

/* Whether line l is a decision label with a title after it ("Beslutning: Grøn Trepart -
 * omlægningsplan for Fanø Kommune og videre proces"): a text that reads as a title and ends in
 * no full stop. Can't fail. */
static int title_decision(const char *text, const RsLine *l) {
    if (l->kind != RS_LK_DECISION) return 0;
    size_t n = l->end - l->start;
    if (l->text_off >= n) return 0;
    const char *t = text + l->start + l->text_off;
    size_t tl = n - l->text_off;
    return rs_is_upper(t, tl) && t[tl - 1] != '.' && rs_reads_as_title(t, tl);
}

/* Parse one meeting: lines [from, to) of L into m (whose text is set). */
static RsStatus parse_meeting(RsMeeting *m, const RsLines *L, size_t from, size_t to, const char *name,
                              const RsParseOptions *o) {
    RsItemSpan *sp = NULL;
    size_t n = 0;
    int from_toc = 0;
    RsStatus rc = rs_segment(m->text, L, from, to, &sp, &n, &from_toc);
    /* a flattened transcript whose headings lost their numbers: its pages' headings */
    if (rc == RS_OK && (!n || from_toc) && L->flattened) {
        /* (rather than the contents' entries, when the pages show their headings) */
        RsItemSpan *fs = NULL;
        size_t fn = 0;
        rc = rs_flat_spans(m->text, L, from, to, &fs, &fn);
        if (rc == RS_OK && fn) {
            free(sp);
            sp = fs, n = fn, from_toc = 0;
        }
    }
    /* … or only those before the first numbered one ("Byrådet s møde den Godkendelse af
     * dagsorden Beslutning …" on the page before "2. Anmodning om …") */
    if (rc == RS_OK && n && !from_toc && L->flattened && sp[0].first > from) {
        RsItemSpan *pre = NULL;
        size_t np = 0;
        rc = rs_flat_spans(m->text, L, from, sp[0].first, &pre, &np);
        RsItemSpan *all = np ? realloc(pre, (np + n) * sizeof *all) : NULL;
        if (np && !all) {
            free(pre);
            rc = RS_ERR_NOMEM;
        } else if (np) {
            memcpy(all + np, sp, n * sizeof *sp);
            free(sp);
            sp = all;
            n += np;
        }
    }
    /* … or a notice's agenda of unnumbered bullets ("Åbent møde", "• Klimapuljen 2020", …) */
    if (rc == RS_OK && !n && !L->flattened) rc = rs_bullet_spans(m->text, L, from, to, &sp, &n);
    /* … or a page whose items are each a title over its section labels (titled.h) */
    if (rc == RS_OK && !n && !L->flattened) rc = rs_titled_spans(m->text, L, from, to, &sp, &n);
    if (rc != RS_OK) return rc;
    size_t hdr_to = n ? sp[0].first : to;
    if (n && from_toc) hdr_to = sp[0].first;
    /* no items: a date in the one item's text (after its first section) is none of the meeting's */
    size_t date_to = hdr_to;
    for (size_t i = from; !n && i < to; i++)
        if (L->v[i].kind == RS_LK_SECTION || L->v[i].kind == RS_LK_DECISION) {
            date_to = i;
            break;
        }
    rc = rs_header_read(m, L, from, hdr_to, date_to);
    if (rc == RS_OK && m->committee) {
        char *disp = rs_committee_display(m->committee);
        if (!disp) rc = RS_ERR_NOMEM;
        else {
            free(m->committee);
            m->committee = disp;
        }
    }
    size_t text_end = m->span.end;
    if (rc == RS_OK && n) {
        m->items = calloc(n, sizeof *m->items);
        if (!m->items) rc = RS_ERR_NOMEM;
        for (size_t i = 0; rc == RS_OK && i < n; i++) {
            size_t end = i + 1 < n ? L->v[sp[i + 1].first].start : text_end;
            m->n_items++;
            rc = rs_item_parse(m, L, &sp[i], end, &m->items[i]);
        }
        m->structured = 1;
    } else if (rc == RS_OK) {
        m->items = calloc(1, sizeof *m->items);
        char *title = m->items ? whole_title(m, L, from, to, name) : NULL;
        if (!title) rc = RS_ERR_NOMEM;
        else {
            m->n_items = 1;
            /* "Beslutning: Grøn Trepart - omlægningsplan for …" as a page's first line is its
             * title with the item's type before it (an aggregator's single-item page), not a
             * decision: its sections are read after it */
            size_t body_from = from;
            while (body_from < to && (L->v[body_from].kind == RS_LK_BLANK || L->v[body_from].kind == RS_LK_CHROME))
                body_from++;
            if (body_from < to && title_decision(m->text, &L->v[body_from])) body_from++;
            else body_from = from;
            rc = rs_item_whole(m, L, body_from, to, m->span.start, text_end, title, &m->items[0]);
            /* a one-item page (kk.dk, Aarhus) has its sections and decisions; a letter has none */
            const RsItem *it = &m->items[0];
            for (size_t k = 0; rc == RS_OK && k < it->n_sections && !m->structured; k++)
                m->structured = it->sections[k].kind != RS_SEC_BODY;
        }
        free(title);
    }
    free(sp);
    if (rc == RS_OK) rc = rs_header_from_items(m);
    if (rc == RS_OK && m->committee) {
        free(m->committee_name);
        free(m->committee_key);
        m->committee_name = rs_committee_display(m->committee);
        m->committee_key = rs_committee_key(m->committee);
        if (!m->committee_name || !m->committee_key) rc = RS_ERR_NOMEM;
    }
    if (rc == RS_OK) rc = rs_municipality_infer(m, L, from, to, name, o->municipality);
    return rc;
}

RsStatus rs_referat_parse(const char *text, size_t len, const char *name,
                          const RsParseOptions *opts, RsMeeting **out, RsError *err) {
    *out = NULL;
    RsParseOptions o = opts ? *opts : (RsParseOptions){0};
    if (!name) name = "(text)";
    size_t max = o.max_bytes ? o.max_bytes : DEFAULT_MAX_BYTES;
    if (len > max)
        return rs_error_set(err, RS_ERR_INPUT, "%s: %zu bytes is over the limit of %zu", name, len, max);
    /* UTF-8 in NFC, whatever the file's encoding (no BOM); owned by the first meeting */
    char *buf;
    size_t blen;
    const char *enc;
    RsStatus drc = rs_text_decode(text, len, &buf, &blen, &enc, err);
    if (drc != RS_OK) {
        rs_error_prefix(err, "%s", name);
        return drc;
    }
    size_t visible = 0;
    for (size_t i = 0; i < blen && !visible;) {
        size_t b = rs_blank_len(buf + i, blen - i);
        if (b) { i += b; continue; }
        if (buf[i] == '\n' || buf[i] == '\r' || buf[i] == '\f') { i++; continue; }
        visible = 1;
    }
    if (!visible) {
        free(buf);
        return rs_error_set(err, RS_ERR_INPUT, "%s: empty file", name);
    }

    RsMeeting *m = calloc(1, sizeof *m);
    if (!m) {
        free(buf);
        return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    }
    /* one kind of line end and of space, no invisible break hints (rs_text_clean) */
    m->text = buf;
    m->encoding = enc;
    m->text_len = rs_text_clean(buf, blen);
    m->text[m->text_len] = '\0';

    RsLines L;
    RsStatus rc = rs_lines_build(m->text, m->text_len, &L);
    if (rc == RS_OK && getenv("RS_DEBUG_LINES")) rs_lines_dump(m->text, &L);
    size_t cuts[64], nc = rc == RS_OK ? meeting_cuts(m->text, &L, cuts, 64) : 0;
    RsMeeting *cur = m;
    for (size_t k = 0; rc == RS_OK && k < nc; k++) {
        size_t from = cuts[k], to = k + 1 < nc ? cuts[k + 1] : L.n;
        if (k) {
            RsMeeting *nm = calloc(1, sizeof *nm);
            if (!nm) { rc = RS_ERR_NOMEM; break; }
            nm->text = m->text;
            nm->text_len = m->text_len;
            nm->encoding = m->encoding;
            cur->next = nm;
            cur = nm;
        }
        cur->span = (RsRange){from < L.n ? L.v[from].start : m->text_len, to < L.n ? L.v[to].start : m->text_len};
        if (k == 0) cur->span.start = 0;
        if (k + 1 == nc) cur->span.end = m->text_len;
        rc = parse_meeting(cur, &L, from, to, name, &o);
    }
    rs_lines_free(&L);
    if (rc != RS_OK) {
        rs_meeting_free(m);
        return rs_error_set(err, rc, "%s: out of memory while parsing", name);
    }
    *out = m;
    return RS_OK;
}

size_t rs_meeting_total_items(const RsMeeting *m) {
    size_t n = 0;
    for (; m; m = m->next) n += m->n_items;
    return n;
}

RsStatus rs_document_text(const char *data, size_t len, const char *name, char **text,
                          size_t *text_len, RsError *err) {
    *text = NULL;
    *text_len = 0;
    size_t nl = strlen(name);
    if (len >= 5 && !memcmp(data, "%PDF-", 5)) return rs_pdf_text(data, len, name, text, text_len, err);
    if (nl > 4 && !strcasecmp(name + nl - 4, ".pdf"))
        return rs_error_set(err, RS_ERR_INPUT, "%s: not a PDF file (no %%PDF- header)", name);
    if (rs_html_is(data, len, name)) return rs_html_text(data, len, name, text, text_len, err);
    return RS_OK;
}

RsStatus rs_referat_parse_bytes(const char *data, size_t len, const char *name,
                                const RsParseOptions *opts, RsMeeting **out, RsError *err) {
    *out = NULL;
    char *txt;
    size_t tl;
    RsStatus rc = rs_document_text(data, len, name, &txt, &tl, err);
    if (rc != RS_OK || !txt) return rc != RS_OK ? rc : rs_referat_parse(data, len, name, opts, out, err);
    rc = rs_referat_parse(txt, tl, name, opts, out, err);
    free(txt);
    return rc;
}

RsStatus rs_referat_parse_file(const char *path, const RsParseOptions *opts, RsMeeting **out,
                               RsError *err) {
    *out = NULL;
    size_t max = opts && opts->max_bytes ? opts->max_bytes : DEFAULT_MAX_BYTES;
    char *data;
    size_t len;
    RsStatus rc = rs_read_file(path, max, &data, &len, err);
    if (rc != RS_OK) return rc;
    rc = rs_referat_parse_bytes(data, len, path, opts, out, err);
    free(data);
    return rc;
}

static void item_free(RsItem *it) {
    free(it->title);
    free(it->case_no);
    for (size_t i = 0; i < it->n_cases; i++) free(it->cases[i]);
    free(it->cases);
    free(it->sections);
    for (size_t i = 0; i < it->n_decisions; i++) {
        free(it->decisions[i].committee);
        free(it->decisions[i].committee_key);
    }
    free(it->decisions);
    free(it->attachments);
    free(it->absences);
    for (size_t i = 0; i < it->n_refs; i++) free(it->refs[i]);
    free(it->refs);
}

void rs_meeting_free(RsMeeting *m) {
    if (!m) return;
    RsMeeting *next = m->next;
    if (next) {
        /* the meetings after the first share its text */
        for (RsMeeting *k = next; k; k = k->next) k->text = NULL;
        rs_meeting_free(next);
    }
    for (size_t i = 0; i < m->n_items; i++) item_free(&m->items[i]);
    free(m->items);
    for (size_t i = 0; i < m->n_participants; i++) free(m->participants[i].name);
    free(m->participants);
    free(m->text);
    free(m->municipality);
    free(m->committee);
    free(m->committee_name);
    free(m->committee_key);
    free(m->place);
    free(m->url);
    free(m->title);
    free(m);
}

