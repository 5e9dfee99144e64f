/* docdata.c — packing and splitting an item document's stored data (see docdata.h). */
#include "docdata.h"

#include <string.h>

RsStatus rs_docdata_pack(RsBuf *out, const RsDocData *p, RsError *err) {
    if (rs_buf_reserve(out, p->hit_len + p->detail_len + p->text_len + 2) != RS_OK)
        return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    rs_buf_append(out, p->hit, p->hit_len);
    rs_buf_putc(out, '\0');
    rs_buf_append(out, p->detail, p->detail_len);
    rs_buf_putc(out, '\0');
    rs_buf_append(out, p->text, p->text_len);
    return RS_OK;
}

/* The bytes of [*s, end) up to the next NUL become one part; *s moves past the NUL. */
static void take(const char **s, const char *end, const char **part, size_t *len) {
    const char *nul = *s < end ? memchr(*s, '\0', (size_t)(end - *s)) : NULL;
    *part = *s;
    *len = (size_t)((nul ? nul : end) - *s);
    *s = nul ? nul + 1 : end;
}

void rs_docdata_split(const char *data, size_t len, RsDocData *p) {
    const char *s = data, *end = data + len;
    take(&s, end, &p->hit, &p->hit_len);
    take(&s, end, &p->detail, &p->detail_len);
    p->text = s;
    p->text_len = (size_t)(end - s);
}
