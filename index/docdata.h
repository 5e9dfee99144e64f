/* docdata.h — the stored data of an item document: what a hit shows, the rest, then the text.
 *
 * Layout (schema 2): <hit JSON> NUL <detail JSON> NUL <text bytes>. The hit JSON is the small
 * object a result list shows (id, title, date, ...); the detail JSON holds the rest (sections,
 * decisions, attachments, ...); the text is the item's text as it is, with no JSON escaping.
 * A result list parses only the hit JSON, snippets read only the text. The JSON parts never
 * contain a NUL byte (json_dumps escapes U+0000). */
#ifndef RS_DOCDATA_H
#define RS_DOCDATA_H

#include <stddef.h>

#include "buf.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The three parts of stored data; each points into the data it was split from. */
typedef struct RsDocData {
    const char *hit, *detail, *text;
    size_t hit_len, detail_len, text_len;
} RsDocData;

/* Append the three parts to *out in the layout above. Fails only with RS_ERR_NOMEM. */
RsStatus rs_docdata_pack(RsBuf *out, const RsDocData *parts, RsError *err);

/* Split stored data into its parts, pointing into `data` (nothing is copied or allocated).
 * Missing separators (damaged data) leave the later parts empty. This function can't fail. */
void rs_docdata_split(const char *data, size_t len, RsDocData *parts);

#ifdef __cplusplus
}
#endif
#endif
