/* args.h — the command line of the query commands: options anywhere, `--` ends them, and an
 * option is never taken as a query word (nor a query word as an option, silently).
 *
 * getopt stops at the first query word ("+") or permutes and then reads a query's "-word"
 * (an exclusion) as options; neither is what a user of `refsog search misbrug --limit 1` or
 * `refsog search misbrug -opiater` means. Rules here:
 *   --name VALUE, --name=VALUE, -x VALUE: a known option, anywhere on the line;
 *   --: everything after it is a word, even if it starts with '-';
 *   --unknown: an error naming it;
 *   -word (not a known short option): with `dash_words`, a word when a word came before it (an
 *   exclusion inside the query), else an error that explains `--`; without, an error.
 */
#ifndef RS_ARGS_H
#define RS_ARGS_H

#include <stddef.h>

typedef struct RsArgOpt {
    const char *name; /* long name, without "--" */
    int key;          /* short letter ('i' for -i), or a value > 255 for a long-only option */
    int has_value;    /* 1: takes a value */
} RsArgOpt;

/* Called once per option in order; `value` is NULL for an option without one. Returns -1 to go
 * on, or the exit status to stop with (after printing why). */
typedef int (*RsArgFn)(void *ctx, int key, const char *value);

/* Parse argv[1..argc) of command `cmd` with the `n_opts` options: each option to fn, each word
 * into *words (a malloc'd array of pointers into argv, caller frees; *n_words its length).
 * Returns -1 to go on, or the exit status (2 after a message on stderr naming the problem; the
 * status fn returned). Nothing is allocated when it returns >= 0. */
int rs_args_parse(const char *cmd, int argc, char **argv, const RsArgOpt *opts, size_t n_opts,
                  int dash_words, RsArgFn fn, void *ctx, char ***words, size_t *n_words);

/* A whole number in [lo, hi] from `s` into *out: 0, or 2 after printing "refsog: <problem>". */
int rs_args_number(const char *s, long long lo, long long hi, const char *problem, long long *out);

#endif
