/* leximagegen.c — build tool (not in the library): the lexicon image (leximage.h) from the text word list and lemma table.
 *
 * Loads both with the library's text loaders (decompound.c, lemma.c), so the image holds exactly
 * the tables they build: the same slots, the same entry in each, the same size and checksum for
 * the analyser's fingerprint; only the strings are packed into one blob per table. Then maps the
 * image it wrote and checks it opens. Usage: leximagegen WORDLIST LEMMAS OUT
 * (make: leximagegen build/da-words.txt build/da-lemmas.txt build/da-lexicon.img). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "decompound.h"
#include "lemma.h"
#include "leximage.h"

static int pad8(RsBuf *b) {
    static const char zero[8] = {0};
    return rs_buf_append(b, zero, (8 - b->len % 8) % 8) == RS_OK;
}

/* Appends the lexicon's words (each NUL-terminated) to blob and its slots renumbered to them. */
static int pack_lexicon(const RsLexSection *s, RsBuf *blob, uint32_t *slots) {
    const uint32_t *in = s->slots;
    for (size_t i = 0; i < s->n_slots; i++) {
        slots[i] = 0;
        if (!in[i]) continue;
        const char *w = s->blob + in[i] - 1;
        slots[i] = (uint32_t)blob->len + 1;
        if (rs_buf_append(blob, w, strlen(w) + 1) != RS_OK) return 0;
    }
    return 1;
}

static int pack_lemmas(const RsLexSection *s, RsBuf *blob, RsLemmaSlot *slots) {
    const RsLemmaSlot *in = s->slots;
    for (size_t i = 0; i < s->n_slots; i++) {
        slots[i] = in[i];
        if (!in[i].form_len) continue;
        slots[i].form_off = (uint32_t)blob->len;
        if (rs_buf_append(blob, s->blob + in[i].form_off, in[i].form_len) != RS_OK) return 0;
        slots[i].lemma_off = (uint32_t)blob->len;
        if (rs_buf_append(blob, s->blob + in[i].lemma_off, in[i].lemma_len) != RS_OK) return 0;
    }
    return 1;
}

/* Appends one section (blob, then slots, each 8-byte aligned) and fills its header. */
static int put_section(RsBuf *img, const RsBuf *blob, const void *slots, size_t slot_size,
                       const RsLexSection *s, RsLexImageSectionHeader *h) {
    if (!pad8(img)) return 0;
    h->blob_off = img->len;
    h->blob_len = blob->len;
    if (rs_buf_append(img, blob->data, blob->len) != RS_OK || !pad8(img)) return 0;
    h->slots_off = img->len;
    h->n_slots = s->n_slots;
    if (rs_buf_append(img, slots, s->n_slots * slot_size) != RS_OK) return 0;
    h->n_entries = s->n_entries;
    h->checksum = s->checksum;
    h->data_sum = rs_leximage_sum(rs_leximage_sum(0, blob->data, blob->len), slots,
                                  s->n_slots * slot_size);
    return 1;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: leximagegen WORDLIST LEMMAS OUT\n");
        return 2;
    }
    RsError err;
    RsLexicon *lex = NULL;
    RsLemmas *lem = NULL;
    if (rs_lexicon_load(argv[1], &lex, &err) != RS_OK || rs_lemmas_load(argv[2], &lem, &err) != RS_OK) {
        fprintf(stderr, "leximagegen: %s\n", err.msg);
        return 1;
    }
    RsLexSection ls, ms;
    rs_lexicon_section(lex, &ls);
    rs_lemmas_section(lem, &ms);
    RsBuf lblob = {0}, mblob = {0}, img = {0};
    uint32_t *lslots = calloc(ls.n_slots, sizeof *lslots);
    RsLemmaSlot *mslots = calloc(ms.n_slots, sizeof *mslots);
    RsLexImageHeader h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, RS_LEXIMAGE_MAGIC, sizeof h.magic);
    h.version = RS_LEXIMAGE_VERSION;
    h.byte_order = RS_LEXIMAGE_BYTE_ORDER;
    int ok = lslots && mslots && pack_lexicon(&ls, &lblob, lslots) && pack_lemmas(&ms, &mblob, mslots) &&
             rs_buf_append(&img, &h, sizeof h) == RS_OK &&
             put_section(&img, &lblob, lslots, sizeof *lslots, &ls, &h.sec[RS_LEXIMAGE_LEXICON]) &&
             put_section(&img, &mblob, mslots, sizeof *mslots, &ms, &h.sec[RS_LEXIMAGE_LEMMAS]) &&
             lblob.len <= UINT32_MAX && mblob.len <= UINT32_MAX;
    if (!ok) {
        fprintf(stderr, "leximagegen: out of memory\n");
        return 1;
    }
    h.file_size = img.len;
    h.header_sum = rs_leximage_sum(0, &h, offsetof(RsLexImageHeader, header_sum));
    memcpy(img.data, &h, sizeof h);
    FILE *f = fopen(argv[3], "wb");
    if (!f || fwrite(img.data, 1, img.len, f) != img.len || fclose(f) != 0) {
        perror(argv[3]);
        return 1;
    }
    /* what the analyser will do with it */
    RsLexImage *check = NULL;
    if (rs_leximage_open(argv[3], &check, &err) != RS_OK) {
        fprintf(stderr, "leximagegen: the image written does not open: %s\n", err.msg);
        return 1;
    }
    const RsLexSection *cl = rs_leximage_lexicon(check), *cm = rs_leximage_lemmas(check);
    if (cl->n_entries != rs_lexicon_size(lex) || cl->checksum != rs_lexicon_checksum(lex) ||
        cm->n_entries != rs_lemmas_size(lem) || cm->checksum != rs_lemmas_checksum(lem)) {
        fprintf(stderr, "leximagegen: the image written does not match its sources\n");
        return 1;
    }
    fprintf(stderr, "%s: %zu words, %zu lemma forms, %zu bytes\n", argv[3], rs_lexicon_size(lex),
            rs_lemmas_size(lem), img.len);
    rs_leximage_close(check);
    rs_buf_free(&lblob);
    rs_buf_free(&mblob);
    rs_buf_free(&img);
    free(lslots);
    free(mslots);
    rs_lexicon_free(lex);
    rs_lemmas_free(lem);
    return 0;
}
