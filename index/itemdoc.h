/* itemdoc.h — one agenda item of a parsed meeting as one Xapian document (index/schema.h).
 *
 * The indexer builds every document of a file with this before it writes any of them, so a
 * file that cannot be stored is skipped whole and leaves the rest of its batch intact.
 */
#ifndef RS_ITEMDOC_H
#define RS_ITEMDOC_H

#include <stddef.h>

#include "analyzer.h"
#include "error.h"
#include "referat.h"
#include "xapian_shim.h"

/* What one document is made of: the item and its meeting, and where it comes from. */
typedef struct RsItemDocInput {
    const RsMeeting *meeting;
    const RsItem *item;
    const char *source;       /* the path as given to `refsog index` */
    const char *item_key;     /* the item's part of its id, unique within the file */
    const char *municipality; /* display name */
    const char *meeting_id;   /* the meeting's id: the source, or "<source>#m2" */
    size_t ordinal;           /* the item's place in the file (the meeting view's order) */
    const char *meeting_key;  /* 16 hex digits of municipality, committee and date, or NULL */
    int xapian_positions;     /* the exact forms' positions into Xapian's position table (what
                                 xapian-tcpsrv's phrases read), not the stored data (schema 9) */
} RsItemDocInput;

/* Build the document of `in` into *out (the caller frees it with rsx_doc_free): its terms
 * (all bounded by index/terms.h), values and stored data. Fails with RS_ERR_NOMEM, or with
 * RS_ERR_INPUT when a term cannot be stored (the message names it): the file's problem. */
RsStatus rs_itemdoc_build(RsAnalyzer *an, const RsItemDocInput *in, RsxDoc **out, RsError *err);

#endif
