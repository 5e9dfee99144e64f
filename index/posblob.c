/* posblob.c — an item's word positions as one block of its stored data (posblob.h). */
#include "posblob.h"

#include <stdlib.h>
#include <string.h>

#include "hash.h"

typedef struct {
    uint32_t off, len; /* the word in the collector's arena */
    uint32_t pos;
    uint32_t h0;       /* rs_posblob_hash of the word under seed 0 (the pair filter's, and the
                        * block's key when seed 0 has no collision): once per pair */
} Pair;

struct RsPosBlob {
    RsBuf arena; /* the words' bytes */
    Pair *pairs;
    size_t n, cap;
};

/* Seeds tried per hash width before a wider one (each fails for an item with ~6,000 distinct
 * words about half the time at 24 bits). */
#define SEEDS 16

RsPosBlob *rs_posblob_new(void) { return calloc(1, sizeof(RsPosBlob)); }

void rs_posblob_free(RsPosBlob *pb) {
    if (!pb) return;
    rs_buf_free(&pb->arena);
    free(pb->pairs);
    free(pb);
}

int rs_posblob_empty(const RsPosBlob *pb) { return pb->n == 0; }

RsStatus rs_posblob_add(RsPosBlob *pb, const char *word, size_t len, uint32_t pos, RsError *err) {
    if (len == 0 || len > UINT32_MAX || pb->arena.len > UINT32_MAX - len)
        return rs_error_set(err, RS_ERR_USAGE, "a word of %zu bytes has no position block", len);
    if (pb->n == pb->cap) {
        size_t cap = pb->cap ? pb->cap * 2 : 256;
        Pair *p = realloc(pb->pairs, cap * sizeof *p);
        if (!p) return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
        pb->pairs = p;
        pb->cap = cap;
    }
    /* the same word as the last pair's (a word repeated within a few tokens) shares its bytes */
    const Pair *last = pb->n ? &pb->pairs[pb->n - 1] : NULL;
    if (last && last->len == len && !memcmp(pb->arena.data + last->off, word, len)) {
        pb->pairs[pb->n] = (Pair){last->off, last->len, pos, last->h0};
    } else {
        uint32_t off = (uint32_t)pb->arena.len;
        if (rs_buf_append(&pb->arena, word, len) != RS_OK) return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
        pb->pairs[pb->n] = (Pair){off, (uint32_t)len, pos, rs_posblob_hash(word, len, 0)};
    }
    pb->n++;
    return RS_OK;
}

uint32_t rs_posblob_hash(const char *word, size_t len, unsigned seed) {
    uint32_t h = rs_fnv1a32(word, len) ^ (seed * 0x9E3779B1u);
    /* murmur3's finaliser: FNV's low bits alone mix the last bytes poorly */
    h ^= h >> 16;
    h *= 0x85EBCA6Bu;
    h ^= h >> 13;
    h *= 0xC2B2AE35u;
    h ^= h >> 16;
    return h;
}

/* The distinct words of the collected pairs, and each one's positions (ascending, repeats kept)
 * in one array: a word's are pos[first .. first + n). */
typedef struct {
    const char *s;
    uint32_t len;
    uint32_t first, n;
    uint32_t h0;  /* rs_posblob_hash under seed 0: the key when seed 0 has no collision */
    uint32_t key;
} Word;

static int word_cmp(const char *a, size_t al, const char *b, size_t bl) {
    int c = memcmp(a, b, al < bl ? al : bl);
    return c ? c : (al > bl) - (al < bl);
}

static int spelled_cmp(const void *x, const void *y) {
    const Word *a = x, *b = y;
    return word_cmp(a->s, a->len, b->s, b->len);
}

static int u32_cmp(const void *x, const void *y) {
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return (a > b) - (a < b);
}

/* Groups the pairs by word through a hash table (the pairs come in text order, so a word's
 * positions mostly ascend already; a word whose do not is sorted alone). Fills *words (nw of
 * them) and *pos (pb->n); the caller frees both. RS_ERR_NOMEM (nothing to free then). */
static RsStatus group(const RsPosBlob *pb, Word **words, size_t *nw, uint32_t **pos) {
    size_t slots = 16;
    while (slots < pb->n * 2) slots *= 2;
    uint32_t *table = calloc(slots, sizeof *table);     /* 1 + a word's index, 0 = free */
    uint32_t *of = malloc((pb->n + 1) * sizeof *of);    /* each pair's word */
    Word *w = malloc((pb->n + 1) * sizeof *w);
    uint32_t *p = malloc((pb->n + 1) * sizeof *p);
    if (!table || !of || !w || !p) {
        free(table), free(of), free(w), free(p);
        return RS_ERR_NOMEM;
    }
    size_t n = 0;
    for (size_t i = 0; i < pb->n; i++) {
        const Pair *q = &pb->pairs[i];
        if (i && q->off == pb->pairs[i - 1].off) { /* the same bytes as the last pair's */
            of[i] = of[i - 1];
            w[of[i]].n++;
            continue;
        }
        const char *s = pb->arena.data + q->off;
        uint32_t h = q->h0;
        size_t at = h & (slots - 1);
        while (table[at]) {
            const Word *x = &w[table[at] - 1];
            if (x->h0 == h && x->len == q->len && !memcmp(x->s, s, q->len)) break;
            at = (at + 1) & (slots - 1);
        }
        if (!table[at]) {
            w[n] = (Word){s, q->len, 0, 0, h, 0};
            table[at] = (uint32_t)++n;
        }
        of[i] = table[at] - 1;
        w[of[i]].n++;
    }
    uint32_t start = 0;
    for (size_t k = 0; k < n; k++) {
        w[k].first = start;
        start += w[k].n;
        w[k].n = 0;
    }
    for (size_t i = 0; i < pb->n; i++) {
        Word *x = &w[of[i]];
        p[x->first + x->n++] = pb->pairs[i].pos;
    }
    for (size_t k = 0; k < n; k++) {
        const uint32_t *v = p + w[k].first;
        for (uint32_t j = 1; j < w[k].n; j++)
            if (v[j] < v[j - 1]) {
                qsort(p + w[k].first, w[k].n, sizeof *p, u32_cmp);
                break;
            }
    }
    free(table);
    free(of);
    *words = w;
    *nw = n;
    *pos = p;
    return RS_OK;
}

static RsStatus put_varint(RsBuf *out, uint64_t v) {
    unsigned char b[10];
    size_t n = 0;
    while (v >= 0x80) {
        b[n++] = (unsigned char)(v | 0x80);
        v >>= 7;
    }
    b[n++] = (unsigned char)v;
    return rs_buf_append(out, b, n);
}

static int get_varint(const unsigned char **p, const unsigned char *end, uint32_t *v) {
    uint64_t r = 0;
    for (unsigned shift = 0; *p < end && shift < 35; shift += 7) {
        unsigned char c = *(*p)++;
        r |= (uint64_t)(c & 0x7F) << shift;
        if (!(c & 0x80)) {
            if (r > UINT32_MAX) return 0;
            *v = (uint32_t)r;
            return 1;
        }
    }
    return 0;
}

/* Words in ascending key order: a byte of the key a pass (LSD radix sort; ~110 words an item,
 * where qsort's calls of a comparison were a percent of a build). tmp has room for n words. Can't fail. */
static void sort_by_key(Word *w, size_t n, Word *tmp) {
    for (unsigned shift = 0; shift < 32; shift += 8) {
        size_t count[257] = {0};
        for (size_t i = 0; i < n; i++) count[((w[i].key >> shift) & 0xFF) + 1]++;
        if (count[1] == n) continue; /* every key's byte is 0 here (24-bit keys' top byte) */
        for (size_t b = 0; b < 256; b++) count[b + 1] += count[b];
        for (size_t i = 0; i < n; i++) tmp[count[(w[i].key >> shift) & 0xFF]++] = w[i];
        memcpy(w, tmp, n * sizeof *w);
    }
}

/* Keys under (width, seed) for every word; 1 if no two are equal (words sorted by key after). */
static int keys_unique(Word *w, size_t n, Word *tmp, int width, unsigned seed) {
    for (size_t i = 0; i < n; i++) {
        uint32_t h = seed ? rs_posblob_hash(w[i].s, w[i].len, seed) : w[i].h0;
        w[i].key = width == RS_POSBLOB_HASH24 ? h & 0xFFFFFFu : h;
    }
    sort_by_key(w, n, tmp);
    for (size_t i = 1; i < n; i++)
        if (w[i].key == w[i - 1].key) return 0;
    return 1;
}

RsStatus rs_posblob_encode(RsPosBlob *pb, RsBuf *out, RsError *err) {
    return rs_posblob_encode_as(pb, out, RS_POSBLOB_HASH32, err);
}

RsStatus rs_posblob_encode_as(RsPosBlob *pb, RsBuf *out, int widest, RsError *err) {
    Word *w;
    size_t nw;
    uint32_t *pos;
    if (group(pb, &w, &nw, &pos) != RS_OK) return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    Word *tmp = malloc((nw ? nw : 1) * sizeof *tmp);
    if (!tmp) {
        free(w);
        free(pos);
        return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    }
    int mode = RS_POSBLOB_SPELLED;
    unsigned seed = 0;
    for (int width = RS_POSBLOB_HASH24; width <= widest && mode == RS_POSBLOB_SPELLED; width++)
        for (seed = 0; seed < SEEDS; seed++)
            if (keys_unique(w, nw, tmp, width, seed)) {
                mode = width;
                break;
            }
    if (mode == RS_POSBLOB_SPELLED) { /* the keys are the words, in byte order */
        seed = 0;
        qsort(w, nw, sizeof *w, spelled_cmp);
    }
    /* the keys, then each word's positions' length, then the positions: a reader finds a hashed
     * key by halving, and its positions by adding up the lengths before it */
    RsStatus rc = rs_buf_putc(out, (char)mode);
    if (rc == RS_OK) rc = rs_buf_putc(out, (char)seed);
    if (rc == RS_OK) rc = put_varint(out, nw);
    for (size_t i = 0; rc == RS_OK && i < nw; i++) {
        if (mode == RS_POSBLOB_SPELLED) {
            rc = put_varint(out, w[i].len);
            if (rc == RS_OK) rc = rs_buf_append(out, w[i].s, w[i].len);
        } else {
            unsigned char k[4] = {(unsigned char)(w[i].key >> 24), (unsigned char)(w[i].key >> 16),
                                  (unsigned char)(w[i].key >> 8), (unsigned char)w[i].key};
            rc = rs_buf_append(out, mode == RS_POSBLOB_HASH24 ? k + 1 : k, (size_t)mode);
        }
    }
    RsBuf gaps = {0};
    for (size_t i = 0; rc == RS_OK && i < nw; i++) {
        /* positions as gaps, a repeated one once (as Xapian keeps it) */
        const uint32_t *p = pos + w[i].first;
        size_t start = gaps.len;
        uint32_t prev = 0;
        for (uint32_t j = 0; rc == RS_OK && j < w[i].n; j++) {
            if (j && p[j] == p[j - 1]) continue;
            rc = put_varint(&gaps, p[j] - prev);
            prev = p[j];
        }
        if (rc == RS_OK) rc = put_varint(out, gaps.len - start);
    }
    if (rc == RS_OK) rc = rs_buf_append(out, gaps.data ? gaps.data : "", gaps.len);
    rs_buf_free(&gaps);
    free(w);
    free(tmp);
    free(pos);
    pb->n = 0;
    rs_buf_reset(&pb->arena);
    return rc == RS_OK ? RS_OK : rs_error_set(err, RS_ERR_NOMEM, "out of memory");
}

int rs_posblob_find(const char *blob, size_t len, const char *word, size_t wlen, uint32_t **pos,
                    size_t *n, size_t *cap) {
    const unsigned char *p = (const unsigned char *)blob, *end = p + len;
    *n = 0;
    if (len < 2) return -1;
    int mode = p[0];
    unsigned seed = p[1];
    p += 2;
    if (mode != RS_POSBLOB_SPELLED && mode != RS_POSBLOB_HASH24 && mode != RS_POSBLOB_HASH32) return -1;
    uint32_t nw;
    if (!get_varint(&p, end, &nw)) return -1;
    /* the word's place among the keys: halving the fixed-width keys, or reading the spelled ones */
    size_t at = nw;
    int found = 0;
    if (mode == RS_POSBLOB_SPELLED) {
        for (uint32_t i = 0; i < nw; i++) {
            uint32_t kl;
            if (!get_varint(&p, end, &kl) || kl > (size_t)(end - p)) return -1;
            if (!found && kl == wlen && !memcmp(p, word, wlen)) {
                at = i;
                found = 1;
            }
            p += kl;
        }
    } else {
        if ((size_t)(end - p) / (size_t)mode < nw) return -1;
        uint32_t want = rs_posblob_hash(word, wlen, seed);
        if (mode == RS_POSBLOB_HASH24) want &= 0xFFFFFFu;
        size_t lo = 0, hi = nw;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            const unsigned char *k = p + mid * (size_t)mode;
            uint32_t key = 0;
            for (int b = 0; b < mode; b++) key = (key << 8) | k[b];
            if (key < want) lo = mid + 1;
            else hi = mid;
        }
        if (lo < nw) {
            const unsigned char *k = p + lo * (size_t)mode;
            uint32_t key = 0;
            for (int b = 0; b < mode; b++) key = (key << 8) | k[b];
            if (key == want) {
                at = lo;
                found = 1;
            }
        }
        p += (size_t)nw * (size_t)mode;
    }
    if (!found) return 0;
    /* the lengths up to its own add up to where its positions start; the rest only say where
     * the positions begin, so they are skipped as bytes */
    size_t off = 0, mine = 0;
    for (uint32_t i = 0; i <= at; i++) {
        uint32_t l;
        if (!get_varint(&p, end, &l)) return -1;
        if (i < at) off += l;
        else mine = l;
    }
    for (uint32_t i = at + 1; i < nw; i++) {
        while (p < end && (*p & 0x80)) p++;
        if (p++ >= end) return -1;
    }
    if (off > (size_t)(end - p) || mine > (size_t)(end - p) - off) return -1;
    if (mine == 0) return -1; /* a word has a position */
    const unsigned char *q = p + off, *qend = q + mine;
    size_t np = 0;
    uint32_t v, last = 0;
    while (q < qend) {
        if (np == *cap) {
            size_t c = *cap ? *cap * 2 : 16;
            uint32_t *g = realloc(*pos, c * sizeof *g);
            if (!g) return -1;
            *pos = g;
            *cap = c;
        }
        if (!get_varint(&q, qend, &v) || (np && v == 0) || v > UINT32_MAX - last) {
            *n = 0;
            return -1;
        }
        last += v;
        (*pos)[np++] = last;
    }
    *n = np;
    return 1;
}

/* The two bits of the pair (ha, hb) in a filter of `bits` bits. */
static void pair_bits(uint32_t ha, uint32_t hb, size_t bits, size_t out[2]) {
    uint32_t h = rs_posblob_hash((const char *)&ha, sizeof ha, hb & 0xFFu) ^ (hb * 0x9E3779B1u);
    h ^= h >> 15;
    h *= 0x2C1B3C6Du;
    h ^= h >> 12;
    out[0] = h % bits;
    h *= 0x297A2D39u;
    h ^= h >> 15;
    out[1] = h % bits;
}

typedef struct {
    uint32_t pos, hash;
} PosHash;

static int poshash_cmp(const void *x, const void *y) {
    const PosHash *a = x, *b = y;
    return (a->pos > b->pos) - (a->pos < b->pos);
}

RsStatus rs_posblob_pairs(const RsPosBlob *pb, RsBuf *out, RsError *err) {
    PosHash *v = malloc((pb->n ? pb->n : 1) * sizeof *v);
    if (!v) return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < pb->n; i++)
        v[i] = (PosHash){pb->pairs[i].pos, pb->pairs[i].h0};
    for (size_t i = 1; i < pb->n; i++) /* in text order already, unless added otherwise */
        if (v[i].pos < v[i - 1].pos) {
            qsort(v, pb->n, sizeof *v, poshash_cmp);
            break;
        }
    size_t bytes = pb->n / 2;
    if (bytes < 8) bytes = 8;
    if (bytes > 1024) bytes = 1024;
    unsigned char *f = calloc(bytes, 1);
    if (!f) {
        free(v);
        return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    }
    /* every word at p with every word at p + 1 (a sub-token shares its whole's position) */
    size_t next = 0;
    for (size_t i = 0; i < pb->n; i++) {
        while (next < pb->n && v[next].pos <= v[i].pos) next++;
        for (size_t j = next; j < pb->n && v[j].pos == v[i].pos + 1; j++) {
            size_t b[2];
            pair_bits(v[i].hash, v[j].hash, bytes * 8, b);
            f[b[0] / 8] |= (unsigned char)(1u << (b[0] % 8));
            f[b[1] / 8] |= (unsigned char)(1u << (b[1] % 8));
        }
    }
    RsStatus rc = rs_buf_append(out, f, bytes);
    free(f);
    free(v);
    return rc == RS_OK ? RS_OK : rs_error_set(err, RS_ERR_NOMEM, "out of memory");
}

int rs_posblob_pair_maybe(const char *filter, size_t len, uint32_t ha, uint32_t hb) {
    if (len == 0) return 1;
    const unsigned char *f = (const unsigned char *)filter;
    size_t b[2];
    pair_bits(ha, hb, len * 8, b);
    return (f[b[0] / 8] >> (b[0] % 8) & 1) && (f[b[1] / 8] >> (b[1] % 8) & 1);
}

/* The first element of l[0..n) greater than x, or n. */
static size_t after(const uint32_t *l, size_t n, uint32_t x) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (l[mid] <= x) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

int rs_phrase_in(const uint32_t *const *lists, const size_t *lens, size_t n, unsigned window) {
    if (n == 0) return 0;
    if (window < n) window = (unsigned)n;
    for (size_t s = 0; s < lens[0]; s++) {
        /* from this start, each next word at its earliest place after the one before: if that
         * is too far, every other choice from this start is too */
        uint32_t first = lists[0][s], cur = first;
        size_t i = 1;
        for (; i < n; i++) {
            size_t k = after(lists[i], lens[i], cur);
            if (k == lens[i]) return 0; /* no later start can do better */
            cur = lists[i][k];
            if ((uint64_t)cur - first >= window) break;
        }
        if (i == n) return 1;
    }
    return 0;
}
