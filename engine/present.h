/* present.h — the JSON contract of the engine's answers (docs/api.md, docs/search.md): one
 * presenter for `refsog … --json` and the HTTP API alike.
 *
 * Each function builds a new jansson value from typed results (results.h); the caller owns it
 * (json_decref). NULL only when memory runs out.
 */
#ifndef RS_PRESENT_H
#define RS_PRESENT_H

#include <jansson.h>

#include "results.h"

/* {query, total, fallback, spelling, warnings, hits[], facets{}} */
json_t *rs_results_json(const RsResults *r);

/* {case, query, items[]} */
json_t *rs_case_json(const RsCaseHistory *h);

/* One item in full (the item view): every field of the record, with its text. */
json_t *rs_item_json(const RsItemRecord *r);

/* {meeting, source, municipality, committee, date, kind, url, time, items[]} */
json_t *rs_meeting_json(const RsMeetingView *m);

/* {items, meetings, municipalities, committees, years, date_from, date_to, indexes[], schema,
 * analyzer} */
json_t *rs_stats_json(const RsStats *s);

/* A facet list as [{value, count}]. */
json_t *rs_facet_list_json(const RsFacetList *l);

#endif
