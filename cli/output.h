/* output.h — what the query commands (search, case, meeting, stats) share: their options, the
 * searcher they open, terminal colours, and printing JSON through the engine's presenter. */
#ifndef RS_OUTPUT_H
#define RS_OUTPUT_H

#include <jansson.h>
#include <stddef.h>

#include "args.h"
#include "search.h"

#define RS_CLI_MAX_INDEXES 64

/* Terminal colours, only when stdout is a terminal (and not NO_COLOR); else empty strings. */
typedef struct RsColours {
    const char *bold, *dim, *mark, *off;
} RsColours;

RsColours rs_cli_colours(void);

/* What a query command was asked: its indexes, the output form, the search request. */
typedef struct RsQueryOpts {
    const char *indexes[RS_CLI_MAX_INDEXES];
    size_t n_idx;
    int as_json, help;
    RsSearchRequest req;
} RsQueryOpts;

/* The option callback of the query commands (rs_args_parse): --index, --json, --help, --limit,
 * --offset, --sort, --seconds into the RsQueryOpts ctx. */
int rs_cli_query_opt(void *ctx, int key, const char *value);

#define RS_OPT_SECONDS 256 /* long-only options' keys */
#define RS_OPT_NO_CORRECTION 257
#define RS_OPT_NO_NEAR 258
#define RS_OPT_FACET_CAP 259

/* `refsog search` counts facets over at least this many matches (--facet-cap): past them the
 * total is an estimate and the counts lower bounds, said as such. A one-shot search has no facet
 * columns; at 1M items a word in most items costs ~0.3–0.9 s to count exactly. */
#define RS_CLI_FACET_CAP 200000

/* Parse [--index DIR]... [--json] [--help] and `n_keys` words of a lookup command (case,
 * meeting, stats); *key the first word. -1 to go on, else the exit status (usage printed). */
int rs_cli_lookup_opts(const char *cmd, int argc, char **argv, RsQueryOpts *o, const char *usage,
                       size_t n_keys, char **key);

/* Open o's indexes (./refsog-index when none) as one searcher; 0, or 1 after the message. */
int rs_cli_open(RsQueryOpts *o, RsSearcher **s);

/* Print j (taken: json_decref'd) as one compact line with reals rounded; 0, or 1 when out of
 * memory. */
int rs_cli_print_json(json_t *j);

/* The exit status of a failed engine call, after printing its message: 2 for a malformed query
 * or usage, 1 otherwise. */
int rs_cli_fail(const RsError *err);

/* The same for a failed search of `query` (NULL: none): a query, parameter, time or lookup error
 * is said in the Danish of the page (engine/errors_da.h), with a caret under the character of
 * the query it is at, then the engine's English message in parentheses; other errors (the
 * index, files, memory) in the engine's words. */
int rs_cli_fail_query(const RsError *err, const char *query);

#endif
