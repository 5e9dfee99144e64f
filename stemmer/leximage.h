/* leximage.h — the lexicon image: the decompounding word list and the lemma table in one binary file made at build time (stemmer/leximagegen.c), mapped read-only and used in place. */
#ifndef RS_LEXIMAGE_H
#define RS_LEXIMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

/* The file (all integers in the writing machine's byte order, which the header records):
 *
 *   header   RsLexImageHeader, at offset 0
 *   sections each a string blob and an open-addressing slot array (8-byte aligned), the tables
 *            exactly as the text loaders build them in memory (decompound.c, lemma.c): the same
 *            hash (FNV-1a), the same number of slots and the same slot of every entry, so a probe
 *            visits the same entries in the same order and finds what the text tables find.
 *
 * The lexicon's slots are uint32: offset + 1 of a NUL-terminated word in the blob, 0 = empty,
 * at rs_fnv1a64(word) & (n_slots - 1) and probed linearly. The lemma table's slots are
 * RsLemmaSlot at rs_fnv1a32(form) & (n_slots - 1), empty when form_len is 0.
 *
 * Loading checks the header (magic, version, byte order, size, that every section lies inside
 * the file), the header's checksum and each section's data checksum; a lookup checks each slot's
 * offsets against its blob, so even an image that passes with wrong contents can make a lookup
 * answer wrongly but never read outside the mapping. Change RS_LEXIMAGE_VERSION with the layout. */
#define RS_LEXIMAGE_MAGIC "RSLEXIMG"
#define RS_LEXIMAGE_VERSION 1u
#define RS_LEXIMAGE_BYTE_ORDER 0x01020304u
#define RS_LEXIMAGE_FILE "da-lexicon.img"

enum { RS_LEXIMAGE_LEXICON = 0, RS_LEXIMAGE_LEMMAS = 1, RS_LEXIMAGE_SECTIONS = 2 };

typedef struct RsLexImageSectionHeader {
    uint64_t blob_off, blob_len;   /* the strings */
    uint64_t slots_off, n_slots;   /* the slot array; n_slots a power of two */
    uint64_t n_entries;            /* the table's size, as the fingerprint gives it */
    uint64_t checksum;             /* the table's checksum, as the fingerprint gives it */
    uint64_t data_sum;             /* rs_leximage_sum of the blob, then of the slots */
} RsLexImageSectionHeader;

typedef struct RsLexImageHeader {
    char magic[8];                 /* RS_LEXIMAGE_MAGIC, no NUL */
    uint32_t version;              /* RS_LEXIMAGE_VERSION */
    uint32_t byte_order;           /* RS_LEXIMAGE_BYTE_ORDER as the writer stored it */
    uint64_t file_size;            /* of the whole image */
    RsLexImageSectionHeader sec[RS_LEXIMAGE_SECTIONS];
    uint64_t header_sum;           /* rs_leximage_sum of the bytes before it */
} RsLexImageHeader;

/* One slot of the lemma table: form and lemma in the blob (neither NUL-terminated). */
typedef struct RsLemmaSlot {
    uint32_t form_off, lemma_off;
    uint8_t form_len, lemma_len;   /* form_len 0: an empty slot; both < 128 */
    uint8_t irregular;             /* an irregular plural: ends compounds however short */
    uint8_t pad;
} RsLemmaSlot;

/* One table in memory: a view, owned by whatever holds the memory (an image, a text loader). */
typedef struct RsLexSection {
    const char *blob;
    size_t blob_len;
    const void *slots;             /* uint32_t (lexicon) or RsLemmaSlot (lemmas) */
    size_t n_slots, n_entries;
    uint64_t checksum;
} RsLexSection;

typedef struct RsLexImage RsLexImage;

/* Map the image at `path` read-only and check it (see above). *out is the caller's
 * (rs_leximage_close). RS_ERR_IO when the file cannot be opened or mapped, RS_ERR_INPUT when it
 * is no image of this version or is damaged (truncated, a checksum differs); both messages name
 * the file. */
RsStatus rs_leximage_open(const char *path, RsLexImage **out, RsError *err);
void rs_leximage_close(RsLexImage *img); /* NULL is a no-op */

/* The image's two tables, valid until rs_leximage_close. Can't fail. */
const RsLexSection *rs_leximage_lexicon(const RsLexImage *img);
const RsLexSection *rs_leximage_lemmas(const RsLexImage *img);

/* Check `len` bytes of an image already in memory (`name` for the messages) and point the two
 * sections into them: what rs_leximage_open does after mapping. RS_ERR_INPUT as above. */
RsStatus rs_leximage_parse(const void *data, size_t len, const char *name,
                           RsLexSection *lexicon, RsLexSection *lemmas, RsError *err);

/* The checksum of the image's header and sections (not FNV-1a: 8 bytes a step, so checking the
 * whole image costs little at start-up), continued from `seed` (0 to start). Can't fail. */
uint64_t rs_leximage_sum(uint64_t seed, const void *data, size_t len);

/* The image's path: $RS_LEXICON ("" = none: the analyser reads the text files), else
 * da-lexicon.img found as the lemma table is (lemma.h): next to the running program, one folder
 * up, ../share/refsog, the system's share/refsog. NULL when there is none. Thread-safe: the path
 * is written into buf (cap bytes) unless it is the environment's. */
const char *rs_leximage_find(char *buf, size_t cap);

/* The search rs_leximage_find and rs_lemmas_default_path share: the value of the environment
 * variable `env` when set ("" → NULL), else the first readable `file` in the places listed
 * there, written into buf. NULL when none is. Can't fail. */
const char *rs_data_file_find(const char *env, const char *file, char *buf, size_t cap);

#endif
