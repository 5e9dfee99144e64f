/* cmd_search.c — `refsog search`: run a query and print its hits, for a person or as JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "commands.h"
#include "output.h"
#include "present.h"

/* The marks around a matched word in plain output (no terminal): ⟦…⟧, which minutes never hold;
 * a literal ⟦ or ⟧ in the text is printed as [ or ], so a mark is always a match. */
#define MARK_OPEN "\xe2\x9f\xa6"
#define MARK_CLOSE "\xe2\x9f\xa7"

static void put_text(const char *s, size_t n, const RsColours *c) {
    for (size_t i = 0; i < n; i++) {
        if (!*c->mark && i + 3 <= n && !memcmp(s + i, MARK_OPEN, 3)) putchar('['), i += 2;
        else if (!*c->mark && i + 3 <= n && !memcmp(s + i, MARK_CLOSE, 3)) putchar(']'), i += 2;
        else putchar(s[i]);
    }
}

/* A snippet with its matches in colour (or ⟦…⟧ without a terminal). */
static void print_snippet(const RsSnippet *sn, const RsColours *c) {
    const char *t = sn->text ? sn->text : "";
    size_t pos = 0, len = strlen(t);
    for (size_t i = 0; i < sn->n_marks; i++) {
        put_text(t + pos, sn->marks[i].start - pos, c);
        fputs(*c->mark ? c->mark : MARK_OPEN, stdout);
        put_text(t + sn->marks[i].start, sn->marks[i].end - sn->marks[i].start, c);
        fputs(*c->off ? c->off : MARK_CLOSE, stdout);
        pos = sn->marks[i].end;
    }
    put_text(t + pos, len - pos, c);
}

static void print_facets(const RsResults *r, const RsColours *c) {
    static const char *const names[] = {"Kommune", "Udvalg", "År", "Type", "Udfald", "KLE"};
    for (int f = 0; f < RS_RF_DOKUMENT; f++) {
        const RsFacetList *l = &r->facets[f];
        if (!l->n) continue;
        printf("%s%s:%s", c->dim, names[f], c->off);
        for (size_t j = 0; j < l->n; j++) {
            if (j >= 8) {
                printf(" …");
                break;
            }
            printf(" %s (%s%zu)%s", l->v[j].value, r->counts_exact ? "" : "mindst ", l->v[j].count,
                   j + 1 < l->n && j < 7 ? "," : "");
        }
        putchar('\n');
    }
}

/* One hit: title line, committee line, snippet, link; a near match also says what it lacks. */
static void print_hit(const RsHit *h, const RsColours *c) {
    const RsItemRecord *it = &h->rec;
    printf("%zu. %s%s%s  %s · %s · punkt %ld\n", h->rank, c->bold, it->title ? it->title : "", c->off,
           it->date ? it->date : "", it->municipality ? it->municipality : "", it->item);
    printf("   %s%s%s", c->dim, it->committee ? it->committee : "", c->off);
    if (it->case_no) printf(" · sag %s", it->case_no);
    for (size_t k = 0; k < it->n_outcomes; k++) printf("%s%s", k ? ", " : " · ", it->outcomes[k]);
    if (it->closed) printf(" · lukket");
    if (it->kind && !strcmp(it->kind, "dagsorden")) printf(" · dagsorden");
    putchar('\n');
    if (h->has_snippet && h->snippet.text && *h->snippet.text) {
        printf("   ");
        if (h->snippet.attachment) printf("%s[bilag: %s]%s ", c->dim, h->snippet.attachment, c->off);
        print_snippet(&h->snippet, c);
        putchar('\n');
    }
    if (h->n_missing) {
        printf("   %smangler:", c->dim);
        for (size_t k = 0; k < h->n_missing; k++) printf("%s %s", k ? "," : "", h->missing[k]);
        printf("%s\n", c->off);
    }
    /* the official page when the source has one, else the file */
    printf("   %s%s%s\n\n", c->dim, it->url ? it->url : (it->source ? it->source : ""), c->off);
}

static void print_results(const RsResults *r, const RsColours *c) {
    for (size_t i = 0; i < r->n_warnings; i++) printf("Bemærk: %s\n", r->warnings[i]);
    if (r->corrected) /* never silently: the words as typed matched nothing */
        printf("Viser resultater for %s%s%s — søg i stedet efter %s (--no-correction)\n", c->bold, r->corrected, c->off,
               r->query);
    if (r->spelling) printf("Mente du: %s%s%s\n", c->bold, r->spelling, c->off);
    if (r->fallback_or)
        printf("%sIngen punkter matchede alle ord; viser punkter med mindst ét af dem.%s\n", c->dim, c->off);
    if (r->counts_exact) printf("%zu %s fundet\n\n", r->total, r->total == 1 ? "punkt" : "punkter");
    else /* a facet cap stopped the count: say so, and how to count them all */
        printf("ca. %zu punkter fundet %s(optalt over en del af dem: tallene er skøn og mindst-tal; "
               "--facet-cap 0 tæller alle)%s\n\n", r->total, c->dim, c->off);
    for (size_t i = 0; i < r->n_hits; i++) print_hit(&r->hits[i], c);
    if (r->n_near) printf("%sPunkter med nogle af ordene:%s\n\n", c->bold, c->off);
    for (size_t i = 0; i < r->n_near; i++) print_hit(&r->near[i], c);
    print_facets(r, c);
}

static void usage(FILE *out) {
    fprintf(out,
            "usage: refsog search [--index DIR|tcp://HOST:PORT]... [--json] [--limit N]\n"
            "                     [--offset N] [--sort relevance|date|-date] [--seconds S]\n"
            "                     [--no-correction] [--no-near] [--facet-cap N] [--] QUERY...\n"
            "\n"
            "Search agenda items. The query language (docs/query-language.md): words\n"
            "(all must match), \"phrases\", case numbers (23/15645), OR, -exclusion, ( ),\n"
            "prefix*, titel:/beslutning:..., kommune:/udvalg:/type:/udfald:/kle:/sag:/aar:,\n"
            "dato:2023, dato:2020-01-01..2021-06-30. Exit 2 on a malformed query.\n"
            "Options may come anywhere on the line; a query that starts with '-' (an\n"
            "exclusion) goes after '--': refsog search -- -kommune:Esbjerg misbrug.\n"
            "--limit N: hits per page, 1 to %d (default 10); --offset N: 0 to %d.\n"
            "--seconds S: give up after S seconds (\"søgningen tog for lang tid\", exit 1).\n"
            "When the words as typed match nothing and a correction does (one typo from\n"
            "5 letters, two from 9, never in numbers), its results are shown, and said:\n"
            "\"Viser resultater for …\"; --no-correction searches only what was typed.\n"
            "When fewer items than a page have every word, items with some of the words\n"
            "follow, under \"Punkter med nogle af ordene\", each with the words it lacks\n"
            "(not in the count); --no-near leaves them out.\n"
            "--facet-cap N: count at least N matches (default %d; 0 = all): past them the\n"
            "total is an estimate (\"ca.\") and the facet counts lower bounds (\"mindst\").\n",
            RS_SEARCH_MAX_LIMIT, RS_SEARCH_MAX_OFFSET, RS_CLI_FACET_CAP);
}

int rs_cmd_search(int argc, char **argv) {
    static const RsArgOpt opts[] = {{"index", 'i', 1}, {"json", 'j', 0}, {"limit", 'n', 1}, {"offset", 'o', 1},
                                    {"sort", 's', 1},  {"help", 'h', 0}, {"seconds", RS_OPT_SECONDS, 1},
                                    {"no-correction", RS_OPT_NO_CORRECTION, 0},
                                    {"no-near", RS_OPT_NO_NEAR, 0}, {"facet-cap", RS_OPT_FACET_CAP, 1}};
    RsQueryOpts o = {0};
    o.req.facet_cap = RS_CLI_FACET_CAP; /* one search per process: no facet columns to count from */
    char **words = NULL;
    size_t n_words = 0;
    int rc = rs_args_parse("search", argc, argv, opts, sizeof opts / sizeof *opts, 1, rs_cli_query_opt, &o, &words,
                           &n_words);
    if (rc >= 0) return rc;
    if (o.help || n_words == 0) {
        free(words);
        if (!o.help) fprintf(stderr, "refsog: search: no query given\n");
        usage(o.help ? stdout : stderr);
        return o.help ? 0 : 2;
    }
    RsBuf q = {0}; /* the query is the words joined by spaces */
    for (size_t i = 0; i < n_words; i++) {
        if (i) rs_buf_putc(&q, ' ');
        rs_buf_puts(&q, words[i]);
    }
    free(words);
    if (!q.data) return 1;
    o.req.query = q.data;
    RsSearcher *s;
    if (rs_cli_open(&o, &s)) {
        rs_buf_free(&q);
        return 1;
    }
    RsError err = {0};
    RsResults *r = NULL;
    if (rs_search(s, &o.req, &r, &err) != RS_OK) {
        rc = rs_cli_fail_query(&err, q.data);
    } else if (o.as_json) {
        rc = rs_cli_print_json(rs_results_json(r));
    } else {
        RsColours c = rs_cli_colours();
        print_results(r, &c);
        rc = 0;
    }
    rs_results_free(r);
    rs_searcher_close(s);
    rs_buf_free(&q);
    return rc;
}
