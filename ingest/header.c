/* header.c — a meeting's metadata from its header lines, items and path (see header.h). */
#include "header.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "committee.h"
#include "dates.h"
#include "decision.h"
#include "text.h"
#include "vocab.h"

#define LN(i) (&L->v[i])
#define HEADER_REACH 600 /* bytes: a municipality named this early is the header's */

typedef enum { F_NONE, F_DATE, F_TIME, F_PLACE, F_COMMITTEE, F_MEETING, F_PEOPLE, F_SKIP } Field;

/* A label at the start of a header line: its field and the length of the label with a ':' and
 * blanks after it; F_NONE (and *len 0) if the line has none. Can't fail. */
static Field label(const char *s, size_t n, size_t *len) {
    static const struct {
        const char *w;
        Field f;
    } labels[] = {
        {"Mødedato og tidspunkt", F_DATE}, {"Mødedato", F_DATE}, {"Møde dato", F_DATE},
        {"Mødetidspunkt", F_DATE}, {"Starttidspunkt", F_DATE}, {"Mødestart", F_DATE},
        {"Møde afholdt", F_DATE}, {"Afholdt", F_DATE}, {"Dato og tid", F_DATE}, {"Dato", F_DATE},
        {"Sluttidspunkt", F_SKIP}, {"Mødeslut", F_SKIP}, {"Udsendelsesdato", F_SKIP},
        {"Udsendt", F_SKIP}, {"Udskrevet", F_SKIP}, {"Offentliggjort", F_SKIP},
        {"Publiceret", F_SKIP}, {"Tidspunkt", F_TIME}, {"Klokken", F_TIME},
        {"Mødested", F_PLACE}, {"Mødelokale", F_PLACE}, {"Møde lokation", F_PLACE},
        {"Lokation", F_PLACE}, {"Lokale", F_PLACE}, {"Sted", F_PLACE},
        {"Udvalg", F_COMMITTEE}, {"Forum", F_COMMITTEE}, {"Organ", F_COMMITTEE},
        {"Møde", F_MEETING}, {"Mødedeltagere", F_PEOPLE}, {"Deltagere", F_PEOPLE},
        {"Medlemmer", F_PEOPLE}, {"Til stede", F_PEOPLE}};
    *len = 0; /* no label: the value is the whole line */
    for (size_t k = 0; k < sizeof labels / sizeof *labels; k++) {
        size_t l = strlen(labels[k].w);
        if (l > n || !rs_ci_prefix(s, n, labels[k].w)) continue;
        if (l < n && rs_is_letter(s + l, n - l)) continue; /* "Datoer", "Stedet" */
        size_t i = l;
        int colon = 0;
        i = rs_skip_blanks(s, i, n);
        if (i < n && s[i] == ':') i++, colon = 1;
        i = rs_skip_blanks(s, i, n);
        /* "Udvalg" alone, or with ':'; "Møde i Økonomiudvalget" is no label */
        if (!colon && i < n && labels[k].f != F_DATE && labels[k].f != F_PLACE && labels[k].f != F_PEOPLE &&
            labels[k].f != F_SKIP)
            continue;
        if (!colon && i < n && labels[k].f == F_PLACE && rs_is_lower(s + i, n - i)) continue;
        *len = i;
        return labels[k].f;
    }
    return F_NONE;
}

/* The value of a label: on its line, or (an UDVALG/STED block) on the next non-blank line. */
static size_t value_line(const RsLines *L, size_t i, size_t to) {
    for (size_t j = i + 1; j < to && j <= i + 3; j++)
        if (LN(j)->kind != RS_LK_BLANK) return j;
    return to;
}

/* "Byrådets" → "Byrådet": a committee word in the genitive. */
static size_t genitive_committee(const char *s, size_t n) {
    size_t e = 0;
    while (e < n && !rs_blank_len(s + e, n - e) && s[e] != ',') e++;
    if (e > 3 && s[e - 1] == 's' && rs_vocab_committee_word(s, e - 1) && rs_is_upper(s, n)) return e - 1;
    return 0;
}

/* "Social og sundheds møde den 17. april 2023", "Byrådets møde d. 3. maj", "åbent møde for
 * Kultur- og fritidsudvalgets møde den 5. marts 2009": a committee named whatever it is called
 * (an area's name, no committee word), in the genitive before "møde" and the meeting's date,
 * from the line's start or after "for"/"i"/a quote. Its length, its offset in *off; else 0. */
static size_t genitive_meeting(const char *s, size_t n, size_t *off) {
    static const char *const after[] = {"s møde den ", "s møde d. ", "s ekstraordinære møde den "};
    for (size_t k = 0; k < sizeof after / sizeof *after; k++) {
        size_t at = rs_ci_find(s, n, after[k]);
        if (at >= n || memcmp(s + at, after[k], strlen(after[k]))) continue;
        size_t st = 0;
        for (size_t i = 0; i + 1 < at; i++) {
            if (s[i] == '"') st = i + 1;
            else if (i + 5 <= at && !memcmp(s + i, " for ", 5)) st = i + 5;
            else if (i + 3 <= at && !memcmp(s + i, " i ", 3)) st = i + 3;
        }
        if (at < st + 3 || at - st > 60 || !rs_is_upper(s + st, n - st)) return 0;
        for (size_t i = st; i < at; i++)
            if (s[i] == '.' || s[i] == ':' || s[i] == ';' || s[i] == '"') return 0;
        char iso[11];
        size_t da, dl;
        size_t rest = at + strlen(after[k]);
        if (!rs_find_date(s + rest, n - rest, iso, &da, &dl) || da > 12) return 0;
        *off = st;
        return at - st;
    }
    return 0;
}

/* Whether the committee name s[0..n) is a municipality's council ("Aalborg Byråd", "Byrådet",
 * "Kommunalbestyrelsen"): its last word. Can't fail. */
static int council(const char *s, size_t n) {
    static const char *const w[] = {"byråd", "byrådet", "kommunalbestyrelse", "kommunalbestyrelsen"};
    size_t a = n;
    while (a > 0 && s[a - 1] != ' ') a--;
    for (size_t k = 0; k < sizeof w / sizeof *w; k++)
        if (rs_ci_eq(s + a, n - a, w[k])) return 1;
    return 0;
}

/* A committee named in a header line: after "møde i", after "Referat"/"Dagsorden", at the
 * start, or after ". ". Its range in *b, *len; 0 if none. */
static int committee_in(const char *s, size_t n, size_t *b, size_t *len) {
    for (size_t i = 0; i + 4 < n; i++) {
        if (!(rs_ci_prefix(s + i, n - i, "møde i ") || rs_ci_prefix(s + i, n - i, "mødet i ") ||
              rs_ci_prefix(s + i, n - i, "Møde i ")))
            continue;
        size_t j = i + (rs_ci_prefix(s + i, n - i, "mødet") ? 8 : 7);
        j = rs_skip_blanks(s, j, n);
        size_t l = rs_committee_at(s + j, n - j);
        if (l) { *b = j; *len = l; return 1; }
    }
    size_t starts[8], ns = 0;
    starts[ns++] = 0;
    static const char *const kinds[] = {"Referat fra ", "Referat af ", "Referat for ", "Referat ",
                                        "REFERAT ", "Dagsorden til ", "Dagsorden for ", "Dagsorden ",
                                        "DAGSORDEN ", "Beslutningsprotokol ", "Indholdsfortegnelse "};
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++)
        if (rs_ci_prefix(s, n, kinds[k])) { starts[ns++] = strlen(kinds[k]); break; }
    for (size_t k = ns; k-- > 0;) { /* after "Referat af " first: "Referat af Byrådets møde d. …" */
        size_t off = 0;
        if ((*len = genitive_meeting(s + starts[k], n - starts[k], &off))) {
            *b = starts[k] + off;
            return 1;
        }
    }
    for (size_t i = 0; i + 2 < n && ns < 8; i++)
        if (s[i] == '.' && s[i + 1] == ' ') starts[ns++] = i + 2;
    *len = 0;
    for (size_t k = 0; k < ns; k++) {
        size_t j = rs_skip_blanks(s, starts[k], n);
        /* "14-17 Byrådet": an election period before the name */
        size_t p = j;
        while (p < n && (rs_is_digit(s[p]) || s[p] == '-' || s[p] == '/')) p++;
        if (p > j && p < n && s[p] == ' ') p = rs_skip_blanks(s, p, n);
        else p = j;
        size_t l = rs_committee_at(s + p, n - p);
        if (!l) l = genitive_committee(s + p, n - p);
        if (!l) continue;
        /* "LEMVIG KOMMUNE Lemvig Byråd": the municipality before the committee is not part of it */
        static const char *const kw[] = {" KOMMUNE ", " Kommune "};
        for (size_t w = 0; w < 2; w++) {
            size_t at = rs_ci_find(s + p, l, kw[w]);
            if (at < l && memcmp(s + p + at, kw[w], strlen(kw[w])) == 0 && at + strlen(kw[w]) < l) {
                size_t q = p + at + strlen(kw[w]);
                l -= q - p;
                p = q;
                break;
            }
        }
        /* "Aalborg Byråd. Folkeoplysningsudvalget. Mødet den …": the council names the
         * municipality's; the committee after it is the meeting's */
        if (council(s + p, l)) {
            if (!*len) *b = p, *len = l;
            continue;
        }
        *b = p;
        *len = l;
        return 1;
    }
    return *len != 0;
}

int rs_header_field(const char *s, size_t n) {
    size_t l;
    Field f = label(s, n, &l);
    return f != F_NONE && f != F_MEETING;
}

int rs_header_line(const char *s, size_t n) {
    size_t l;
    Field f = label(s, n, &l);
    if (f != F_NONE && f != F_MEETING) return 1;
    static const char *const kinds[] = {"Referat", "REFERAT", "Dagsorden", "DAGSORDEN",
                                        "Beslutningsprotokol", "Møde i", "Mødet i", "Download \""};
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++)
        if (rs_ci_prefix(s, n, kinds[k])) return 1;
    char iso[11];
    size_t at, dl;
    if (n < 90 && rs_find_date(s, n, iso, &at, &dl)) return 1;
    size_t b, cl;
    if (committee_in(s, n, &b, &cl) && b + cl + 25 >= n) return 1;
    return 0;
}

static void set_kind(RsMeeting *m, const char *s, size_t n, int *kind_set) {
    if (*kind_set && !strcmp(m->kind, "referat")) return; /* a referat says "dagsorden" too */
    static const struct {
        const char *w;
        const char *kind;
    } k[] = {{"Referat", "referat"}, {"Beslutningsprotokol", "referat"}, {"Protokol", "referat"},
             {"Dagsorden", "dagsorden"}};
    /* a sentence about the agenda ("… med mindre andet fremgår af dagsordenen.") names no kind */
    int prose = n && s[n - 1] == '.' && n > 12;
    for (size_t i = 0; i < n; i++) {
        if (i && rs_is_letter(s + i - 1, n - i + 1)) continue;
        if (i && prose) break;
        for (size_t j = 0; j < sizeof k / sizeof *k; j++) {
            size_t l = strlen(k[j].w);
            if (l <= n - i && rs_ci_prefix(s + i, n - i, k[j].w) &&
                (l == n - i || !rs_is_letter(s + i + l, n - i - l) ||
                 rs_ci_prefix(s + i + l, n - i - l, "en"))) {
                if (!*kind_set || !strcmp(k[j].kind, "referat")) strcpy(m->kind, k[j].kind);
                *kind_set = 1;
                return;
            }
        }
        if (i > 40) break;
    }
}

/* "REFERAT <udvalg> 2022-2025 d. …": the election period after the committee. */
static void read_period(RsMeeting *m, const char *s, size_t n) {
    for (size_t e = 0; e + 9 <= n; e++) {
        if (!rs_is_digit(s[e]) || (e && rs_is_digit(s[e - 1]))) continue;
        int y1, y2, k = 0;
        if ((sscanf(s + e, "%4d - %4d%n", &y1, &y2, &k) == 2 || sscanf(s + e, "%4d-%4d%n", &y1, &y2, &k) == 2) &&
            y1 >= 1900 && y2 == y1 + 3) {
            char tmp[48];
            snprintf(tmp, sizeof tmp, "%04d-%04d", y1 % 10000, y2 % 10000);
            memcpy(m->period, tmp, 10);
            return;
        }
    }
}

/* Participants: "Navn (A), Navn (Afbud), …" over one or more lines. */
static RsStatus add_people(RsMeeting *m, size_t *cap, const char *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        size_t e = i;
        int depth = 0;
        while (e < n && (depth || s[e] != ',')) {
            if (s[e] == '(') depth++;
            else if (s[e] == ')' && depth) depth--;
            e++;
        }
        RsParticipant p = {0};
        RsBuf name = {0};
        for (size_t q = i; q < e;) {
            if (s[q] == '(') {
                size_t c = q + 1;
                while (c < e && s[c] != ')') c++;
                size_t l = c - q - 1;
                if ((l == 5 && !strncmp(s + q + 1, "Afbud", 5)) || (l == 7 && !strncmp(s + q + 1, "Fravær", 7)))
                    p.absent = 1;
                else if (l < sizeof p.party)
                    memcpy(p.party, s + q + 1, l), p.party[l] = '\0';
                q = c + 1;
            } else {
                rs_buf_putc(&name, s[q++]);
            }
        }
        size_t b = 0, x = name.len;
        const char *nm = name.data ? name.data : "";
        size_t bl = rs_bullet_len(nm, x);
        if (bl) b = bl;
        rs_trim(nm, &b, &x);
        if (x > b && x - b < 80) {
            if (m->n_participants == *cap) {
                size_t c = *cap ? *cap * 2 : 16;
                RsParticipant *v = realloc(m->participants, c * sizeof *v);
                if (!v) { rs_buf_free(&name); return RS_ERR_NOMEM; }
                m->participants = v;
                *cap = c;
            }
            if (!(p.name = strndup(nm + b, x - b))) { rs_buf_free(&name); return RS_ERR_NOMEM; }
            m->participants[m->n_participants++] = p;
        }
        rs_buf_free(&name);
        i = e + 1;
    }
    return RS_OK;
}

/* A date that a wrapped header line breaks in two ("… den 22." / "juni 2020 kl. 17:30"): found
 * across the end of line a and the start of the next line b, into iso. Can't fail. */
static int wrapped_date(const char *a, size_t an, const char *b, size_t bn, char iso[11]) {
    char buf[72];
    size_t ta = an < 24 ? an : 24, tb = bn < 40 ? bn : 40;
    while (ta < an && ((unsigned char)a[an - ta] & 0xC0) == 0x80) ta++; /* a whole character */
    if (ta + 1 + tb >= sizeof buf) return 0;
    memcpy(buf, a + an - ta, ta);
    buf[ta] = ' ';
    memcpy(buf + ta + 1, b, tb);
    size_t at = 0, dl = 0;
    /* only a date that spans the break: one wholly on either line is that line's */
    return rs_find_date(buf, ta + 1 + tb, iso, &at, &dl) && at < ta && at + dl > ta + 1;
}

RsStatus rs_header_read(RsMeeting *m, const RsLines *L, size_t from, size_t to, size_t date_to) {
    const char *t = m->text;
    int kind_set = 0, date_labelled = 0, committee_rank = 0;
    size_t pcap = 0;
    for (size_t i = from; i < to; i++) {
        const RsLine *ln = LN(i);
        if (ln->kind == RS_LK_BLANK || ln->kind == RS_LK_CHROME) continue;
        const char *s = t + ln->start;
        size_t n = ln->end - ln->start;
        set_kind(m, s, n, &kind_set);
        size_t ll;
        Field f = label(s, n, &ll);
        const char *v = s + ll;
        size_t vn = n - ll;
        size_t vi = i;
        if (f != F_NONE && vn == 0) { /* the value on the next line */
            vi = value_line(L, i, to);
            if (vi < to) v = t + LN(vi)->start, vn = LN(vi)->end - LN(vi)->start;
        }
        /* a table's cell: "Udvalg: | Kommunalbestyrelsen |" */
        if (f != F_NONE && vn && v[0] == '|') {
            size_t b = 1, x = vn;
            if (x > 1 && v[x - 1] == '|') x--;
            rs_trim(v, &b, &x);
            v += b, vn = x > b ? x - b : 0;
        }
        char iso[11];
        if (f == F_DATE && !date_labelled && rs_find_date(v, vn, iso, NULL, NULL)) {
            memcpy(m->date, iso, sizeof iso);
            date_labelled = 1;
            rs_find_time(v, vn, m->time);
        } else if (f == F_TIME && !m->time[0]) {
            rs_find_time(v, vn, m->time);
        } else if (f == F_PLACE && !m->place && vn) {
            if (!(m->place = strndup(v, vn < 200 ? vn : 200))) return RS_ERR_NOMEM;
        } else if (f == F_COMMITTEE && committee_rank < 3 && vn) {
            size_t b = 0, cl = vn;
            size_t p = 0;
            while (p < vn && (rs_is_digit(v[p]) || v[p] == '-' || v[p] == '/')) p++;
            if (p && p < vn && v[p] == ' ') b = rs_skip_blanks(v, p, vn), cl = vn - b;
            free(m->committee);
            if (!(m->committee = strndup(v + b, cl < 120 ? cl : 120))) return RS_ERR_NOMEM;
            committee_rank = 3;
        } else if (f == F_MEETING && vn) {
            set_kind(m, v, vn, &kind_set);
        } else if (f == F_PEOPLE && !m->participants) {
            if (vn && vi == i) {
                /* "Mødedeltagere A, B, C" wrapped over lines: joined, then split at commas */
                RsBuf all = {0};
                RsStatus rc = rs_buf_append(&all, v, vn);
                for (size_t j = i + 1; rc == RS_OK && j < to && LN(j)->kind == RS_LK_TEXT && j < i + 12; j++) {
                    rc = rs_buf_putc(&all, ' ');
                    if (rc == RS_OK) rc = rs_buf_append(&all, t + LN(j)->start, LN(j)->end - LN(j)->start);
                }
                if (rc == RS_OK) rc = add_people(m, &pcap, all.data, all.len);
                rs_buf_free(&all);
                if (rc != RS_OK) return rc;
            } else {
                RsStatus rc = RS_OK;
                for (size_t j = vi; rc == RS_OK && j < to && j < vi + 60 && LN(j)->kind == RS_LK_TEXT &&
                                    LN(j)->end - LN(j)->start < 80; j++)
                    rc = add_people(m, &pcap, t + LN(j)->start, LN(j)->end - LN(j)->start);
                if (rc != RS_OK) return rc;
            }
        } else if (f == F_SKIP) {
            continue;
        }
        if (vi != i && f != F_NONE) { i = vi; continue; }
        /* a date anywhere in the header: the first, unless a label gave one */
        if (i >= date_to) {
        } else if (!date_labelled && !m->date[0] && f == F_NONE && rs_find_date(s, n, iso, NULL, NULL)) {
            memcpy(m->date, iso, sizeof iso);
            rs_find_time(s, n, m->time);
        } else if (!date_labelled && !m->date[0] && f == F_NONE && i + 1 < to && LN(i + 1)->kind == RS_LK_TEXT &&
                   wrapped_date(s, n, t + LN(i + 1)->start, LN(i + 1)->end - LN(i + 1)->start, iso)) {
            memcpy(m->date, iso, sizeof iso); /* "… den 22." / "juni 2020 kl. 17:30 …" */
            rs_find_time(t + LN(i + 1)->start, LN(i + 1)->end - LN(i + 1)->start, m->time);
        }
        if (!m->time[0] && f == F_NONE && m->date[0] && n < 80) rs_find_time(s, n, m->time);
        size_t b, cl;
        if (committee_rank < 2 && f == F_NONE && ln->kind != RS_LK_HEADING && committee_in(s, n, &b, &cl) &&
            !(m->committee && council(s + b, cl) && !council(m->committee, strlen(m->committee)))) {
            /* (a council named again on a later page does not undo the committee named before) */
            free(m->committee);
            if (!(m->committee = strndup(s + b, cl))) return RS_ERR_NOMEM;
            committee_rank = cl + b + 30 >= n ? 2 : 1;
            read_period(m, s, n);
        }
    }
    return RS_OK;
}

RsStatus rs_header_from_items(RsMeeting *m) {
    int decided = 0;
    for (size_t i = 0; i < m->n_items; i++) {
        const RsItem *it = &m->items[i];
        for (size_t d = 0; d < it->n_decisions; d++) {
            const RsDecision *dec = &it->decisions[d];
            decided = 1;
            if (!m->date[0] && dec->date[0]) memcpy(m->date, dec->date, sizeof m->date);
            if (!m->committee && dec->committee && !(m->committee = strdup(dec->committee)))
                return RS_ERR_NOMEM;
        }
    }
    /* decisions that said neither get the meeting's */
    for (size_t i = 0; i < m->n_items; i++)
        for (size_t d = 0; d < m->items[i].n_decisions; d++) {
            RsDecision *dec = &m->items[i].decisions[d];
            if (!dec->date[0]) memcpy(dec->date, m->date, sizeof dec->date);
        }
    /* no word in the header said it: minutes have decisions; a text without structure is neither */
    if (!m->kind[0] && (decided || m->structured)) strcpy(m->kind, decided ? "referat" : "dagsorden");
    return RS_OK;
}

/* The municipality named at s[b..e) followed by a municipality word: "Odder" in
 * "Odder Kommune", "Københavns" in "Københavns Kommune" (genitive -s), "Nørre Alslev" (two
 * words). Returns the index or -1. */
static int name_before(const char *s, size_t b, size_t e, int allow_former) {
    /* one word, then two words */
    size_t w1 = e;
    while (w1 > b && s[w1 - 1] != ' ' && s[w1 - 1] != '\n' && s[w1 - 1] != '"' && s[w1 - 1] != '(' &&
           s[w1 - 1] != '.' && s[w1 - 1] != ',')
        w1--;
    for (int words = 1; words <= 2; words++) {
        size_t st = w1;
        if (words == 2) {
            if (w1 < b + 2 || s[w1 - 1] != ' ') break;
            st = w1 - 1;
            while (st > b && s[st - 1] != ' ' && s[st - 1] != '\n') st--;
        }
        size_t l = e - st;
        if (!l || !rs_is_upper(s + st, l)) continue;
        int k = rs_vocab_municipality(s + st, l);
        if (k < 0 && l > 1 && s[e - 1] == 's') k = rs_vocab_municipality(s + st, l - 1);
        if (k >= 0 && (allow_former || !rs_vocab_municipality_former(k))) return k;
    }
    return -1;
}

RsStatus rs_municipality_infer(RsMeeting *m, const RsLines *L, size_t from, size_t to,
                               const char *path, const char *option) {
    (void)L;
    (void)from;
    (void)to;
    int nk = rs_vocab_municipality_count();
    size_t *counts = calloc(2 * (size_t)nk, sizeof *counts), *in_header = counts + nk;
    if (!counts) return RS_ERR_NOMEM;
    int former_ok = !m->date[0] || strcmp(m->date, "2007-01-01") < 0;
    const char *t = m->text;
    size_t lo = m->span.start, hi = m->span.end;
    /* "<Navn> Kommune", "<Navn>s Byråd", "Bornholms Regionskommune", "Borgerrepræsentationen":
     * one pass over the text, looking closer only after a blank before K, k, B or R */
    static const char *const words[] = {"Kommune", "kommune", "KOMMUNE", "Byråd", "BYRÅD",
                                        "Regionskommune", "Borgerrepræsentation"};
    int kbh = rs_vocab_municipality("København", strlen("København"));
    /* the first 32 KiB of a meeting say it (its header the loudest): a bound for huge files */
    size_t end = hi - lo > 32768 ? lo + 32768 : hi;
    /* the header: before the first item of structured minutes, else the first bytes */
    size_t hdr_end = m->structured && m->n_items && m->items[0].range.start > lo ? m->items[0].range.start
                                                                                 : lo + HEADER_REACH;
    for (const char *sp = memchr(t + lo, ' ', end - lo); sp && (size_t)(sp - t) + 6 < end;
         sp = memchr(sp + 1, ' ', (size_t)(t + end - sp - 1))) {
        size_t i = (size_t)(sp - t) + 1;
        char c = t[i];
        if (c != 'K' && c != 'k' && c != 'B' && c != 'R') continue;
        for (size_t w = 0; w < sizeof words / sizeof *words; w++) {
            size_t wl = strlen(words[w]);
            if (words[w][0] != c || i + wl > hi || memcmp(t + i, words[w], wl)) continue;
            /* the word ends there, or in a genitive s ("Kommunes"): not "Kommuneplanrevision" */
            size_t a = i + wl + (i + wl < hi && t[i + wl] == 's');
            if ((w < 3 || w == 5) && a < hi && rs_is_letter(t + a, hi - a)) break;
            if (w == 6) {
                if (kbh >= 0) counts[kbh]++, in_header[kbh] += i < hdr_end;
                break;
            }
            int k = name_before(t, lo, i - 1, former_ok);
            if (k >= 0) counts[k] += i - lo < HEADER_REACH ? 3 : 1; /* the header says it louder */
            if (k >= 0) in_header[k] += i < hdr_end;
            break;
        }
    }
    size_t best = 0;
    int bi = -1;
    for (int k = 0; k < nk; k++) /* a tie goes to today's municipality over a former one */
        if (counts[k] > best || (counts[k] && counts[k] == best && bi >= 0 && rs_vocab_municipality_former(bi) &&
                                 !rs_vocab_municipality_former(k)))
            best = counts[k], bi = k;
    /* named only in the items' text ("… samarbejdet med Tårnby Kommune" in Dragør's minutes): a
     * partner or a place, weaker than the meeting's place or the folder the user filed it in */
    int weak = -1;
    if (bi >= 0 && !in_header[bi]) weak = bi, bi = -1;
    free(counts);
    /* a regional council's minutes name kommuner (a venue, a case in one) but are none of theirs */
    if (m->committee && rs_ci_find(m->committee, strlen(m->committee), "regionsråd") < strlen(m->committee))
        bi = weak = -1;
    const char *from_ = "text";
    if (bi < 0 && m->place) {
        /* "<Navn> Rådhus", "<Navn>s Rådhus" in the meeting place */
        static const char R[] = " Rådhus";
        for (const char *r = strstr(m->place, R); r && bi < 0; r = strstr(r + 1, R))
            bi = name_before(m->place, 0, (size_t)(r - m->place), 0);
        from_ = "place";
    }
    if (bi < 0 && path) {
        /* a folder named after one: "referater/Aarhus/…", "odder-kommune/…" */
        for (const char *s = path; s && *s;) {
            const char *e = strchr(s, '/');
            if (!e) break;
            size_t n = (size_t)(e - s);
            if (n > 8 && (s[n - 8] == '-' || s[n - 8] == '_' || s[n - 8] == ' ') &&
                !strncasecmp(s + n - 7, "kommune", 7))
                n -= 8;
            int k = rs_vocab_municipality(s, n);
            if (k >= 0 && !rs_vocab_municipality_former(k)) bi = k;
            s = e + 1;
        }
        from_ = "folder";
    }
    if (bi < 0 && weak >= 0) bi = weak, from_ = "text";
    if (bi >= 0) {
        if (!(m->municipality = strdup(rs_vocab_municipality_name(bi)))) return RS_ERR_NOMEM;
        m->municipality_from = from_;
    } else if (option) {
        if (!(m->municipality = strdup(option))) return RS_ERR_NOMEM;
        m->municipality_from = "option";
        m->municipality_given = 1;
    }
    return RS_OK;
}
