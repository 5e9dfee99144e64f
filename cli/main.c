/* main.c — the refsog command: dispatches to the subcommands in cli/cmd_*.c. */
#include <stdio.h>
#include <string.h>

#include "analyzer.h"
#include "commands.h"
#include "source.h"

#define RS_VERSION "0.1.0"

typedef struct {
    const char *name;
    RsCommandFn fn;
    const char *summary;
} RsCommand;

static int cmd_version(int argc, char **argv) {
    (void)argc;
    (void)argv;
    printf("refsog %s (minutes parser %d)\n", RS_VERSION, RS_PARSER_VERSION);
    /* the Danish data this binary finds: a binary copied away from them analyses with less */
    RsAnalyzer *a;
    RsError err;
    if (rs_analyzer_open(NULL, &a, &err) != RS_OK) {
        printf("Danish data: %s\n", err.msg);
        return 1;
    }
    RsAnalyzerData d = rs_analyzer_data(a);
    printf("Danish data: %s (%zu words for compounds, %zu lemma forms)\n",
           d.image ? d.image : "text files, no lexicon image", d.lexicon_words, d.lemma_forms);
    rs_analyzer_close(a);
    return 0;
}

/* One line per command; keep in the order shown by `refsog help`. */
static const RsCommand commands[] = {
    /* {"name", rs_cmd_name, "summary"}, added by each command's author */
    {"analyze", rs_cmd_analyze, "show the token stream of a text (as indexed or as a query)"},
    {"parse", rs_cmd_parse, "parse a minutes file (.txt/.pdf/.html) into meeting, items, decisions"},
    {"index", rs_cmd_index, "index minutes files and directories"},
    {"delete", rs_cmd_delete, "remove items by source file, case number or item id"},
    {"compact", rs_cmd_compact, "merge the shards of an index into one compacted index"},
    {"search", rs_cmd_search, "search agenda items (query language: docs/query-language.md)"},
    {"case", rs_cmd_case, "the history of one case across meetings"},
    {"meeting", rs_cmd_meeting, "a whole meeting: its data and all its items"},
    {"stats", rs_cmd_stats, "what an index holds"},
    {"serve", rs_cmd_serve, "serve the search page and the JSON API"},
    {"version", cmd_version, "print the version"},
};

static void usage(FILE *out) {
    fprintf(out, "usage: refsog <command> [options]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(out, "  %-9s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "  %-9s %s\n", "help", "this text");
    fprintf(out, "\n`refsog <command> --help` describes a command's options.\n");
}

int main(int argc, char **argv) {
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "help") || !strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
        usage(stdout);
        return 0;
    }
    if (!strcmp(cmd, "--version")) return cmd_version(argc - 1, argv + 1);
    if (!strcmp(cmd, "pdf-text")) return rs_cmd_pdf_text(argc - 1, argv + 1); /* not listed */
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (!strcmp(cmd, commands[i].name)) return commands[i].fn(argc - 1, argv + 1);
    fprintf(stderr, "refsog: unknown command '%s'\n\n", cmd);
    usage(stderr);
    return 2;
}
