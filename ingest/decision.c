/* decision.c — decision headings in every printed form (see decision.h). */
#include "decision.h"

#include <string.h>

#include "dates.h"
#include "text.h"
#include "vocab.h"

/* Words that end a committee name: " den ", " d. ", ",", ":", "(", a date or a digit. */
static int committee_stop(const char *s, size_t n, size_t i) {
    if (s[i] == ',' || s[i] == ':' || s[i] == '(' || s[i] == ';') return 1;
    if (s[i] != ' ') return 0;
    size_t j = rs_skip_blanks(s, i, n);
    if (j >= n) return 1;
    if (rs_is_digit(s[j])) return 1;
    static const char *const stops[] = {"den ", "d. ", "d.", "kl. ", "pkt", "punkt", "mødet",
                                        "møde ", "-", "–"};
    for (size_t k = 0; k < sizeof stops / sizeof *stops; k++)
        if (rs_ci_prefix(s + j, n - j, stops[k])) return 1;
    if (rs_vocab_weekday(s + j, n - j)) return 1; /* "Udvalget for Børn & Ungdom onsdag den …" */
    return 0; /* (a date after a name starts with a digit: handled above) */
}

/* Whether the word s[0..n) is a committee word in the definite form with more before its
 * ending ("Regionsrådet", "Økonomiudvalget"; not "Udvalget" or "Rådet" alone, nor "Byråd"). */
static int definite_compound(const char *s, size_t n) {
    static const char *const bare[] = {"udvalget", "rådet", "nævnet", "bestyrelsen", "direktionen",
                                       "kommissionen", "forsamlingen", "magistraten", "byrådet"};
    if (n < 3 || !((s[n - 2] == 'e' || s[n - 2] == 'E') && strchr("tTnN", s[n - 1]))) return 0;
    for (size_t k = 0; k < sizeof bare / sizeof *bare; k++)
        if (rs_ci_eq(s, n, bare[k])) return 0;
    return 1;
}

/* Whether the word s[0..n) before a committee word belongs to its name: a small word ("og",
 * "&", "for"), a word ending in '-' or ',', or the municipality's ("Kommune", "Kommunes",
 * "Regions"). */
static int joins(const char *s, size_t n) {
    if (!n) return 1;
    if (s[n - 1] == '-' || s[n - 1] == ',' || (n <= 3 && !rs_is_upper(s, n))) return 1;
    return rs_ci_eq(s, n, "Kommune") || rs_ci_eq(s, n, "Kommunes") || rs_ci_eq(s, n, "Regions") ||
           rs_ci_eq(s, n, "Region");
}

size_t rs_committee_at(const char *s, size_t n) {
    if (!n || !rs_is_upper(s, n)) return 0;
    /* "Referat Aarhus Byråd", "Møde i Økonomiudvalget": the document's words, not the name */
    static const char *const not_first[] = {"Referat", "Dagsorden", "Møde", "Mødet", "Beslutning",
                                            "Protokol", "Beslutningsprotokol", "Sagsnr", "Sag",
                                            "Indholdsfortegnelse"};
    static const char *const salutations[] = {"Kære", "Til", "Fra", "Kopi", "Vedr", "Hej", "Att"};
    char f0 = (char)(s[0] & ~0x20);
    if (f0 && strchr("KTFVHA", f0))
    for (size_t k = 0; k < sizeof salutations / sizeof *salutations; k++) {
        size_t l = strlen(salutations[k]);
        if (rs_ci_prefix(s, n, salutations[k]) && (l == n || !rs_is_letter(s + l, n - l))) return 0;
    }
    for (size_t k = 0; f0 && strchr("RDMBPSI", f0) && k < sizeof not_first / sizeof *not_first; k++) {
        size_t l = strlen(not_first[k]);
        if (rs_ci_prefix(s, n, not_first[k]) && (l == n || !rs_is_letter(s + l, n - l))) return 0;
    }
    int first_udvalg = rs_ci_prefix(s, n, "Udvalget for ") || rs_ci_prefix(s, n, "Udvalg for ") ||
                       rs_ci_prefix(s, n, "Udvalget vedr") || rs_ci_prefix(s, n, "Udvalget om ");
    size_t i = 0, words = 0, pw = 0, pwe = 0; /* the previous word */
    while (i < n && i < 100 && words < 9) {
        /* one word ("Økonomi-," inside "Økonomi-, Erhvervs- og Planudvalget" goes on) */
        size_t w = i;
        while (i < n && !rs_blank_len(s + i, n - i) && s[i] != ':' && s[i] != '(' && s[i] != ';' &&
               !(s[i] == ',' && !(i > w && s[i - 1] == '-')) &&
               !(s[i] == '.' && (i + 1 >= n || s[i + 1] == ' ')))
            i++;
        words++;
        /* a name's words are capitalised, but for its small words ("og", "for", "&", "-") */
        int small = i - w <= 3 && !rs_is_upper(s + w, i - w);
        if (!first_udvalg && !small && !rs_is_upper(s + w, i - w) && !(s[w] == '&' || s[w] == '-'))
            return 0;
        if (!first_udvalg && i > w && rs_vocab_committee_word(s + w, i - w)) {
            /* "Udvalg" alone is a column's label ("Udvalg Dato Type"), not a committee's name */
            if (words == 1 && (rs_ci_eq(s, i, "Udvalg") || rs_ci_eq(s, i, "Udvalget"))) return 0;
            /* a compound in the definite form names the body alone ("Regionsrådet",
             * "Økonomiudvalget"): after another capitalised word it ends a title
             * ("Bevillingsændringer Regionsrådet 24. august 2020" in a contents list), unless
             * that word joins the name ("Social- og Sundhedsudvalget", "Faxe Kommunes
             * Økonomiudvalg") */
            if (words >= 2 && definite_compound(s + w, i - w) && !joins(s + pw, pwe - pw)) return 0;
            return i;
        }
        pw = w, pwe = i;
        if (i >= n || committee_stop(s, n, i) || s[i] == '.') break;
        i = rs_skip_blanks(s, i, n);
    }
    if (first_udvalg && words >= 3) {
        size_t e = i;
        while (e > 0 && s[e - 1] == ' ') e--;
        return e;
    }
    return 0;
}

/* After the committee or the date of a heading: ", pkt. 65", " punkt 3", a time, ':' and the
 * inline text. Sets d->text_off; returns 0 if other words follow (not a heading). */
static int heading_tail(const char *s, size_t n, size_t i, RsDecisionHead *d) {
    for (;;) {
        i = rs_skip_blanks(s, i, n);
        if (i < n && (s[i] == ',' || s[i] == '-')) { i++; continue; }
        if (rs_ci_prefix(s + i, n - i, "pkt.") || rs_ci_prefix(s + i, n - i, "punkt") ||
            rs_ci_prefix(s + i, n - i, "pkt ")) {
            while (i < n && s[i] != ' ' && !rs_is_digit(s[i])) i++;
            i = rs_skip_blanks(s, i, n);
            while (i < n && rs_is_digit(s[i])) i++;
            continue;
        }
        if (rs_ci_prefix(s + i, n - i, "kl")) {
            size_t j = i + 2;
            if (j < n && s[j] == '.') j++;
            j = rs_skip_blanks(s, j, n);
            if (j < n && rs_is_digit(s[j])) {
                while (j < n && (rs_is_digit(s[j]) || s[j] == ':' || s[j] == '.')) j++;
                i = j;
                continue;
            }
        }
        if (i < n && rs_is_digit(s[i])) { /* a time "17:30:00" */
            size_t j = i;
            while (j < n && (rs_is_digit(s[j]) || s[j] == ':' || s[j] == '.')) j++;
            if (j > i + 2) { i = j; continue; }
        }
        break;
    }
    if (i >= n) {
        d->text_off = n;
        return 1;
    }
    if (s[i] == ':') {
        d->text_off = rs_skip_blanks(s, i + 1, n);
        return 1;
    }
    return 0;
}

/* "Social og Sundhed, 6. januar 2020, pkt. 123:": a body without a committee word in its name,
 * known by the date and item number after it. The name's length, else 0. */
static size_t treated_by(const char *s, size_t n) {
    size_t comma = 0;
    while (comma < n && comma < 80 && s[comma] != ',') comma++;
    if (comma == 0 || comma >= n || !rs_is_upper(s, n)) return 0;
    for (size_t k = 0; k < comma; k++)
        if (s[k] == '.' || s[k] == ':' || rs_is_digit(s[k])) return 0;
    size_t j = rs_skip_blanks(s, comma + 1, n);
    char iso[11];
    size_t dl = rs_date_at(s + j, n - j, iso);
    if (!dl) return 0;
    j = rs_skip_blanks(s, j + dl, n);
    if (j < n && s[j] == ',') j = rs_skip_blanks(s, j + 1, n);
    return rs_ci_prefix(s + j, n - j, "pkt") || rs_ci_prefix(s + j, n - j, "punkt") ? comma : 0;
}

/* Where the date of a decision heading starts after its committee or decision word at k: past
 * blanks, a ',' and "den " or "d. " ("Økonomiudvalget, den 3. maj", "… beslutning d. 3/5").
 * Can't fail. */
static size_t date_start(const char *s, size_t n, size_t k) {
    k = rs_skip_blanks(s, k, n);
    /* the period in parentheses: "Folkeoplysningsudvalget (18-21) den 27-02-2018" */
    if (k < n && s[k] == '(') {
        size_t r = k + 1, d1 = r;
        while (r < n && rs_is_digit(s[r])) r++;
        size_t l1 = r - d1;
        if ((l1 == 2 || l1 == 4) && r < n && s[r] == '-') {
            size_t d2 = ++r;
            while (r < n && rs_is_digit(s[r])) r++;
            if ((r - d2 == 2 || r - d2 == 4) && r < n && s[r] == ')') k = rs_skip_blanks(s, r + 1, n);
        }
    }
    /* the committee's election period: "Økonomiudvalget 2018-21, 28. oktober 2019, pkt. 452" */
    size_t p = k, q;
    while (p < n && rs_is_digit(s[p])) p++;
    if ((p - k == 2 || p - k == 4) && p + 1 < n && s[p] == '-') {
        for (q = p + 1; q < n && rs_is_digit(s[q]);) q++;
        if ((q - p - 1 == 2 || q - p - 1 == 4) && (q >= n || s[q] == ',' || s[q] == ' '))
            k = rs_skip_blanks(s, q, n);
    }
    if (k < n && s[k] == ',') k = rs_skip_blanks(s, k + 1, n);
    /* "… 2018-2021 fredag den 14. august 2020": a weekday before "den" */
    size_t wd = rs_vocab_weekday(s + k, n - k);
    if (wd && k + wd < n && s[k + wd] == ' ') k = rs_skip_blanks(s, k + wd, n);
    if (rs_ci_prefix(s + k, n - k, "den ")) k = rs_skip_blanks(s, k + 4, n);
    else if (rs_ci_prefix(s + k, n - k, "d. ")) k = rs_skip_blanks(s, k + 3, n);
    return k;
}

/* "<Committee>[ den| d.|,] <date>…": fills d when the line is that. */
static int committee_date(const char *s, size_t n, size_t i, RsDecisionHead *d) {
    size_t cl = rs_committee_at(s + i, n - i);
    if (!cl) cl = treated_by(s + i, n - i);
    if (!cl) return 0;
    size_t j = date_start(s, n, i + cl);
    size_t dl = rs_date_at(s + j, n - j, d->date);
    if (!dl) return 0;
    d->committee_off = i;
    d->committee_len = cl;
    return heading_tail(s, n, j + dl, d);
}

/* The decision word a heading starts with: "Beslutning", "Beslutninger" or "Afgørelse"; its
 * length, else 0 ("Beslutningskompetence", "Afgørelsesgrundlag" are other words). */
static size_t decision_word(const char *s, size_t n) {
    size_t i = 0;
    if (rs_ci_prefix(s, n, "Beslutning")) {
        i = 10;
        if (i + 1 < n && s[i] == 'e' && s[i + 1] == 'r') i += 2; /* Beslutninger */
    } else if (rs_ci_prefix(s, n, "Afgørelse")) {
        i = strlen("Afgørelse");
    }
    return i && !(i < n && rs_is_letter(s + i, n - i)) ? i : 0;
}

/* Whether the name s[0..k) ends in a body of the municipality that decides in its meetings
 * (an udvalg, the byråd, kommunalbestyrelsen, …), not an outside authority whose ruling an item
 * discusses ("Miljø- og Fødevareklagenævnets afgørelse", "Ankestyrelsens …"). Can't fail. */
static int deciding_body(const char *s, size_t k) {
    static const char *const ends[] = {"udvalget", "byrådet", "byråd", "kommunalbestyrelsen",
                                       "regionsrådet", "borgerrepræsentationen", "magistraten"};
    for (size_t i = 0; i < sizeof ends / sizeof *ends; i++) {
        size_t l = strlen(ends[i]);
        if (k >= l && rs_ci_eq(s + k - l, l, ends[i])) return 1;
    }
    return 0;
}

/* A deciding body named in the genitive before "beslutning": "Økonomiudvalgets", "Teknik- og
 * Miljøudvalgets", "Byrådets"; or the generic "Udvalgets" (then no committee is named: the
 * meeting's decides); or before "møde" ("Kommunalbestyrelsens møde …", *meeting set: the caller
 * wants "Punkt N:" and text after it). Sets d's committee; the offset after the word, else 0. */
static size_t genitive_heading(const char *s, size_t n, RsDecisionHead *d, int *meeting) {
    *meeting = 0;
    if (!rs_is_upper(s, n)) return 0;
    for (size_t k = 1; k + 2 < n && k < 100; k++) {
        if (s[k] != 's' || s[k + 1] != ' ') continue;
        size_t j = k + 2, dl = rs_ci_prefix(s + j, n - j, "beslutning") ? 10 : 0;
        /* "Kommunalbestyrelsens møde 28. november 2005 Punkt 1: …" (checked by the caller) */
        if (!dl && rs_ci_prefix(s + j, n - j, "møde ")) dl = strlen("møde"), *meeting = 1;
        if (dl && j + dl < n && rs_is_letter(s + j + dl, n - j - dl)) dl = 0; /* beslutningen, … */
        if (!dl || !rs_is_lower(s + j, n - j) || !deciding_body(s, k)) continue;
        if (k == 8 && rs_ci_prefix(s, n, "Udvalget")) {
            d->committee_len = 0;
        } else {
            size_t cl = rs_committee_at(s, k);
            if (cl != k) return 0;
            d->committee_off = 0;
            d->committee_len = k;
        }
        return j + dl;
    }
    return 0;
}

int rs_decision_heading(const char *s, size_t n, RsDecisionHead *d) {
    memset(d, 0, sizeof *d);
    d->text_off = n;
    if (n < 8) return 0;
    int meeting;
    size_t g = genitive_heading(s, n, d, &meeting);
    if (g) { /* "Byrådets beslutning den 25. januar 2021:", "Udvalgets beslutning" */
        size_t k = date_start(s, n, g);
        size_t dl = rs_date_at(s + k, n - k, d->date);
        /* "Kommunalbestyrelsens møde 28. november 2005 Punkt 1: Der var ingen meddelelser.",
         * "Byrådets møde punkt 657: …": the meeting's record of an item, with its number and ':'
         * (without them, a meeting's header) */
        size_t p = rs_skip_blanks(s, k + dl, n);
        if (p < n && s[p] == ',') p = rs_skip_blanks(s, p + 1, n);
        int item = rs_ci_prefix(s + p, n - p, "punkt ") || rs_ci_prefix(s + p, n - p, "pkt");
        if ((!meeting || item) && heading_tail(s, n, k + dl, d) && (!meeting || d->text_off < n)) return 1;
        memset(d, 0, sizeof *d);
        d->text_off = n;
        return 0;
    }
    size_t dw = decision_word(s, n);
    if (dw) {
        size_t i = dw;
        size_t j = rs_skip_blanks(s, i, n);
        if (j >= n) return 1;
        if (s[j] == ':') {
            d->text_off = rs_skip_blanks(s, j + 1, n);
            return 1;
        }
        if (rs_ci_prefix(s + j, n - j, "om ") || rs_ci_prefix(s + j, n - j, "af ") ||
            rs_ci_prefix(s + j, n - j, "vedr"))
            return 0;
        if (rs_ci_prefix(s + j, n - j, "i ")) j = rs_skip_blanks(s, j + 2, n);
        else if (rs_ci_prefix(s + j, n - j, "fra ")) j = rs_skip_blanks(s, j + 4, n);
        else if (rs_ci_prefix(s + j, n - j, "på ")) j = rs_skip_blanks(s, j + 3, n);
        /* "Beslutning i udvalget:", "… i byrådet den 3. maj 2021": the meeting's own body */
        static const char *const generic[] = {"udvalget", "byrådet", "kommunalbestyrelsen", "regionsrådet"};
        for (size_t k = 0; k < sizeof generic / sizeof *generic; k++) {
            size_t gl = strlen(generic[k]);
            if (j + gl <= n && !memcmp(s + j, generic[k], gl) && !(j + gl < n && rs_is_letter(s + j + gl, n - j - gl))) {
                size_t k2 = date_start(s, n, j + gl);
                size_t dl = rs_date_at(s + k2, n - k2, d->date);
                return heading_tail(s, n, k2 + dl, d);
            }
        }
        /* "Beslutning den : Godkendt.", "Beslutning den 21-11-2023" */
        if (rs_ci_prefix(s + j, n - j, "den") || rs_ci_prefix(s + j, n - j, "d.")) {
            size_t k = j + (s[j + 1] == '.' ? 2 : 3);
            k = rs_skip_blanks(s, k, n);
            size_t dl = rs_date_at(s + k, n - k, d->date);
            if (heading_tail(s, n, k + dl, d)) return 1;
            /* "Beslutning den Godkendt": a transcript lost the date, the text follows */
            if (!dl && j + 3 < n && s[j + 1] == 'e' && k > j + 3 && k < n && rs_is_upper(s + k, n - k)) {
                memset(d, 0, sizeof *d);
                d->text_off = k;
                return 1;
            }
            return 0;
        }
        size_t dl = rs_date_at(s + j, n - j, d->date);
        if (dl) return heading_tail(s, n, j + dl, d);
        size_t cl = rs_committee_at(s + j, n - j);
        if (!cl) return 0;
        d->committee_off = j;
        d->committee_len = cl;
        size_t k = date_start(s, n, j + cl);
        dl = rs_date_at(s + k, n - k, d->date);
        if (heading_tail(s, n, k + dl, d)) return 1;
        /* "Beslutning i Byrådet den 9. marts 2021 Godkendt.": a flattened page runs the text on
         * after the date, without a ':' */
        size_t t = dl ? rs_skip_blanks(s, k + dl, n) : n;
        if (t < n && t > k + dl && rs_is_upper(s + t, n - t)) {
            d->text_off = t;
            return 1;
        }
        /* "Beslutning Allerød Byråd den Fraværende …": the date lost in extraction */
        d->text_off = k;
        return dl == 0 && rs_ci_prefix(s + j + cl, n - j - cl, " den ");
    }
    if (n > 160) return 0;
    for (size_t i = 0; i < n; i++)
        if (rs_is_digit(s[i])) return committee_date(s, n, 0, d); /* the date */
    return 0;
}

int rs_decision_inline(const char *s, size_t n, size_t *at, RsDecisionHead *d) {
    /* find "<name>, <date>" by its comma and date first, then the name back to a sentence end */
    for (const char *c = memchr(s, ',', n); c; c = memchr(c + 1, ',', (size_t)(s + n - c - 1))) {
        size_t k = (size_t)(c - s);
        size_t j = rs_skip_blanks(s, k + 1, n);
        if (j >= n || !rs_is_digit(s[j])) continue;
        memset(d, 0, sizeof *d);
        size_t dl = rs_date_at(s + j, n - j, d->date);
        if (!dl) continue;
        /* the name starts at the sentence's start before the comma (". " or ": ", at most 80
         * bytes back), at the line's start ("Økonomiudvalget, 31.10.2016 Anbefales."), or after
         * the decision word ("… Beslutning Byrådet, 22.11.2016 Godkendt.") */
        size_t i = k, word = 0;
        while (i > 2 && k - i < 80 && !(s[i - 1] == ' ' && (s[i - 2] == '.' || s[i - 2] == ':'))) i--;
        for (size_t q = k > 90 ? k - 90 : 0; q + 11 <= k; q++)
            if (!memcmp(s + q, "Beslutning ", 11) && (q == 0 || s[q - 1] == ' ')) word = q + 11;
        const size_t starts[3] = {i > 2 && k - i < 80 ? i : k, k < 80 ? 0 : k, word ? word : k};
        size_t cl = 0;
        for (int t = 0; t < 3 && !cl; t++) {
            i = starts[t];
            if (i < k && rs_is_upper(s + i, n - i) && rs_committee_at(s + i, n - i) == k - i) cl = k - i;
        }
        if (!cl) continue;
        d->committee_off = i;
        d->committee_len = cl;
        size_t e = j + dl;
        if (e < n && (s[e] == ':' || s[e] == ',' || s[e] == '.')) e++;
        d->text_off = rs_skip_blanks(s, e, n);
        *at = i;
        return 1;
    }
    return 0;
}

int rs_decision_dated(const char *s, size_t n, RsDecisionHead *d) {
    memset(d, 0, sizeof *d);
    d->text_off = n;
    size_t dl = rs_date_at(s, n, d->date);
    if (!dl) return 0;
    size_t j = rs_skip_blanks(s, dl, n);
    size_t cl = rs_committee_at(s + j, n - j);
    if (!cl || j + cl != n) return 0;
    d->committee_off = j;
    d->committee_len = cl;
    return 1;
}
