/* fuzz_index_posblob.c — libFuzzer target: an item's position block (posblob.h) read as stored
 * (damaged blocks are -1, never a crash or a wrong length), and the words of the input written
 * into a block and read back (every word finds exactly its positions, every pair of neighbours is in
 * the pair filter). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "posblob.h"

#define MAXW 512

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *d = (const char *)data;
    uint32_t *pos = NULL;
    size_t n, cap = 0;
    /* 1. the bytes after the first newline as a block, the bytes before as the word asked for */
    const char *nl = memchr(d, '\n', size);
    size_t wlen = nl ? (size_t)(nl - d) : 0;
    const char *blob = nl ? nl + 1 : d;
    size_t blen = size - (size_t)(blob - d);
    int r = rs_posblob_find(blob, blen, d, wlen, &pos, &n, &cap);
    if (r < -1 || r > 1 || (r != 1 && n != 0) || (r == 1 && n == 0)) abort();
    for (size_t i = 1; r == 1 && i < n; i++)
        if (pos[i] <= pos[i - 1]) abort();

    /* 2. the input's words (split at spaces and newlines), position = their place */
    RsPosBlob *pb = rs_posblob_new();
    if (!pb) return 0;
    const char *w[MAXW];
    size_t wl[MAXW], nw = 0;
    for (size_t i = 0; i < size && nw < MAXW;) {
        while (i < size && (d[i] == ' ' || d[i] == '\n')) i++;
        size_t s = i;
        while (i < size && d[i] != ' ' && d[i] != '\n') i++;
        if (i > s) {
            w[nw] = d + s;
            wl[nw] = i - s;
            if (rs_posblob_add(pb, w[nw], wl[nw], (uint32_t)nw + 1, NULL) != RS_OK) abort();
            nw++;
        }
    }
    /* every pair of neighbours is in the pair filter (a filter of the raw input bytes is read
     * without a crash too) */
    RsBuf f = {0};
    if (rs_posblob_pairs(pb, &f, NULL) != RS_OK) abort();
    for (size_t k = 0; k + 1 < nw; k++)
        if (!rs_posblob_pair_maybe(f.data, f.len, rs_posblob_hash(w[k], wl[k], 0), rs_posblob_hash(w[k + 1], wl[k + 1], 0)))
            abort();
    (void)rs_posblob_pair_maybe(d, size, 1, 2);
    rs_buf_free(&f);
    RsBuf b = {0};
    /* the narrowest keys too, so collisions (spelled words) are reached */
    if (rs_posblob_encode_as(pb, &b, size & 1 ? RS_POSBLOB_HASH32 : RS_POSBLOB_HASH24, NULL) != RS_OK) abort();
    for (size_t k = 0; k < nw; k++) {
        if (rs_posblob_find(b.data, b.len, w[k], wl[k], &pos, &n, &cap) != 1) abort();
        size_t j = 0; /* exactly the places this word is at, ascending */
        for (size_t m = 0; m < nw; m++)
            if (wl[m] == wl[k] && !memcmp(w[m], w[k], wl[k])) {
                if (j >= n || pos[j] != m + 1) abort();
                j++;
            }
        if (j != n) abort();
    }
    rs_buf_free(&b);
    rs_posblob_free(pb);
    free(pos);
    return 0;
}
