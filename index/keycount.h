/* keycount.h — an item's section keys counted while it is analysed: how often each occurs in the
 * body, and whether another section has it too (what index/itemdoc.c's body copies need).
 *
 * A key is bytes (no NUL needed). One table per item.
 */
#ifndef RS_KEYCOUNT_H
#define RS_KEYCOUNT_H

#include <stddef.h>

#include "error.h"

typedef struct RsKeyCount RsKeyCount;

/* A new, empty table (NULL on out of memory). The caller frees it with rs_keycount_free. */
RsKeyCount *rs_keycount_new(void);
void rs_keycount_free(RsKeyCount *kc); /* NULL is a no-op */

/* One occurrence of key[0..len) in the body (body != 0), or the key seen in another section
 * (body == 0). RS_ERR_NOMEM (the table is then as it was). */
RsStatus rs_keycount_add(RsKeyCount *kc, const char *key, size_t len, int body, RsError *err);

/* fn for each key the body has, with its occurrences there and whether another section has it;
 * in no particular order. Stops at fn's first nonzero return and returns it; 0 when all were
 * seen. */
int rs_keycount_each_body(const RsKeyCount *kc,
                          int (*fn)(void *ctx, const char *key, size_t len, unsigned n, int elsewhere),
                          void *ctx);

#endif
