/* cmd_case.c — `refsog case`: the history of one case across meetings. */
#include <stdio.h>

#include "commands.h"
#include "output.h"
#include "present.h"

static void print_case(const RsCaseHistory *h, const RsColours *c) {
    /* the number as the minutes print it (the key is for machines) */
    const char *shown = h->n_items && h->items[0].case_no ? h->items[0].case_no : h->query;
    printf("Sag %s%s%s: %zu %s\n\n", c->bold, shown, c->off, h->n_items, h->n_items == 1 ? "behandling" : "behandlinger");
    for (size_t i = 0; i < h->n_items; i++) {
        const RsItemRecord *it = &h->items[i];
        printf("%s  %s · %s · punkt %ld: %s%s%s\n", it->date ? it->date : "", it->municipality ? it->municipality : "",
               it->committee ? it->committee : "", it->item, c->bold, it->title ? it->title : "", c->off);
        for (size_t k = 0; k < it->n_decisions; k++) {
            const RsDecisionRecord *d = &it->decisions[k];
            printf("            %s %s: %s\n", d->date ? d->date : "", d->committee ? d->committee : "",
                   d->outcome ? d->outcome : "");
        }
    }
}

int rs_cmd_case(int argc, char **argv) {
    static const char usage[] = "usage: refsog case [--index DIR]... [--json] CASENO\n"
                                "The history of one case across meetings, in date order.\n";
    RsQueryOpts o = {0};
    char *key = NULL;
    int rc = rs_cli_lookup_opts("case", argc, argv, &o, usage, 1, &key);
    if (rc >= 0) return rc;
    RsSearcher *s;
    if (rs_cli_open(&o, &s)) return 1;
    RsError err = {0};
    RsCaseHistory *h = NULL;
    if (rs_case_history(s, key, &h, &err) != RS_OK) {
        rc = rs_cli_fail(&err);
    } else if (o.as_json) {
        rc = rs_cli_print_json(rs_case_json(h));
    } else {
        RsColours c = rs_cli_colours();
        print_case(h, &c);
        rc = 0;
    }
    rs_case_history_free(h);
    rs_searcher_close(s);
    return rc;
}
