/* docdict.h — the preset dictionary the stored item data is deflated with (docdata.c).
 *
 * Generated (scripts/make-docdict.py → docdict.c) from the sample minutes' commonest words and
 * the skeleton of a record's JSON; fixed: it is part of the stored format. */
#ifndef RS_DOCDICT_H
#define RS_DOCDICT_H

#include <stddef.h>

extern const unsigned char rs_docdict[]; /* rs_docdict_len bytes (at most 32 KiB) */
extern const size_t rs_docdict_len;

#endif
