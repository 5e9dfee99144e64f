/* docdata.c — packing and splitting an item document's stored data (see docdata.h). */
#include "docdata.h"

#include <stdint.h>
#include <string.h>
#include <zlib.h>

#include "docdict.h"

/* Raw deflate (no zlib header: the marker says what it is), zlib's default level. */
#define WINDOW_BITS (-15)
#define LEVEL 6

/* The three parts in the plain layout, appended to *out. */
static RsStatus plain(RsBuf *out, const RsDocData *p, RsError *err) {
    if (rs_buf_reserve(out, p->hit_len + p->detail_len + p->text_len + 2) != RS_OK)
        return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    rs_buf_append(out, p->hit, p->hit_len);
    rs_buf_putc(out, '\0');
    rs_buf_append(out, p->detail, p->detail_len);
    rs_buf_putc(out, '\0');
    rs_buf_append(out, p->text, p->text_len);
    return RS_OK;
}

RsStatus rs_docdata_pack(RsBuf *out, const RsDocData *p, RsError *err) {
    RsBuf raw = {0};
    RsStatus rc = plain(&raw, p, err);
    if (rc != RS_OK) return rc;
    z_stream z;
    memset(&z, 0, sizeof z);
    int zrc = deflateInit2(&z, LEVEL, Z_DEFLATED, WINDOW_BITS, 8, Z_DEFAULT_STRATEGY);
    if (zrc != Z_OK) {
        rs_buf_free(&raw);
        return rs_error_set(err, RS_ERR_NOMEM, "out of memory (deflate)");
    }
    size_t start = out->len, bound = deflateBound(&z, (uLong)raw.len) + 5;
    if (deflateSetDictionary(&z, rs_docdict, (uInt)rs_docdict_len) != Z_OK ||
        rs_buf_reserve(out, bound) != RS_OK) {
        deflateEnd(&z);
        rs_buf_free(&raw);
        return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    }
    /* marker, the plain length (4 bytes, little-endian), the deflated plain layout */
    unsigned char *o = (unsigned char *)out->data + start;
    o[0] = RS_DOCDATA_DEFLATE_V1;
    for (int i = 0; i < 4; i++) o[1 + i] = (unsigned char)((uint32_t)raw.len >> (8 * i));
    z.next_in = (Bytef *)raw.data;
    z.avail_in = (uInt)raw.len;
    z.next_out = o + 5;
    z.avail_out = (uInt)(bound - 5);
    zrc = deflate(&z, Z_FINISH); /* the bound makes one call enough */
    size_t packed = 5 + (size_t)z.total_out;
    deflateEnd(&z);
    if (zrc != Z_STREAM_END || packed >= raw.len || raw.len > UINT32_MAX) {
        rc = plain(out, p, err); /* not smaller (or too big to say): stored plain */
    } else {
        out->len = start + packed;
        out->data[out->len] = '\0';
    }
    rs_buf_free(&raw);
    return rc;
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

/* How many NULs are in the n bytes at b. */
static int separators(const char *b, size_t n) {
    int k = 0;
    for (const char *s = b, *end = b + n; s < end && (s = memchr(s, '\0', (size_t)(end - s))); s++) k++;
    return k;
}

RsStatus rs_docdata_open(const char *data, size_t len, int parts, RsBuf *scratch, RsDocData *p, RsError *err) {
    if (!len || (unsigned char)data[0] != RS_DOCDATA_DEFLATE_V1) { /* plain (schema 6 and small items) */
        rs_docdata_split(data, len, p);
        return RS_OK;
    }
    if (len < 5) return rs_error_set(err, RS_ERR_DATABASE, "an item's stored data is damaged (too short)");
    uint32_t raw = 0;
    for (int i = 0; i < 4; i++) raw |= (uint32_t)(unsigned char)data[1 + i] << (8 * i);
    if (raw == 0 || raw / 1032 > len) /* deflate cannot expand more than ~1032:1 */
        return rs_error_set(err, RS_ERR_DATABASE, "an item's stored data is damaged (length)");
    scratch->len = 0;
    if (rs_buf_reserve(scratch, raw) != RS_OK) return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    z_stream z;
    memset(&z, 0, sizeof z);
    z.next_in = (Bytef *)(data + 5);
    z.avail_in = (uInt)(len - 5);
    if (inflateInit2(&z, WINDOW_BITS) != Z_OK) return rs_error_set(err, RS_ERR_NOMEM, "out of memory (inflate)");
    int zrc = inflateSetDictionary(&z, rs_docdict, (uInt)rs_docdict_len);
    /* in steps, stopping once the parts asked for are out (a result list needs only the first) */
    size_t done = 0;
    int enough = 0, seen = 0; /* NULs inflated so far: the parts out */
    while (zrc == Z_OK && done < raw) {
        size_t step = raw - done < 1024 ? raw - done : 1024;
        z.next_out = (Bytef *)scratch->data + done;
        z.avail_out = (uInt)step;
        zrc = inflate(&z, Z_NO_FLUSH);
        size_t got = step - z.avail_out;
        if (zrc == Z_BUF_ERROR && got) zrc = Z_OK;
        if (parts < 3) seen += separators(scratch->data + done, got);
        done += got;
        if (parts < 3 && seen >= parts) {
            enough = 1;
            break;
        }
    }
    if (!enough && zrc == Z_OK && done == raw) { /* all out: let inflate see the stream's end */
        z.next_out = (Bytef *)scratch->data + done;
        z.avail_out = 1; /* the NUL's room: nothing more may come */
        zrc = inflate(&z, Z_FINISH);
        if (z.avail_out != 1) zrc = Z_DATA_ERROR;
    }
    int complete = enough || (zrc == Z_STREAM_END && done == raw);
    inflateEnd(&z);
    if (!complete) return rs_error_set(err, RS_ERR_DATABASE, "an item's stored data is damaged (deflate)");
    scratch->len = done;
    scratch->data[done] = '\0';
    rs_docdata_split(scratch->data, done, p);
    return RS_OK;
}
