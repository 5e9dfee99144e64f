/* lemma.c — the Danish lemma table (lemma.h): one file read into one block, an open-addressing
 * set of (form → lemma) pointing into it, probed by slices like the decompounding lexicon. */
#include "lemma.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "hash.h"

/* The shortest last part a compound is looked up by: shorter table forms ("ment" → mene) end
 * too many words that are no compounds of them (supplement). */
#define LAST_PART_MIN 6

typedef struct {
    const char *form, *lemma;
    uint32_t form_len, lemma_len;
    int irregular; /* an irregular plural (børn, mænd): ends compounds however short */
} Entry;

struct RsLemmas {
    char *text;
    Entry *slots;
    size_t n_slots, n;
    uint64_t checksum;
};

RsStatus rs_lemmas_load(const char *path, RsLemmas **out, RsError *err) {
    *out = NULL;
    RsLemmas *l = calloc(1, sizeof *l);
    if (!l) return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    size_t len;
    RsStatus rc = rs_read_file(path, 64u << 20, &l->text, &len, err);
    if (rc != RS_OK) {
        free(l);
        rs_error_prefix(err, "cannot read the lemma table");
        return rc;
    }
    l->checksum = rs_fnv1a64(l->text, len);
    size_t lines = 1;
    for (size_t i = 0; i < len; i++) lines += l->text[i] == '\n';
    l->n_slots = 1;
    while (l->n_slots < lines * 2) l->n_slots *= 2;
    if (!(l->slots = calloc(l->n_slots, sizeof *l->slots))) {
        rs_lemmas_free(l);
        return rs_error_set(err, RS_ERR_NOMEM, "out of memory loading the lemma table");
    }
    size_t mask = l->n_slots - 1;
    for (char *p = l->text, *end = l->text + len; p < end;) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) nl = end;
        char *tab = memchr(p, '\t', (size_t)(nl - p));
        char *tab2 = tab ? memchr(tab + 1, '\t', (size_t)(nl - tab - 1)) : NULL; /* "\t*": irregular */
        char *lend = tab2 ? tab2 : nl;
        if (tab && tab > p && lend > tab + 1 && tab - p < 128 && lend - tab < 128) {
            Entry e = {p, tab + 1, (uint32_t)(tab - p), (uint32_t)(lend - tab - 1), tab2 != NULL};
            size_t i = rs_fnv1a32(e.form, e.form_len) & mask;
            while (l->slots[i].form) i = (i + 1) & mask;
            l->slots[i] = e;
            l->n++;
        }
        p = nl + 1;
    }
    *out = l;
    return RS_OK;
}

void rs_lemmas_free(RsLemmas *l) {
    if (!l) return;
    free(l->slots);
    free(l->text);
    free(l);
}

size_t rs_lemmas_size(const RsLemmas *l) { return l ? l->n : 0; }
uint64_t rs_lemmas_checksum(const RsLemmas *l) { return l ? l->checksum : 0; }

static const Entry *find(const RsLemmas *l, const char *w, size_t len) {
    size_t mask = l->n_slots - 1, i = rs_fnv1a32(w, len) & mask;
    for (; l->slots[i].form; i = (i + 1) & mask)
        if (l->slots[i].form_len == len && !memcmp(l->slots[i].form, w, len)) return &l->slots[i];
    return NULL;
}

size_t rs_lemma_of(const RsLemmas *l, const char *w, size_t len, char *out, size_t cap) {
    if (!l || !l->n || len < 2) return 0;
    const Entry *e = find(l, w, len);
    size_t p = 0;
    /* a compound: its longest last part that is in the table */
    for (size_t s = 3; !e && s + 4 <= len; s++) {
        if (((unsigned char)w[s] & 0xC0) == 0x80) continue; /* a character boundary */
        const Entry *x = find(l, w + s, len - s);
        if (x && (x->irregular || len - s >= LAST_PART_MIN)) e = x, p = s;
    }
    if (!e || p + e->lemma_len + 1 > cap) return 0;
    memcpy(out, w, p);
    memcpy(out + p, e->lemma, e->lemma_len);
    out[p + e->lemma_len] = '\0';
    return p + e->lemma_len;
}

const char *rs_lemmas_default_path(void) {
    static char found[PATH_MAX + 64];
    const char *env = getenv("RS_LEMMAS");
    if (env) return *env ? env : NULL;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) *slash = '\0';
        const char *rel[] = {"/da-lemmas.txt", "/../da-lemmas.txt", "/../share/refsog/da-lemmas.txt"};
        for (size_t i = 0; i < sizeof rel / sizeof *rel; i++) {
            snprintf(found, sizeof found, "%s%s", exe, rel[i]);
            if (access(found, R_OK) == 0) return found;
        }
    }
    const char *sys[] = {"/usr/local/share/refsog/da-lemmas.txt", "/usr/share/refsog/da-lemmas.txt"};
    for (size_t i = 0; i < sizeof sys / sizeof *sys; i++)
        if (access(sys[i], R_OK) == 0) return sys[i];
    return NULL;
}
