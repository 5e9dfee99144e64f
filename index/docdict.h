/* docdict.h — the preset dictionary the stored item data is compressed with (docdata.c).
 *
 * The content (scripts/make-docdict.py → docdict.c) is the sample minutes' commonest words and
 * the skeleton of a record's JSON; schema 7 deflates with it. Schema 8 compresses with zstd and
 * the same content after zstd's entropy tables for it (scripts/make-docdict-zstd.sh →
 * docdict_zstd.c): the zstd dictionary is rs_docdict_zstd_head followed by rs_docdict. Both are
 * fixed: they are part of the stored format. */
#ifndef RS_DOCDICT_H
#define RS_DOCDICT_H

#include <stddef.h>

extern const unsigned char rs_docdict[]; /* rs_docdict_len bytes (at most 32 KiB) */
extern const size_t rs_docdict_len;

extern const unsigned char rs_docdict_zstd_head[]; /* rs_docdict_zstd_head_len bytes */
extern const size_t rs_docdict_zstd_head_len;

#endif
