/* facetcache.c — the exact total and facet counts of recent searches, per index revision
 * (see facetcache.h). A small array searched linearly: a lookup is a few dozen string compares
 * against a search that visits every match. */
#include "facetcache.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    char *key; /* NULL: a free entry */
    unsigned long gen;
    size_t total;
    RsFacetList facets[RS_RF_COUNT];
    unsigned long long used; /* the cache's clock when last returned or put */
} Entry;

struct RsFacetCache {
    Entry *e;
    size_t n;
    unsigned long long clock;
    size_t hits, misses;
};

RsFacetCache *rs_facet_cache_new(size_t entries) {
    RsFacetCache *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    c->n = entries ? entries : 1;
    if (!(c->e = calloc(c->n, sizeof *c->e))) {
        free(c);
        return NULL;
    }
    return c;
}

static void entry_clear(Entry *e) {
    free(e->key);
    e->key = NULL;
    for (int f = 0; f < RS_RF_COUNT; f++) rs_facet_list_clear(&e->facets[f]);
}

void rs_facet_cache_free(RsFacetCache *c) {
    if (!c) return;
    for (size_t i = 0; i < c->n; i++) entry_clear(&c->e[i]);
    free(c->e);
    free(c);
}

static char *dup_or_null(const char *s, int *oom) {
    if (!s) return NULL;
    char *d = strdup(s);
    if (!d) *oom = 1;
    return d;
}

/* A deep copy of `from` into *to; 0 on out of memory (then *to is cleared). */
static int copy_list(RsFacetList *to, const RsFacetList *from) {
    to->n = 0;
    to->v = from->n ? calloc(from->n, sizeof *to->v) : NULL;
    if (from->n && !to->v) return 0;
    int oom = 0;
    for (size_t i = 0; i < from->n && !oom; i++) {
        const RsFacetCount *s = &from->v[i];
        RsFacetCount *d = &to->v[to->n++];
        d->count = s->count;
        d->value = dup_or_null(s->value, &oom);
        d->committee = dup_or_null(s->committee, &oom);
        d->municipality = dup_or_null(s->municipality, &oom);
    }
    if (oom) rs_facet_list_clear(to);
    return !oom;
}

int rs_facet_cache_get(RsFacetCache *c, const char *key, unsigned long gen, size_t *total,
                       RsFacetList facets[RS_RF_COUNT]) {
    for (size_t i = 0; i < c->n; i++) {
        Entry *e = &c->e[i];
        if (!e->key || e->gen != gen || strcmp(e->key, key)) continue;
        RsFacetList copy[RS_RF_COUNT] = {{0}};
        for (int f = 0; f < RS_RF_COUNT; f++)
            if (!copy_list(&copy[f], &e->facets[f])) {
                for (int g = 0; g < f; g++) rs_facet_list_clear(&copy[g]);
                return -RS_ERR_NOMEM;
            }
        for (int f = 0; f < RS_RF_COUNT; f++) facets[f] = copy[f];
        *total = e->total;
        e->used = ++c->clock;
        c->hits++;
        return 1;
    }
    c->misses++;
    return 0;
}

void rs_facet_cache_put(RsFacetCache *c, const char *key, unsigned long gen, size_t total,
                        const RsFacetList facets[RS_RF_COUNT]) {
    Entry *slot = NULL;
    for (size_t i = 0; i < c->n && !slot; i++)
        if (c->e[i].key && !strcmp(c->e[i].key, key)) slot = &c->e[i];
    for (size_t i = 0; i < c->n && !slot; i++)
        if (!c->e[i].key || c->e[i].gen != gen) slot = &c->e[i]; /* free, or of an old revision */
    if (!slot) {
        slot = &c->e[0];
        for (size_t i = 1; i < c->n; i++)
            if (c->e[i].used < slot->used) slot = &c->e[i];
    }
    entry_clear(slot);
    Entry fresh = {.gen = gen, .total = total, .used = ++c->clock};
    int ok = (fresh.key = strdup(key)) != NULL;
    for (int f = 0; ok && f < RS_RF_COUNT; f++) ok = copy_list(&fresh.facets[f], &facets[f]);
    if (ok) *slot = fresh;
    else entry_clear(&fresh);
}

void rs_facet_cache_counters(const RsFacetCache *c, size_t *hits, size_t *misses) {
    *hits = c ? c->hits : 0;
    *misses = c ? c->misses : 0;
}
