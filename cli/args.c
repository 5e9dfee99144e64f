/* args.c — command-line options anywhere on the line, `--` ending them (rules in args.h). */
#include "args.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const RsArgOpt *find_long(const RsArgOpt *o, size_t n, const char *name, size_t len) {
    for (size_t i = 0; i < n; i++)
        if (strlen(o[i].name) == len && !strncmp(o[i].name, name, len)) return &o[i];
    return NULL;
}

static const RsArgOpt *find_short(const RsArgOpt *o, size_t n, const char *arg) {
    if (arg[0] != '-' || !arg[1] || arg[2]) return NULL; /* exactly "-x" */
    for (size_t i = 0; i < n; i++)
        if (o[i].key == (unsigned char)arg[1]) return &o[i];
    return NULL;
}

int rs_args_parse(const char *cmd, int argc, char **argv, const RsArgOpt *opts, size_t n_opts,
                  int dash_words, RsArgFn fn, void *ctx, char ***words, size_t *n_words) {
    char **w = calloc(argc > 0 ? (size_t)argc : 1, sizeof *w);
    size_t nw = 0;
    int rc = -1, rest = 0;
    if (!w) {
        fprintf(stderr, "refsog: out of memory\n");
        return 1;
    }
    for (int i = 1; i < argc && rc < 0; i++) {
        const char *a = argv[i];
        if (rest || a[0] != '-' || !a[1]) { /* a word ("-" alone is one too) */
            w[nw++] = argv[i];
            continue;
        }
        if (!strcmp(a, "--")) {
            rest = 1;
            continue;
        }
        const RsArgOpt *o = NULL;
        const char *value = NULL;
        if (a[1] == '-') {
            const char *eq = strchr(a + 2, '=');
            size_t len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
            o = find_long(opts, n_opts, a + 2, len);
            if (!o) {
                fprintf(stderr, "refsog: %s: unknown option '%.*s' (refsog %s --help lists them)\n", cmd,
                        (int)(len + 2), a, cmd);
                rc = 2;
                break;
            }
            if (eq && !o->has_value) {
                fprintf(stderr, "refsog: %s: option '--%s' takes no value\n", cmd, o->name);
                rc = 2;
                break;
            }
            value = eq ? eq + 1 : NULL;
        } else if (!(o = find_short(opts, n_opts, a))) {
            if (dash_words && nw) { /* "misbrug -opiater": an exclusion inside the query */
                w[nw++] = argv[i];
                continue;
            }
            fprintf(stderr,
                    "refsog: %s: '%s' is not an option. A query that starts with '-' (an exclusion) "
                    "goes after '--': refsog %s [OPTIONS] -- %s ...\n",
                    cmd, a, cmd, a);
            rc = 2;
            break;
        }
        if (o->has_value && !value) {
            if (i + 1 >= argc) {
                fprintf(stderr, "refsog: %s: option '--%s' needs a value\n", cmd, o->name);
                rc = 2;
                break;
            }
            value = argv[++i];
        }
        rc = fn(ctx, o->key, o->has_value ? value : NULL);
    }
    if (rc >= 0) {
        free(w);
        return rc;
    }
    *words = w;
    *n_words = nw;
    return -1;
}

int rs_args_number(const char *s, long long lo, long long hi, const char *problem, long long *out) {
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (end == s || *end || errno || v < lo || v > hi) {
        fprintf(stderr, "refsog: %s\n", problem);
        return 2;
    }
    *out = v;
    return 0;
}
