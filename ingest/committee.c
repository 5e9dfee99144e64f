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
    if (n >= 6 && !strcmp(s + n - 6, "udvalg")) {
        char *p = malloc(n + 3);
        if (p) snprintf(p, n + 3, "%set", s);
        return p;
    }
    return strdup(s);
}
