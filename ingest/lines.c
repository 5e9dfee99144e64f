/* lines.c — cut a text into logical lines (ungluing what exports glue together) and classify
 * each one (see lines.h). */
#include "lines.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casenum.h"
#include "dates.h"
#include "decision.h"
#include "heading.h"
#include "text.h"
#include "vocab.h"

/* A physical line longer than this, in a text that is mostly such lines, is a flattened PDF
 * page or paragraph: headings and labels inside it start logical lines of their own. */
#define FLAT_LINE 250
#define FLAT_PIECE 60 /* in a flattened text, lines longer than this are cut at headings */

static RsStatus push(RsLines *l, size_t start, size_t end, uint32_t phys) {
    if (l->n == l->cap) {
        size_t c = l->cap ? l->cap * 2 : 256;
        RsLine *v = realloc(l->v, c * sizeof *v);
        if (!v) return RS_ERR_NOMEM;
        l->v = v;
        l->cap = c;
    }
    RsLine *ln = &l->v[l->n++];
    memset(ln, 0, sizeof *ln);
    ln->start = start;
    ln->end = end;
    ln->phys = phys;
    ln->closed = -1;
    return RS_OK;
}

/* Whether t[i - 10, i) is a date "dd.mm.yyyy" with no digit before it. Can't fail. */
static int date_before(const char *t, size_t i) {
    if (i < 11 || rs_is_digit(t[i - 11])) return 0;
    static const char form[] = "dd.dd.dddd";
    for (size_t k = 0; k < 10; k++) {
        char c = t[i - 10 + k];
        if (form[k] == 'd' ? !rs_is_digit(c) : c != '.') return 0;
    }
    return 1;
}

/* "…handlingsplaner174. Godkendelse", "Indholdsfortegnelse1. Fraværende", "… den
 * 29.01.20138. Godkendelse": a lower-case letter (or ')', or a date's year) directly followed by
 * 1–3 digits, '.', a blank and an upper-case letter. */
static int glued_number(const char *t, size_t i, size_t e) {
    if (!rs_is_digit(t[i])) return 0;
    int year = date_before(t, i);
    if (rs_is_digit(t[i - 1]) && !year) return 0;
    unsigned char p = (unsigned char)t[i - 1];
    int lower = (p >= 'a' && p <= 'z') || (i >= 2 && (unsigned char)t[i - 2] == 0xC3 && p >= 0xA0);
    /* "… Publikationer:1. Meddelelse" too, not a time "kl. 19:40. Medlemmer" */
    int label = p == ':' && i >= 2 && ((t[i - 2] >= 'a' && t[i - 2] <= 'z') || (unsigned char)t[i - 2] >= 0x80);
    if (!lower && p != ')' && !label && !year) return 0;
    size_t j = i;
    while (j < e && rs_is_digit(t[j]) && j - i < 4) j++;
    if (j - i > 3) return 0;
    /* "… spørgsmål50/2. Ansøgning": a running number / item number */
    if (j + 1 < e && t[j] == '/' && rs_is_digit(t[j + 1])) {
        size_t k = j + 1;
        while (k < e && rs_is_digit(t[k]) && k - j <= 3) k++;
        if (k - j <= 3) j = k;
    }
    if (j + 2 >= e || t[j] != '.' || t[j + 1] != ' ') return 0;
    return rs_is_upper(t + j + 2, e - j - 2);
}

/* Where a section heading glued to the end of a sentence or a title starts ("kl.
 * 16.30.Sagsfremstilling", "Terslev skole.Økonomi", "… 31. maj 2021Sagsfremstilling", "… fra
 * formandenReferat"), or e. */
static size_t glued_heading_at_end(const char *t, size_t b, size_t e) {
    /* a labelled heading with its text after it: "1 Spørgetid1BESLUTNING: Kommunalbestyrelsen den
     * 17-12-2015", "… formandenBeslutning: Godkendt." */
    for (size_t k = b + 2; k + 1 < e; k++) {
        char c = t[k - 1];
        int word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                   ((unsigned char)t[k - 2] == 0xC3 && (unsigned char)c >= 0xA0);
        if (!word || !rs_is_upper(t + k, e - k)) continue;
        RsSectionKind kind;
        size_t hl = rs_vocab_section_word(t + k, e - k, &kind);
        if (hl && k + hl < e && t[k + hl] == ':') return k;
    }
    for (size_t i = e; i > b + 1; i--) {
        size_t k = i - 1;
        if (e - k > 60) break;
        char c = t[k - 1];
        /* or to a heading's last word: "1. Meddelelse fra formandenReferat" */
        int word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                   (k >= b + 2 && (unsigned char)t[k - 2] == 0xC3 && (unsigned char)c >= 0xA0);
        if (!(c == '.' || c == ':' || c == ';' || c == '!' || c == '?' || c == ')' || word)) continue;
        if (!rs_is_upper(t + k, e - k)) continue;
        RsSectionKind kind;
        size_t off;
        if (rs_vocab_section(t + k, e - k, &kind, &off) && off == e - k) return k;
        /* eDoc's per-item "Referat" label glued to the title (not a section word: alone on a
         * line it is the document's kind) */
        if (word && e - k == 7 && !memcmp(t + k, "Referat", 7)) return k;
    }
    return e;
}

/* A section heading glued to the text after it: "BeslutningGodkendt." → its length, else 0. */
static size_t glued_heading_at_start(const char *t, size_t b, size_t e) {
    static const char *const heads[] = {"Beslutning", "Sagsfremstilling", "Indstilling", "Resumé",
                                        "Resume", "Økonomi", "Bilag"};
    for (size_t k = 0; k < sizeof heads / sizeof *heads; k++) {
        size_t l = strlen(heads[k]);
        if (b + l < e && !memcmp(t + b, heads[k], l) && rs_is_upper(t + b + l, e - b - l)) return l;
    }
    return 0;
}

/* The start of the word that ends right before the blank at t[i - 1]. Can't fail. */
static size_t word_before(const char *t, size_t i) {
    size_t w = i - 1;
    while (w > 0 && t[w - 1] != ' ') w--;
    return w;
}

/* "Sundheds- og Kulturforvaltningen indstiller", "Teknik- og Miljøforvaltningen foreslår",
 * "Direktionen indstiller": at s, an administration's name (one word, or "X- og Y…") ending in
 * -forvaltningen, -administrationen or -direktionen, then "indstiller" or "foreslår". Can't fail. */
static int administration_recommends(const char *s, size_t n) {
    static const char *const ends[] = {"forvaltningen", "administrationen", "direktionen"};
    size_t i = 0;
    for (int words = 0; words < 4 && i < n; words++) {
        size_t w = i;
        while (i < n && s[i] != ' ') i++;
        for (size_t k = 0; k < sizeof ends / sizeof *ends; k++) {
            size_t l = strlen(ends[k]);
            if (i - w >= l && !memcmp(s + i - l, ends[k], l))
                return rs_ci_prefix(s + i, n - i, " indstiller") || rs_ci_prefix(s + i, n - i, " foreslår");
        }
        /* only a coordination goes on: "Sundheds- og", "Børne-, Unge- og" */
        if (!(i > w && s[i - 1] == '-') && !(i - w == 2 && !memcmp(s + w, "og", 2)) &&
            !(i > w + 1 && s[i - 1] == ',' && s[i - 2] == '-'))
            return 0;
        i = rs_skip_blanks(s, i, n);
    }
    return 0;
}

/* Split points inside a flattened line: before " N. Upper", before case, document and
 * marker labels ("Sagsnr", "Dok.nr.", "J.nr.", "Initialer", "Åben sag"), before a section
 * heading word that starts a sentence or is followed by a capital ("… Åben sag Sagsfremstilling
 * På baggrund …", "… INDSTILLING Direktionen …"), and before decision headings. */
static int flat_split(const char *t, size_t i, size_t e) {
    if (t[i - 1] != ' ') return 0;
    /* after an open/closed marker: "Åben sag | FK/ØK/BY Klokkerholm Idrætsforening har …" */
    static const char *const markers[] = {"Åben sag ", "Lukket sag "};
    for (size_t k = 0; k < 2; k++) {
        size_t ml = strlen(markers[k]);
        if (i >= ml && !memcmp(t + i - ml, markers[k], ml) && (i == ml || t[i - ml - 1] == ' ')) return 1;
    }
    if (rs_is_digit(t[i])) {
        size_t j = i;
        while (j < e && rs_is_digit(t[j]) && j - i < 4) j++;
        char iso[11];
        /* not a page number: "… 14-06-2011. Sidenr. 512. Formandens initialer" */
        size_t w = i - 1;
        while (w > 0 && t[w - 1] != ' ') w--;
        /* (a bare "Side" may be a contents column's label: "Sag nr. Side 463. Til efterretning") */
        if (rs_ci_eq(t + w, i - 1 - w, "Sidenr.") || rs_ci_eq(t + w, i - 1 - w, "Sidenr") ||
            rs_ci_eq(t + w, i - 1 - w, "Side:"))
            return 0;
        /* not before a date: "… ONSDAG DEN 17. JUNI 2009" */
        return j - i <= 3 && j + 2 < e && t[j] == '.' && t[j + 1] == ' ' && rs_is_upper(t + j + 2, e - j - 2) &&
               !rs_date_at(t + i, e - i, iso);
    }
    if (!rs_is_upper(t + i, e - i)) return 0;
    static const char *const labels[] = {"J.nr.", "J. nr", "Sagsid", "Sagsnr", "Sag nr.", "Journalnr",
                                         "Indholdsfortegnelse", "Dok.nr", "Dok. nr", "Dokumentnr",
                                         "Initialer", "Sagsbeh", "Åben sag", "Lukket sag", "Acadre sagsnr",
                                         "Sags ID"};
    char f = t[i];
    if (f == 'J' || f == 'S' || f == 'I' || f == 'D' || f == 'L' || f == 'A' || (unsigned char)f == 0xC3)
        for (size_t k = 0; k < sizeof labels / sizeof *labels; k++)
            if (labels[k][0] == f && rs_ci_prefix(t + i, e - i, labels[k])) return 1;
    RsSectionKind k;
    size_t hl = rs_vocab_section_word(t + i, e - i, &k);
    if (hl) {
        /* "Beslutning: Godkendt." / "Indstilling: …", or a heading word that a capital follows
         * ("Sagsfremstilling På baggrund …", "INDSTILLING Direktionen …") */
        size_t a = i + hl;
        if (a < e && t[a] == ':') return 1;
        a = rs_skip_blanks(t, a, e);
        /* "Sagsgang: Orientering Indstilling Beslutning BY ØK …": heading words side by side are
         * a table's column heads, not the start of a section */
        RsSectionKind k2;
        if (a < e && rs_vocab_section_word(t + a, e - a, &k2)) return 0;
        size_t p = word_before(t, i);
        if (p < i - 1 && rs_vocab_section_word(t + p, i - 1 - p, &k2) == i - 1 - p) return 0;
        if (a < e && (rs_is_upper(t + a, e - a) || rs_is_digit(t[a]))) return 1;
    }
    if (t[i] == 'B' && rs_ci_prefix(t + i, e - i, "Beslutning")) {
        RsDecisionHead d;
        size_t colon = i;
        while (colon < e && colon < i + 90 && t[colon] != ':') colon++;
        if (colon < e && t[colon] == ':' && rs_decision_heading(t + i, colon + 1 - i, &d)) return 1;
        if (rs_ci_prefix(t + i, e - i, "Beslutning i ") || rs_ci_prefix(t + i, e - i, "Beslutning fra ") ||
            rs_ci_prefix(t + i, e - i, "Beslutning den "))
            return 1;
        /* "Beslutning Økonomiudvalget den …" (the length checked first: "Beslutning" may end it) */
        if (i + 11 < e && rs_committee_at(t + i + 11, e - i - 11)) return 1;
    }
    /* "Punkt 1. Budgetprocedure Sundheds- og Kulturforvaltningen indstiller, …": an
     * administration's recommendation opens the item's text */
    size_t pw = word_before(t, i);
    /* (not inside a name: "Sundheds- og Kulturforvaltningen") */
    if (administration_recommends(t + i, e - i))
        return !(i - 1 - pw == 2 && !memcmp(t + pw, "og", 2)) && !(i >= 2 && t[i - 2] == '-');
    /* "… Spørgetid Kommunalbestyrelsens møde 6. februar 2006 Punkt 2: Der var …": the meeting's
     * record of an item (decision.h) */
    size_t w = i;
    while (w < e && w - i < 40 && t[w] != ' ') w++;
    if (w > i + 3 && t[w - 1] == 's' && rs_ci_prefix(t + w, e - w, " møde ")) {
        size_t colon = w;
        while (colon < e && colon < w + 60 && t[colon] != ':') colon++;
        RsDecisionHead d;
        size_t end = colon + 40 < e ? colon + 40 : e; /* (with some of its text after the ':') */
        if (colon < e && t[colon] == ':' && rs_decision_heading(t + i, end - i, &d)) return 1;
    }
    /* "… vedtagelse Økonomiudvalget den 25. oktober 2005, pkt. 3 …": a treatment line */
    size_t win = e - i < 100 ? e - i : 100;
    if (!memmem(t + i, win, " den ", 5)) return 0;
    /* not inside a name or a heading: "Beslutning i Teknik- og Miljøudvalget den …" */
    static const char *const joins[] = {"i", "fra", "af", "og", "for", "til", "på", "&", "-"};
    for (size_t k = 0; k < sizeof joins / sizeof *joins; k++)
        if (i - 1 - pw == strlen(joins[k]) && !memcmp(t + pw, joins[k], i - 1 - pw)) return 0;
    size_t cl = rs_committee_at(t + i, e - i);
    if (cl && i + cl + 5 < e && rs_ci_prefix(t + i + cl, e - i - cl, " den ")) {
        char iso[11];
        if (rs_date_at(t + i + cl + 5, e - i - cl - 5, iso)) return 1;
    }
    return 0;
}

static RsStatus push_cut(RsLines *l, const char *t, size_t b, size_t e, uint32_t phys, int flat);

/* Push [b, e) of physical line `phys`: portal chrome glued into it is a line of its own, and
 * the rest is cut where headings were glued into it. */
static RsStatus push_pieces(RsLines *l, const char *t, size_t b, size_t e, uint32_t phys, int flat) {
    size_t cl, at = rs_vocab_chrome_phrase(t + b, e - b, &cl);
    if (at >= e - b) return push_cut(l, t, b, e, phys, flat);
    RsStatus rc = at ? push_cut(l, t, b, b + at, phys, flat) : RS_OK;
    if (rc == RS_OK) rc = push(l, b + at, b + at + cl, phys);
    size_t r = rs_skip_blanks(t, b + at + cl, e);
    if (rc == RS_OK && r < e) rc = push_pieces(l, t, r, e, phys, flat);
    return rc;
}

/* Push [b, e) of physical line `phys`, cut where headings were glued into it. */
/* Push [b, e) trimmed, when anything is left. */
static RsStatus push_trimmed(RsLines *l, const char *t, size_t b, size_t e, uint32_t phys) {
    rs_trim(t, &b, &e);
    return e > b ? push(l, b, e, phys) : RS_OK;
}

static RsStatus push_cut(RsLines *l, const char *t, size_t b, size_t e, uint32_t phys, int flat) {
    size_t s = b;
    for (size_t i = b + 1; i < e; i++) {
        int cut = (rs_is_digit(t[i]) && glued_number(t, i, e)) || (flat && flat_split(t, i, e));
        if (!cut) continue;
        RsStatus rc = push_trimmed(l, t, s, i, phys);
        if (rc != RS_OK) return rc;
        s = i;
    }
    /* the last piece: a heading glued at its start or its end */
    size_t gl = glued_heading_at_start(t, s, e);
    if (gl) {
        RsStatus rc = push(l, s, s + gl, phys);
        if (rc != RS_OK) return rc;
        s += gl;
    }
    size_t g = glued_heading_at_end(t, s, e);
    if (g < e) {
        RsStatus rc = push_trimmed(l, t, s, g, phys);
        if (rc != RS_OK) return rc;
        s = g;
    }
    return push_trimmed(l, t, s, e, phys);
}

/* A page number opening a flattened page ("3 Side i …", "12 Punkt 4: …"): its length, else 0.
 * Only a number followed by a blank and a capital (a bare "N Title" item on a flattened page
 * would look the same; such pages number their items "N." or "Punkt N"). */
static size_t page_counter(const char *t, size_t b, size_t e) {
    size_t i = b;
    while (i < e && rs_is_digit(t[i]) && i - b < 4) i++;
    if (i == b || i - b > 3 || i >= e || t[i] != ' ') return 0;
    size_t j = rs_skip_blanks(t, i, e);
    return j < e && (rs_is_upper(t + j, e - j) || rs_is_digit(t[j])) ? i - b : 0;
}

/* Classify one logical line. Can't fail. */
static void classify(const char *t, RsLine *ln) {
    const char *s = t + ln->start;
    size_t n = ln->end - ln->start;
    if (n == 0) { ln->kind = RS_LK_BLANK; return; }
    if (rs_vocab_chrome(s, n) || (ln->phys < 40 && rs_vocab_cookie(s, n))) { ln->kind = RS_LK_CHROME; return; }
    RsSectionKind sk;
    size_t off;
    RsHeading h;
    if (rs_heading_parse(s, n, &h)) {
        /* "1. Sagsfremstilling" is a numbered section, not an item ("Punkt 6: Borgerinddragelse"
         * is an item) */
        if (h.strength < 3 && h.title_len && rs_vocab_section(s + h.title_off, h.title_len, &sk, &off) && off == h.title_len) {
            ln->kind = RS_LK_SECTION;
            ln->sec = (uint8_t)sk;
            ln->text_off = (uint32_t)n;
            return;
        }
        ln->kind = RS_LK_HEADING;
        ln->strength = (uint8_t)h.strength;
        ln->closed = (int8_t)h.closed;
        ln->num_off = (uint32_t)h.num_off;
        ln->num_len = (uint32_t)h.num_len;
        ln->number = h.number;
        ln->text_off = (uint32_t)h.title_off;
        ln->text_len = (uint32_t)h.title_len;
        ln->labelled = (uint8_t)h.marker_only;
        if (h.title_len && rs_heading_toc_tail(s + h.title_off, h.title_len)) ln->in_toc = 1;
        return;
    }
    RsDecisionHead d;
    if (rs_decision_heading(s, n, &d)) {
        ln->kind = RS_LK_DECISION;
        ln->sec = RS_SEC_BESLUTNING;
        ln->text_off = (uint32_t)d.text_off;
        return;
    }
    /* an accordion's bulleted one: "• Beslutning i Byrådet den 20-06-2018" */
    size_t bl = rs_bullet_len(s, n);
    if (bl && rs_decision_heading(s + bl, n - bl, &d)) {
        ln->kind = RS_LK_DECISION;
        ln->sec = RS_SEC_BESLUTNING;
        ln->text_off = (uint32_t)(bl + d.text_off);
        return;
    }
    if (rs_vocab_section(s, n, &sk, &off)) {
        ln->kind = RS_LK_SECTION;
        ln->sec = (uint8_t)sk;
        ln->text_off = (uint32_t)off;
        return;
    }
    /* an accordion's bulleted section label, alone on its line: "• Beslutningstema", "• Resumé" */
    if (bl && n - bl <= 40 && rs_vocab_section(s + bl, n - bl, &sk, &off) && off >= n - bl) {
        ln->kind = RS_LK_SECTION;
        ln->sec = (uint8_t)sk;
        ln->text_off = (uint32_t)n;
        return;
    }
    /* a flattened page: "Resumé Kommunernes anliggender …", "INDSTILLING Direktionen …" */
    size_t hl;
    if (ln->flat && (hl = rs_vocab_section_word(s, n, &sk)) && hl < n) {
        size_t a = rs_skip_blanks(s, hl, n);
        if (a < n && (rs_is_upper(s + a, n - a) || rs_is_digit(s[a]))) {
            ln->kind = RS_LK_SECTION;
            ln->sec = (uint8_t)sk;
            ln->text_off = (uint32_t)a;
            return;
        }
    }
    size_t tok, tl;
    int labelled;
    if (rs_case_line(s, n, &tok, &tl, &labelled)) {
        ln->kind = RS_LK_CASE;
        ln->text_off = (uint32_t)tok;
        ln->text_len = (uint32_t)tl;
        ln->labelled = (uint8_t)labelled;
        return;
    }
    int m = rs_vocab_marker(s, n);
    if (m >= 0) { ln->kind = RS_LK_MARKER; ln->closed = (int8_t)m; return; }
    if (rs_vocab_toc_label(s, n)) { ln->kind = RS_LK_TOC_LABEL; return; }
    int closed;
    if (rs_vocab_group_label(s, n, &closed)) { ln->kind = RS_LK_GROUP; ln->closed = (int8_t)closed; return; }
    ln->kind = RS_LK_TEXT;
    if (rs_heading_toc_tail(s, n)) ln->in_toc = 1;
}

/* Whether a contents entry numbered `number` (RsLine.number: the item number times ten) is in
 * s, in the dotted form a piece holds when its entries were not cut apart: "1... Meddelelser".
 * Can't fail. */
static int toc_entry_in(const char *s, size_t n, long number) {
    if (number % 10) return 0;
    for (size_t i = 0; i < n; i++) {
        if (!rs_is_digit(s[i]) || (i && (rs_is_digit(s[i - 1]) || rs_is_letter(s + i - 1, n - i + 1)))) continue;
        long v = 0;
        size_t j = i;
        while (j < n && rs_is_digit(s[j]) && v < 100000) v = v * 10 + (s[j++] - '0');
        size_t d = j;
        while (j < n && s[j] == '.') j++;
        if (v * 10 == number && j - d >= 2 && j < n && rs_blank_len(s + j, n - j)) return 1;
        i = j ? j - 1 : 0;
    }
    return 0;
}

RsStatus rs_lines_build(const char *text, size_t len, RsLines *out) {
    memset(out, 0, sizeof *out);
    /* Is the text flattened? Most of its bytes in long lines, and those not one in ten lines
     * (one long contents paragraph among a page's short lines is no flattened text) */
    size_t long_bytes = 0, all = 0, lines = 0, long_lines = 0;
    for (size_t i = 0, s = 0; i <= len; i++) {
        if (i == len || text[i] == '\n') {
            size_t l = i - s;
            while (l && (text[s + l - 1] == ' ' || text[s + l - 1] == '\t' || text[s + l - 1] == '\r')) l--;
            all += l;
            lines += l > 0;
            if (l > FLAT_LINE) long_bytes += l, long_lines++;
            s = i + 1;
        }
    }
    out->flattened = all && long_bytes * 10 >= all * 6 && long_lines * 10 >= lines;
    uint32_t phys = 0;
    long last_page = 0; /* the last flattened page's number (page_counter) */
    for (size_t i = 0, s = 0; i <= len; i++) {
        if (i < len && text[i] != '\n') continue;
        size_t b = s, e = i;
        rs_trim(text, &b, &e);
        size_t first = out->n;
        RsStatus rc;
        int flat = out->flattened && e - b > FLAT_PIECE;
        size_t pc = flat ? page_counter(text, b, e) : 0;
        /* a short page ("4 Beslutning: Til orientering. Møde den Side 2"): its number is the
         * next page's after the last one counted */
        if (!pc && out->flattened && last_page && (pc = page_counter(text, b, e)) &&
            strtol(text + b, NULL, 10) != last_page + 1)
            pc = 0;
        if (pc) last_page = strtol(text + b, NULL, 10);
        /* an empty page of a flattened transcript: its number alone ("2") */
        size_t dg = b;
        while (out->flattened && dg < e && rs_is_digit(text[dg])) dg++;
        int empty_page = e > b && dg == e && e - b <= 4;
        if (empty_page) {
            rc = push(out, b, e, phys);
            if (rc == RS_OK) out->v[out->n - 1].kind = RS_LK_CHROME;
        } else if (e == b) rc = push(out, b, b, phys);
        else if (pc) {
            /* "3 Side i …", "2 Punkt 135 …": a flattened page starts with its number */
            rc = push(out, b, b + pc, phys);
            if (rc == RS_OK) out->v[out->n - 1].kind = RS_LK_CHROME;
            if (rc == RS_OK) rc = push_pieces(out, text, rs_skip_blanks(text, b + pc, e), e, phys, flat);
        } else rc = push_pieces(out, text, b, e, phys, flat);
        if (rc != RS_OK) { rs_lines_free(out); return rc; }
        /* a flattened contents page: every piece of it is a contents entry */
        int toc_page = e - b > FLAT_LINE && rs_vocab_toc_label_in(text + b, e - b) < e - b;
        for (size_t k = first; k < out->n; k++) {
            out->v[k].flat = (uint8_t)flat;
            if (!(k == first && (pc || empty_page))) classify(text, &out->v[k]);
        }
        /* its entries, up to a heading whose number came before in it: the first body heading at
         * the foot of the contents page */
        for (size_t k = first; toc_page && k < out->n; k++) {
            int again = 0;
            for (size_t q = first; q < k && !again && out->v[k].kind == RS_LK_HEADING; q++)
                again = (out->v[q].kind == RS_LK_HEADING && out->v[q].number == out->v[k].number) ||
                        (out->v[q].kind == RS_LK_TEXT && toc_entry_in(text + out->v[q].start,
                                                                      out->v[q].end - out->v[q].start,
                                                                      out->v[k].number));
            if (again) break;
            out->v[k].in_toc = 1;
        }
        phys++;
        s = i + 1;
    }
    return RS_OK;
}

void rs_lines_free(RsLines *l) {
    if (!l) return;
    free(l->v);
    memset(l, 0, sizeof *l);
}

/* Next comparable unit of s at *i: a folded letter/digit, or one ' ' for any run of blanks and
 * punctuation; 0 at the end. */
static size_t next_unit(const char *s, size_t n, size_t *i, char out[2]) {
    int gap = 0;
    while (*i < n) {
        size_t b = rs_blank_len(s + *i, n - *i);
        if (b) { *i += b; gap = 1; continue; }
        if (rs_is_letter(s + *i, n - *i) || rs_is_digit(s[*i]) || (unsigned char)s[*i] >= 0x80) break;
        (*i)++;
        gap = 1;
    }
    if (*i >= n) return 0;
    if (gap) { out[0] = ' '; return 1; }
    size_t ol;
    *i += rs_fold_char(s + *i, n - *i, out, &ol);
    return ol;
}

int rs_same_words(const char *a, size_t an, const char *b, size_t bn) {
    size_t i = 0, j = 0;
    /* skip leading gaps */
    char x[2], y[2];
    size_t xl = next_unit(a, an, &i, x), yl = next_unit(b, bn, &j, y);
    if (xl == 1 && x[0] == ' ') xl = next_unit(a, an, &i, x);
    if (yl == 1 && y[0] == ' ') yl = next_unit(b, bn, &j, y);
    while (xl && yl) {
        if (xl != yl || memcmp(x, y, xl)) return 0;
        xl = next_unit(a, an, &i, x);
        yl = next_unit(b, bn, &j, y);
        if (!xl && yl == 1 && y[0] == ' ') yl = next_unit(b, bn, &j, y);
        if (!yl && xl == 1 && x[0] == ' ') xl = next_unit(a, an, &i, x);
    }
    return !xl && !yl;
}

void rs_lines_dump(const char *text, const RsLines *l) {
    static const char *const kinds[] = {"blank", "text", "chrome", "toc", "group", "marker",
                                        "case", "section", "decision", "HEADING"};
    fprintf(stderr, "flattened=%d\n", l->flattened);
    for (size_t i = 0; i < l->n; i++) {
        const RsLine *x = &l->v[i];
        if (x->kind == RS_LK_BLANK) continue;
        int len = (int)(x->end - x->start > 90 ? 90 : x->end - x->start);
        fprintf(stderr, "%5zu %4u %-8s%s", i, (unsigned)x->phys, kinds[x->kind], x->in_toc ? " T" : "  ");
        if (x->kind == RS_LK_HEADING)
            fprintf(stderr, " n=%ld s=%d c=%d", x->number, x->strength, x->closed);
        fprintf(stderr, " | %.*s\n", len, text + x->start);
    }
}
