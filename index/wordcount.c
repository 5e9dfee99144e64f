/* wordcount.c — open-addressing hash table of words with per-item deduplication (see wordcount.h). */
/* Kept hand-written: GLib's GHashTable doing the same counting measured +70 % CPU per word
 * (bench/bench_tables on the sample minutes), and this runs for every term indexed. */
#include "wordcount.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"

#define KEEP_SLOTS 65536 /* a cleared table keeps at most this many slots */

typedef struct {
    size_t off;        /* word's offset in the arena + 1; 0 = empty slot */
    uint32_t len;
    uint32_t hash;
    unsigned count;
    unsigned last_item; /* the item that last counted this word */
} Slot;

struct RsWordCount {
    Slot *slots;
    size_t cap, used; /* cap is a power of two */
    char *arena;
    size_t arena_len, arena_cap;
    unsigned item;
};

RsStatus rs_wordcount_new(RsWordCount **out, RsError *err) {
    RsWordCount *wc = calloc(1, sizeof *wc);
    if (wc) {
        wc->cap = 1024;
        wc->slots = calloc(wc->cap, sizeof *wc->slots);
    }
    if (!wc || !wc->slots) {
        free(wc);
        *out = NULL;
        return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    }
    wc->item = 1;
    *out = wc;
    return RS_OK;
}

void rs_wordcount_next_item(RsWordCount *wc) { wc->item++; }

static int grow(RsWordCount *wc) {
    size_t ncap = wc->cap * 2;
    Slot *ns = calloc(ncap, sizeof *ns);
    if (!ns) return -1;
    for (size_t i = 0; i < wc->cap; i++) {
        if (!wc->slots[i].off) continue;
        size_t j = wc->slots[i].hash & (ncap - 1);
        while (ns[j].off) j = (j + 1) & (ncap - 1);
        ns[j] = wc->slots[i];
    }
    free(wc->slots);
    wc->slots = ns;
    wc->cap = ncap;
    return 0;
}

/* Find or insert `word`; add one for a new item (`per_item`) or `count` outright. */
static RsStatus add(RsWordCount *wc, const char *word, size_t len, int per_item, unsigned count,
                    RsError *err) {
    if (len > UINT32_MAX) return rs_error_set(err, RS_ERR_USAGE, "word too long");
    uint32_t h = rs_fnv1a32(word, len);
    size_t j = h & (wc->cap - 1);
    for (; wc->slots[j].off; j = (j + 1) & (wc->cap - 1)) {
        Slot *s = &wc->slots[j];
        if (s->hash == h && s->len == len && !memcmp(wc->arena + s->off - 1, word, len)) {
            if (!per_item) {
                s->count += count;
            } else if (s->last_item != wc->item) {
                s->count++;
                s->last_item = wc->item;
            }
            return RS_OK;
        }
    }
    if ((wc->used + 1) * 2 > wc->cap) {
        if (grow(wc) != 0) return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
        for (j = h & (wc->cap - 1); wc->slots[j].off; j = (j + 1) & (wc->cap - 1)) {}
    }
    if (wc->arena_len + len > wc->arena_cap) {
        size_t ncap = wc->arena_cap ? wc->arena_cap * 2 : 65536;
        while (ncap < wc->arena_len + len) ncap *= 2;
        char *na = realloc(wc->arena, ncap);
        if (!na) return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
        wc->arena = na;
        wc->arena_cap = ncap;
    }
    memcpy(wc->arena + wc->arena_len, word, len);
    wc->slots[j] = (Slot){wc->arena_len + 1, (uint32_t)len, h, per_item ? 1 : count, wc->item};
    wc->arena_len += len;
    wc->used++;
    return RS_OK;
}

RsStatus rs_wordcount_add(RsWordCount *wc, const char *word, size_t len, RsError *err) {
    return add(wc, word, len, 1, 1, err);
}

RsStatus rs_wordcount_add_count(RsWordCount *wc, const char *word, size_t len, unsigned count,
                                RsError *err) {
    return add(wc, word, len, 0, count, err);
}

size_t rs_wordcount_size(const RsWordCount *wc) { return wc->used; }

int rs_wordcount_each(const RsWordCount *wc,
                      int (*fn)(void *ctx, const char *word, size_t len, unsigned count),
                      void *ctx) {
    for (size_t i = 0; i < wc->cap; i++) {
        const Slot *s = &wc->slots[i];
        if (!s->off) continue;
        int r = fn(ctx, wc->arena + s->off - 1, s->len, s->count);
        if (r) return r;
    }
    return 0;
}

void rs_wordcount_clear(RsWordCount *wc) {
    Slot *small = wc->cap > KEEP_SLOTS ? calloc(KEEP_SLOTS, sizeof *small) : NULL;
    if (small) { /* else keep the big table: clearing it is slow, not wrong */
        free(wc->slots);
        wc->slots = small;
        wc->cap = KEEP_SLOTS;
    } else {
        memset(wc->slots, 0, wc->cap * sizeof *wc->slots);
    }
    wc->used = 0;
    wc->arena_len = 0;
    wc->item++;
}

void rs_wordcount_free(RsWordCount *wc) {
    if (!wc) return;
    free(wc->slots);
    free(wc->arena);
    free(wc);
}
