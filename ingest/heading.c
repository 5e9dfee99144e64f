/* heading.c — the forms of an agenda item heading on one line (see heading.h). */
#include "heading.h"

#include <string.h>

#include "dates.h"
#include "text.h"
#include "vocab.h"

/* A closing quote, paren or typographic opener that may start a title. */
static int title_opener(const char *s, size_t n) {
    static const char *const open[] = {"\"", "\xC2\xAB" /* « */, "\xE2\x80\x9C" /* “ */,
                                       "\xE2\x80\x9E" /* „ */, "\xC2\xA7" /* § */, "'", "("};
    for (size_t k = 0; k < sizeof open / sizeof *open; k++) {
        size_t l = strlen(open[k]);
        if (l <= n && !memcmp(s, open[k], l)) return 1;
    }
    return 0;
}

/* A title run on to its number: an upper-case letter and then lower-case ones ("Godkendelse"),
 * not a unit or a code ("3D", "4K", "2GB", "5Mio"). Can't fail. */
static int glued_title(const char *s, size_t n) {
    if (!rs_is_upper(s, n)) return 0;
    size_t k = 1;
    while (k < n && ((unsigned char)s[k] & 0xC0) == 0x80) k++; /* the rest of Æ, Ø, Å */
    size_t lower = 0;
    while (k < n && rs_is_lower(s + k, n - k)) {
        lower++;
        k++;
        while (k < n && ((unsigned char)s[k] & 0xC0) == 0x80) k++;
    }
    return lower >= 3;
}

/* "Side 2 1 (Åben) Titel", "Side 3 af 14 4. Titel": a PDF page's number printed on the line of
 * the page's first heading. The offset of the heading's number after it, else 0. */
static size_t page_marker(const char *s, size_t n) {
    if (!rs_ci_prefix(s, n, "Side ")) return 0;
    size_t i = rs_skip_blanks(s, 5, n), d = i;
    while (i < n && rs_is_digit(s[i])) i++;
    if (i == d || i - d > 4) return 0;
    size_t j = rs_skip_blanks(s, i, n);
    if (j + 3 < n && rs_ci_prefix(s + j, n - j, "af ") && rs_is_digit(s[rs_skip_blanks(s, j + 3, n)])) {
        j = rs_skip_blanks(s, j + 3, n);
        while (j < n && rs_is_digit(s[j])) j++;
        j = rs_skip_blanks(s, j, n);
    }
    return j > i && j < n && rs_is_digit(s[j]) ? j : 0;
}

/* A dash used as a separator at s: "-", "–" or "—" followed by a blank. Its length, else 0. */
static size_t dash_sep(const char *s, size_t n) {
    size_t l = 0;
    if (n >= 1 && s[0] == '-') l = 1;
    else if (n >= 3 && !memcmp(s, "\xE2\x80\x93", 3)) l = 3;
    else if (n >= 3 && !memcmp(s, "\xE2\x80\x94", 3)) l = 3;
    if (!l || !rs_blank_len(s + l, n - l)) return 0;
    return rs_skip_blanks(s, l, n);
}

/* Upper-case words before the number ("ÅBNE EFTERRETNINGSSAGER 73. …"): the offset of the digit
 * after them, or `i` when there are none. Sets *closed from the words when they say. */
static size_t group_prefix(const char *s, size_t n, size_t i, int *closed) {
    size_t j = i, letters = 0;
    while (j < n && !rs_is_digit(s[j])) {
        size_t w = j;
        while (j < n && !rs_blank_len(s + j, n - j)) j++;
        if (!rs_all_upper(s + w, j - w, 2)) return i;
        for (size_t k = w; k < j; k++) letters += rs_is_upper(s + k, j - k) ? 1 : 0;
        j = rs_skip_blanks(s, j, n);
    }
    if (j == i || j >= n || letters < 4) return i;
    if (rs_ci_find(s + i, j - i, "LUKKE") < j - i) *closed = 1;
    else if (rs_ci_find(s + i, j - i, "ÅBN") < j - i || rs_ci_find(s + i, j - i, "ÅBEN") < j - i) *closed = 0;
    return j;
}

/* "åbent 4", "lukket 101", "Closed 3": a marker word and blanks before the number. */
static size_t marker_before(const char *s, size_t n, int *closed) {
    static const struct {
        const char *w;
        int closed;
    } m[] = {{"åbent", 0}, {"åben", 0}, {"lukket", 1}, {"closed", 1}};
    for (size_t k = 0; k < sizeof m / sizeof *m; k++) {
        size_t l = strlen(m[k].w);
        if (l < n && rs_ci_prefix(s, n, m[k].w) && rs_blank_len(s + l, n - l)) {
            size_t j = rs_skip_blanks(s, l, n);
            if (j < n && rs_is_digit(s[j])) {
                *closed = m[k].closed;
                return j;
            }
        }
    }
    return 0;
}

int rs_heading_parse(const char *s, size_t n, RsHeading *h) {
    size_t i = 0;
    int closed = -1, strength = 1;
    size_t b = rs_bullet_len(s, n);
    if (b && s[0] != '-' && s[0] != '*') i = b;
    else if ((i = page_marker(s, n))) strength = 2; /* a page opening with a heading */
    if (i < n && !rs_is_digit(s[i])) {
        size_t k;
        int strong;
        if ((k = marker_before(s + i, n - i, &closed))) {
            i += k;
            strength = 2;
        } else if ((k = rs_vocab_item_word(s + i, n - i, &strong))) {
            i += k;
            strength = strong ? 3 : 2;
        } else {
            size_t j = group_prefix(s, n, i, &closed);
            if (j == i) return 0;
            i = j;
            if ((k = rs_vocab_item_word(s + i, n - i, &strong))) {
                i += k;
                strength = strong ? 3 : 2;
            }
        }
    }
    if (i >= n || !rs_is_digit(s[i])) return 0;
    size_t ns = i;
    long v = 0;
    int nd = 0;
    while (i < n && rs_is_digit(s[i]) && nd < 5) v = v * 10 + (s[i++] - '0'), nd++;
    if (i < n && rs_is_digit(s[i])) return 0;
    if (v == 0 || (strength < 3 && v > 999) || v > 99999) return 0;
    long val = v * 10;
    if (i < n && s[i] >= 'a' && s[i] <= 'h' && (i + 1 >= n || !rs_is_letter(s + i + 1, n - i - 1))) {
        val += s[i] - 'a' + 1;
        i++;
    }
    size_t ne = i;
    if (strength == 3 || strength == 2) {
        if (i < n && (s[i] == '.' || s[i] == ':' || s[i] == ')')) i++;
        i = rs_skip_blanks(s, i, n);
        size_t d = dash_sep(s + i, n - i);
        if (!d && i < n && (s[i] == ':')) d = 1;
        i += d;
    } else if (i < n && s[i] == '.') {
        i++;
        if (i < n && rs_is_digit(s[i])) return 0; /* 1.1, 12.30, 3.000 */
        strength = 2;
    } else if (i < n && s[i] == ':') {
        i++;
        if (i < n && rs_is_digit(s[i])) return 0; /* 11:00 */
        strength = 2;
    } else if (i < n && s[i] == ')') {
        i++;
    } else if (i + 4 < n && s[i] == '/' && rs_is_digit(s[i + 1]) && rs_is_digit(s[i + 2]) && s[i + 3] == ' ' &&
               strength == 1 && nd <= 3 && rs_is_upper(s + rs_skip_blanks(s, i + 3, n), n - rs_skip_blanks(s, i + 3, n))) {
        /* "38/14 Godkendelse af dagsorden": the year's running number / the year, as printed */
        ne = i + 3;
        i += 3;
    } else if (i + 3 < n && s[i] == '/' && rs_is_digit(s[i + 1]) && strength == 1) {
        /* "49/1. Spørgetid": the year's running number / the meeting's item number */
        size_t j = i + 1;
        while (j < n && rs_is_digit(s[j]) && j - i <= 3) j++;
        if (j - i > 3 || j + 2 >= n || s[j] != '.' || !rs_blank_len(s + j + 1, n - j - 1)) return 0;
        ne = j;
        i = j + 1;
        strength = 2;
    } else if (i < n && rs_blank_len(s + i, n - i)) {
        i = rs_skip_blanks(s, i, n);
        size_t d;
        if (i < n && s[i] == ':') {
            i++;
            strength = 2;
        } else if ((d = dash_sep(s + i, n - i))) {
            i += d;
            strength = 2;
        }
    } else if (i < n && glued_title(s + i, n - i)) {
        /* "38Godkendelse af dagsorden": a portal's number and title in two elements, their text
         * run together; a form as plain as "38. Godkendelse" (what follows decides, segment.h) */
        strength = 2;
    } else if (i < n) {
        return 0; /* "2nd", "12,5", "3/4", "4-5", "3D", "4K" */
    }
    i = rs_skip_blanks(s, i, n);
    /* a marker word between number and title: "1 Åbent Titel", "3 Lukket: Titel". A closed
     * marker stays in the title as printed ("Lukket: Personalesag"); the title is judged after it */
    size_t printed = n, cp = rs_vocab_closed_prefix(s + i, n - i);
    if (cp) {
        closed = 1;
        printed = i;
        i += cp;
    } else {
        static const char *const open[] = {"Åbent", "Åben"};
        for (size_t k = 0; k < 2; k++) {
            size_t l = strlen(open[k]);
            size_t after = l < n - i ? rs_skip_blanks(s, i + l, n) : n;
            /* "1 Åbent Kommuneplan …" (a marker), not "Åben orientering" (a title) */
            if (l < n - i && rs_ci_prefix(s + i, n - i, open[k]) && rs_blank_len(s + i + l, n - i - l) &&
                after < n && rs_is_upper(s + after, n - after)) {
                closed = 0;
                i = rs_skip_blanks(s, i + l, n);
                break;
            }
        }
        if (i + 6 <= n && rs_ci_eq(s + i, n - i, "Lukket")) {
            closed = 1;
            i = n;
        } else if (i + 7 < n && rs_ci_prefix(s + i, n - i, "Lukket") && rs_blank_len(s + i + 6, n - i - 6)) {
            /* "4 Lukket Salg af areal" */
            size_t after = rs_skip_blanks(s, i + 6, n);
            if (after < n && rs_is_upper(s + after, n - after)) {
                closed = 1;
                printed = i;
                i = after;
            }
        }
    }
    h->num_off = ns;
    h->num_len = ne - ns;
    h->number = val;
    h->strength = strength;
    h->closed = closed;
    h->title_off = printed < i && i < n ? printed : i;
    h->title_len = n - h->title_off;
    h->marker_only = i >= n && closed == 1;
    if (i >= n) return 1; /* the number alone: the title is on a line next to it */
    const char *t = s + i;
    size_t tl = n - i;
    /* " 1.  1. Godkendelse af dagsordenen": a list's own number before the printed one */
    size_t d = 0;
    long w = 0;
    while (d < tl && d < 5 && rs_is_digit(t[d])) w = w * 10 + (t[d++] - '0');
    if (d && w == v && d + 2 < tl && t[d] == '.' && rs_blank_len(t + d + 1, tl - d - 1)) {
        size_t k = rs_skip_blanks(t, d + 1, tl);
        if (k < tl && rs_is_upper(t + k, tl - k)) {
            t += k, tl -= k, i += k;
            h->title_off = i;
            h->title_len = n - i;
        }
    }
    if (rs_is_lower(t, tl)) return 0;
    if (rs_is_upper(t, tl)) {
        if (tl >= 3 && (t[0] == 'A' || t[0] == 'a') && (t[1] == 't' || t[1] == 'T') &&
            rs_blank_len(t + 2, tl - 2))
            return 0; /* "At 2) …": a point of an Indstilling */
    } else if (rs_is_digit(t[0])) {
        /* "1.      3. økonomi- og aktivitetsrapportering": an ordinal may open a title */
        size_t d = 0;
        while (d < tl && rs_is_digit(t[d])) d++;
        int ordinal = d <= 2 && d + 2 < tl && t[d] == '.' && t[d + 1] == ' ' && rs_is_lower(t + d + 2, tl - d - 2);
        if (strength < 3 && !ordinal) return 0;
    } else if (!title_opener(t, tl)) {
        return 0;
    }
    char iso[11];
    if (rs_date_at(s + ns, n - ns, iso)) return 0; /* "1. Januar 2020" */
    /* "MØDE NR. 44 ONSDAG DEN 17. JUNI 2009": a meeting's number and its day, no item */
    size_t wd = rs_vocab_weekday(t, tl);
    if (wd && rs_ci_prefix(t + wd, tl - wd, " den")) return 0;
    int letters = 0;
    for (size_t k = 0; k < tl && !letters; k++) letters = rs_is_letter(t + k, tl - k);
    return letters;
}

int rs_heading_toc_tail(const char *s, size_t n) {
    size_t e = n;
    /* a page token at the end: digits or a roman numeral */
    size_t p = e;
    while (p > 0 && (rs_is_digit(s[p - 1]) || s[p - 1] == 'i' || s[p - 1] == 'v' || s[p - 1] == 'x'))
        p--;
    size_t q = p;
    while (q > 0 && (s[q - 1] == ' ' || s[q - 1] == '\t')) q--;
    int tab = 0;
    for (size_t k = q; k < p; k++) tab |= s[k] == '\t';
    size_t dots = 0;
    while (q > 0 && s[q - 1] == '.') q--, dots++;
    while (q >= 3 && !memcmp(s + q - 3, "\xE2\x80\xA6", 3)) q -= 3, dots += 3; /* … */
    if (dots >= 3) return 1;
    if (tab && p < e && rs_is_digit(s[p])) return 1;
    /* contents entries run together and wrapped ("… 2025/26 ...... 3 2 (Åben)"): a leader of
     * four dots or more, then a page number and the next entry's number */
    for (size_t i = 0; i + 4 < n; i++) {
        if (s[i] != '.' || (i && s[i - 1] == '.')) continue;
        size_t j = i;
        while (j < n && s[j] == '.') j++;
        if (j - i < 4) continue;
        j = rs_skip_blanks(s, j, n);
        size_t d = j;
        while (j < n && rs_is_digit(s[j])) j++;
        if (j > d && j - d <= 3 && j + 1 < n && s[j] == ' ' && rs_is_digit(s[j + 1])) return 1;
    }
    return 0;
}

int rs_title_continues(const char *s, size_t n, const char *x, size_t xl) {
    static const char *const open_end[] = {" og", " for", " til", " af", " i", " på", " med",
                                            " om", " -", " –", ",", " ved", " samt"};
    int open = 0;
    for (size_t k = 0; k < sizeof open_end / sizeof *open_end && !open; k++) {
        size_t ol = strlen(open_end[k]);
        open = n >= ol && !memcmp(s + n - ol, open_end[k], ol);
    }
    /* "… budgetforslag 2018 og overslagsårene" / "2019-2022 (augustindstillingen)": a year goes
     * on with the title where the title has not ended a sentence; a date line does not */
    int year = xl >= 5 && xl < 80 && (!memcmp(x, "19", 2) || !memcmp(x, "20", 2)) && rs_is_digit(x[2]) &&
               rs_is_digit(x[3]) && !rs_is_digit(x[4]) && x[4] != '.' && x[4] != ':' && n &&
               !strchr(".?!:)", s[n - 1]) && !rs_date_at(x, xl, (char[11]){0});
    /* "… og Palle Kefer" / "(ÆK)(bilag rapport Rambøll)": a parenthesis closing on its line */
    int paren = xl >= 3 && xl < 80 && x[0] == '(' && x[xl - 1] == ')';
    return xl > 0 && xl < 120 && (rs_is_lower(x, xl) || open || year || paren) && x[xl - 1] != ':' && n + xl < 400;
}

/* Whether the word at x is one that joins the words of a coordination ("Teknik- og Miljø…"). */
static int coordinating(const char *x, size_t xl) {
    static const char *const words[] = {"og", "eller", "samt", "til", "&"};
    for (size_t k = 0; k < sizeof words / sizeof *words; k++) {
        size_t wl = strlen(words[k]);
        if (xl >= wl && !memcmp(x, words[k], wl) && (xl == wl || x[wl] == ' ')) return 1;
    }
    return 0;
}

RsStatus rs_title_append(RsBuf *t, const char *x, size_t xl) {
    /* "…byrådsmedlemmernes vede-" + "rlag": a word broken where the line turned */
    if (t->len >= 2 && t->data[t->len - 1] == '-' && rs_is_lower(x, xl) && !coordinating(x, xl)) {
        size_t h = t->len - 1, b = h - 1; /* the letter before the hyphen: a lower-case one */
        while (b > 0 && ((unsigned char)t->data[b] & 0xC0) == 0x80) b--;
        if (rs_is_lower(t->data + b, h - b)) t->data[t->len = h] = '\0';
        return rs_buf_append(t, x, xl); /* else "EU-" + "midler": the hyphen is the word's own */
    }
    RsStatus rc = rs_buf_putc(t, ' ');
    return rc == RS_OK ? rs_buf_append(t, x, xl) : rc;
}

/* (heading.h) */
size_t rs_title_sentence_start(const char *t, size_t n) {
    static const char *const starts[] = {"Der ", "Det ", "Den ", "De ", "Vi ", "Som ", "Efter ", "Med "};
    for (size_t i = 6; i + 4 < n; i++) {
        if (t[i - 1] != ' ') continue;
        size_t w = i - 1; /* the word before */
        while (w > 0 && t[w - 1] != ' ') w--;
        if (w + 1 >= i) continue;
        for (size_t k = 0; k < sizeof starts / sizeof *starts; k++)
            if (!strncmp(t + i, starts[k], strlen(starts[k])) && rs_is_lower(t + i + strlen(starts[k]), n - i - strlen(starts[k])))
                return i - 1;
        /* a lettered point opens the text: "Meddelelser a) Der afholdes …" */
        if (i + 3 < n && t[i] >= 'a' && t[i] <= 'h' && t[i + 1] == ')' && t[i + 2] == ' ') return i - 1;
        if (!(rs_is_lower(t + w, i - w) || rs_is_digit(t[w]))) continue;
        size_t a = i, caps = 0;
        while (caps < 2 && a < n) {
            size_t b = a;
            while (b < n && t[b] != ' ') b++;
            if (b - a < 3 || !rs_all_upper(t + a, b - a, 3)) break;
            caps++;
            a = b < n ? b + 1 : b;
        }
        if (caps == 2) return i - 1;
    }
    return 0;
}

/* (heading.h) */
int rs_title_prose(const char *s, size_t n) {
    if (n > 100) return 1;
    for (size_t i = 1; i + 2 < n; i++)
        if (s[i] == '.' && s[i + 1] == ' ' && rs_is_upper(s + i + 2, n - i - 2) && rs_is_lower(s + i - 1, n - i + 1))
            return 1;
    return 0;
}
