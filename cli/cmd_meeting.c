/* cmd_meeting.c — `refsog meeting`: a whole meeting, its items in agenda order. */
#include <stdio.h>

#include "commands.h"
#include "output.h"
#include "present.h"

static void print_meeting(const RsMeetingView *m, const RsColours *c) {
    const RsItemRecord *first = m->n_items ? &m->items[0] : NULL;
    const char *kind = first && first->kind ? first->kind : "";
    printf("%s%s · %s · %s%s%s\n", c->bold, first && first->committee ? first->committee : "",
           first && first->municipality ? first->municipality : "", first && first->date ? first->date : "",
           *kind ? " · " : "", kind);
    printf("%s%s%s\n\n", c->dim, first && first->url ? first->url : (m->source ? m->source : ""), c->off);
    for (size_t i = 0; i < m->n_items; i++) {
        const RsItemRecord *it = &m->items[i];
        const char *num = it->number ? it->number : "";
        printf("  %s%s%s%s%s", *num ? "Punkt " : "", num, *num ? ": " : "", c->bold, it->title ? it->title : "");
        printf("%s%s", c->off, it->closed ? " (lukket)" : "");
        if (it->case_no) printf("  %ssag %s%s", c->dim, it->case_no, c->off);
        putchar('\n');
        for (size_t k = 0; k < it->n_decisions; k++) {
            const RsDecisionRecord *d = &it->decisions[k];
            printf("      %s %s: %s\n", d->date ? d->date : "", d->committee ? d->committee : "",
                   d->outcome ? d->outcome : "");
        }
    }
}

int rs_cmd_meeting(int argc, char **argv) {
    static const char usage[] = "usage: refsog meeting [--index DIR]... [--json] MEETING\n"
                                "A whole meeting: its data and all its items in agenda order (closed\n"
                                "items by title). MEETING is a hit's \"meeting\" (its source file, or\n"
                                "FILE#m2 for a file's second meeting), as `refsog search --json` shows;\n"
                                "the file's path may be spelled any way.\n";
    RsQueryOpts o = {0};
    char *key = NULL;
    int rc = rs_cli_lookup_opts("meeting", argc, argv, &o, usage, 1, &key);
    if (rc >= 0) return rc;
    RsSearcher *s;
    if (rs_cli_open(&o, &s)) return 1;
    RsError err = {0};
    RsMeetingView *m = NULL;
    if (rs_meeting_get(s, key, &m, &err) != RS_OK) {
        rc = rs_cli_fail(&err);
    } else if (o.as_json) {
        rc = rs_cli_print_json(rs_meeting_json(m));
    } else {
        RsColours c = rs_cli_colours();
        print_meeting(m, &c);
        rc = 0;
    }
    rs_meeting_view_free(m);
    rs_searcher_close(s);
    return rc;
}
