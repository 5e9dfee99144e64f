/* fuzz_index_record.c — libFuzzer target: an item's stored bytes (docdata.h, record.h) decoded. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "docdata.h"
#include "record.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *d = (const char *)data;
    RsError err;
    /* every way a reader decodes stored data: damaged data is an error, never a crash */
    static const unsigned parts[] = {RS_RECORD_HIT, RS_RECORD_HIT | RS_RECORD_DETAIL,
                                     RS_RECORD_HIT | RS_RECORD_DETAIL | RS_RECORD_TEXT};
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
        RsItemRecord r;
        if (rs_item_record_decode(d, size, parts[i], &r, &err) == RS_OK) rs_item_record_clear(&r);
        else if (err.code != RS_ERR_DATABASE && err.code != RS_ERR_NOMEM) abort();
    }
    RsBuf scratch = {0};
    /* the parts as read, packed again, read back the same */
    RsDocData p, q;
    if (rs_docdata_open(d, size, 3, &scratch, &p, &err) == RS_OK) {
        RsItemRecord r; /* decoding from the opened parts is decoding from the bytes */
        if (rs_item_record_decode_parts(&p, RS_RECORD_HIT, &r, &err) == RS_OK) rs_item_record_clear(&r);
        RsBuf packed = {0}, s2 = {0};
        if (rs_docdata_pack(&packed, &p, &err) != RS_OK) abort();
        if (rs_docdata_open(packed.data, packed.len, 3, &s2, &q, &err) != RS_OK) abort();
        /* split parts hold no NUL (the text may): they come back byte for byte */
        if (q.hit_len != p.hit_len || memcmp(q.hit, p.hit, p.hit_len) || q.detail_len != p.detail_len ||
            memcmp(q.detail, p.detail, p.detail_len) || q.text_len != p.text_len || memcmp(q.text, p.text, p.text_len))
            abort();
        rs_buf_free(&packed);
        rs_buf_free(&s2);
    }
    rs_buf_free(&scratch);
    return 0;
}
