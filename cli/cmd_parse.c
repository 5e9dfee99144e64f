/* cmd_parse.c — `refsog parse`: show the structure the parser finds in a minutes file. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "referat.h"

static void usage(FILE *out) {
    fprintf(out, "usage: refsog parse [--json] [--municipality NAME] [--single-item] FILE...\n"
                 "Parse minutes (.txt or .pdf) into meeting, agenda items, sections and decisions.\n"
                 "With one FILE, --json prints one indented object; with several, one compact\n"
                 "object per line (JSON Lines). A file that cannot be parsed is named on stderr,\n"
                 "the others are still printed, and the exit status is 1.\n");
}

/* Parse and print one file; 0 on success, 1 after naming the failure on stderr. */
static int parse_one(const char *path, const RsParseOptions *opts, int as_json, int compact) {
    RsError err = {0};
    RsMeeting *m;
    if (rs_referat_parse_file(path, opts, &m, &err) != RS_OK) {
        fprintf(stderr, "refsog: %s\n", err.msg);
        return 1;
    }
    if (as_json) {
        json_t *j = rs_meeting_to_json(m, path);
        char *s = j ? json_dumps(j, compact ? JSON_COMPACT : JSON_INDENT(1)) : NULL;
        if (s) puts(s);
        free(s);
        json_decref(j);
    } else {
        printf("%s · %s · %s · %s%s%s\n", m->kind, m->municipality ? m->municipality : "(ukendt kommune)",
               m->committee_name ? m->committee_name : "(ukendt udvalg)", m->date[0] ? m->date : "(ukendt dato)",
               m->time[0] ? " kl. " : "", m->time);
        for (size_t i = 0; i < m->n_items; i++) {
            const RsItem *it = &m->items[i];
            printf("  Punkt %d: %s%s  [%s%s%s]\n", it->number, it->closed ? "(lukket) " : "", it->title,
                   rs_case_type_name(it->type), it->case_no ? ", sag " : "", it->case_no ? it->case_no : "");
            for (size_t d = 0; d < it->n_decisions; d++)
                printf("      beslutning %s %s: %s\n", it->decisions[d].date,
                       it->decisions[d].committee ? it->decisions[d].committee : "?",
                       rs_outcome_name(it->decisions[d].outcome));
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
                                             {"single-item", no_argument, NULL, 's'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "+jm:sh", longopts, NULL)) != -1) {
        switch (c) {
        case 'j': as_json = 1; break;
        case 'm': opts.municipality = optarg; break;
        case 's': opts.single_item = 1; break;
        case 'h': usage(stdout); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (optind >= argc) {
        usage(stderr);
        return 2;
    }
    int status = 0, many = argc - optind > 1;
    for (int i = optind; i < argc; i++)
        if (parse_one(argv[i], &opts, as_json, many) != 0) status = 1;
    return status;
}
