/* item.h — one agenda item's contents: number and title as printed, closed or not, its case
 * number (from a labelled case line, a case line before or after the heading, or the first word
 * of a flattened paragraph), the case numbers it cites and its references to other committees'
 * items, its sections, its decisions (every committee's, with date, text, outcome and votes),
 * absence notes, attachment titles, case type and KLE group.
 */
#ifndef RS_INGEST_ITEM_H
#define RS_INGEST_ITEM_H

#include "buf.h"
#include "error.h"
#include "lines.h"
#include "referat.h"
#include "segment.h"

/* Fill *it (zeroed by the caller) from span sp of lines L over m->text. The meeting's committee
 * and date (already known) are the defaults of a decision that does not name its own. A
 * closed item keeps its number, title and case only. `end` is the text offset where the item
 * ends. Fails only with RS_ERR_NOMEM (what was filled is freed by rs_meeting_free). */
RsStatus rs_item_parse(const RsMeeting *m, const RsLines *L, const RsItemSpan *sp, size_t end,
                       RsItem *it);

/* Fill *it as the whole text [start, end) of m: one item titled `title` (the first heading-like
 * line, or the file name). Fails only with RS_ERR_NOMEM. */
RsStatus rs_item_whole(const RsMeeting *m, const RsLines *L, size_t from, size_t to, size_t start,
                       size_t end, const char *fallback_title, RsItem *it);

/* Appends to t the lines from `next` (before `end`, at most `max`) that continue the title t
 * holds (rs_title_continues, joined by rs_title_append); *last is the last line taken (next - 1:
 * none). Fails only with RS_ERR_NOMEM (t then holds a part). */
RsStatus rs_title_wrapped(const char *text, const RsLines *L, size_t next, size_t end, size_t max, RsBuf *t,
                          size_t *last);

#endif
