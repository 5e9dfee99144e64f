/* cmd_parse.c — `refsog parse`: show the structure the parser finds in a minutes file. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "minutes_json.h"
#include "referat.h"
#include "source.h"
#include "textenc.h"

static void usage(FILE *out) {
    fprintf(out, "usage: refsog parse [--json] [--municipality NAME] [--pdf-pages N] [--pdf-seconds N]\n"
                 "                    [--pdf-text-bytes N] FILE...\n"
                 "Parse minutes (.txt, .pdf or .html) into meeting, agenda items, sections and\n"
                 "decisions, with the file's sidecar metadata (NAME.meta.json, _meta.json) and\n"
                 "its attachments; a problem with either is named on stderr and the file is\n"
                 "still parsed. A text with no agenda structure is one item (said on stderr).\n"
                 "--municipality names the municipality when neither the text, a sidecar\n"
                 "nor a folder does.\n"
                 "With one FILE, --json prints one indented object; with several, one compact\n"
                 "object per line (JSON Lines). A file that cannot be parsed is named on stderr,\n"
                 "the others are still printed, and the exit status is 1.\n"
                 "A PDF is read by a helper process within --pdf-pages (default 2000),\n"
                 "--pdf-seconds of CPU (default 20) and --pdf-text-bytes of text (default 64 MiB);\n"
                 "over any of them it is refused with its reason.\n");
}

static void on_warn(void *ctx, const char *msg) {
    (void)ctx;
    fprintf(stderr, "refsog: warning: %s\n", msg);
}

/* Parse and print one file; 0 on success, 1 after naming the failure on stderr. */
static int parse_one(const char *path, const RsParseOptions *opts, int as_json, int compact) {
    RsError err = {0};
    RsSource *src = NULL;
    RsMeeting *m = NULL;
    if (rs_source_open(path, 0, on_warn, NULL, &src, &err) != RS_OK ||
        rs_source_parse(src, opts, on_warn, NULL, &m, &err) != RS_OK) {
        fprintf(stderr, "refsog: %s\n", err.msg);
        rs_source_close(src);
        return 1;
    }
    rs_source_close(src);
    if (m->encoding)
        fprintf(stderr, "refsog: %s: read as %s, converted to UTF-8\n", path, rs_text_encoding_title(m->encoding));
    if (!m->structured)
        fprintf(stderr, "refsog: %s: indexed as one item (no agenda structure found)\n", path);
    if (as_json) {
        json_t *j = rs_meeting_to_json(m, path);
        char *s = j ? json_dumps(j, compact ? JSON_COMPACT : JSON_INDENT(1)) : NULL;
        if (s) puts(s);
        free(s);
        json_decref(j);
    } else {
        for (const RsMeeting *x = m; x; x = x->next) {
            printf("%s · %s · %s · %s%s%s\n", x->kind, x->municipality ? x->municipality : "(ukendt kommune)",
                   x->committee_name ? x->committee_name : "(ukendt udvalg)", x->date[0] ? x->date : "(ukendt dato)",
                   x->time[0] ? " kl. " : "", x->time);
            for (size_t i = 0; i < x->n_items; i++) {
                const RsItem *it = &x->items[i];
                printf("  Punkt %s: %s%s  [%s%s%s]\n", it->number_text[0] ? it->number_text : "-",
                       it->closed ? "(lukket) " : "", it->title, rs_case_type_name(it->type),
                       it->case_no ? ", sag " : "", it->case_no ? it->case_no : "");
                for (size_t d = 0; d < it->n_decisions; d++)
                    printf("      beslutning %s %s: %s\n", it->decisions[d].date,
                           it->decisions[d].committee ? it->decisions[d].committee : "?",
                           rs_outcome_name(it->decisions[d].outcome));
            }
        }
    }
    rs_meeting_free(m);
    return 0;
}

int rs_cmd_parse(int argc, char **argv) {
    int as_json = 0;
    RsParseOptions opts = {0};
    static const struct option longopts[] = {{"json", no_argument, NULL, 'j'},
                                             {"municipality", required_argument, NULL, 'm'},
                                             {"help", no_argument, NULL, 'h'},
                                             RS_PDF_LONGOPTS,
                                             {NULL, 0, NULL, 0}};
    int c;
    RsPdfLimits pl = {0, 0, 0};
    optind = 1;
    while ((c = getopt_long(argc, argv, "+jm:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'P':
        case 'S':
        case 'T':
            if (rs_cli_pdf_option(c, optarg, &pl)) return 2;
            break;
        case 'j': as_json = 1; break;
        case 'm': opts.municipality = optarg; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (optind >= argc) {
        usage(stderr);
        return 2;
    }
    rs_pdf_set_limits(&pl);
    rs_cli_pdf_helper();
    int status = 0, many = argc - optind > 1;
    for (int i = optind; i < argc; i++)
        if (parse_one(argv[i], &opts, as_json, many) != 0) status = 1;
    return status;
}
