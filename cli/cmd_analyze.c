/* cmd_analyze.c — `refsog analyze`: print the token stream of a text, as indexed or as a query. */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer.h"
#include "buf.h"
#include "commands.h"

typedef struct {
    int as_json;
    json_t *arr;
} Out;

static json_t *span_json(RsSpan s) {
    return s.s ? json_stringn_nocheck(s.s, s.len) : json_null();
}

static int on_token(void *ctx, const RsToken *t) {
    Out *o = ctx;
    if (o->as_json) {
        json_t *j = json_object();
        json_object_set_new(j, "kind", json_string(rs_token_kind_name(t->kind)));
        json_object_set_new(j, "surface", span_json(t->surface));
        json_object_set_new(j, "norm", span_json(t->norm));
        json_object_set_new(j, "stem", span_json(t->stem));
        json_object_set_new(j, "fold", span_json(t->fold));
        json_object_set_new(j, "case_key", span_json(t->case_key));
        json_t *parts = json_array();
        for (size_t i = 0; i < t->n_parts; i++) json_array_append_new(parts, span_json(t->parts[i]));
        json_object_set_new(j, "parts", parts);
        json_object_set_new(j, "position", json_integer(t->position));
        json_object_set_new(j, "start", json_integer((json_int_t)t->start));
        json_object_set_new(j, "end", json_integer((json_int_t)t->end));
        json_object_set_new(j, "stopword", json_boolean(t->flags & RS_TOKF_STOPWORD));
        json_object_set_new(j, "subtoken", json_boolean(t->flags & RS_TOKF_SUBTOKEN));
        json_array_append_new(o->arr, j);
        return 0;
    }
    /* pad the surface form to 24 characters (not bytes) */
    size_t chars = 0;
    for (size_t i = 0; i < t->surface.len; i++) chars += ((unsigned char)t->surface.s[i] & 0xC0) != 0x80;
    printf("%4u %-7s %.*s%*s norm=%.*s stem=%.*s", t->position, rs_token_kind_name(t->kind),
           (int)t->surface.len, t->surface.s, chars < 24 ? (int)(24 - chars) : 0, "",
           (int)t->norm.len, t->norm.s, (int)t->stem.len, t->stem.s);
    if (t->fold.s) printf(" fold=%.*s", (int)t->fold.len, t->fold.s);
    if (t->case_key.s) printf(" case=%.*s", (int)t->case_key.len, t->case_key.s);
    for (size_t i = 0; i < t->n_parts; i++)
        printf("%s%.*s", i ? "+" : " parts=", (int)t->parts[i].len, t->parts[i].s);
    if (t->flags & RS_TOKF_STOPWORD) printf(" stop");
    if (t->flags & RS_TOKF_SUBTOKEN) printf(" sub");
    printf(" [%zu,%zu)\n", t->start, t->end);
    return 0;
}

int rs_cmd_analyze(int argc, char **argv) {
    int query = 0, as_json = 0;
    static const struct option longopts[] = {{"query", no_argument, NULL, 'q'},
                                             {"json", no_argument, NULL, 'j'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "+qjh", longopts, NULL)) != -1) {
        switch (c) {
        case 'q': query = 1; break;
        case 'j': as_json = 1; break;
        case 'h':
            printf("usage: refsog analyze [--query] [--json] TEXT|-\n"
                   "Print the tokens the analyser makes of TEXT (or of standard input with -):\n"
                   "position, kind, surface form, normalised form, stem, Danish folding key,\n"
                   "case-number key, compound parts, byte offsets.\n");
            return 0;
        default: return 2;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "usage: refsog analyze [--query] [--json] TEXT|-\n");
        return 2;
    }
    RsBuf text = {0};
    if (!strcmp(argv[optind], "-")) {
        char chunk[65536];
        size_t n;
        while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
            if (rs_buf_append(&text, chunk, n) != RS_OK) { rs_buf_free(&text); return 1; }
    } else {
        for (int i = optind; i < argc; i++) {
            if (i > optind) rs_buf_putc(&text, ' ');
            rs_buf_puts(&text, argv[i]);
        }
    }
    RsError err = {0};
    RsAnalyzer *a;
    if (rs_analyzer_open(NULL, &a, &err) != RS_OK) {
        fprintf(stderr, "refsog: %s\n", err.msg);
        rs_buf_free(&text);
        return 1;
    }
    Out o = {as_json, as_json ? json_array() : NULL};
    int rc = 0;
    if (rs_analyze(a, query ? RS_MODE_QUERY : RS_MODE_DOCUMENT, text.data ? text.data : "",
                   text.len, 0, on_token, &o, NULL, &err) != RS_OK) {
        fprintf(stderr, "refsog: %s\n", err.msg);
        rc = 1;
    }
    if (as_json) {
        json_t *top = json_pack("{s:s, s:o}", "fingerprint", rs_analyzer_fingerprint(a), "tokens", o.arr);
        char *s = json_dumps(top, JSON_COMPACT);
        if (s) puts(s);
        free(s);
        json_decref(top);
    }
    rs_analyzer_close(a);
    rs_buf_free(&text);
    return rc;
}
