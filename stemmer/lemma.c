/* lemma.c — the Danish lemma table (lemma.h): an open-addressing set of (form → lemma) over one block (a text file's, or the lexicon image's), probed by slices like the decompounding lexicon. */
#include "lemma.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "hash.h"

/* The shortest last part a compound is looked up by: shorter table forms ("ment" → mene) end
 * too many words that are no compounds of them (supplement). */
#define LAST_PART_MIN 6

struct RsLemmas {
    const char *blob; /* forms and lemmas: a text file's bytes, or an image's blob */
    size_t blob_len;
    const RsLemmaSlot *slots; /* at rs_fnv1a32(form) & (n_slots - 1); form_len 0 = empty */
    size_t n_slots, n;
    uint64_t checksum;
    char *text; /* the text loader's own blocks; NULL in a view */
    RsLemmaSlot *own_slots;
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
    if (!(l->own_slots = calloc(l->n_slots, sizeof *l->own_slots))) {
        rs_lemmas_free(l);
        return rs_error_set(err, RS_ERR_NOMEM, "out of memory loading the lemma table");
    }
    l->blob = l->text;
    l->blob_len = len;
    l->slots = l->own_slots;
    size_t mask = l->n_slots - 1;
    for (char *p = l->text, *end = l->text + len; p < end;) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) nl = end;
        char *tab = memchr(p, '\t', (size_t)(nl - p));
        char *tab2 = tab ? memchr(tab + 1, '\t', (size_t)(nl - tab - 1)) : NULL; /* "\t*": irregular */
        char *lend = tab2 ? tab2 : nl;
        if (tab && tab > p && lend > tab + 1 && tab - p < 128 && lend - tab < 128) {
            RsLemmaSlot e = {(uint32_t)(p - l->text), (uint32_t)(tab + 1 - l->text),
                             (uint8_t)(tab - p), (uint8_t)(lend - tab - 1), tab2 != NULL, 0};
            size_t i = rs_fnv1a32(p, e.form_len) & mask;
            while (l->own_slots[i].form_len) i = (i + 1) & mask;
            l->own_slots[i] = e;
            l->n++;
        }
        p = nl + 1;
    }
    *out = l;
    return RS_OK;
}

RsStatus rs_lemmas_view(const RsLexSection *s, RsLemmas **out, RsError *err) {
    *out = NULL;
    RsLemmas *l = calloc(1, sizeof *l);
    if (!l) return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    l->blob = s->blob;
    l->blob_len = s->blob_len;
    l->slots = s->slots;
    l->n_slots = s->n_slots;
    l->n = s->n_entries;
    l->checksum = s->checksum;
    *out = l;
    return RS_OK;
}

void rs_lemmas_section(const RsLemmas *l, RsLexSection *out) {
    *out = (RsLexSection){l->blob, l->blob_len, l->slots, l->n_slots, l->n, l->checksum};
}

void rs_lemmas_free(RsLemmas *l) {
    if (!l) return;
    free(l->own_slots);
    free(l->text);
    free(l);
}

size_t rs_lemmas_size(const RsLemmas *l) { return l ? l->n : 0; }
uint64_t rs_lemmas_checksum(const RsLemmas *l) { return l ? l->checksum : 0; }

/* Whether a slot's form and lemma lie in the blob (an image's slots are taken as they are). */
static int in_blob(const RsLemmas *l, const RsLemmaSlot *e) {
    return e->form_off <= l->blob_len && e->form_len <= l->blob_len - e->form_off &&
           e->lemma_off <= l->blob_len && e->lemma_len <= l->blob_len - e->lemma_off;
}

/* The entry for w[0..len), h being its rs_fnv1a32; NULL when there is none. */
static const RsLemmaSlot *find(const RsLemmas *l, const char *w, size_t len, uint32_t h) {
    size_t mask = l->n_slots - 1, i = h & mask;
    for (size_t k = 0; k < l->n_slots && l->slots[i].form_len; k++, i = (i + 1) & mask) {
        const RsLemmaSlot *e = &l->slots[i];
        if (e->form_len == len && in_blob(l, e) && !memcmp(l->blob + e->form_off, w, len)) return e;
    }
    return NULL;
}

/* A word up to this long has the slots of all its lookups fetched at once. */
#define PREFETCH_MAX 96

/* Whether w[s..len) is looked up as a compound's last part (a character boundary, s ≥ 3, at
 * least four bytes left). */
static int part_start(const char *w, size_t len, size_t s) {
    return s >= 3 && s + 4 <= len && ((unsigned char)w[s] & 0xC0) != 0x80;
}

size_t rs_lemma_of(const RsLemmas *l, const char *w, size_t len, char *out, size_t cap) {
    if (!l || !l->n || len < 2) return 0;
    /* A word the table lacks (most) is looked up by each of its last parts: their first slots
     * are fetched together, so the probes wait for memory once, not once each (the table is
     * larger than the cache). */
    uint32_t hs[PREFETCH_MAX];
    int pre = len <= PREFETCH_MAX;
    for (size_t s = 0; pre && s < len; s++)
        if (!s || part_start(w, len, s)) {
            hs[s] = rs_fnv1a32(w + s, len - s);
            __builtin_prefetch(&l->slots[hs[s] & (l->n_slots - 1)]);
        }
    const RsLemmaSlot *e = find(l, w, len, pre ? hs[0] : rs_fnv1a32(w, len));
    size_t p = 0;
    /* a compound: its longest last part that is in the table */
    for (size_t s = 3; !e && s + 4 <= len; s++) {
        if (!part_start(w, len, s)) continue;
        const RsLemmaSlot *x = find(l, w + s, len - s, pre ? hs[s] : rs_fnv1a32(w + s, len - s));
        if (x && (x->irregular || len - s >= LAST_PART_MIN)) e = x, p = s;
    }
    if (!e || p + e->lemma_len + 1 > cap) return 0;
    memcpy(out, w, p);
    memcpy(out + p, l->blob + e->lemma_off, e->lemma_len);
    out[p + e->lemma_len] = '\0';
    return p + e->lemma_len;
}

const char *rs_lemmas_default_path(void) {
    static char found[PATH_MAX + 64];
    return rs_data_file_find("RS_LEMMAS", "da-lemmas.txt", found, sizeof found);
}
