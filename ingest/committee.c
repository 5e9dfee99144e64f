/* committee.c — committee names: folded keys and display forms (see committee.h). */
#include "committee.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer.h"
#include "buf.h"
#include "text.h"

char *rs_committee_key(const char *name) {
    RsBuf b = {0};
    size_t n = strlen(name);
    /* "& " "og " "- og " → one space; drop the definite ending -et of -udvalget / -rådet. */
    for (size_t i = 0; i < n; i++) {
        if (name[i] == '&' || name[i] == '-' || name[i] == ',') {
            rs_buf_putc(&b, ' ');
            continue;
        }
        if ((i == 0 || name[i - 1] == ' ') && !strncmp(name + i, "og ", 3)) {
            i += 2;
            continue;
        }
        rs_buf_putc(&b, name[i]);
    }
    RsBuf c = {0};
    for (size_t i = 0; i < b.len; i++)
        if (!(b.data[i] == ' ' && (c.len == 0 || c.data[c.len - 1] == ' '))) rs_buf_putc(&c, b.data[i]);
    while (c.len && c.data[c.len - 1] == ' ') c.data[--c.len] = '\0';
    rs_buf_free(&b);
    char key[256];
    size_t kl = rs_fold_key(c.data ? c.data : "", c.len, key, sizeof key);
    rs_buf_free(&c);
    if (kl >= 8 && !strcmp(key + kl - 8, "udvalget")) key[kl -= 2] = '\0';
    else if (kl >= 5 && !strcmp(key + kl - 5, "radet")) key[kl -= 2] = '\0';
    char *p = malloc(kl + 1);
    if (p) {
        memcpy(p, key, kl);
        p[kl] = '\0';
    }
    return p;
}

/* An all-capitals name as written in running text: "TEKNIK- OG MILJØUDVALGET" → "Teknik- og
 * Miljøudvalget" (Latin-1 capitals Æ Ø Å É … too; small words stay small). In place. */
static void unshout(char *s) {
    static const char *const small[] = {"og", "for", "i", "af", "til", "med", "om", "&"};
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i++) {
        if (s[i] >= 'A' && s[i] <= 'Z') s[i] = (char)(s[i] + 32);
        else if ((unsigned char)s[i] == 0xC3 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
                 (unsigned char)s[i + 1] <= 0x9E && (unsigned char)s[i + 1] != 0x97)
            s[i + 1] = (char)(s[i + 1] + 0x20);
    }
    for (size_t i = 0; i < n;) {
        size_t e = i;
        while (e < n && s[e] != ' ') e++;
        int is_small = 0;
        for (size_t k = 0; k < sizeof small / sizeof *small && !is_small; k++)
            is_small = e - i == strlen(small[k]) && !memcmp(s + i, small[k], e - i);
        if (!is_small || i == 0) {
            if (s[i] >= 'a' && s[i] <= 'z') s[i] = (char)(s[i] - 32);
            else if ((unsigned char)s[i] == 0xC3 && i + 1 < n && (unsigned char)s[i + 1] >= 0xA0 &&
                     (unsigned char)s[i + 1] <= 0xBE && (unsigned char)s[i + 1] != 0xB7)
                s[i + 1] = (char)(s[i + 1] - 0x20);
        }
        i = e + 1;
    }
}

char *rs_committee_display(const char *name) {
    /* "14-17 Byrådet", "2018-2021 Økonomiudvalget": the election period is no part of the name */
    const char *s = name;
    size_t i = 0;
    while (rs_is_digit(s[i])) i++;
    if (i >= 2 && (s[i] == '-' || s[i] == '/')) {
        size_t j = i + 1;
        while (rs_is_digit(s[j])) j++;
        if (j > i + 1 && s[j] == ' ') s += j + 1;
    }
    size_t n = strlen(s);
    char *p = malloc(n + 3);
    if (!p) return NULL;
    memcpy(p, s, n + 1);
    if (rs_all_upper(p, n, 4)) unshout(p);
    if (n >= 6 && !strcmp(p + n - 6, "udvalg")) memcpy(p + n, "et", 3);
    return p;
}
