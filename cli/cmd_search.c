/* cmd_search.c — `refsog search` and `refsog case`: run a query and print hits (text or JSON). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "search.h"

#define DEFAULT_INDEX "refsog-index"
#define MAX_INDEXES 64

/* Terminal colours, only when stdout is a terminal. */
typedef struct {
    const char *bold, *dim, *mark, *off;
} Colours;

static Colours colours(int tty) {
    if (tty && !getenv("NO_COLOR")) return (Colours){"\033[1m", "\033[2m", "\033[1;33m", "\033[0m"};
    return (Colours){"", "", "", ""};
}

static const char *jstr(json_t *o, const char *key) {
    const char *s = json_string_value(json_object_get(o, key));
    return s ? s : "";
}

/* Print a snippet, turning <mark>…</mark> into colour (or *…* without a
 * terminal) and decoding the few entities the engine escapes. */
static void print_snippet(const char *s, const Colours *c) {
    while (*s) {
        if (!strncmp(s, "<mark>", 6)) { fputs(*c->mark ? c->mark : "*", stdout); s += 6; }
        else if (!strncmp(s, "</mark>", 7)) { fputs(*c->off ? c->off : "*", stdout); s += 7; }
        else if (!strncmp(s, "&lt;", 4)) { putchar('<'); s += 4; }
        else if (!strncmp(s, "&gt;", 4)) { putchar('>'); s += 4; }
        else if (!strncmp(s, "&quot;", 6)) { putchar('"'); s += 6; }
        else if (!strncmp(s, "&amp;", 5)) { putchar('&'); s += 5; }
        else putchar(*s++);
    }
}

static void print_facets(json_t *facets, const Colours *c) {
    static const char *names[][2] = {{"municipality", "Kommune"}, {"committee", "Udvalg"},
                                     {"year", "År"}, {"type", "Type"},
                                     {"outcome", "Udfald"}, {"kle", "KLE"}};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        json_t *arr = json_object_get(facets, names[i][0]);
        if (!json_array_size(arr)) continue;
        printf("%s%s:%s", c->dim, names[i][1], c->off);
        size_t j;
        json_t *v;
        json_array_foreach(arr, j, v) {
            if (j >= 8) { printf(" …"); break; }
            printf(" %s (%lld)%s", jstr(v, "value"),
                   (long long)json_integer_value(json_object_get(v, "count")),
                   j + 1 < json_array_size(arr) && j < 7 ? "," : "");
        }
        putchar('\n');
    }
}

static void print_human(json_t *res, const Colours *c) {
    long long total = json_integer_value(json_object_get(res, "total"));
    json_t *hits = json_object_get(res, "hits");
    const char *fallback = json_string_value(json_object_get(res, "fallback"));
    const char *spelling = json_string_value(json_object_get(res, "spelling"));
    if (spelling) printf("Mente du: %s%s%s\n", c->bold, spelling, c->off);
    if (fallback)
        printf("%sIngen punkter matchede alle ord; viser punkter med mindst ét af dem.%s\n",
               c->dim, c->off);
    printf("%lld punkter fundet\n\n", total);
    size_t i;
    json_t *h;
    json_array_foreach(hits, i, h) {
        const char *cs = jstr(h, "case");
        json_t *outs = json_object_get(h, "outcome");
        printf("%lld. %s%s%s  %s · %s · punkt %lld\n",
               (long long)json_integer_value(json_object_get(h, "rank")), c->bold,
               jstr(h, "title"), c->off, jstr(h, "date"), jstr(h, "municipality"),
               (long long)json_integer_value(json_object_get(h, "item")));
        printf("   %s%s%s", c->dim, jstr(h, "committee"), c->off);
        if (*cs) printf(" · sag %s", cs);
        if (json_array_size(outs)) {
            printf(" · ");
            size_t k;
            json_t *o;
            json_array_foreach(outs, k, o) printf("%s%s", k ? ", " : "", json_string_value(o));
        }
        if (json_is_true(json_object_get(h, "closed"))) printf(" · lukket");
        if (!strcmp(jstr(h, "kind"), "dagsorden")) printf(" · dagsorden");
        putchar('\n');
        const char *snip = jstr(h, "snippet");
        if (*snip) {
            printf("   ");
            if (*jstr(h, "snippet_attachment")) printf("%s[bilag: %s]%s ", c->dim, jstr(h, "snippet_attachment"), c->off);
            print_snippet(snip, c);
            putchar('\n');
        }
        /* the official page when the source has one, else the file */
        printf("   %s%s%s\n\n", c->dim, *jstr(h, "url") ? jstr(h, "url") : jstr(h, "source"), c->off);
    }
    print_facets(json_object_get(res, "facets"), c);
}

static void print_case(json_t *res, const Colours *c) {
    json_t *items = json_object_get(res, "items");
    printf("Sag %s%s%s: %zu behandlinger\n\n", c->bold, jstr(res, "case"), c->off,
           json_array_size(items));
    size_t i;
    json_t *it;
    json_array_foreach(items, i, it) {
        printf("%s  %s · %s · punkt %lld: %s%s%s\n", jstr(it, "date"), jstr(it, "municipality"),
               jstr(it, "committee"), (long long)json_integer_value(json_object_get(it, "item")),
               c->bold, jstr(it, "title"), c->off);
        size_t k;
        json_t *d;
        json_array_foreach(json_object_get(it, "decisions"), k, d)
            printf("            %s %s: %s\n", jstr(d, "date"), jstr(d, "committee"),
                   jstr(d, "outcome"));
    }
}

static int open_searcher(const char **indexes, size_t n, RsSearcher **s) {
    RsError err = {0};
    if (n == 0) indexes[n++] = DEFAULT_INDEX;
    if (rs_searcher_open(indexes, n, s, &err) != RS_OK) {
        fprintf(stderr, "refsog: %s\n", err.msg);
        return 1;
    }
    return 0;
}

static void print_meeting(json_t *res, const Colours *c) {
    printf("%s%s · %s · %s%s%s\n", c->bold, jstr(res, "committee"), jstr(res, "municipality"),
           jstr(res, "date"), *jstr(res, "kind") ? " · " : "", jstr(res, "kind"));
    printf("%s%s%s\n\n", c->dim, *jstr(res, "url") ? jstr(res, "url") : jstr(res, "source"), c->off);
    size_t i;
    json_t *it;
    json_array_foreach(json_object_get(res, "items"), i, it) {
        const char *num = jstr(it, "number");
        printf("  %s%s%s%s%s", *num ? "Punkt " : "", num, *num ? ": " : "", c->bold, jstr(it, "title"));
        printf("%s%s", c->off, json_is_true(json_object_get(it, "closed")) ? " (lukket)" : "");
        if (*jstr(it, "case")) printf("  %ssag %s%s", c->dim, jstr(it, "case"), c->off);
        putchar('\n');
        size_t k;
        json_t *d;
        json_array_foreach(json_object_get(it, "decisions"), k, d)
            printf("      %s %s: %s\n", jstr(d, "date"), jstr(d, "committee"), jstr(d, "outcome"));
    }
}

/* what: 0 a result list, 1 a case history, 2 a meeting */
static int emit(json_t *res, int as_json, int what) {
    if (as_json) {
        char *s = json_dumps(res, JSON_COMPACT);
        if (!s) return 1;
        puts(s);
        free(s);
    } else {
        Colours c = colours(isatty(STDOUT_FILENO));
        if (what == 1) print_case(res, &c);
        else if (what == 2) print_meeting(res, &c);
        else print_human(res, &c);
    }
    return 0;
}

static void search_usage(FILE *out) {
    fprintf(out,
            "usage: refsog search [--index DIR|tcp://HOST:PORT]... [--json] [--limit N]\n"
            "                     [--offset N] [--sort relevance|date|-date] [--seconds S] QUERY...\n"
            "\n"
            "Search agenda items. The query language (docs/query-language.md): words\n"
            "(all must match), \"phrases\", case numbers (23/15645), OR, -exclusion, ( ),\n"
            "prefix*, titel:/beslutning:..., kommune:/udvalg:/type:/udfald:/kle:/sag:,\n"
            "dato:2023, dato:2020-01-01..2021-06-30. Exit 2 on a malformed query.\n"
            "--seconds S: give up after S seconds (\"søgningen tog for lang tid\", exit 1).\n");
}

static int parse_size(const char *s, size_t *out) {
    char *end;
    long long v = strtoll(s, &end, 10);
    if (*s == '\0' || *end || v < 0) return -1;
    *out = (size_t)v;
    return 0;
}

int rs_cmd_search(int argc, char **argv) {
    const char *indexes[MAX_INDEXES];
    size_t n_idx = 0;
    int as_json = 0;
    RsSearchRequest req = {0};
    static const struct option longopts[] = {
        {"index", required_argument, NULL, 'i'}, {"json", no_argument, NULL, 'j'},
        {"limit", required_argument, NULL, 'n'}, {"offset", required_argument, NULL, 'o'},
        {"sort", required_argument, NULL, 's'},  {"help", no_argument, NULL, 'h'},
        {"seconds", required_argument, NULL, 'S'},
        {NULL, 0, NULL, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "+i:jn:o:s:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'S': {
            char *end;
            req.time_budget = strtod(optarg, &end);
            if (*end || !(req.time_budget > 0)) {
                fprintf(stderr, "refsog: --seconds takes a number of seconds (e.g. 5 or 0.5)\n");
                return 2;
            }
            break;
        }
        case 'i':
            if (n_idx == MAX_INDEXES) { fprintf(stderr, "refsog: too many --index\n"); return 2; }
            indexes[n_idx++] = optarg;
            break;
        case 'j': as_json = 1; break;
        case 'n':
            if (parse_size(optarg, &req.limit) || req.limit == 0 || req.limit > 1000) {
                fprintf(stderr, "refsog: --limit takes a number from 1 to 1000\n");
                return 2;
            }
            break;
        case 'o':
            if (parse_size(optarg, &req.offset)) {
                fprintf(stderr, "refsog: --offset takes a whole number\n");
                return 2;
            }
            break;
        case 's':
            if (!strcmp(optarg, "relevance")) req.sort = RS_SORT_RELEVANCE;
            else if (!strcmp(optarg, "-date")) req.sort = RS_SORT_DATE_DESC;
            else if (!strcmp(optarg, "date")) req.sort = RS_SORT_DATE_ASC;
            else {
                fprintf(stderr, "refsog: --sort takes relevance, date or -date\n");
                return 2;
            }
            break;
        case 'h': search_usage(stdout); return 0;
        default: search_usage(stderr); return 2;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "refsog: search: no query given\n");
        search_usage(stderr);
        return 2;
    }
    /* The query is the remaining arguments joined by spaces. */
    size_t qlen = 0;
    for (int i = optind; i < argc; i++) qlen += strlen(argv[i]) + 1;
    char *q = malloc(qlen + 1);
    if (!q) return 1;
    q[0] = '\0';
    for (int i = optind; i < argc; i++) {
        if (i > optind) strcat(q, " ");
        strcat(q, argv[i]);
    }
    req.query = q;
    RsSearcher *s;
    if (open_searcher(indexes, n_idx, &s)) { free(q); return 1; }
    RsError err = {0};
    json_t *res = NULL;
    int rc = 0;
    if (rs_search(s, &req, &res, &err) != RS_OK) {
        fprintf(stderr, "refsog: %s\n", err.msg);
        rc = err.code == RS_ERR_QUERY ? 2 : 1;
    } else {
        rc = emit(res, as_json, 0);
        json_decref(res);
    }
    rs_searcher_close(s);
    free(q);
    return rc;
}

/* Options shared by `case` and `stats`: --index (repeatable), --json, --help.
 * Returns -1 to go on, else the exit status (help printed or bad usage). */
static int index_json_opts(int argc, char **argv, const char **indexes, size_t *n_idx, int *as_json,
                           const char *usage) {
    static const struct option longopts[] = {{"index", required_argument, NULL, 'i'},
                                             {"json", no_argument, NULL, 'j'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "+i:jh", longopts, NULL)) != -1) {
        switch (c) {
        case 'i':
            if (*n_idx == MAX_INDEXES) { fprintf(stderr, "refsog: too many --index\n"); return 2; }
            indexes[(*n_idx)++] = optarg;
            break;
        case 'j': *as_json = 1; break;
        case 'h': printf("%s", usage); return 0;
        default: return 2;
        }
    }
    return -1;
}

/* One lookup by key (a case number, a meeting id): parse [--index DIR]... [--json] KEY, run
 * `get`, print the result as `what` (see emit). A malformed key (RS_ERR_QUERY) exits 2. */
typedef RsStatus (*LookupFn)(RsSearcher *s, const char *key, json_t **out, RsError *err);

static int lookup(int argc, char **argv, const char *usage, LookupFn get, int what) {
    const char *indexes[MAX_INDEXES];
    size_t n_idx = 0;
    int as_json = 0, rc = index_json_opts(argc, argv, indexes, &n_idx, &as_json, usage);
    if (rc >= 0) return rc;
    if (optind != argc - 1) {
        fprintf(stderr, "%s", usage);
        return 2;
    }
    RsSearcher *s;
    if (open_searcher(indexes, n_idx, &s)) return 1;
    RsError err = {0};
    json_t *res = NULL;
    if (get(s, argv[optind], &res, &err) != RS_OK) {
        fprintf(stderr, "refsog: %s\n", err.msg);
        rc = err.code == RS_ERR_QUERY ? 2 : 1;
    } else {
        rc = emit(res, as_json, what);
        json_decref(res);
    }
    rs_searcher_close(s);
    return rc;
}

int rs_cmd_case(int argc, char **argv) {
    static const char usage[] = "usage: refsog case [--index DIR]... [--json] CASENO\n"
                                "The history of one case across meetings, in date order.\n";
    return lookup(argc, argv, usage, rs_case_history, 1);
}

int rs_cmd_meeting(int argc, char **argv) {
    static const char usage[] = "usage: refsog meeting [--index DIR]... [--json] MEETING\n"
                                "A whole meeting: its data and all its items in agenda order (closed\n"
                                "items by title). MEETING is a hit's \"meeting\" (its source file, or\n"
                                "FILE#m2 for a file's second meeting), as `refsog search --json` shows.\n";
    return lookup(argc, argv, usage, rs_meeting_get, 2);
}

int rs_cmd_stats(int argc, char **argv) {
    const char *indexes[MAX_INDEXES];
    size_t n_idx = 0;
    int as_json = 0, rc = index_json_opts(argc, argv, indexes, &n_idx, &as_json,
                                          "usage: refsog stats [--index DIR]... [--json]\n");
    if (rc >= 0) return rc;
    RsSearcher *s;
    if (open_searcher(indexes, n_idx, &s)) return 1;
    RsError err = {0};
    json_t *res = NULL;
    rc = 0;
    if (rs_index_stats(s, &res, &err) != RS_OK) {
        fprintf(stderr, "refsog: %s\n", err.msg);
        rc = 1;
    } else {
        char *out = json_dumps(res, as_json ? JSON_COMPACT : JSON_INDENT(2));
        if (out) puts(out);
        free(out);
        json_decref(res);
    }
    rs_searcher_close(s);
    return rc;
}
