/* posblob.h — an item's word positions, kept with its stored data instead of in Xapian's
 * position table (schema 9): what a phrase query checks.
 *
 * Xapian's position table keeps one B-tree entry per word per item (the word, the docid, a
 * header, then the positions): for the ~110 distinct words of an agenda item that is 1.5× the
 * text. The item keeps them itself in one block of its stored data (docdata.h): each distinct
 * exact form as a 24-bit hash of it, then its positions. The hash stands in for the word only
 * because the item's words are known when it is written: the writer picks the hash (its width and
 * seed) under which no two of them collide, and spells the words out when none does. A phrase
 * query (xapian_phrase.cc) asks an item only for words every one of which the item has (the
 * phrase's AND comes first), so a word's hash finds that word's positions and nothing else.
 *
 * Layout: one byte mode (RS_POSBLOB_HASH24, RS_POSBLOB_HASH32, RS_POSBLOB_SPELLED), one byte
 * seed, varint number of words n; the n keys in ascending order (3 or 4 bytes big-endian of
 * rs_posblob_hash, or a varint length and the word's bytes); n varints, the byte length of each
 * word's positions; then each word's positions in the keys' order: the first, then the gaps to the
 * next ones (varints: 7 bits a byte, low bits first; positions strictly ascend within a word). A
 * hashed key is found by halving, its positions by adding up the lengths before them.
 */
#ifndef RS_POSBLOB_H
#define RS_POSBLOB_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

#define RS_POSBLOB_SPELLED 0
#define RS_POSBLOB_HASH24 3
#define RS_POSBLOB_HASH32 4

/* The writer's side: collects (word, position) pairs of one item. */
typedef struct RsPosBlob RsPosBlob;

/* A new, empty collector (NULL on out of memory). The caller frees it with rs_posblob_free. */
RsPosBlob *rs_posblob_new(void);
void rs_posblob_free(RsPosBlob *pb); /* NULL is a no-op */

/* Record that `word` (len bytes, not empty) is at position `pos`. RS_ERR_NOMEM. */
RsStatus rs_posblob_add(RsPosBlob *pb, const char *word, size_t len, uint32_t pos, RsError *err);

/* Whether anything was added since the last encode. This function can't fail. */
int rs_posblob_empty(const RsPosBlob *pb);

/* Append the encoded block of everything added to *out (layout above) and empty the collector
 * for the next item. RS_ERR_NOMEM. */
RsStatus rs_posblob_encode(RsPosBlob *pb, RsBuf *out, RsError *err);

/* The same with keys no wider than `widest` (RS_POSBLOB_HASH24, RS_POSBLOB_HASH32, or
 * RS_POSBLOB_SPELLED: the words spelled out): rs_posblob_encode is RS_POSBLOB_HASH32; the others
 * are for tests. */
RsStatus rs_posblob_encode_as(RsPosBlob *pb, RsBuf *out, int widest, RsError *err);

/* The item's word pairs, as a Bloom filter appended to *out: for each word at a position and each
 * word at the next one, two bits (rs_posblob_pair_maybe). About four bits a pair, at least 8 and
 * at most 1,024 bytes. What a phrase checks before reading the block: most items having a
 * phrase's words do not have them next to each other, and the filter is a tenth of the block.
 * Call before rs_posblob_encode (which empties the collector). RS_ERR_NOMEM. */
RsStatus rs_posblob_pairs(const RsPosBlob *pb, RsBuf *out, RsError *err);

/* Whether the filter (as rs_posblob_pairs made it) may have word a right before word b, given
 * their rs_posblob_hash under seed 0: 0 means certainly not. An empty filter (none written)
 * says 1. This function can't fail. */
int rs_posblob_pair_maybe(const char *filter, size_t len, uint32_t ha, uint32_t hb);

/* The hash of a word under a seed, as keys are made of it (the low 24 bits for
 * RS_POSBLOB_HASH24). This function can't fail. */
uint32_t rs_posblob_hash(const char *word, size_t len, unsigned seed);

/* The reader's side. The positions of `word` in an encoded block, ascending, into *pos (grown
 * with realloc as needed: *pos and *cap are the caller's, freed by it), their number in *n.
 * Returns 1 when a key of the block is the word's (0 positions is then impossible), 0 when none
 * is, -1 when the block is damaged (*n is then 0). A hashed key stands for the one word of the
 * item that has it: ask only for words the item has. */
int rs_posblob_find(const char *blob, size_t len, const char *word, size_t wlen, uint32_t **pos,
                    size_t *n, size_t *cap);

/* Whether positions taken one from each list, in list order, strictly ascend and span fewer than
 * `window` positions (last − first < window): Xapian's OP_PHRASE. `window` below n is taken as n
 * (the words next to each other). This function can't fail. */
int rs_phrase_in(const uint32_t *const *lists, const size_t *lens, size_t n, unsigned window);

#ifdef __cplusplus
}
#endif
#endif
