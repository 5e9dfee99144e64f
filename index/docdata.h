/* docdata.h — the stored data of an item document: what a hit shows, the rest, then the text.
 *
 * The plain layout (schema 2): <hit JSON> NUL <detail JSON> NUL <text bytes>. The hit JSON is the
 * small object a result list shows (id, title, date, ...); the detail JSON holds the rest
 * (sections, decisions, attachments, ...); the text is the item's text as it is, with no JSON
 * escaping. A result list parses only the hit JSON, snippets read only the text. The JSON parts
 * never contain a NUL byte (json_dumps escapes U+0000).
 *
 * Stored (schema 8): the byte RS_DOCDATA_ZSTD_V2, then one zstd frame of the plain layout (its
 * content size and a checksum in the frame, no dictionary id) compressed with the preset
 * dictionary of docdict.h (the 5,000 generated items: 43 % smaller than zstd makes them
 * alone); the plain layout itself when that is not smaller. Schema 7 wrote the byte
 * RS_DOCDATA_DEFLATE_V1, the plain layout's length (4 bytes, little-endian), then raw deflate
 * with the dictionary's content: still read. Plain data never starts with either byte (a JSON
 * object does not). */
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

/* The first byte of compressed stored data (a plain layout starts with '{'): schema 7's deflate,
 * schema 8's zstd. */
#define RS_DOCDATA_DEFLATE_V1 0x01
#define RS_DOCDATA_ZSTD_V2 0x02

/* Append the three parts to *out as stored (above), zstd-compressed. Safe to call from several
 * threads (each has its own context, freed when it ends). Fails only with RS_ERR_NOMEM. */
RsStatus rs_docdata_pack(RsBuf *out, const RsDocData *parts, RsError *err);

/* The parts of stored data: of plain data pointing into `data`, of compressed data into
 * `scratch` (the caller's, reused and freed by it), inflated only as far as the first `parts`
 * parts need (1: the hit; 2: and the detail; 3: all; the rest of *p may then be cut short).
 * RS_ERR_DATABASE for damaged compressed data (all of it read: its checksum too), RS_ERR_NOMEM. */
RsStatus rs_docdata_open(const char *data, size_t len, int parts, RsBuf *scratch, RsDocData *p,
                         RsError *err);

/* Split the plain layout into its parts, pointing into `data` (nothing is copied or allocated).
 * Missing separators (damaged data) leave the later parts empty. This function can't fail. */
void rs_docdata_split(const char *data, size_t len, RsDocData *parts);

#ifdef __cplusplus
}
#endif
#endif
