/* output.c — options, searcher, colours and JSON output of the query commands (output.h). */
#include "output.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "errors_da.h"

#define DEFAULT_INDEX "refsog-index"
#define RS_STR_(x) #x
#define RS_STR(x) RS_STR_(x)

RsColours rs_cli_colours(void) {
    if (isatty(STDOUT_FILENO) && !getenv("NO_COLOR")) return (RsColours){"\033[1m", "\033[2m", "\033[1;33m", "\033[0m"};
    return (RsColours){"", "", "", ""};
}

int rs_cli_query_opt(void *ctx, int key, const char *v) {
    RsQueryOpts *o = ctx;
    long long n;
    switch (key) {
    case 'i':
        if (o->n_idx == RS_CLI_MAX_INDEXES) {
            fprintf(stderr, "refsog: at most %d --index\n", RS_CLI_MAX_INDEXES);
            return 2;
        }
        o->indexes[o->n_idx++] = v;
        return -1;
    case 'j': o->as_json = 1; return -1;
    case 'h': o->help = 1; return -1;
    case RS_OPT_NO_CORRECTION: o->req.no_correction = 1; return -1;
    case RS_OPT_NO_NEAR: o->req.no_near = 1; return -1;
    case RS_OPT_FACET_CAP:
        if (rs_args_number(v, 0, 1000000000, "--facet-cap takes a number of matches (0 = count them all)", &n)) return 2;
        o->req.facet_cap = (size_t)n;
        return -1;
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
    case RS_OPT_SECONDS: {
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

int rs_cli_lookup_opts(const char *cmd, int argc, char **argv, RsQueryOpts *o, const char *usage,
                       size_t n_keys, char **key) {
    static const RsArgOpt opts[] = {{"index", 'i', 1}, {"json", 'j', 0}, {"help", 'h', 0}};
    char **words = NULL;
    size_t n_words = 0;
    int rc = rs_args_parse(cmd, argc, argv, opts, 3, 0, rs_cli_query_opt, o, &words, &n_words);
    if (rc >= 0) return rc;
    if (o->help) rc = 0, printf("%s", usage);
    else if (n_words != n_keys) rc = 2, fprintf(stderr, "%s", usage);
    else if (n_keys) *key = words[0];
    free(words);
    return rc;
}

int rs_cli_open(RsQueryOpts *o, RsSearcher **s) {
    RsError err = {0};
    if (o->n_idx == 0) o->indexes[o->n_idx++] = DEFAULT_INDEX;
    if (rs_searcher_open(o->indexes, o->n_idx, s, &err) != RS_OK) {
        fprintf(stderr, "refsog: %s\n", err.msg);
        return 1;
    }
    return 0;
}

int rs_cli_print_json(json_t *j) {
    char *s = j ? json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(10)) : NULL;
    json_decref(j);
    if (!s) {
        fprintf(stderr, "refsog: out of memory\n");
        return 1;
    }
    puts(s);
    free(s);
    return 0;
}

int rs_cli_fail_query(const RsError *err, const char *query) {
    RsStatus c = err->code;
    if (c != RS_ERR_QUERY && c != RS_ERR_USAGE && c != RS_ERR_TIMEOUT && c != RS_ERR_NOTFOUND && c != RS_ERR_NETWORK) {
        fprintf(stderr, "refsog: %s\n", err->msg); /* the index, a file, memory: said as it is */
        return 1;
    }
    /* the page's Danish sentence (one table: errors_da.h), the place in the query, then the
     * engine's own words for a bug report */
    RsBuf da = {0};
    long pos = -1;
    rs_error_danish(rs_error_code(c), err->msg, query, &da, &pos);
    fprintf(stderr, "refsog: %s\n", da.data ? da.data : err->msg);
    if (pos >= 0 && query) {
        fprintf(stderr, "  %s\n  %*s^ ved tegn %ld\n", query, (int)pos, "", pos + 1);
    }
    if (strcmp(err->msg, da.data ? da.data : "")) fprintf(stderr, "  (%s)\n", err->msg);
    rs_buf_free(&da);
    return c == RS_ERR_QUERY || c == RS_ERR_USAGE ? 2 : 1;
}

int rs_cli_fail(const RsError *err) { return rs_cli_fail_query(err, NULL); }
