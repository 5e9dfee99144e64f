/* dates.c — dates and times as minutes print them, into ISO form (see dates.h). */
#include "dates.h"

#include <stdio.h>
#include <string.h>

#include "date.h"
#include "text.h"
#include "vocab.h"

int rs_valid_date(int y, int m, int d) {
    return y >= 1900 && y <= 2199 && rs_date_valid(y, m, d);
}

static void put_iso(char iso[11], int y, int m, int d) {
    char t[32];
    snprintf(t, sizeof t, "%04d-%02d-%02d", y, m, d);
    memcpy(iso, t, 11);
}

/* Up to `max` digits at s[*i]: their value (and the count in *nd); -1 if none. */
static int digits(const char *s, size_t n, size_t *i, int max, int *nd) {
    int v = 0, k = 0;
    while (*i < n && k < max && rs_is_digit(s[*i])) v = v * 10 + (s[(*i)++] - '0'), k++;
    if (nd) *nd = k;
    if (*i < n && rs_is_digit(s[*i])) return -1; /* too many digits */
    return k ? v : -1;
}

static size_t skip_spaces(const char *s, size_t i, size_t n) { return rs_skip_blanks(s, i, n); }

/* Whether a time with AM or PM follows s[k]: " 4:00:00 PM". Can't fail. */
static int am_pm_after(const char *s, size_t k, size_t n) {
    size_t i = k;
    while (i < n && s[i] == ' ') i++;
    size_t t = i;
    while (i < n && (rs_is_digit(s[i]) || s[i] == ':') && i - t < 8) i++;
    if (i == t || i >= n || s[i] != ' ') return 0;
    i++;
    return i + 1 < n && (s[i] == 'A' || s[i] == 'P') && s[i + 1] == 'M' && (i + 2 == n || !rs_is_letter(s + i + 2, n - i - 2));
}

size_t rs_date_at(const char *s, size_t n, char iso[11]) {
    size_t i = 0;
    int nd, a = digits(s, n, &i, 4, &nd);
    if (a >= 0) {
        if (nd == 4) { /* YYYY-MM-DD */
            if (i + 5 < n + 0 && s[i] == '-') {
                size_t j = i + 1;
                int nm, nd2, m = digits(s, n, &j, 2, &nm);
                if (m > 0 && nm == 2 && j < n && s[j] == '-') {
                    j++;
                    int d = digits(s, n, &j, 2, &nd2);
                    if (d > 0 && nd2 == 2 && rs_valid_date(a, m, d)) {
                        put_iso(iso, a, m, d);
                        return j;
                    }
                }
            }
            return 0;
        }
        if (nd > 2) return 0;
        /* DD-MM-YYYY, DD.MM.YYYY, DD/MM/YYYY, D/M-YYYY */
        if (i < n && (s[i] == '-' || s[i] == '.' || s[i] == '/')) {
            size_t j = i + 1;
            int nm, m = digits(s, n, &j, 2, &nm);
            if (m > 0 && j < n && (s[j] == '-' || s[j] == '.' || s[j] == '/')) {
                size_t k = j + 1;
                int ny, y = digits(s, n, &k, 4, &ny);
                /* a .NET portal's US date: "8/29/2019 4:00:00 PM" (month first) */
                int us = ny == 4 && s[i] == '/' && s[j] == '/' && (m > 12 || am_pm_after(s, k, n));
                if (us && rs_valid_date(y, a, m)) {
                    put_iso(iso, y, a, m);
                    return k;
                }
                if (ny == 4 && !us && rs_valid_date(y, m, a)) {
                    put_iso(iso, y, m, a);
                    return k;
                }
            }
        }
        /* "21. november 2023", "3 oktober, 2022", "15-maj-2002", "21. nov. 2023" */
        size_t j = i;
        if (j < n && s[j] == '.') j++;
        int dash = j < n && s[j] == '-';
        if (dash) j++;
        j = skip_spaces(s, j, n);
        size_t ml;
        int m = rs_vocab_month(s + j, n - j, &ml);
        if (m) {
            j += ml;
            if (j < n && (s[j] == '-' && dash)) j++;
            if (j < n && s[j] == ',') j++;
            j = skip_spaces(s, j, n);
            int ny, y = digits(s, n, &j, 4, &ny);
            if (ny == 4 && rs_valid_date(y, m, a)) {
                put_iso(iso, y, m, a);
                return j;
            }
        }
        return 0;
    }
    /* "Oktober 3, 2019" */
    size_t ml;
    int m = rs_vocab_month(s, n, &ml);
    if (m && ml >= 3) {
        size_t j = skip_spaces(s, ml, n);
        int ndd, d = digits(s, n, &j, 2, &ndd);
        if (d > 0) {
            if (j < n && s[j] == '.') j++;
            if (j < n && s[j] == ',') j++;
            j = skip_spaces(s, j, n);
            int ny, y = digits(s, n, &j, 4, &ny);
            if (ny == 4 && rs_valid_date(y, m, d)) {
                put_iso(iso, y, m, d);
                return j;
            }
        }
    }
    return 0;
}

int rs_find_date(const char *s, size_t n, char iso[11], size_t *at, size_t *len) {
    for (size_t i = 0; i < n; i++) {
        if (i && (rs_is_digit(s[i - 1]) || rs_is_letter(s + i - 1, 1))) continue;
        if ((unsigned char)s[i] >= 0x80 && i && (unsigned char)s[i - 1] >= 0xC0) continue;
        if (!rs_is_digit(s[i]) && !rs_is_upper(s + i, n - i) && !rs_is_lower(s + i, n - i)) continue;
        size_t l = rs_date_at(s + i, n - i, iso);
        if (l) {
            if (at) *at = i;
            if (len) *len = l;
            return 1;
        }
    }
    return 0;
}

int rs_find_time(const char *s, size_t n, char hhmm[6]) {
    for (size_t i = 0; i + 2 < n; i++) {
        size_t j;
        if (rs_ci_prefix(s + i, n - i, "kl") && (i == 0 || !rs_is_letter(s + i - 1, 1)) &&
            !rs_is_letter(s + i + 2, n - i - 2)) {
            j = i + 2;
            if (j < n && s[j] == '.') j++;
            j = rs_skip_blanks(s, j, n);
        } else if (rs_is_digit(s[i]) && (i == 0 || s[i - 1] == ' ' || s[i - 1] == '-')) {
            j = i;
            /* HH:MM (colon only) after a blank */
            size_t k = j;
            int nh, h = digits(s, n, &k, 2, &nh);
            if (h < 0 || k >= n || s[k] != ':') continue;
        } else {
            continue;
        }
        int nh, nm, h = digits(s, n, &j, 2, &nh);
        if (h < 0 || j >= n || (s[j] != ':' && s[j] != '.')) continue;
        j++;
        int m = digits(s, n, &j, 2, &nm);
        if (m < 0 || nm != 2 || h > 23 || m > 59) continue;
        /* "4:00:00 PM": the seconds, then AM or PM */
        size_t e = j;
        if (e + 2 < n && s[e] == ':' && rs_is_digit(s[e + 1]) && rs_is_digit(s[e + 2])) e += 3;
        if (e + 2 < n && s[e] == ' ' && (s[e + 1] == 'P' || s[e + 1] == 'A') && s[e + 2] == 'M' && h >= 1 && h <= 12)
            h = s[e + 1] == 'P' ? (h % 12) + 12 : h % 12;
        snprintf(hhmm, 6, "%02d:%02d", h, m);
        return 1;
    }
    return 0;
}

int rs_date_only(const char *s, size_t n, char iso[11]) {
    size_t at, len;
    if (n > 60 || !rs_find_date(s, n, iso, &at, &len)) return 0;
    /* before: a weekday ("Mandag,", "Torsdag den"); after: a time, dashes, punctuation */
    for (size_t i = 0; i < at; i++)
        if (rs_is_digit(s[i])) return 0;
    if (at > 20) return 0;
    for (size_t i = at + len; i < n; i++) {
        char c = s[i];
        if (rs_is_digit(c) || c == ':' || c == '.' || c == '-' || c == ',' || c == ' ' || c == '\t') continue;
        if (rs_ci_prefix(s + i, n - i, "kl")) { i++; continue; }
        if (rs_blank_len(s + i, n - i)) { i += rs_blank_len(s + i, n - i) - 1; continue; }
        return 0;
    }
    return 1;
}
