/* cmd_search.c — `refsog search` and `refsog case`: run a query and print hits (text or JSON). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "buf.h"
#include "commands.h"
#include "search.h"

#define DEFAULT_INDEX "refsog-index"
#define MAX_INDEXES 64
#define RS_STR_(x) #x
#define RS_STR(x) RS_STR_(x)

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

/* The marks around a matched word in plain output (no terminal): ⟦…⟧, which minutes never hold;
 * a literal ⟦ or ⟧ in the text is printed as [ or ], so a mark is always a match. */
#define MARK_OPEN "\xe2\x9f\xa6"
#define MARK_CLOSE "\xe2\x9f\xa7"

/* Print a snippet, turning <mark>…</mark> into colour (or ⟦…⟧ without a terminal) and decoding
 * the few entities the engine escapes. */
static void print_snippet(const char *s, const Colours *c) {
    while (*s) {
        if (!strncmp(s, "<mark>", 6)) { fputs(*c->mark ? c->mark : MARK_OPEN, stdout); s += 6; }
        else if (!strncmp(s, "</mark>", 7)) { fputs(*c->off ? c->off : MARK_CLOSE, stdout); s += 7; }
        else if (!*c->mark && !strncmp(s, MARK_OPEN, 3)) { putchar('['); s += 3; }
        else if (!*c->mark && !strncmp(s, MARK_CLOSE, 3)) { putchar(']'); s += 3; }
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
    size_t wi;
    json_t *w;
    json_array_foreach(json_object_get(res, "warnings"), wi, w) printf("Bemærk: %s\n", json_string_value(w));
    if (spelling) printf("Mente du: %s%s%s\n", c->bold, spelling, c->off);
    if (fallback)
        printf("%sIngen punkter matchede alle ord; viser punkter med mindst ét af dem.%s\n",
               c->dim, c->off);
    printf("%lld %s fundet\n\n", total, total == 1 ? "punkt" : "punkter");
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
    size_t n = json_array_size(items);
    printf("Sag %s%s%s: %zu %s\n\n", c->bold, jstr(res, "case"), c->off, n, n == 1 ? "behandling" : "behandlinger");
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
        char *s = json_dumps(res, JSON_COMPACT | JSON_REAL_PRECISION(10));
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
            "                     [--offset N] [--sort relevance|date|-date] [--seconds S]\n"
            "                     [--] QUERY...\n"
            "\n"
            "Search agenda items. The query language (docs/query-language.md): words\n"
            "(all must match), \"phrases\", case numbers (23/15645), OR, -exclusion, ( ),\n"
            "prefix*, titel:/beslutning:..., kommune:/udvalg:/type:/udfald:/kle:/sag:,\n"
            "dato:2023, dato:2020-01-01..2021-06-30. Exit 2 on a malformed query.\n"
            "Options may come anywhere on the line; a query that starts with '-' (an\n"
            "exclusion) goes after '--': refsog search -- -kommune:Esbjerg misbrug.\n"
            "--limit N: hits per page, 1 to %d (default 10); --offset N: 0 to %d.\n"
            "--seconds S: give up after S seconds (\"søgningen tog for lang tid\", exit 1).\n",
            RS_SEARCH_MAX_LIMIT, RS_SEARCH_MAX_OFFSET);
}

#define OPT_SECONDS 256 /* a long-only option */

/* What the query commands were asked: the indexes, the output form, the search request. */
typedef struct {
    const char *indexes[MAX_INDEXES];
    size_t n_idx;
    int as_json, help;
    RsSearchRequest req;
} Opts;

static int on_opt(void *ctx, int key, const char *v) {
    Opts *o = ctx;
    long long n;
    switch (key) {
    case 'i':
        if (o->n_idx == MAX_INDEXES) {
            fprintf(stderr, "refsog: at most %d --index\n", MAX_INDEXES);
            return 2;
        }
        o->indexes[o->n_idx++] = v;
        return -1;
    case 'j': o->as_json = 1; return -1;
    case 'h': o->help = 1; return -1;
    case 'n':
        if (rs_args_number(v, 1, RS_SEARCH_MAX_LIMIT, "--limit takes a number from 1 to " RS_STR(RS_SEARCH_MAX_LIMIT), &n))
            return 2;
        o->req.limit = (size_t)n;
        return -1;
    case 'o':
        if (rs_args_number(v, 0, RS_SEARCH_MAX_OFFSET, "--offset takes a number from 0 to " RS_STR(RS_SEARCH_MAX_OFFSET), &n))
            return 2;
        o->req.offset = (size_t)n;
        return -1;
    case 's':
        if (!strcmp(v, "relevance")) o->req.sort = RS_SORT_RELEVANCE;
        else if (!strcmp(v, "-date")) o->req.sort = RS_SORT_DATE_DESC;
        else if (!strcmp(v, "date")) o->req.sort = RS_SORT_DATE_ASC;
        else {
            fprintf(stderr, "refsog: --sort takes relevance, date or -date\n");
            return 2;
        }
        return -1;
    case OPT_SECONDS: {
        char *end;
        o->req.time_budget = strtod(v, &end);
        if (*end || !(o->req.time_budget > 0)) {
            fprintf(stderr, "refsog: --seconds takes a number of seconds (e.g. 5 or 0.5)\n");
            return 2;
        }
        return -1;
    }
    default: return 2;
    }
}

static const RsArgOpt search_opts[] = {
    {"index", 'i', 1}, {"json", 'j', 0},  {"limit", 'n', 1},   {"offset", 'o', 1},
    {"sort", 's', 1},  {"help", 'h', 0},  {"seconds", OPT_SECONDS, 1}};

int rs_cmd_search(int argc, char **argv) {
    Opts o = {0};
    char **words = NULL;
    size_t n_words = 0;
    int rc = rs_args_parse("search", argc, argv, search_opts, sizeof search_opts / sizeof *search_opts, 1,
                           on_opt, &o, &words, &n_words);
    if (rc >= 0) return rc;
    if (o.help) {
        free(words);
        search_usage(stdout);
        return 0;
    }
    if (n_words == 0) {
        free(words);
        fprintf(stderr, "refsog: search: no query given\n");
        search_usage(stderr);
        return 2;
    }
    /* The query is the words joined by spaces. */
    RsBuf q = {0};
    for (size_t i = 0; i < n_words; i++) {
        if (i) rs_buf_putc(&q, ' ');
        rs_buf_puts(&q, words[i]);
    }
    free(words);
    if (!q.data) return 1;
    o.req.query = q.data;
    RsSearcher *s;
    if (open_searcher(o.indexes, o.n_idx, &s)) {
        rs_buf_free(&q);
        return 1;
    }
    RsError err = {0};
    json_t *res = NULL;
    if (rs_search(s, &o.req, &res, &err) != RS_OK) {
        fprintf(stderr, "refsog: %s\n", err.msg);
        rc = err.code == RS_ERR_QUERY || err.code == RS_ERR_USAGE ? 2 : 1;
    } else {
        rc = emit(res, o.as_json, 0);
        json_decref(res);
    }
    rs_searcher_close(s);
    rs_buf_free(&q);
    return rc;
}

/* Options shared by `case`, `meeting` and `stats`: --index (repeatable), --json, --help, then
 * `n_keys` words. Returns -1 to go on, else the exit status (help printed or bad usage). */
static int index_json_opts(const char *cmd, int argc, char **argv, Opts *o, const char *usage,
                           size_t n_keys, char **key) {
    static const RsArgOpt opts[] = {{"index", 'i', 1}, {"json", 'j', 0}, {"help", 'h', 0}};
    char **words = NULL;
    size_t n_words = 0;
    int rc = rs_args_parse(cmd, argc, argv, opts, 3, 0, on_opt, o, &words, &n_words);
    if (rc >= 0) return rc;
    if (o->help) rc = 0, printf("%s", usage);
    else if (n_words != n_keys) rc = 2, fprintf(stderr, "%s", usage);
    else if (n_keys) *key = words[0];
    free(words);
    return rc;
}

/* One lookup by key (a case number, a meeting id): parse [--index DIR]... [--json] KEY, run
 * `get`, print the result as `what` (see emit). A malformed key (RS_ERR_QUERY) exits 2. */
typedef RsStatus (*LookupFn)(RsSearcher *s, const char *key, json_t **out, RsError *err);

static int lookup(const char *cmd, int argc, char **argv, const char *usage, LookupFn get, int what) {
    Opts o = {0};
    char *key = NULL;
    int rc = index_json_opts(cmd, argc, argv, &o, usage, 1, &key);
    if (rc >= 0) return rc;
    RsSearcher *s;
    if (open_searcher(o.indexes, o.n_idx, &s)) return 1;
    RsError err = {0};
    json_t *res = NULL;
    if (get(s, key, &res, &err) != RS_OK) {
        fprintf(stderr, "refsog: %s\n", err.msg);
        rc = err.code == RS_ERR_QUERY ? 2 : 1;
    } else {
        rc = emit(res, o.as_json, what);
        json_decref(res);
    }
    rs_searcher_close(s);
    return rc;
}

int rs_cmd_case(int argc, char **argv) {
    static const char usage[] = "usage: refsog case [--index DIR]... [--json] CASENO\n"
                                "The history of one case across meetings, in date order.\n";
    return lookup("case", argc, argv, usage, rs_case_history, 1);
}

int rs_cmd_meeting(int argc, char **argv) {
    static const char usage[] = "usage: refsog meeting [--index DIR]... [--json] MEETING\n"
                                "A whole meeting: its data and all its items in agenda order (closed\n"
                                "items by title). MEETING is a hit's \"meeting\" (its source file, or\n"
                                "FILE#m2 for a file's second meeting), as `refsog search --json` shows.\n";
    return lookup("meeting", argc, argv, usage, rs_meeting_get, 2);
}

/* One facet of the stats as "Name (N): a 12, b 3, …" (at most `max` values). */
static void stats_list(json_t *arr, const char *name, size_t max, const Colours *c) {
    size_t n = json_array_size(arr), i;
    json_t *v;
    printf("%s%s%s (%zu):", c->bold, name, c->off, n);
    json_array_foreach(arr, i, v) {
        if (i == max) {
            printf(" … %zu mere", n - max);
            break;
        }
        printf("%s %s %lld", i ? "," : "", jstr(v, "value"), (long long)json_integer_value(json_object_get(v, "count")));
    }
    putchar('\n');
}

/* The stats for a person (refsog stats); --json gives them for machines. */
static void print_stats(json_t *res, const Colours *c) {
    long long items = json_integer_value(json_object_get(res, "items")),
              files = json_integer_value(json_object_get(res, "meetings"));
    printf("%sPunkter:%s %lld fra %lld %s", c->bold, c->off, items, files, files == 1 ? "fil" : "filer");
    if (*jstr(res, "date_from")) printf(", møder %s – %s", jstr(res, "date_from"), jstr(res, "date_to"));
    putchar('\n');
    stats_list(json_object_get(res, "municipalities"), "Kommuner", 12, c);
    stats_list(json_object_get(res, "committees"), "Udvalg", 12, c);
    json_t *years = json_object_get(res, "years");
    json_t *sorted = json_deep_copy(years); /* years in time order, not by count */
    size_t n = json_array_size(sorted);
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && strcmp(jstr(json_array_get(sorted, j - 1), "value"),
                                           jstr(json_array_get(sorted, j), "value")) > 0; j--) {
            json_t *a = json_incref(json_array_get(sorted, j - 1));
            json_array_set(sorted, j - 1, json_array_get(sorted, j));
            json_array_set_new(sorted, j, a);
        }
    stats_list(sorted, "År", 40, c);
    json_decref(sorted);
    size_t i;
    json_t *ix;
    json_array_foreach(json_object_get(res, "indexes"), i, ix) {
        json_t *b = json_object_get(ix, "bytes");
        printf("%sIndeks:%s %s", c->bold, c->off, jstr(ix, "path"));
        if (json_is_integer(b)) printf(" (%.1f MB)", (double)json_integer_value(b) / 1e6);
        putchar('\n');
    }
    printf("%sSkema%s %s, analysator %s\n", c->dim, c->off, jstr(res, "schema"), jstr(res, "analyzer"));
}

int rs_cmd_stats(int argc, char **argv) {
    Opts o = {0};
    int rc = index_json_opts("stats", argc, argv, &o, "usage: refsog stats [--index DIR]... [--json]\n", 0, NULL);
    if (rc >= 0) return rc;
    RsSearcher *s;
    if (open_searcher(o.indexes, o.n_idx, &s)) return 1;
    RsError err = {0};
    json_t *res = NULL;
    rc = 0;
    if (rs_index_stats(s, &res, &err) != RS_OK) {
        fprintf(stderr, "refsog: %s\n", err.msg);
        rc = 1;
    } else {
        if (o.as_json) {
            char *out = json_dumps(res, JSON_COMPACT);
            if (out) puts(out);
            free(out);
        } else {
            Colours c = colours(isatty(STDOUT_FILENO));
            print_stats(res, &c);
        }
        json_decref(res);
    }
    rs_searcher_close(s);
    return rc;
}
