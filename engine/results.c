/* results.c — freeing the engine's typed answers (results.h). */
#include "results.h"

#include <stdlib.h>
#include <string.h>

#include "snippet.h"

const char *rs_result_facet_name(RsResultFacet f) {
    static const char *const names[] = {"municipality", "committee", "year", "type", "outcome", "kle", "kind"};
    return (unsigned)f < RS_RF_COUNT ? names[f] : "?";
}

void rs_facet_list_clear(RsFacetList *l) {
    if (!l) return;
    for (size_t i = 0; i < l->n; i++) free(l->v[i].value), free(l->v[i].committee), free(l->v[i].municipality);
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

static void hits_free(RsHit *h, size_t n) {
    for (size_t i = 0; i < n; i++) {
        rs_item_record_clear(&h[i].rec);
        rs_snippet_free(&h[i].snippet);
        for (size_t k = 0; k < h[i].n_missing; k++) free(h[i].missing[k]);
        free(h[i].missing);
    }
    free(h);
}

void rs_results_free(RsResults *r) {
    if (!r) return;
    free(r->query);
    free(r->spelling);
    free(r->corrected);
    for (size_t i = 0; i < r->n_warnings; i++) free(r->warnings[i]);
    free(r->warnings);
    hits_free(r->hits, r->n_hits);
    hits_free(r->near, r->n_near);
    for (int f = 0; f < RS_RF_COUNT; f++) rs_facet_list_clear(&r->facets[f]);
    free(r);
}

void rs_case_history_free(RsCaseHistory *h) {
    if (!h) return;
    free(h->key);
    free(h->query);
    for (size_t i = 0; i < h->n_items; i++) rs_item_record_clear(&h->items[i]);
    free(h->items);
    free(h);
}

void rs_meeting_view_free(RsMeetingView *m) {
    if (!m) return;
    free(m->meeting);
    free(m->source);
    for (size_t i = 0; i < m->n_items; i++) rs_item_record_clear(&m->items[i]);
    free(m->items);
    free(m);
}

void rs_stats_free(RsStats *s) {
    if (!s) return;
    rs_facet_list_clear(&s->municipalities);
    rs_facet_list_clear(&s->committees);
    rs_facet_list_clear(&s->years);
    for (size_t i = 0; i < s->n_indexes; i++) free(s->indexes[i].path);
    free(s->indexes);
    free(s->schema);
    free(s->analyzer);
    free(s);
}
