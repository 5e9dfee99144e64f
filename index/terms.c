/* terms.c — prefixed terms and metadata keys, cut and hashed to fit Xapian's term limit. */
#include "terms.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analyzer.h"
#include "committee.h"
#include "hash.h"
#include "schema.h"

#define XAPIAN_TERM_MAX 245
#define HASH_HEX 16

/* The largest n <= max such that v[0..n) does not end inside a UTF-8 character. */
static size_t utf8_cut(const char *v, size_t max) {
    size_t n = max;
    while (n > 0 && ((unsigned char)v[n] & 0xC0) == 0x80) n--;
    return n;
}

RsStatus rs_term_make(RsBuf *out, const char *prefix, const char *v, size_t len, RsError *err) {
    size_t pl = strlen(prefix);
    rs_buf_reset(out);
    RsStatus rc = rs_buf_append(out, prefix, pl);
    if (rc == RS_OK && pl + len <= RS_TERM_MAX) {
        rc = rs_buf_append(out, v, len);
    } else if (rc == RS_OK) {
        size_t fixed = pl + (sizeof RS_TERM_MARK - 1) + HASH_HEX;
        size_t room = fixed < RS_TERM_MAX ? RS_TERM_MAX - fixed : 0;
        char hex[HASH_HEX + 1];
        snprintf(hex, sizeof hex, "%016llx", (unsigned long long)rs_fnv1a64(v, len));
        rc = rs_buf_append(out, v, utf8_cut(v, room < len ? room : len));
        if (rc == RS_OK) rc = rs_buf_puts(out, RS_TERM_MARK);
        if (rc == RS_OK) rc = rs_buf_append(out, hex, HASH_HEX);
    }
    return rc == RS_OK ? RS_OK : rs_error_set(err, RS_ERR_NOMEM, "out of memory");
}

RsStatus rs_term_makes(RsBuf *out, const char *prefix, const char *v, RsError *err) {
    return rs_term_make(out, prefix, v, strlen(v), err);
}

RsStatus rs_term_pair(RsBuf *out, const char *a, size_t alen, const char *b, size_t blen, RsError *err) {
    char v[2 * RS_TERM_MAX + 2];
    if (alen > RS_TERM_MAX) alen = utf8_cut(a, RS_TERM_MAX); /* rs_term_make bounds the whole */
    if (blen > RS_TERM_MAX) blen = utf8_cut(b, RS_TERM_MAX);
    memcpy(v, a, alen);
    v[alen] = ' ';
    memcpy(v + alen + 1, b, blen);
    return rs_term_make(out, RS_PREFIX_PAIR, v, alen + 1 + blen, err);
}

int rs_term_storable(size_t len) { return len > 0 && len <= XAPIAN_TERM_MAX; }

RsStatus rs_term_udvalg_kommune(RsBuf *out, const char *municipality, const char *committee, RsError *err) {
    char mk[256];
    size_t ml = rs_fold_key(municipality, strlen(municipality), mk, sizeof mk);
    char *ck = rs_committee_key(committee);
    RsBuf v = {0};
    RsStatus rc = ck ? rs_buf_append(&v, mk, ml) : RS_ERR_NOMEM;
    if (rc == RS_OK) rc = rs_buf_putc(&v, '|');
    if (rc == RS_OK) rc = rs_buf_puts(&v, ck);
    free(ck);
    if (rc == RS_OK) rc = rs_term_make(out, RS_PREFIX_UDVALG_KOMMUNE, v.data, v.len, err);
    else rc = rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    rs_buf_free(&v);
    return rc;
}
