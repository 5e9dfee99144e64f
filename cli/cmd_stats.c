/* cmd_stats.c — `refsog stats`: what an index holds, for a person or (--json) for machines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "output.h"
#include "present.h"

/* One facet of the stats as "Name (N): a 12, b 3, …" (at most `max` values). */
static void stats_list(const RsFacetList *l, const char *name, size_t max, const RsColours *c) {
    printf("%s%s%s (%zu):", c->bold, name, c->off, l->n);
    for (size_t i = 0; i < l->n; i++) {
        if (i == max) {
            printf(" … %zu mere", l->n - max);
            break;
        }
        printf("%s %s %zu", i ? "," : "", l->v[i].value, l->v[i].count);
    }
    putchar('\n');
}

static int by_value(const void *a, const void *b) {
    return strcmp(((const RsFacetCount *)a)->value, ((const RsFacetCount *)b)->value);
}

static void print_stats(RsStats *st, const RsColours *c) {
    printf("%sPunkter:%s %zu fra %zu %s", c->bold, c->off, st->items, st->files, st->files == 1 ? "fil" : "filer");
    if (st->date_from[0]) printf(", møder %s – %s", st->date_from, st->date_to);
    putchar('\n');
    stats_list(&st->municipalities, "Kommuner", 12, c);
    stats_list(&st->committees, "Udvalg", 12, c);
    if (st->years.n) qsort(st->years.v, st->years.n, sizeof *st->years.v, by_value); /* in time order */
    stats_list(&st->years, "År", 40, c);
    for (size_t i = 0; i < st->n_indexes; i++) {
        printf("%sIndeks:%s %s", c->bold, c->off, st->indexes[i].path);
        if (st->indexes[i].bytes >= 0) printf(" (%.1f MB)", (double)st->indexes[i].bytes / 1e6);
        putchar('\n');
    }
    if (st->deleted) /* tombstones (docs/shim.md): in the files, in no answer */
        printf("%sSlettede punkter stadig i indeksets filer:%s %zu (`refsog compact` fjerner dem)\n", c->dim, c->off,
               st->deleted);
    printf("%sSkema%s %s, analysator %s\n", c->dim, c->off, st->schema ? st->schema : "",
           st->analyzer ? st->analyzer : "");
    if (!st->pair_terms) /* made before schema 10: its phrases of common words read every item's positions */
        printf("%sIndekset er bygget før skema 10: sætninger af almindelige ord (\"ikke har\") søges langsommere; "
               "byg det igen for at få dem hurtigere.%s\n", c->dim, c->off);
}

int rs_cmd_stats(int argc, char **argv) {
    RsQueryOpts o = {0};
    int rc = rs_cli_lookup_opts("stats", argc, argv, &o, "usage: refsog stats [--index DIR]... [--json]\n", 0, NULL);
    if (rc >= 0) return rc;
    RsSearcher *s;
    if (rs_cli_open(&o, &s)) return 1;
    RsError err = {0};
    RsStats *st = NULL;
    if (rs_index_stats(s, &st, &err) != RS_OK) {
        rc = rs_cli_fail(&err);
        if (rc == 2) rc = 1;
    } else if (o.as_json) {
        rc = rs_cli_print_json(rs_stats_json(st));
    } else {
        RsColours c = rs_cli_colours();
        print_stats(st, &c);
        rc = 0;
    }
    rs_stats_free(st);
    rs_searcher_close(s);
    return rc;
}
