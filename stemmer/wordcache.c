/* wordcache.c — a word's analysed forms by its surface bytes: the analyser's memo (wordcache.h). */
#include "wordcache.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "prefault.h"

#define SLOTS 65536             /* power of two; at most half used */
#define ARENA_BYTES (4u << 20)
#define MAX_WORD 64             /* longer words are not cached */
#define MAX_FORM 255            /* nor words with a longer form */

typedef struct {
    uint32_t hash, off; /* off: the surface, norm, stem, fold and parts, one after the other */
    uint8_t len;        /* the surface's; 0 = empty slot */
    uint8_t decompose, flags, n_parts;
    uint8_t norm_len, stem_len, fold_len, part_len[RS_MAX_PARTS];
    uint8_t has_fold;
} Slot;

struct RsWordCache {
    Slot *slots;
    size_t used;
    char *arena;
    size_t arena_len;
};

RsWordCache *rs_word_cache_new(void) {
    RsWordCache *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    c->slots = calloc(SLOTS, sizeof *c->slots);
    c->arena = malloc(ARENA_BYTES);
    if (!c->slots || !c->arena) {
        rs_word_cache_free(c);
        return NULL;
    }
    return c;
}

void rs_word_cache_free(RsWordCache *c) {
    if (!c) return;
    free(c->slots);
    free(c->arena);
    free(c);
}

void rs_word_cache_prefault(RsWordCache *c) { rs_prefault(c->slots, SLOTS * sizeof *c->slots); }

static uint32_t key_hash(const char *s, size_t len, int decompose) {
    return rs_fnv1a32(s, len) ^ (decompose ? 0x9e3779b9u : 0);
}

int rs_word_cache_get(RsWordCache *c, const char *s, size_t len, int decompose, RsWordForms *f) {
    if (!len || len > MAX_WORD) return 0;
    uint32_t h = key_hash(s, len, decompose);
    for (size_t i = h & (SLOTS - 1); c->slots[i].len; i = (i + 1) & (SLOTS - 1)) {
        const Slot *sl = &c->slots[i];
        if (sl->hash != h || sl->len != len || sl->decompose != (decompose != 0) ||
            memcmp(c->arena + sl->off, s, len))
            continue;
        const char *p = c->arena + sl->off + len;
        f->norm = (RsSpan){p, sl->norm_len};
        p += sl->norm_len;
        f->stem = (RsSpan){p, sl->stem_len};
        p += sl->stem_len;
        f->fold = sl->has_fold ? (RsSpan){p, sl->fold_len} : (RsSpan){NULL, 0};
        p += sl->fold_len;
        f->flags = sl->flags;
        f->n_parts = sl->n_parts;
        for (size_t k = 0; k < sl->n_parts; k++) {
            f->parts[k] = (RsSpan){p, sl->part_len[k]};
            p += sl->part_len[k];
        }
        return 1;
    }
    return 0;
}

void rs_word_cache_prefetch(const RsWordCache *c, const char *s, size_t len, int decompose) {
    if (len && len <= MAX_WORD) __builtin_prefetch(&c->slots[key_hash(s, len, decompose) & (SLOTS - 1)]);
}

void rs_word_cache_put(RsWordCache *c, const char *s, size_t len, int decompose, const RsWordForms *f) {
    if (!len || len > MAX_WORD || f->norm.len > MAX_FORM || f->stem.len > MAX_FORM || f->fold.len > MAX_FORM ||
        f->n_parts > RS_MAX_PARTS)
        return;
    size_t need = len + f->norm.len + f->stem.len + f->fold.len;
    for (size_t k = 0; k < f->n_parts; k++) {
        if (f->parts[k].len > MAX_FORM) return;
        need += f->parts[k].len;
    }
    if (c->used >= SLOTS / 2 || c->arena_len + need > ARENA_BYTES) { /* full: start again */
        memset(c->slots, 0, SLOTS * sizeof *c->slots);
        c->used = 0;
        c->arena_len = 0;
    }
    uint32_t h = key_hash(s, len, decompose);
    size_t i = h & (SLOTS - 1);
    while (c->slots[i].len) i = (i + 1) & (SLOTS - 1);
    Slot *sl = &c->slots[i];
    *sl = (Slot){.hash = h, .off = (uint32_t)c->arena_len, .len = (uint8_t)len, .decompose = decompose != 0,
                 .flags = (uint8_t)f->flags, .n_parts = (uint8_t)f->n_parts, .norm_len = (uint8_t)f->norm.len,
                 .stem_len = (uint8_t)f->stem.len, .fold_len = (uint8_t)f->fold.len, .has_fold = f->fold.s != NULL};
    char *p = c->arena + c->arena_len;
    memcpy(p, s, len), p += len;
    if (f->norm.len) memcpy(p, f->norm.s, f->norm.len), p += f->norm.len;
    if (f->stem.len) memcpy(p, f->stem.s, f->stem.len), p += f->stem.len;
    if (f->fold.len) memcpy(p, f->fold.s, f->fold.len), p += f->fold.len;
    for (size_t k = 0; k < f->n_parts; k++) {
        sl->part_len[k] = (uint8_t)f->parts[k].len;
        if (f->parts[k].len) memcpy(p, f->parts[k].s, f->parts[k].len), p += f->parts[k].len;
    }
    c->arena_len += need;
    c->used++;
}
