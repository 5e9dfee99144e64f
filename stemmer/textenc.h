/* textenc.h — the bytes of a text file as UTF-8 in NFC: legacy 8-bit encodings (Windows-1252 from
 * older ESDH exports) and UTF-16/32 with a BOM converted through ICU, UTF-8 normalised to NFC.
 *
 * The parser compares bytes, so its vocabularies (Rådhus, Næstved, Økonomiudvalget) match only
 * text in one form: precomposed UTF-8. Every text input goes through rs_text_decode first
 * (ingest/referat.c). ICU stays in stemmer/ (this file, normalize.c, analyzer.c); the parser
 * above it works on the bytes this file gives it.
 *
 * Ownership: the decoded text is malloc'd and belongs to the caller; encoding names are
 * constants of this file (never freed).
 */
#ifndef RS_TEXTENC_H
#define RS_TEXTENC_H

#include <stddef.h>

#include "error.h"

/* Decode `len` bytes of a text file into *out (malloc'd, NUL-terminated, *out_len bytes without
 * the NUL; the caller frees it): UTF-8 NFC without a BOM.
 *   - valid UTF-8 (a BOM is dropped): normalised to NFC only; ASCII and text already in NFC are
 *     copied as they are (no ICU conversion). *encoding = NULL.
 *   - UTF-16 or UTF-32 with a BOM: converted. *encoding = "UTF-16LE", "UTF-16BE", "UTF-32LE" or
 *     "UTF-32BE".
 *   - other bytes without NUL bytes and with few control bytes: an 8-bit legacy encoding. ICU's
 *     charset detector is asked, but only a single-byte answer that is clearly better than the
 *     Western one is taken (Cyrillic, Greek, Central European, ...); every Western answer
 *     (ISO-8859-1, ISO-8859-15, Windows-1252) and every doubtful one is read as Windows-1252,
 *     a superset of Latin-1's printable range and what Danish exports are in practice.
 *     *encoding = "windows-1252" (or the other charset's name).
 * Fails with RS_ERR_INPUT for a binary file: NUL bytes ("not UTF-8 text (NUL byte at byte N); is
 * it a binary file?") or, when the bytes are not UTF-8, too many control bytes; RS_ERR_NOMEM;
 * RS_ERR_INTERNAL when ICU fails. Messages do not name the file (the caller prefixes them). */
RsStatus rs_text_decode(const char *data, size_t len, char **out, size_t *out_len,
                        const char **encoding, RsError *err);

/* The name of an encoding as people write it, for messages ("Windows-1252" for
 * "windows-1252"); the name itself when this file does not know it; NULL for NULL. Can't fail. */
const char *rs_text_encoding_title(const char *encoding);

#endif
