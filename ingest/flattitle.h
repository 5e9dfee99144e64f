/* flattitle.h — items of a flattened PDF transcript whose body headings lost their numbers.
 *
 * Old PDFs shown as docplayer-style transcripts (one paragraph per page) often print each item
 * on its own page with an unnumbered heading run into the page's running header and the item's
 * fields: "2 Allerød Byråd torsdag den 27. januar ALLERØD BYRÅD Bemærkninger til dagsordenen
 * Sagsnr.: 10/23008 …", "3 Økonomiudvalget Punkt: 2 Acadre sagsnr.: 17/11524 … Sagsbehandler:
 * Christian Buch Sørensen Lions-sagen - KL-undersøgelse af bestyrelsens Baggrund …". Where the
 * heading ends is shown by what follows it (a case line, a section heading); where it starts
 * only by the contents the document printed before: the heading is the longest run of words
 * before that line which the contents hold too.
 */
#ifndef RS_INGEST_FLATTITLE_H
#define RS_INGEST_FLATTITLE_H

#include <stddef.h>

#include "error.h"
#include "lines.h"
#include "segment.h"

/* The items of lines [from, to) of a flattened text from its pages' headings, found as above:
 * one span per page with a heading (page_title set: the title is the bytes of its title line
 * from title_skip on; head the page's "Punkt: N" piece when there is one, its number in num_at,
 * num_len, number). For a flattened text where rs_segment found no item; none when there are
 * no contents before the pages. *out is malloc'd (NULL when *n_out is 0). Fails only with
 * RS_ERR_NOMEM. */
RsStatus rs_flat_spans(const char *text, const RsLines *L, size_t from, size_t to, RsItemSpan **out,
                       size_t *n_out);

#endif
