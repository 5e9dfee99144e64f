/* item.c — one agenda item's contents from its lines (see item.h). */
#include "item.h"
#include "item_priv.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "casenum.h"
#include "caseno.h"
#include "classify.h"
#include "committee.h"
#include "decision.h"
#include "heading.h"
#include "text.h"
#include "vocab.h"

#define LN(i) (&L->v[i])

static int is_absence(const char *s, size_t n) {
    return rs_ci_prefix(s, n, "Fraværende") || rs_ci_prefix(s, n, "Afbud") ||
           memmem(s, n, "deltog ikke", 11) || memmem(s, n, "var fraværende", 15);
}

/* The case found in the title, before the list of cases exists: kept in case_no only
 * (set_case adds it to the list when the meta lines are read). */
static RsStatus set_case_early(RsItem *it, const char *s, size_t n) {
    free(it->case_no);
    return (it->case_no = strndup(s, n)) ? RS_OK : RS_ERR_NOMEM;
}

/* Title of the item from its title line: trimmed, blanks collapsed, as printed. */
static RsStatus set_title(const RsMeeting *m, const RsLines *L, const RsItemSpan *sp, RsItem *it,
                          size_t *consumed) {
    *consumed = 0;
    const RsLine *l = LN(sp->title_line);
    const char *s = m->text + l->start;
    size_t n = l->end - l->start;
    if (sp->page_title) s += sp->title_skip, n -= sp->title_skip;
    else if (sp->title_line == sp->head) s += l->text_off, n = l->text_len;
    if (sp->title_len && sp->title_len < n) n = sp->title_len; /* the rest is body (rs_item_parse) */
    /* a closed marker closes the item and stays in the title as printed ("Lukket punkt: Salg af
     * areal", "Personalesag (Lukket)"): the title is what the minutes print */
    if (rs_vocab_closed_prefix(s, n)) it->closed = 1;
    if (rs_vocab_closed_suffix(s, n) < n) it->closed = 1;
    /* contents entries keep their leaders and page number: drop them */
    size_t e = n;
    while (e && (rs_is_digit(s[e - 1]) || s[e - 1] == 'i' || s[e - 1] == 'v' || s[e - 1] == 'x' ||
                 s[e - 1] == ' ' || s[e - 1] == '\t'))
        e--;
    size_t dots = 0;
    while (e && s[e - 1] == '.') e--, dots++;
    if (dots >= 3) n = e;
    /* "… på Vestermarkskolen 13/30382": a flattened page runs the case line into the title */
    if (l->flat) {
        size_t w = n;
        while (w > 0 && s[w - 1] != ' ') w--;
        if (w > 0 && w < n && rs_case_token(s + w, n - w, 0) == n - w) {
            RsStatus rc = set_case_early(it, s + w, n - w);
            if (rc != RS_OK) return rc;
            n = w;
            while (n && s[n - 1] == ' ') n--;
        }
    }
    RsBuf t = {0};
    rs_buf_append(&t, s, n);
    /* a title wrapped onto the next lines, at most three more */
    size_t last, next = sp->title_line + 1;
    RsStatus rc = RS_OK;
    if (sp->title_more) {
        last = sp->title_line + sp->title_more;
        for (size_t j = next; rc == RS_OK && j <= last && j < L->n; j++)
            rc = rs_title_append(&t, m->text + LN(j)->start, LN(j)->end - LN(j)->start);
    } else rc = rs_title_wrapped(m->text, L, next, sp->end < L->n ? sp->end : L->n, 3, &t, &last);
    if (rc != RS_OK) {
        rs_buf_free(&t);
        return RS_ERR_NOMEM;
    }
    if (last >= next) *consumed = last;
    it->title = rs_item_collapse(t.data ? t.data : "", t.len);
    rs_buf_free(&t);
    return it->title ? RS_OK : RS_ERR_NOMEM;
}

RsStatus rs_title_wrapped(const char *text, const RsLines *L, size_t next, size_t end, size_t max, RsBuf *t,
                          size_t *last) {
    *last = next - 1;
    for (size_t j = next; j < end && j < next + max; j++) {
        if (LN(j)->kind != RS_LK_TEXT || LN(j)->in_toc) break;
        const char *x = text + LN(j)->start;
        size_t xl = LN(j)->end - LN(j)->start;
        if (rs_vocab_case_label(x, xl)) break; /* "J.nr.: A00": a label, whatever its value */
        if (!t->data || !rs_title_continues(t->data, t->len, x, xl)) break;
        if (rs_title_append(t, x, xl) != RS_OK) return RS_ERR_NOMEM;
        *last = j;
    }
    return RS_OK;
}

static RsStatus new_section(RsItem *it, RsItemCaps *cap, RsSectionKind k, RsRange heading, RsRange body) {
    if (!rs_item_grow((void **)&it->sections, &cap->sections, it->n_sections, sizeof *it->sections))
        return RS_ERR_NOMEM;
    RsSection *s = &it->sections[it->n_sections++];
    s->kind = k;
    s->heading = heading;
    s->body = body;
    return RS_OK;
}

static RsStatus new_decision(const RsMeeting *m, RsItem *it, RsItemCaps *cap, const char *s,
                             const RsDecisionHead *d, RsRange text) {
    if (!rs_item_grow((void **)&it->decisions, &cap->decisions, it->n_decisions, sizeof *it->decisions))
        return RS_ERR_NOMEM;
    RsDecision *dec = &it->decisions[it->n_decisions++];
    if (d->committee_len) dec->committee = rs_item_collapse(s + d->committee_off, d->committee_len);
    else if (m->committee) dec->committee = strdup(m->committee);
    if ((d->committee_len || m->committee) && !dec->committee) return RS_ERR_NOMEM;
    if (dec->committee && !(dec->committee_key = rs_committee_key(dec->committee))) return RS_ERR_NOMEM;
    memcpy(dec->date, d->date[0] ? d->date : m->date, sizeof dec->date);
    dec->text = text;
    return RS_OK;
}

static void trim_range(const char *t, RsRange *r) {
    while (r->start < r->end && (t[r->start] == '\n' || t[r->start] == ' ' || t[r->start] == '\t')) r->start++;
    while (r->end > r->start && (t[r->end - 1] == '\n' || t[r->end - 1] == ' ' || t[r->end - 1] == '\t')) r->end--;
    /* portal chrome ending the range ("Til toppen", "Print") is no part of it */
    while (r->end > r->start) {
        size_t b = r->end;
        while (b > r->start && t[b - 1] != '\n') b--;
        size_t x = b, e = r->end;
        rs_trim(t, &x, &e);
        if (b == r->start || !rs_vocab_chrome(t + x, e - x)) break;
        r->end = b;
        while (r->end > r->start && (t[r->end - 1] == '\n' || t[r->end - 1] == ' ' || t[r->end - 1] == '\t')) r->end--;
    }
}

/* Sections, decisions, absences, attachments, votes of body lines [from, to); text from `lead`
 * before the first of them (the rest of a heading line, RsItemSpan.title_len) opens the body. */
static RsStatus read_body(const RsMeeting *m, const RsLines *L, size_t from, size_t to, size_t end,
                          size_t lead, RsItem *it, RsItemCaps *cap) {
    const char *t = m->text;
    RsSection *cur = NULL;
    long dec = -1; /* the decision the current section holds */
    RsStatus rc;
    if (lead < (from < to ? LN(from)->start : end)) {
        rc = new_section(it, cap, RS_SEC_BODY, (RsRange){lead, lead}, (RsRange){lead, end});
        if (rc != RS_OK) return rc;
        cur = &it->sections[it->n_sections - 1];
    }
    for (size_t i = from; i < to; i++) {
        const RsLine *l = LN(i);
        const char *s = t + l->start;
        size_t n = l->end - l->start;
        if (l->kind == RS_LK_BLANK || l->kind == RS_LK_CHROME) continue;
        if (l->kind == RS_LK_SECTION || l->kind == RS_LK_DECISION) {
            if (cur) cur->body.end = l->start;
            size_t tx = l->start + l->text_off;
            if (tx > l->end) tx = l->end;
            size_t he = tx;
            while (he > l->start && (t[he - 1] == ' ' || t[he - 1] == ':')) he--;
            rc = new_section(it, cap, (RsSectionKind)l->sec, (RsRange){l->start, he},
                             (RsRange){tx < l->end ? tx : (i + 1 < L->n ? LN(i + 1)->start : end), end});
            if (rc != RS_OK) return rc;
            cur = &it->sections[it->n_sections - 1];
            dec = -1;
            if (l->sec == RS_SEC_BESLUTNING) { /* decision lines are of this kind too */
                /* a decision heading, or a decision section's other names ("Protokol"): the
                 * meeting's committee and date decide where the heading names none */
                RsDecisionHead d = {0};
                size_t bl = l->kind == RS_LK_DECISION ? rs_bullet_len(s, n) : 0; /* "• Beslutning i …" */
                if (l->kind == RS_LK_DECISION && !rs_decision_heading(s, n, &d) && bl)
                    rs_decision_heading(s + bl, n - bl, &d);
                else
                    bl = 0;
                rc = new_decision(m, it, cap, s + bl, &d, cur->body);
                if (rc != RS_OK) return rc;
                dec = (long)it->n_decisions - 1;
            }
            continue;
        }
        if (l->kind == RS_LK_TEXT && n > 40) {
            /* "… dagsorden. Byrådet, 16.12.2014 Godkendt. Økonomiudvalget, 20.01.2015 Anbefales." */
            size_t off = 0, at;
            RsDecisionHead d;
            int found = 0;
            while (off < n && rs_decision_inline(s + off, n - off, &at, &d)) {
                if (!cur) {
                    rc = new_section(it, cap, RS_SEC_BODY, (RsRange){l->start, l->start}, (RsRange){l->start, end});
                    if (rc != RS_OK) return rc;
                }
                it->sections[it->n_sections - 1].body.end = l->start + off + at;
                d.committee_off += off;
                rc = new_section(it, cap, RS_SEC_BESLUTNING,
                                 (RsRange){l->start + off + at, l->start + off + d.text_off},
                                 (RsRange){l->start + off + d.text_off, end});
                if (rc != RS_OK) return rc;
                cur = &it->sections[it->n_sections - 1];
                rc = new_decision(m, it, cap, s, &d, cur->body);
                if (rc != RS_OK) return rc;
                dec = (long)it->n_decisions - 1;
                off += d.text_off;
                found = 1;
            }
            if (found) continue;
        }
        /* "Sagens forløb": "07-10-2019 Magistraten" starts an earlier body's decision */
        if (l->kind == RS_LK_TEXT && cur && cur->kind == RS_SEC_HISTORIK && n < 120) {
            RsDecisionHead d;
            if (rs_decision_dated(s, n, &d)) {
                cur->body.end = l->start;
                rc = new_section(it, cap, RS_SEC_HISTORIK, (RsRange){l->start, l->end},
                                 (RsRange){i + 1 < L->n ? LN(i + 1)->start : end, end});
                if (rc != RS_OK) return rc;
                cur = &it->sections[it->n_sections - 1];
                rc = new_decision(m, it, cap, s, &d, cur->body);
                if (rc != RS_OK) return rc;
                dec = (long)it->n_decisions - 1;
                continue;
            }
        }
        if (!cur) {
            rc = new_section(it, cap, RS_SEC_BODY, (RsRange){l->start, l->start}, (RsRange){l->start, end});
            if (rc != RS_OK) return rc;
            cur = &it->sections[it->n_sections - 1];
        }
        if (n < 400 && is_absence(s, n)) {
            if (!rs_item_grow((void **)&it->absences, &cap->absences, it->n_absences, sizeof *it->absences))
                return RS_ERR_NOMEM;
            it->absences[it->n_absences++] = (RsRange){l->start, l->end};
        }
        if (cur->kind == RS_SEC_BILAG && n < 300 && !is_absence(s, n) && !rs_ci_prefix(s, n, "Ingen bilag")) {
            if (!rs_item_grow((void **)&it->attachments, &cap->attachments, it->n_attachments, sizeof *it->attachments))
                return RS_ERR_NOMEM;
            it->attachments[it->n_attachments++] = (RsRange){l->start, l->end};
        }
        if (dec >= 0) {
            RsDecision *dd = &it->decisions[dec];
            int kind = rs_ci_prefix(s, n, "For stemte") ? 'F'
                       : rs_ci_prefix(s, n, "Imod stemte") ? 'I'
                       : rs_ci_prefix(s, n, "Undlod") ? 'U' : 0;
            if (kind && dd->n_votes < 3) {
                RsVote *v = &dd->votes[dd->n_votes++];
                v->kind = kind;
                size_t k = 0;
                while (k < n && !rs_is_digit(s[k])) k++;
                v->count = k < n ? atoi(s + k) : 0;
                size_t colon = 0;
                while (colon < n && s[colon] != ':') colon++;
                if (colon + 1 < n) {
                    v->names = (RsRange){l->start + colon + 1, l->end};
                    trim_range(t, &v->names);
                } else {
                    size_t j = i + 1;
                    while (j < to && LN(j)->kind == RS_LK_BLANK) j++;
                    v->names = j < to ? (RsRange){LN(j)->start, LN(j)->end} : (RsRange){l->end, l->end};
                }
            }
        }
    }
    if (cur) cur->body.end = end;
    /* each decision's text is its section's body */
    for (size_t s = 0, d = 0; s < it->n_sections && d < it->n_decisions; s++)
        if ((it->sections[s].kind == RS_SEC_BESLUTNING || it->sections[s].kind == RS_SEC_HISTORIK) &&
            it->sections[s].body.start == it->decisions[d].text.start)
            it->decisions[d++].text = it->sections[s].body;
    for (size_t s = 0; s < it->n_sections; s++) trim_range(t, &it->sections[s].body);
    /* a decision with no text (an agenda's empty "Beslutning", an excerpt that stops there) is
     * no decision; absence lines alone are none either */
    size_t kept = 0;
    for (size_t d = 0; d < it->n_decisions; d++) {
        RsDecision *dd = &it->decisions[d];
        trim_range(t, &dd->text);
        int words = 0;
        for (size_t p = dd->text.start; p < dd->text.end && !words;) {
            size_t e = p;
            while (e < dd->text.end && t[e] != '\n') e++;
            size_t b = p, x = e;
            rs_trim(t, &b, &x);
            if (x > b && !(rs_ci_prefix(t + b, x - b, "Fraværende") && x - b <= 12) &&
                !(rs_ci_prefix(t + b, x - b, "Afbud") && x - b <= 7))
                words = 1;
            p = e + 1;
        }
        if (!words) {
            free(dd->committee);
            free(dd->committee_key);
            continue;
        }
        /* the history's last entry repeats the decision printed above it */
        int dup = 0;
        for (size_t k = 0; k < kept && !dup; k++)
            dup = it->decisions[k].date[0] && !strcmp(it->decisions[k].date, dd->date) &&
                  it->decisions[k].committee_key && dd->committee_key &&
                  !strcmp(it->decisions[k].committee_key, dd->committee_key);
        if (dup) {
            free(dd->committee);
            free(dd->committee_key);
            continue;
        }
        dd->outcome = rs_outcome_of(t + dd->text.start, dd->text.end - dd->text.start);
        it->decisions[kept++] = *dd;
    }
    it->n_decisions = kept;
    return RS_OK;
}

/* The heading block and the lines before the body: case, markers, closedness. */
static RsStatus read_meta(const RsMeeting *m, const RsLines *L, const RsItemSpan *sp, RsItem *it,
                          RsItemCaps *cap, size_t *body_from) {
    const char *t = m->text;
    RsStatus rc;
    if (it->case_no && !it->n_cases) { /* taken from the title (set_case_early) */
        char *c = it->case_no;
        it->case_no = NULL;
        rc = rs_item_set_case(it, cap, c, strlen(c));
        free(c);
        if (rc != RS_OK) return rc;
    }
    int marker = -1;
    /* before the heading: a case or marker line the segmenter gave the item; between a number
     * and its title ("Punkt: 1 Acadre sagsnr.: 17/10438 … Meddelelser", flattitle.h): its case */
    for (size_t i = sp->head + 1; i < sp->title_line; i++)
        if (LN(i)->kind == RS_LK_CASE && LN(i)->text_len && !it->case_no) {
            rc = rs_item_set_case(it, cap, t + LN(i)->start + LN(i)->text_off, LN(i)->text_len);
            if (rc != RS_OK) return rc;
        }
    for (size_t i = sp->first; i < sp->head && i < sp->title_line + 1; i++) {
        const RsLine *l = LN(i);
        if (l->kind == RS_LK_CASE && l->text_len) {
            rc = rs_item_set_case(it, cap, t + l->start + l->text_off, l->text_len);
            if (rc != RS_OK) return rc;
        } else if (l->kind == RS_LK_MARKER && marker < 0) {
            marker = l->closed;
        }
    }
    size_t i = sp->body;
    /* after it, until the first section, decision or paragraph: case lines, markers, the title
     * printed again, the number printed again */
    int seen_case = 0, case_journal = 0, strays = 0;
    RsRange stray = {0, 0};
    for (; i < sp->end; i++) {
        const RsLine *l = LN(i);
        const char *s = t + l->start;
        size_t n = l->end - l->start;
        if (l->kind == RS_LK_BLANK || l->kind == RS_LK_CHROME) continue;
        if (l->kind == RS_LK_CASE) {
            int journal = rs_item_journal_label(s, l->text_off);
            if (l->text_len && (!it->case_no || (case_journal && !journal))) {
                /* "J.nr.: 00.01.00.A10-0001/2013" then "Sagsnr.: 6628": the case number is the
                 * case, the journal number stays among its cases */
                free(it->case_no);
                it->case_no = NULL;
                rc = rs_item_set_case(it, cap, s + l->text_off, l->text_len);
                if (rc != RS_OK) return rc;
                for (size_t k = 0; it->kle_group < 0 && k < it->n_cases; k++) /* the journal's */
                    it->kle_group = rs_kle_of(it->cases[k]);
                case_journal = journal;
            } else if (l->text_len) {
                rc = rs_item_add_case(it, cap, s + l->text_off, l->text_len);
                if (rc != RS_OK) return rc;
                if (it->kle_group < 0) it->kle_group = rs_kle_of(it->cases[it->n_cases - 1]);
            } else if (!it->case_no) {
                /* a row of labels cut into pieces, its values after the last: "Sagsnr.:" /
                 * "Sagen afgøres i:" / "Bilag: 15/30411 Ældrerådet …" */
                for (size_t j = i + 1; j < sp->end && j <= i + 3 && LN(j)->phys == l->phys; j++) {
                    const RsLine *v = LN(j);
                    if (v->kind != RS_LK_SECTION || v->text_off >= v->end - v->start) continue;
                    const char *x = t + v->start + v->text_off;
                    size_t xl = rs_case_token(x, v->end - v->start - v->text_off, 0);
                    if (xl) {
                        rc = rs_item_set_case(it, cap, x, xl);
                        if (rc != RS_OK) return rc;
                        break;
                    }
                }
            }
            /* "Sagsnr. 299836 Plan- og Teknikudvalget Lukket punkt" */
            size_t lp = rs_ci_find(s, n, "Lukket punkt"), op = rs_ci_find(s, n, "Åbent punkt");
            if (lp < n && (op >= n || lp < op) && marker < 0) marker = 1;
            else if (op < n && marker < 0) marker = 0;
            seen_case = 1;
            continue;
        }
        if (l->kind == RS_LK_MARKER) {
            if (marker < 0) marker = l->closed;
            continue;
        }
        if (l->kind == RS_LK_HEADING && LN(i)->number == LN(sp->head)->number) continue;
        if (l->kind == RS_LK_TEXT && it->title && rs_same_words(it->title, strlen(it->title), s, n)) continue;
        if (l->kind == RS_LK_TEXT && n < 80 && rs_vocab_doc_label(s, n)) continue;
        /* "J.nr.: A00": a case label whose value is no case number (cut in extraction) */
        if (l->kind == RS_LK_TEXT && rs_case_label_stray(s, n)) continue;
        if (l->kind == RS_LK_TEXT && rs_ci_prefix(s, n, "Initialer")) continue;
        if (l->kind == RS_LK_TEXT && !it->case_no && !seen_case) {
            /* a flattened paragraph that opens with the case number */
            size_t tl = rs_case_token(s, n, 0);
            if (tl && tl < n && s[tl] == ' ') {
                rc = rs_item_set_case(it, cap, s, tl);
                if (rc != RS_OK) return rc;
            }
        }
        /* "• Pkt. 44 Titel" / "Arbejdsplan.pdf Strategi.pdf" / "Pkt. 44" / "Titel" / "Sagsnr. …": a
         * line under the heading before it is printed again; its text is the item's, and the
         * case and markers after the second heading are still the item's */
        size_t j = i + 1;
        while (j < sp->end && (LN(j)->kind == RS_LK_BLANK || LN(j)->kind == RS_LK_CHROME)) j++;
        if (l->kind == RS_LK_TEXT && !strays && j < sp->end && LN(j)->kind == RS_LK_HEADING &&
            LN(j)->number == LN(sp->head)->number) {
            stray = (RsRange){l->start, l->end};
            strays++;
            continue;
        }
        break;
    }
    if (it->closed == 0 && sp->closed == 1) it->closed = 1;
    if (!it->closed) {
        int c = sp->closed;
        if (LN(sp->head)->closed >= 0) c = LN(sp->head)->closed;
        else if (marker >= 0) c = marker;
        it->closed = c == 1;
    }
    /* (a closed item's text is never kept: rs_item_parse) */
    if (strays && !it->closed) {
        rc = new_section(it, cap, RS_SEC_BODY, (RsRange){stray.start, stray.start}, stray);
        if (rc != RS_OK) return rc;
    }
    *body_from = i;
    return RS_OK;
}

static void set_number(const RsMeeting *m, const RsLines *L, const RsItemSpan *sp, RsItem *it) {
    if (sp->page_title) { /* flattitle.c: the page's "Punkt: N", or none */
        size_t nl = sp->num_len < sizeof it->number_text - 1 ? sp->num_len : sizeof it->number_text - 1;
        memcpy(it->number_text, m->text + sp->num_at, nl);
        it->number_text[nl] = '\0';
        it->number = (int)(sp->number / 10);
        return;
    }
    const RsLine *h = LN(sp->head);
    size_t nl = h->num_len < sizeof it->number_text - 1 ? h->num_len : sizeof it->number_text - 1;
    memcpy(it->number_text, m->text + h->start + h->num_off, nl);
    it->number_text[nl] = '\0';
    it->number = (int)(h->number / 10);
}

RsStatus rs_item_parse(const RsMeeting *m, const RsLines *L, const RsItemSpan *sp, size_t end,
                       RsItem *it) {
    RsItemCaps cap = {0};
    it->kle_group = -1;
    set_number(m, L, sp, it);
    it->range = (RsRange){LN(sp->first)->start, end};
    size_t cont;
    RsStatus rc = set_title(m, L, sp, it, &cont);
    RsItemSpan s2 = *sp;
    if (cont && cont >= s2.body && cont < s2.end) s2.body = cont + 1; /* the title's second line */
    sp = &s2;
    size_t from = sp->body;
    if (rc == RS_OK) rc = read_meta(m, L, sp, it, &cap, &from);
    if (rc != RS_OK) return rc;
    if (it->closed) {
        it->body = (RsRange){end, end};
        it->type = RS_TYPE_LUKKET;
        return RS_OK; /* a closed item's body is never kept */
    }
    size_t bstart = from < sp->end && from < L->n ? LN(from)->start : end, lead = end;
    if (sp->title_len && sp->title_line == sp->head && sp->body == sp->head + 1) {
        /* the heading line's text after its cut title ("Valg af dirigent | Bestyrelsesformanden
         * foreslog …") opens the body; after a case or marker line read with the heading, a
         * section of its own */
        const RsLine *h = LN(sp->head);
        size_t cut = h->start + (sp->page_title ? sp->title_skip : h->text_off) + sp->title_len;
        int between = 0;
        for (size_t i = sp->body; i < from && i < L->n; i++)
            between |= LN(i)->kind != RS_LK_BLANK && LN(i)->kind != RS_LK_CHROME;
        if (cut < h->end && cut < end && !between) bstart = lead = cut;
        else if (cut < h->end && cut < end)
            rc = new_section(it, &cap, RS_SEC_BODY, (RsRange){cut, cut}, (RsRange){cut, h->end});
        if (rc != RS_OK) return rc;
        /* "… klubhus | Ø40/dwbkes 08/16253": a case number among the codes after the title */
        const char *t = m->text;
        for (size_t w = cut; !it->case_no && w < h->end;) {
            while (w < h->end && t[w] == ' ') w++;
            size_t we = w;
            while (we < h->end && t[we] != ' ') we++;
            if (we > w && rs_case_token(t + w, we - w, 0) == we - w) {
                rc = rs_item_set_case(it, &cap, t + w, we - w);
                if (rc != RS_OK) return rc;
            }
            if (we - cut > 40) break; /* only right after the title */
            w = we;
        }
    }
    if (bstart > end) bstart = end;
    it->body = (RsRange){bstart, end};
    rc = read_body(m, L, from, sp->end, end, lead, it, &cap);
    if (rc == RS_OK) rc = rs_item_cited_cases(it, &cap, m->text + it->body.start, it->body.end - it->body.start);
    if (rc != RS_OK) return rc;
    it->type = rs_classify_item(m, it);
    return RS_OK;
}

RsStatus rs_item_whole(const RsMeeting *m, const RsLines *L, size_t from, size_t to, size_t start,
                       size_t end, const char *fallback_title, RsItem *it) {
    RsItemCaps cap = {0};
    it->kle_group = -1;
    it->range = (RsRange){start, end};
    it->body = (RsRange){start, end};
    if (fallback_title) it->title = rs_item_collapse(fallback_title, strlen(fallback_title));
    else it->title = strdup("");
    if (!it->title) return RS_ERR_NOMEM;
    RsStatus rc = read_body(m, L, from, to, end, end, it, &cap);
    if (rc == RS_OK) rc = rs_item_cited_cases(it, &cap, m->text + start, end - start);
    /* a case line near the top is the text's own case */
    for (size_t i = from; rc == RS_OK && i < to && i < from + 40; i++)
        if (LN(i)->kind == RS_LK_CASE && LN(i)->text_len) {
            rc = rs_item_set_case(it, &cap, m->text + LN(i)->start + LN(i)->text_off, LN(i)->text_len);
            break;
        }
    if (rc != RS_OK) return rc;
    it->type = rs_classify_item(m, it);
    return RS_OK;
}
