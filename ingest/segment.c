/* segment.c — agenda items from heading candidates and the evidence around them (segment.h). */
#include "segment.h"

#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "heading.h"
#include "text.h"

#define MAX_TITLE 300  /* a longer "title" is a paragraph that happens to start with a number */
#define SCAN_LINES 12  /* non-blank lines looked at after a heading for evidence */
#define DP_REACH 4000  /* candidates looked back at when chaining numbers */
#define DENSE 3        /* contents entries are at most this many lines apart */

typedef struct Cand {
    size_t head, title_line, first, last; /* last: last line of the heading block */
    long number;
    int strength;
    unsigned shape; /* how the heading is printed (shape_of) */
    int ev, real, body, toc, merged, closed, shaped;
    size_t title_cut; /* RsItemSpan.title_len */
    long best;  /* DP: best chain ending here */
    long prev;  /* DP: previous candidate in that chain, -1 */
} Cand;

#define LN(i) (&L->v[i])
#define LS(i) (text + L->v[i].start)
#define LL(i) (L->v[i].end - L->v[i].start)

RsItemSpan *rs_span_add(RsItemSpan **v, size_t *n, size_t *cap) {
    if (*n == *cap) {
        size_t nc = *cap ? 2 * *cap : 16;
        RsItemSpan *nv = realloc(*v, nc * sizeof *nv);
        if (!nv) return NULL;
        *v = nv, *cap = nc;
    }
    RsItemSpan *s = &(*v)[(*n)++];
    memset(s, 0, sizeof *s);
    return s;
}

int rs_title_like(const char *text, const RsLines *L, size_t i) {
    const RsLine *l = LN(i);
    size_t n = l->end - l->start;
    const char *s = text + l->start;
    if (l->kind != RS_LK_TEXT || n < 2 || n > MAX_TITLE || l->in_toc) return 0;
    if (s[n - 1] == ':') return 0;
    if (!(rs_is_upper(s, n) || rs_is_digit(s[0]) || s[0] == '"' || (unsigned char)s[0] == 0xC2 ||
          (unsigned char)s[0] == 0xE2))
        return 0;
    return 1;
}

/* The next line after i (before `to`) that is not blank or chrome, or `to`. */
static size_t next_solid(const RsLines *L, size_t i, size_t to) {
    for (size_t j = i + 1; j < to; j++)
        if (L->v[j].kind != RS_LK_BLANK && L->v[j].kind != RS_LK_CHROME) return j;
    return to;
}

/* The previous such line before i (not before `from`), or (size_t)-1. */
static size_t prev_solid(const RsLines *L, size_t i, size_t from) {
    for (size_t j = i; j > from; j--)
        if (L->v[j - 1].kind != RS_LK_BLANK && L->v[j - 1].kind != RS_LK_CHROME) return j - 1;
    return (size_t)-1;
}

/* Whether line j is a page's running header or footer: a short dated line ("Byrådet - Referat -
 * 29.01.2020") beside a page number ("Side 3 af 12"), only blank lines between. Can't fail. */
static int running_header(const char *text, const RsLines *L, size_t j, size_t from, size_t to) {
    const RsLine *l = LN(j);
    char iso[11];
    size_t at, len;
    if (l->kind != RS_LK_TEXT || LL(j) > 100 || !rs_find_date(LS(j), LL(j), iso, &at, &len)) return 0;
    for (int dir = -1; dir <= 1; dir += 2) {
        size_t k = j;
        for (int b = 0; b < 3; b++) {
            if (dir < 0 ? k <= from : k + 1 >= to) break;
            k += dir;
            if (LN(k)->kind == RS_LK_CHROME && LL(k) >= 5 && rs_ci_prefix(LS(k), LL(k), "Side ")) return 1;
            if (LN(k)->kind != RS_LK_BLANK) break;
        }
    }
    return 0;
}

/* Whether line p is close enough above line h to be its title: at most two blank lines
 * between them, not counting page furniture ("Side 4 af 9") and the blank lines beside it (a
 * page turn). Can't fail. */
static int near_before(const RsLines *L, size_t p, size_t h) {
    size_t blanks = 0;
    for (size_t j = p + 1; j < h; j++)
        blanks += L->v[j].kind == RS_LK_BLANK && L->v[j - 1].kind != RS_LK_CHROME &&
                  !(j + 1 < h && L->v[j + 1].kind == RS_LK_CHROME);
    return blanks <= 2;
}

/* The title of candidate c: bytes of its title line. */
static void cand_title(const char *text, const RsLines *L, const Cand *c, const char **t, size_t *tl) {
    const RsLine *l = LN(c->title_line);
    if (c->title_line == c->head) {
        *t = text + l->start + l->text_off;
        *tl = c->title_cut && c->title_cut < l->text_len ? c->title_cut : l->text_len; /* (cut: locate) */
    } else {
        *t = text + l->start;
        *tl = l->end - l->start;
    }
}

/* How a heading line is printed: its strength, the character after the number, one or more
 * blanks after that, indented or not, bulleted or not. Items of one document share a shape;
 * a numbered list inside an item rarely has theirs. */
static unsigned shape_of(const char *text, const RsLine *l) {
    const char *s = text + l->start;
    size_t n = l->end - l->start, a = l->num_off + l->num_len;
    unsigned sep = a < n ? (unsigned char)s[a] : 0;
    if (a < n && rs_is_letter(s + a, n - a)) sep = 'A'; /* "38Godkendelse": a title run on, any letter */
    size_t b = a + (sep == '.' || sep == ':' || sep == ')'), k = 0;
    while (b + k < n && (s[b + k] == ' ' || s[b + k] == '\t')) k++;
    size_t indent = 0;
    while (indent < l->start && text[l->start - indent - 1] != '\n') indent++;
    return (unsigned)l->strength | sep << 2 | (k > 1) << 10 | (indent > 0) << 11 | (l->num_off > 0) << 12;
}

/* Find the title of heading line h; 0 when it has none (not a candidate). */
static int locate(const char *text, const RsLines *L, size_t h, size_t from, size_t to, Cand *c) {
    const RsLine *l = LN(h);
    memset(c, 0, sizeof *c);
    c->head = c->first = c->last = h;
    c->number = l->number;
    c->strength = l->strength;
    c->shape = shape_of(text, l);
    c->closed = l->closed;
    c->prev = -1;
    if (l->text_len || l->labelled) { /* a title, or "Punkt 6: Lukket:" with none */
        if (l->text_len > MAX_TITLE && l->flat) /* a flattened page's heading run on into its text */
            c->title_cut = rs_title_sentence_start(text + l->start + l->text_off, l->text_len);
        if (l->text_len > MAX_TITLE && (!c->title_cut || c->title_cut > MAX_TITLE)) return 0;
        c->title_line = h;
        return 1;
    }
    size_t j = next_solid(L, h, to);
    if (j < to && j <= h + 4 && rs_title_like(text, L, j)) {
        c->title_line = c->last = j;
        return 1;
    }
    /* "• 2" / "Meddelelser" / "Sagsid.:": a group label's word ("Meddelelser", "Orienteringssager")
     * that says neither open nor closed is the title when the item's case or sections follow */
    if (j < to && j <= h + 4 && LN(j)->kind == RS_LK_GROUP && LN(j)->closed < 0) {
        size_t k = next_solid(L, j, to);
        if (k < to && (LN(k)->kind == RS_LK_CASE || LN(k)->kind == RS_LK_SECTION || LN(k)->kind == RS_LK_DECISION)) {
            c->title_line = c->last = j;
            return 1;
        }
    }
    size_t p = prev_solid(L, h, from);
    if (l->strength == 3 && p != (size_t)-1 && near_before(L, p, h)) {
        /* the title wrapped over two lines before its number line ("… - endelig" / "vedtagelse" /
         * "Sag nr. 130"): it starts on the line before, the first line of its block */
        const RsLine *a = p > from ? LN(p - 1) : NULL, *b = LN(p);
        if (a && a->kind == RS_LK_TEXT && b->kind == RS_LK_TEXT &&
            (p - 1 == from || LN(p - 2)->kind == RS_LK_BLANK) && rs_title_like(text, L, p - 1) &&
            rs_title_continues(text + a->start, a->end - a->start, text + b->start, b->end - b->start)) {
            c->title_line = c->first = p - 1;
            return 1;
        }
        /* (a group label's word that says neither open nor closed, "Meddelelser" over "Sag nr.
         * 11", is the title too) */
        if (rs_title_like(text, L, p) || (LN(p)->kind == RS_LK_GROUP && LN(p)->closed < 0)) {
            c->title_line = c->first = p;
            return 1;
        }
    }
    return 0;
}

/* Whether two titles start alike (the shorter's bytes): one heading printed twice, perhaps
 * with a code or a marker after one of them. Titles under 4 bytes always do. Can't fail. */
static int same_start(const char *a, size_t an, const char *b, size_t bn) {
    size_t k = an < bn ? an : bn;
    return k < 4 || rs_same_words(a, k, b, k);
}

/* Evidence for candidate c from the lines after and before it. */
static void weigh(const char *text, const RsLines *L, Cand *c, size_t from, size_t to) {
    const char *t;
    size_t tl;
    cand_title(text, L, c, &t, &tl);
    int ev = c->strength == 3 ? 3 : c->strength == 2 ? 1 : 0;
    int seen = 0, got_case = 0, got_marker = 0, got_rep = 0;
    for (size_t j = c->last + 1; j < to && seen < SCAN_LINES; j++) {
        const RsLine *l = LN(j);
        if (l->kind == RS_LK_BLANK || l->kind == RS_LK_CHROME) continue;
        seen++;
        if (l->kind == RS_LK_HEADING) {
            if (l->number != c->number) break;
            if (l->text_len && !same_start(t, tl, text + l->start + l->text_off, l->text_len)) break;
            if (!got_rep) ev += 2, got_rep = 1;
            if (l->closed >= 0 && c->closed < 0) c->closed = l->closed;
            continue;
        }
        if (l->kind == RS_LK_TEXT) {
            if (rs_same_words(t, tl, text + l->start, l->end - l->start)) {
                if (!got_rep) ev += 2, got_rep = 1;
            } else {
                c->body = 1;
            }
            continue;
        }
        if (l->kind == RS_LK_SECTION || l->kind == RS_LK_DECISION) {
            ev += 4;
            c->real = 1;
            break;
        }
        if (l->kind == RS_LK_CASE) {
            if (!got_case) ev += 3, got_case = 1;
            continue;
        }
        if (l->kind == RS_LK_MARKER) {
            if (!got_marker) ev += 2, got_marker = 1;
            if (c->closed < 0) c->closed = l->closed;
            continue;
        }
        break; /* a group or contents label */
    }
    if (got_case || got_marker || got_rep) c->real = 1;
    /* body text anywhere before the next heading of another number */
    if (!c->body)
        for (size_t j = c->last + 1; j < to; j++) {
            const RsLine *l = LN(j);
            if (l->kind == RS_LK_HEADING && l->number != c->number) break;
            if ((l->kind == RS_LK_TEXT && !rs_same_words(t, tl, text + l->start, l->end - l->start)) ||
                l->kind == RS_LK_SECTION || l->kind == RS_LK_DECISION) {
                c->body = 1;
                break;
            }
        }
    if (c->body) ev += 1;
    /* a numbered sentence is no title: "3. Bygherre skal fremsende …, der viser …," — also
     * where it wraps over the next lines (a PDF's): judged by where the wrapped text ends */
    const char *lt = t;
    size_t ll = tl, all = tl;
    for (size_t j = c->title_line + 1, k = 0; k < 3 && j < to && LN(j)->kind == RS_LK_TEXT; j++, k++) {
        if (!rs_title_continues(lt, ll, LS(j), LL(j))) break;
        lt = LS(j), ll = LL(j), all += 1 + ll;
    }
    if (ll && (lt[ll - 1] == ',' || lt[ll - 1] == ';')) ev -= 3;
    else if (all > 150) ev -= 2;
    size_t p = prev_solid(L, c->first, from);
    while (p != (size_t)-1 && running_header(text, L, p, from, to)) p = prev_solid(L, p, from);
    if (p != (size_t)-1) {
        const RsLine *l = LN(p);
        if (l->kind == RS_LK_CASE) ev += 3, c->real = 1;
        else if (l->kind == RS_LK_MARKER) {
            ev += 1;
            c->real = 1;
            if (c->closed < 0) c->closed = l->closed;
        }
    }
    /* portal chrome right before ("Til toppen", "Kopier link til punktet", a "Punkt Titel"
     * table header) separates items */
    if ((c->first > from && LN(c->first - 1)->kind == RS_LK_CHROME) ||
        (c->first > from + 1 && LN(c->first - 1)->kind == RS_LK_BLANK && LN(c->first - 2)->kind == RS_LK_CHROME))
        ev += 1, c->real = 1;
    c->ev = ev;
}

/* Non-blank, non-chrome lines strictly between lines a and b. */
static size_t solid_between(const RsLines *L, size_t a, size_t b) {
    size_t k = 0;
    for (size_t i = a + 1; i < b; i++) k += L->v[i].kind != RS_LK_BLANK && L->v[i].kind != RS_LK_CHROME;
    return k;
}

/* Whether there are at least `want` non-blank, non-chrome lines strictly between lines a and b
 * (stops counting there). Can't fail. */
static int lines_between(const RsLines *L, size_t a, size_t b, size_t want) {
    size_t k = 0;
    for (size_t i = a + 1; i < b && k < want; i++) k += L->v[i].kind != RS_LK_BLANK && L->v[i].kind != RS_LK_CHROME;
    return k >= want;
}

/* Whether group label g heads items: an item heading among the few solid lines after it (an
 * empty "Lukkede Punkter" label in a contents area heads nothing). */
static int heads_items(const RsLines *L, size_t g, size_t to) {
    size_t j = g;
    for (int k = 0; k < 3; k++) {
        j = next_solid(L, j, to);
        if (j >= to) return 0;
        if (L->v[j].kind == RS_LK_HEADING) return 1;
    }
    return 0;
}

/* (segment.h) "1. Ruten bruges især af ældre og unge. En telebus …" is a letter's remark;
 * "… Sdr. Herreds Kraftvarmeværk" is a title. */
int rs_reads_as_title(const char *t, size_t tl) {
    if (!tl || tl > 150) return 0;
    for (size_t i = 1; i + 2 < tl; i++) {
        if (!((t[i] == '.' || t[i] == '!' || t[i] == '?') && t[i + 1] == ' ' && rs_is_upper(t + i + 2, tl - i - 2)))
            continue;
        /* a word of five or more small letters before it (not "Sdr.", "pr.", "vedr.") */
        size_t w = i, letters = 0;
        while (w > 0 && t[w - 1] != ' ') w--;
        for (size_t q = w; q < i; q++) letters += (t[q] >= 'a' && t[q] <= 'z') || (unsigned char)t[q] >= 0x80;
        if (letters >= 5 && rs_is_lower(t + w, i - w)) return 0;
    }
    return 1;
}

/* Whether each of the n candidates at c has a title, not sentences (rs_reads_as_title). */
static int titles_only(const char *text, const RsLines *L, const Cand *c, size_t n) {
    for (size_t k = 0; k < n; k++) {
        const char *t;
        size_t tl;
        cand_title(text, L, &c[k], &t, &tl);
        if (!rs_reads_as_title(t, tl)) return 0;
    }
    return 1;
}

/* Consecutive item numbers ("12" then "13", or "12" then "12a"). */
static int consecutive(long a, long b) { return b / 10 == a / 10 + 1 || (b / 10 == a / 10 && b > a); }

RsStatus rs_segment(const char *text, const RsLines *L, size_t from, size_t to, RsItemSpan **out,
                    size_t *n_out, int *from_toc) {
    *out = NULL;
    *n_out = 0;
    *from_toc = 0;
    size_t cap = 0, n = 0;
    Cand *c = NULL;
    for (size_t i = from; i < to; i++) {
        if (LN(i)->kind != RS_LK_HEADING) continue;
        Cand k;
        if (!locate(text, L, i, from, to, &k)) continue;
        if (n && c[n - 1].last >= k.first) continue; /* the title line of the previous one */
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 64;
            Cand *p = realloc(c, nc * sizeof *p);
            if (!p) { free(c); return RS_ERR_NOMEM; }
            c = p;
            cap = nc;
        }
        c[n++] = k;
    }
    /* Every heading numbered 1, printed alike, titles: a list whose numbering restarts at each
     * item (a web page with one <ol> per item: " 1. Godkendelse af referatet", " 1. Høringssvar.",
     * …). Read in their order; each keeps its printed number. */
    int restart = n >= 3 && titles_only(text, L, c, n);
    for (size_t i = 0; restart && i < n; i++)
        restart = c[i].number == 10 && c[i].shape == c[0].shape && !LN(c[i].head)->in_toc;
    for (size_t i = 0; restart && i < n; i++) c[i].number = 10 * (long)(i + 1);
    for (size_t i = 0; i < n; i++) {
        weigh(text, L, &c[i], from, to);
        /* listed before under its number and title, with other lines between (the contents or
         * an agenda list): a body heading ("1. Meddelelse fra formanden" after the list's
         * "1.Meddelelse fra formanden"), not a numbered point ("1. Afbud. Der var …") */
        const char *t, *t2;
        size_t tl, tl2;
        cand_title(text, L, &c[i], &t, &tl);
        size_t k = i, stop = i > DP_REACH ? i - DP_REACH : 0; /* the nearest one before with its number */
        while (k > stop && c[k - 1].number != c[i].number) k--;
        if (tl >= 4 && k > stop && lines_between(L, c[k - 1].last, c[i].first, 2)) {
            cand_title(text, L, &c[k - 1], &t2, &tl2);
            if (tl2 >= 4 && same_start(t, tl, t2, tl2)) {
                c[i].ev += 2;
                c[i].real = 1;
                /* "1. Valg af dirigent Bestyrelsesformanden foreslog …": a flattened page runs
                 * the body on after the title; the contents' entry shows where the title ends
                 * (the next word a capital) */
                if (c[i].title_line == c[i].head && LN(c[i].head)->flat && tl2 + 2 < tl && t[tl2] == ' ' &&
                    rs_is_upper(t + tl2 + 1, tl - tl2 - 1) && rs_reads_as_title(t2, tl2))
                    c[i].title_cut = tl2;
            }
        }
        /* no contents to say where it ends: a flattened heading's title ends where a sentence
         * starts ("Punkt 1. Godkendelse af referat Der er udarbejdet …") */
        if (!c[i].title_cut && c[i].title_line == c[i].head && LN(c[i].head)->flat)
            c[i].title_cut = rs_title_sentence_start(t, tl);
        if (LN(c[i].head)->in_toc || (c[i].title_line != c[i].head && LN(c[i].title_line)->in_toc))
            c[i].toc = 1;
    }
    /* One entry right under a contents label whose number comes again later ("Indholdsfortegnelse
     * Side" / "1. Godkendelse af dagsorden Scenarier for …... 3" — the other entries lost their
     * numbers — then the page "1. Godkendelse af dagsorden"): contents, though the body's heading
     * right after it looks like it printed again. */
    for (size_t i = 0; i < n; i++) {
        size_t p = prev_solid(L, c[i].first, from);
        if (p == (size_t)-1 || LN(p)->kind != RS_LK_TOC_LABEL) continue;
        for (size_t b = i + 1; b < n; b++) {
            if (c[b].number != c[i].number || c[b].head <= c[i].last + 1) continue;
            /* (not "Indholdsfortegnelse1. Fraværende" glued over its own sections) */
            int sections = 0;
            for (size_t q = c[i].last + 1; q < c[b].first && !sections; q++)
                sections = LN(q)->kind == RS_LK_SECTION || LN(q)->kind == RS_LK_DECISION;
            if (!sections) c[i].toc = 1, c[i].real = 0;
            break;
        }
    }
    /* Contents: a dense run of unconfirmed headings (at most DENSE solid lines apart) that
     * follows a contents label or whose numbers come again later in the text. */
    for (size_t i = 0; i < n;) {
        if (c[i].real || c[i].toc) { i++; continue; }
        size_t j = i + 1;
        while (j < n && !c[j].real && !c[j].toc && solid_between(L, c[j - 1].last, c[j].first) <= DENSE) j++;
        int toc = 0;
        if (j - i >= 2) {
            size_t p = c[i].first;
            for (int k = 0; k < 3 && !toc; k++) {
                p = prev_solid(L, p, from);
                if (p == (size_t)-1) break;
                toc = LN(p)->kind == RS_LK_TOC_LABEL;
                if (LN(p)->kind == RS_LK_HEADING) break;
            }
            /* "Dagsorden:" over the items themselves, each with its outcome in sentences under it
             * ("2.Valg af referent." / "Seniorrådet ønsker … muligt. Jørgen er referent …"): the
             * minutes, not a contents list */
            for (size_t a = i; a + 1 < j && toc; a++)
                for (size_t q = c[a].last + 1; q < c[a + 1].first && toc; q++)
                    if (LN(q)->kind == RS_LK_TEXT && rs_title_prose(LS(q), LL(q))) toc = 0;
            for (size_t a = i; a < j && !toc; a++)
                for (size_t b = j; b < n && !toc; b++) toc = c[b].number == c[a].number;
        }
        if (toc)
            for (size_t a = i; a < j; a++) c[a].toc = 1;
        i = j;
    }
    /* A heading printed twice (or bullet + "Pkt. N" + title): one item. */
    long last = -1;
    for (size_t i = 0; i < n; i++) {
        if (c[i].toc) continue;
        if (last >= 0 && c[last].number == c[i].number) {
            int body = 0;
            const char *t;
            size_t tl;
            cand_title(text, L, &c[last], &t, &tl);
            for (size_t j = c[last].last + 1; j < c[i].first && !body; j++) {
                const RsLine *l = LN(j);
                body = (l->kind == RS_LK_TEXT && !rs_same_words(t, tl, text + l->start, l->end - l->start)) ||
                       l->kind == RS_LK_SECTION || l->kind == RS_LK_DECISION;
            }
            /* two titles that start differently are two headings ("2. Vaccinationscentre. …", a
             * numbered point, then "2. Godkendelse: …") */
            const char *t2;
            size_t tl2;
            cand_title(text, L, &c[i], &t2, &tl2);
            if (!same_start(t, tl, t2, tl2)) body = 1;
            if (!body) {
                c[i].merged = 1;
                if (c[i].ev > c[last].ev) c[last].ev = c[i].ev;
                c[last].real |= c[i].real;
                c[last].body |= c[i].body;
                if (c[last].closed < 0) c[last].closed = c[i].closed;
                c[last].last = c[i].last;
                continue;
            }
        }
        last = (long)i;
    }
    /* A candidate printed like a confirmed one is one of the same document's items, even with
     * nothing under it ("4. Eventuelt" at the end). */
    unsigned char confirmed[(1u << 13) / 8] = {0}; /* the shapes of confirmed items (shape_of < 2^13) */
    for (size_t k = 0; k < n; k++)
        if (c[k].real && !c[k].toc && c[k].strength >= 2 && c[k].shape < (1u << 13))
            confirmed[c[k].shape / 8] |= (unsigned char)(1u << (c[k].shape % 8));
    for (size_t i = 0; i < n; i++) {
        if (c[i].real || c[i].toc || c[i].merged || c[i].shape >= (1u << 13)) continue;
        c[i].shaped = (confirmed[c[i].shape / 8] >> (c[i].shape % 8)) & 1;
    }
    /* The heaviest increasing chain of numbers; consecutive numbers with body text between
     * them support each other. */
    long best = 0, best_at = -1;
    for (size_t i = 0; i < n; i++) {
        if (c[i].toc || c[i].merged) continue;
        long w = c[i].ev - 2, bp = 0, pi = -1;
        size_t stop = i > DP_REACH ? i - DP_REACH : 0;
        for (size_t k = i; k > stop; k--) {
            Cand *d = &c[k - 1];
            if (d->toc || d->merged || d->number >= c[i].number) continue;
            /* (and headings printed alike: a numbered list inside an item is indented or
             * otherwise printed unlike the items, "3. Orientering" / "  3. CBRNE-øvelse …") */
            long v = d->best + (d->body && (c[i].body || c[i].real || c[i].shaped) &&
                                consecutive(d->number, c[i].number) ? 2 : 0) + (d->shape == c[i].shape);
            if (v > bp) bp = v, pi = (long)(k - 1);
        }
        c[i].best = w + bp;
        c[i].prev = pi;
        if (c[i].best > best) best = c[i].best, best_at = (long)i;
    }
    size_t m = 0;
    for (long i = best_at; i >= 0; i = c[i].prev) m++;
    int use_toc = 0;
    if (m == 0) {
        /* no confirmed item: an agenda that is only a list, if there is one */
        for (size_t i = 0; i < n; i++) m += c[i].toc && !c[i].merged;
        use_toc = m >= 2;
        if (!use_toc) m = 0;
        /* … or a list with no contents label: the longest run of at least three numbers in
         * sequence, printed alike and close together ("• 57 - Title", "• 58 - Title" on a news
         * page announcing a meeting) */
        size_t best_i = 0, best_len = 0;
        for (size_t i = 0; !use_toc && i < n;) {
            size_t j = i + 1;
            while (j < n && !c[j].merged && c[j].number == c[j - 1].number + 10 && c[j].shape == c[i].shape &&
                   solid_between(L, c[j - 1].last, c[j].first) <= DENSE)
                j++;
            if (j - i > best_len && titles_only(text, L, c + i, j - i)) best_i = i, best_len = j - i;
            i = j;
        }
        if (!use_toc && best_len >= 3) {
            for (size_t i = best_i; i < best_i + best_len; i++) c[i].toc = 1;
            for (size_t i = 0; i < n; i++)
                if (c[i].toc && (i < best_i || i >= best_i + best_len)) c[i].toc = 0;
            m = best_len;
            use_toc = 1;
        }
    }
    if (m == 0) { free(c); return RS_OK; }
    RsItemSpan *v = calloc(m, sizeof *v);
    if (!v) { free(c); return RS_ERR_NOMEM; }
    size_t k = m;
    if (use_toc) {
        k = 0;
        for (size_t i = 0; i < n; i++)
            if (c[i].toc && !c[i].merged) c[i].prev = -2, k++;
        k = 0;
        for (size_t i = 0; i < n; i++)
            if (c[i].prev == -2) {
                v[k].head = c[i].head; v[k].title_line = c[i].title_line;
                v[k].first = c[i].first; v[k].body = c[i].last + 1; v[k].closed = c[i].closed;
                k++;
            }
    } else {
        for (long i = best_at; i >= 0; i = c[i].prev) {
            RsItemSpan *s = &v[--k];
            s->head = c[i].head;
            s->title_line = c[i].title_line;
            s->first = c[i].first;
            s->body = c[i].last + 1;
            s->closed = c[i].closed;
            s->real = c[i].real;
            s->title_len = c[i].title_cut;
            /* a case or marker line directly before the heading belongs to it, unless it
             * directly follows the previous item's heading (then it is that item's); page
             * furniture between them ("Side 2 af 9" where a PDF's page turns) does not part them */
            size_t p = c[i].first;
            while (p > from && (LN(p - 1)->kind == RS_LK_BLANK || LN(p - 1)->kind == RS_LK_CHROME ||
                                running_header(text, L, p - 1, from, to)))
                p--;
            if (p > from && (LN(p - 1)->kind == RS_LK_CASE || LN(p - 1)->kind == RS_LK_MARKER)) {
                long q = c[i].prev;
                size_t before = prev_solid(L, p - 1, from);
                if (q < 0 || before == (size_t)-1 || before != c[q].last) s->first = p - 1;
            }
        }
    }
    /* Ends, and closed from group labels ("Lukket dagsorden") outside the contents. */
    size_t toc_lo = to, toc_hi = from;
    for (size_t i = 0; i < n; i++)
        if (c[i].toc) {
            if (c[i].first < toc_lo) toc_lo = c[i].first;
            if (c[i].last >= toc_hi) toc_hi = c[i].last + 1;
        }
    int group = -1;
    size_t g = from;
    for (size_t i = 0; i < m; i++) {
        v[i].end = i + 1 < m ? v[i + 1].first : to;
        if (v[i].end < v[i].body) v[i].end = v[i].body;
        for (; g < v[i].head; g++)
            if (LN(g)->kind == RS_LK_GROUP && LN(g)->closed >= 0 && (use_toc || g < toc_lo || g >= toc_hi) &&
                heads_items(L, g, to))
                group = LN(g)->closed;
        if (v[i].closed < 0) v[i].closed = group;
    }
    free(c);
    *out = v;
    *n_out = m;
    *from_toc = use_toc;
    return RS_OK;
}
