/* flattitle.c — unnumbered item headings of a flattened transcript, found by its contents
 * (flattitle.h). */
#include "flattitle.h"

#include <stdlib.h>
#include <string.h>

#include "casenum.h"
#include "text.h"
#include "vocab.h"

#define PAGE_REACH 700   /* a page's heading starts within this many bytes of the page */
#define PAGE_PIECES 10   /* … and among its first pieces */
#define HEADER_BYTES 300 /* a running header stands in a page's first bytes */
#define MIN_TITLE 6      /* bytes */
#define TITLE_WORDS 30   /* a heading has at most this many words */
#define CONTENTS_MAX 12000 /* the contents are looked for in the first bytes before the pages */

typedef struct Page {
    size_t first, last; /* lines */
} Page;

/* Whether byte c may continue a word (an ASCII letter or digit, or part of a UTF-8 letter). */
static int wordish(unsigned char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* Whether s[0..n) occurs in h[0..hn) as whole words. Can't fail. */
static int occurs_words(const char *h, size_t hn, const char *s, size_t n) {
    const char *p = h, *end = h + hn;
    while ((size_t)(end - p) >= n) {
        const char *f = memmem(p, (size_t)(end - p), s, n);
        if (!f) return 0;
        if ((f == h || !wordish((unsigned char)f[-1])) && (f + n == end || !wordish((unsigned char)f[n]))) return 1;
        p = f + 1;
    }
    return 0;
}

/* Whether the word s[0..n) is all lower-case letters ("i", "og", "for"); not "den" or "d", where
 * a running header lost its date ("Byrådet s møde den Godkendelse af dagsorden", "Børne- og
 * Skoleudvalget d Godkendelse af dagsorden"). */
static int lower_word(const char *s, size_t n) {
    if (!n || (n == 3 && !memcmp(s, "den", 3)) || (n == 1 && s[0] == 'd')) return 0; /* "… d" too */
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (!rs_is_lower(s + i, n - i)) return 0;
        i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    }
    return 1;
}

/* s[0..n) without a last word of digits ("… pr. 28. februar 2011" → "… pr. 28. februar"): the
 * contents of a transcript often lost it. Its length; n when there is none, or nothing before. */
static size_t undigit(const char *s, size_t n) {
    size_t e = n;
    while (e > 0 && rs_is_digit(s[e - 1])) e--;
    if (e == n || e == 0 || s[e - 1] != ' ') return n;
    while (e > 0 && s[e - 1] == ' ') e--;
    return e >= MIN_TITLE ? e : n;
}

/* In the piece s[0..n): the offset of the longest run of its last words that is a heading the
 * contents c[0..cn) hold, else n. The run starts with a capital or a quote, is at least
 * MIN_TITLE bytes, is not an item word and number ("Punkt: 1"), and stands in no more than one
 * other page's running header; none when the longest run the contents hold follows a lower-case
 * word (it ends a sentence) or is all capitals (a group label). */
static size_t title_suffix(const char *s, size_t n, const char *c, size_t cn, const char *text, const Page *pg,
                           size_t npg, size_t self, const RsLines *L) {
    size_t prev_word = n, lo = n; /* start of the word before position i; where runs may start */
    for (size_t w = 0; lo > 0 && w < TITLE_WORDS; w++) {
        while (lo > 0 && s[lo - 1] == ' ') lo--;
        while (lo > 0 && s[lo - 1] != ' ') lo--;
    }
    if (lo) { /* the word before the first run */
        prev_word = lo;
        while (prev_word > 0 && s[prev_word - 1] == ' ') prev_word--;
        while (prev_word > 0 && s[prev_word - 1] != ' ') prev_word--;
    }
    for (size_t i = lo; i < n; i++) {
        if (i && s[i - 1] != ' ') continue;
        if (s[i] == ' ') continue;
        size_t len = n - i;
        int strong;
        if (len >= MIN_TITLE && (rs_is_upper(s + i, len) || s[i] == '"') && !rs_vocab_item_word(s + i, len, &strong) &&
            (occurs_words(c, cn, s + i, len) || occurs_words(c, cn, s + i, undigit(s + i, len)))) {
            /* the longest such run is the one: after a lower-case word it ends a sentence
             * ("… bilaget om Regnskab for Svømmehallen"), and so does every shorter one */
            if (prev_word < i && lower_word(s + prev_word, i - 1 - prev_word)) return n;
            /* all capitals: a group label ("SAGER TIL UDVALGETS" before "AFGØRELSE") */
            if (rs_all_upper(s + i, len, 4)) return n;
            size_t in_headers = 0;
            for (size_t p = 0; p < npg; p++) {
                if (p == self) continue;
                size_t b = L->v[pg[p].first].start, e = L->v[pg[p].last].end;
                if (e - b > HEADER_BYTES) e = b + HEADER_BYTES;
                in_headers += memmem(text + b, e - b, s + i, len) != NULL;
            }
            if (in_headers < 2) return i;
        }
        prev_word = i;
    }
    return n;
}

/* s[0..n) without the codes at its end that stand between a page's heading and its case line
 * ("… klubhus Ø40/dwbkes" before "08/16253 Åben sag": an office and initials): at most two
 * words, each holding a '/' and a digit. Its length. Can't fail. */
static size_t without_codes(const char *s, size_t n) {
    size_t e = n;
    for (int k = 0; k < 2; k++) {
        size_t w = e;
        while (w > 0 && s[w - 1] != ' ') w--;
        if (w == 0) break;
        int slash = 0, digit = 0;
        for (size_t i = w; i < e; i++) slash |= s[i] == '/', digit |= rs_is_digit(s[i]);
        if (!slash || !digit) break;
        e = w;
        while (e > 0 && s[e - 1] == ' ') e--;
    }
    return e;
}

/* A piece ending in an item word and its number ("Økonomiudvalget Punkt: 1"): the number's
 * offset in the text and length into *at, *len, its value ×10 returned; 0 when there is none.
 * Can't fail. */
static long page_number(const char *text, const RsLine *l, size_t *at, size_t *len) {
    const char *s = text + l->start;
    size_t n = l->end - l->start;
    for (size_t i = 0; i < n; i++) {
        if (i && s[i - 1] != ' ') continue;
        int strong;
        size_t k = rs_vocab_item_word(s + i, n - i, &strong);
        if (!k || !strong) continue;
        size_t d = i + k, e = d;
        long v = 0;
        while (e < n && rs_is_digit(s[e]) && e - d < 4) v = v * 10 + (s[e++] - '0');
        if (e == n && v > 0) {
            *at = l->start + d;
            *len = e - d;
            return v * 10;
        }
    }
    return 0;
}

/* Whether line l ends a page's heading: a case line, a section or decision heading, an open or
 * closed marker ("… Godkendelse af dagsorden Åben sag Sagsnr.: …"), or a bare number before a
 * section ("… bemærkninger 1. Sagsfremstilling"). */
static int ends_heading(const RsLine *l) {
    return l->kind == RS_LK_CASE || l->kind == RS_LK_SECTION || l->kind == RS_LK_DECISION ||
           l->kind == RS_LK_MARKER || (l->kind == RS_LK_HEADING && !l->text_len);
}

/* The pages of lines [from, to): runs of pieces of one flattened physical line. */
static RsStatus pages_of(const RsLines *L, size_t from, size_t to, Page **out, size_t *n_out) {
    size_t npg = 0, cap = 0;
    Page *pg = NULL;
    for (size_t i = from; i < to; i++) {
        if (!L->v[i].flat) continue;
        if (npg && L->v[pg[npg - 1].last].phys == L->v[i].phys) {
            pg[npg - 1].last = i;
            continue;
        }
        if (npg == cap) {
            size_t c = cap ? cap * 2 : 16;
            Page *p = realloc(pg, c * sizeof *p);
            if (!p) { free(pg); return RS_ERR_NOMEM; }
            pg = p;
            cap = c;
        }
        pg[npg++] = (Page){i, i};
    }
    *out = pg;
    *n_out = npg;
    return RS_OK;
}

RsStatus rs_flat_spans(const char *text, const RsLines *L, size_t from, size_t to, RsItemSpan **out,
                       size_t *n_out) {
    *out = NULL;
    *n_out = 0;
    Page *pg;
    size_t npg;
    if (!L->flattened || from >= to) return RS_OK;
    if (pages_of(L, from, to, &pg, &npg) != RS_OK) return RS_ERR_NOMEM;
    RsItemSpan *v = npg ? calloc(npg, sizeof *v) : NULL;
    if (npg && !v) { free(pg); return RS_ERR_NOMEM; }
    size_t n = 0, text_from = L->v[from].start;
    size_t contents_end = 0; /* the contents: the text before the first page with a heading */
    for (size_t p = 1; p < npg; p++) {
        size_t page_start = L->v[pg[p].first].start;
        size_t cn = (contents_end ? contents_end : page_start) - text_from;
        if (cn > CONTENTS_MAX) cn = CONTENTS_MAX;
        int anchors = 0;
        for (size_t j = pg[p].first + 1; j <= pg[p].last && j < pg[p].first + PAGE_PIECES && anchors < 3; j++) {
            const RsLine *a = &L->v[j], *t = &L->v[j - 1];
            if (a->start - page_start > PAGE_REACH) break;
            if (!ends_heading(a)) continue;
            anchors++;
            /* "… udtræde af J.nr.: A00 Sagsid.: 10/22971": a label whose value is no case number
             * stands between the heading and the case line */
            size_t ti = j - 1;
            if (t->kind == RS_LK_TEXT && ti > pg[p].first && rs_case_label_stray(text + t->start, t->end - t->start))
                t = &L->v[--ti];
            if (t->kind != RS_LK_TEXT && t->kind != RS_LK_MARKER && t->kind != RS_LK_GROUP) continue;
            size_t tn = t->end - t->start, full = tn;
            tn = without_codes(text + t->start, tn);
            size_t at = title_suffix(text + t->start, tn, text + text_from, cn, text, pg, npg, p, L);
            if (at >= tn) continue;
            RsItemSpan *s = &v[n++];
            s->head = s->title_line = s->first = ti;
            s->body = ti + 1;
            s->closed = -1;
            s->real = 1;
            s->page_title = 1;
            s->title_skip = at;
            if (tn < full) s->title_len = tn - at; /* the code after it is the item's text */
            /* the page's "Punkt: N" before it: the head */
            for (size_t q = pg[p].first; q < ti; q++)
                if (L->v[q].kind == RS_LK_TEXT && (s->number = page_number(text, &L->v[q], &s->num_at, &s->num_len))) {
                    s->head = s->first = q;
                    break;
                }
            if (!contents_end) contents_end = page_start;
            break;
        }
    }
    for (size_t j = 0; j < n; j++) v[j].end = j + 1 < n ? v[j + 1].first : to;
    free(pg);
    if (!n) {
        free(v);
        v = NULL;
    }
    *out = v;
    *n_out = n;
    return RS_OK;
}
