/* titled.h — a meeting page whose items have no numbers: each item a title line over its section
 * labels (Aarhus's Magistraten: "Dialogmøde med Aarhus Vand A/S" / "Beslutning" / "Drøftet." /
 * "Sagens forløb …" / "Bilag" / "Byrådets mødeplan 2020" / "Beslutning" / …).
 *
 * rs_segment finds no numbered heading there, so without this the page is one item, titled by
 * its first title, and the other items' titles are lost in its text.
 */
#ifndef RS_INGEST_TITLED_H
#define RS_INGEST_TITLED_H

#include <stddef.h>

#include "error.h"
#include "lines.h"
#include "segment.h"

/* The items of such a page among lines [from, to) of L over text, as spans (page_title set, no
 * number; each span ends where the next begins). A title is a text line reading as one (a capital
 * first, no sentence, not ending in '.', ':' or ',', at most 150 bytes, no attachment's file name),
 * a blank line under it, then a section or decision label alone on its line; every title of the
 * page over the same label. None when there are fewer than two. *out is malloc'd (NULL when
 * *n_out is 0). Fails only with RS_ERR_NOMEM. */
RsStatus rs_titled_spans(const char *text, const RsLines *L, size_t from, size_t to, RsItemSpan **out,
                         size_t *n_out);

#endif
