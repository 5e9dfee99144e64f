/* minutes_json.h — a parsed minutes file as JSON (the `refsog parse --json` format,
 * docs/minutes-format.md). Presentation only: the parser fills structs, this prints them.
 */
#ifndef RS_MINUTES_JSON_H
#define RS_MINUTES_JSON_H

#include <jansson.h>

#include "referat.h"

/* The file as JSON: the first meeting's fields at the top, "items" holding the items of every
 * meeting in the file, and "meetings" listing each meeting when there are several. `source`
 * may be NULL. A new reference (json_decref it); NULL when out of memory. */
json_t *rs_meeting_to_json(const RsMeeting *m, const char *source);

/* One item in the same format. */
json_t *rs_item_to_json(const RsMeeting *m, const RsItem *it);

#endif
