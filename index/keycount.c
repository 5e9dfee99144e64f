/* keycount.c — an item's section keys counted: open addressing over an arena (keycount.h). */
#include "keycount.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "hash.h"

typedef struct {
    uint32_t hash, off, len; /* len 0: a free slot (keys are never empty here: see add) */
    uint32_t n_body;         /* occurrences in the body */
    uint32_t elsewhere;      /* another section has it */
} Slot;

struct RsKeyCount {
    Slot *slots;
    size_t cap, used; /* cap a power of two, used at most half of it */
    RsBuf arena;      /* the keys' bytes */
};

RsKeyCount *rs_keycount_new(void) {
    RsKeyCount *kc = calloc(1, sizeof *kc);
    if (!kc) return NULL;
    kc->cap = 256;
    if (!(kc->slots = calloc(kc->cap, sizeof *kc->slots))) {
        free(kc);
        return NULL;
    }
    return kc;
}

void rs_keycount_free(RsKeyCount *kc) {
    if (!kc) return;
    free(kc->slots);
    rs_buf_free(&kc->arena);
    free(kc);
}

/* The table twice as large, every key placed again. RS_ERR_NOMEM. */
static RsStatus grow(RsKeyCount *kc) {
    size_t cap = kc->cap * 2;
    Slot *s = calloc(cap, sizeof *s);
    if (!s) return RS_ERR_NOMEM;
    for (size_t i = 0; i < kc->cap; i++) {
        if (!kc->slots[i].len) continue;
        size_t at = kc->slots[i].hash & (cap - 1);
        while (s[at].len) at = (at + 1) & (cap - 1);
        s[at] = kc->slots[i];
    }
    free(kc->slots);
    kc->slots = s;
    kc->cap = cap;
    return RS_OK;
}

RsStatus rs_keycount_add(RsKeyCount *kc, const char *key, size_t len, int body, RsError *err) {
    /* an empty key is kept as one byte longer than any key: len + 1 stored, 1 taken off when read */
    if (len >= UINT32_MAX - 1 || kc->arena.len > UINT32_MAX - len)
        return rs_error_set(err, RS_ERR_USAGE, "a section key of %zu bytes", len);
    uint32_t h = rs_fnv1a32(key, len);
    size_t at = h & (kc->cap - 1);
    for (; kc->slots[at].len; at = (at + 1) & (kc->cap - 1)) {
        const Slot *s = &kc->slots[at];
        if (s->hash == h && s->len == len + 1 && !memcmp(kc->arena.data + s->off, key, len)) break;
    }
    if (!kc->slots[at].len) {
        if ((kc->used + 1) * 2 > kc->cap) {
            if (grow(kc) != RS_OK) return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
            return rs_keycount_add(kc, key, len, body, err);
        }
        uint32_t off = (uint32_t)kc->arena.len;
        if (len && rs_buf_append(&kc->arena, key, len) != RS_OK)
            return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
        kc->slots[at] = (Slot){h, off, (uint32_t)len + 1, 0, 0};
        kc->used++;
    }
    if (body) kc->slots[at].n_body++;
    else kc->slots[at].elsewhere = 1;
    return RS_OK;
}

int rs_keycount_each_body(const RsKeyCount *kc,
                          int (*fn)(void *ctx, const char *key, size_t len, unsigned n, int elsewhere),
                          void *ctx) {
    for (size_t i = 0; i < kc->cap; i++) {
        const Slot *s = &kc->slots[i];
        if (!s->len || !s->n_body) continue;
        int r = fn(ctx, kc->arena.len ? kc->arena.data + s->off : "", s->len - 1, s->n_body, (int)s->elsewhere);
        if (r) return r;
    }
    return 0;
}
