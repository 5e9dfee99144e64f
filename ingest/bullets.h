/* bullets.h — an agenda printed as a list of unnumbered bullets: a portal's news page announcing
 * a meeting ("… med følgende dagsorden." then "Åbent møde", "• Godkendelse af dagsorden",
 * "• Klimapuljen 2020", …, "Lukket møde", "• Anlægsbevilling til …").
 *
 * Such a page has no numbered heading and no section, so rs_segment finds nothing; without this
 * it would be one item titled by its first sentence. Its entries are the items, without numbers
 * or bodies (the page's text stays in the items' spans: nothing is lost).
 */
#ifndef RS_INGEST_BULLETS_H
#define RS_INGEST_BULLETS_H

#include <stddef.h>

#include "error.h"
#include "lines.h"
#include "segment.h"

/* The entries of an unnumbered bullet agenda among lines [from, to) of L over text, as spans
 * (page_title set: the title is the title line's bytes from title_skip on; no number). A list is
 * three or more bullet lines close together (at most one blank line between), each reading as a
 * title (a capital first, rs_reads_as_title), introduced by an open/closed label ("Åbent møde",
 * "Lukket dagsorden": it opens or closes the entries under it) or by a line speaking of the
 * agenda ("Dagsorden:", "… med følgende dagsorden."); a later list under another such label
 * continues it. None when the lines hold a section or decision heading (minutes, not a notice),
 * or when the entries are fewer than three. *out is malloc'd (NULL when *n_out is 0). Fails only
 * with RS_ERR_NOMEM. */
RsStatus rs_bullet_spans(const char *text, const RsLines *L, size_t from, size_t to, RsItemSpan **out,
                         size_t *n_out);

#endif
