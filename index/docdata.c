/* docdata.c — packing and splitting an item document's stored data (see docdata.h). */
#include "docdata.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>

#include "docdict.h"

/* Schema 7's raw deflate (no zlib header: the marker says what it is), read only. */
#define WINDOW_BITS (-15)

/* zstd's level for the stored items. 6 is where their size stops falling fast (5,000 generated
 * items as stored: level 5 3.37 MB, 6 3.30 MB, 9 3.28 MB in 1.5x the time); 4 costs the index
 * 2.5 % for 6.6 % fewer instructions in a one-core build, and indexing is the slower target
 * (docs/benchmarks.md "Twentieth session"). */
#define ZSTD_LEVEL 4

/* A zstd record that says it is longer than this is damaged (the text is cut at 1 MiB,
 * itemdoc.c; the JSON parts are a fraction of it), so damage cannot ask for a huge buffer; a
 * longer layout is stored plain, so none is written. */
#define RECORD_MAX ((unsigned long long)64 << 20)

/* The zstd dictionary (rs_docdict_zstd_head then rs_docdict) digested once per process, for
 * compressing and for decompressing; read-only after, so shared by every thread. */
static pthread_once_t dict_once = PTHREAD_ONCE_INIT;
static ZSTD_CDict *cdict;
static ZSTD_DDict *ddict;

/* Each thread's compression and decompression context (they are large to set up and cannot be
 * shared), freed when the thread ends. */
static pthread_key_t cctx_key, dctx_key;
static int keys_ok;

static void free_cctx(void *c) { ZSTD_freeCCtx(c); }
static void free_dctx(void *d) { ZSTD_freeDCtx(d); }

static void dict_init(void) {
    size_t len = rs_docdict_zstd_head_len + rs_docdict_len;
    unsigned char *d = malloc(len);
    if (d) {
        memcpy(d, rs_docdict_zstd_head, rs_docdict_zstd_head_len);
        memcpy(d + rs_docdict_zstd_head_len, rs_docdict, rs_docdict_len);
        cdict = ZSTD_createCDict(d, len, ZSTD_LEVEL); /* both copy the bytes they need */
        ddict = ZSTD_createDDict(d, len);
        free(d);
    }
    keys_ok = pthread_key_create(&cctx_key, free_cctx) == 0 && pthread_key_create(&dctx_key, free_dctx) == 0;
}

/* A compression context with the dictionary and the frame's settings: the content size (the
 * reader sizes its buffer by it), a checksum (damage is told, not shown), no dictionary id (there
 * is one dictionary per marker). NULL when out of memory. */
static void *make_cctx(void) {
    ZSTD_CCtx *c = ZSTD_createCCtx();
    if (c && (ZSTD_isError(ZSTD_CCtx_refCDict(c, cdict)) || ZSTD_isError(ZSTD_CCtx_setParameter(c, ZSTD_c_contentSizeFlag, 1)) ||
              ZSTD_isError(ZSTD_CCtx_setParameter(c, ZSTD_c_checksumFlag, 1)) ||
              ZSTD_isError(ZSTD_CCtx_setParameter(c, ZSTD_c_dictIDFlag, 0)))) {
        ZSTD_freeCCtx(c);
        return NULL;
    }
    return c;
}

static void *make_dctx(void) { return ZSTD_createDCtx(); }

/* This thread's context under `key`, made by `make` the first time (and dropped by `drop` when it
 * cannot be kept), or NULL when out of memory. */
static void *thread_ctx(pthread_key_t *key, void *(*make)(void), void (*drop)(void *)) {
    pthread_once(&dict_once, dict_init);
    if (!cdict || !ddict || !keys_ok) return NULL;
    void *c = pthread_getspecific(*key);
    if (c || !(c = make())) return c;
    if (pthread_setspecific(*key, c) != 0) {
        drop(c);
        return NULL;
    }
    return c;
}

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
    if (raw.len > RECORD_MAX) { /* beyond what a reader takes from a frame: plain */
        rs_buf_free(&raw);
        return plain(out, p, err);
    }
    ZSTD_CCtx *c = thread_ctx(&cctx_key, make_cctx, free_cctx);
    size_t start = out->len, bound = ZSTD_compressBound(raw.len) + 1;
    if (!c || rs_buf_reserve(out, bound) != RS_OK) {
        rs_buf_free(&raw);
        return rs_error_set(err, RS_ERR_NOMEM, "out of memory (zstd)");
    }
    /* marker, then one zstd frame of the plain layout */
    unsigned char *o = (unsigned char *)out->data + start;
    o[0] = RS_DOCDATA_ZSTD_V2;
    size_t got = ZSTD_compress2(c, o + 1, bound - 1, raw.data, raw.len); /* the bound makes it fit */
    if (ZSTD_isError(got) || 1 + got >= raw.len) {
        out->len = start;
        rc = plain(out, p, err); /* not smaller: stored plain */
    } else {
        out->len = start + 1 + got;
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

/* Schema 7's deflated data (RS_DOCDATA_DEFLATE_V1) into *scratch, as far as `parts` need. */
static RsStatus open_deflated(const char *data, size_t len, int parts, RsBuf *scratch, RsDocData *p, RsError *err) {
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

/* Schema 8's zstd frame (RS_DOCDATA_ZSTD_V2) into *scratch, as far as `parts` need. */
static RsStatus open_zstd(const char *data, size_t len, int parts, RsBuf *scratch, RsDocData *p, RsError *err) {
    unsigned long long raw = len > 1 ? ZSTD_getFrameContentSize(data + 1, len - 1) : ZSTD_CONTENTSIZE_ERROR;
    if (raw == ZSTD_CONTENTSIZE_ERROR || raw == ZSTD_CONTENTSIZE_UNKNOWN || raw == 0 || raw > RECORD_MAX)
        return rs_error_set(err, RS_ERR_DATABASE, "an item's stored data is damaged (zstd frame)");
    ZSTD_DCtx *d = thread_ctx(&dctx_key, make_dctx, free_dctx);
    scratch->len = 0;
    if (!d || rs_buf_reserve(scratch, (size_t)raw) != RS_OK) return rs_error_set(err, RS_ERR_NOMEM, "out of memory (zstd)");
    size_t done = 0;
    int complete = 0;
    if (parts >= 3) { /* all of it in one call: the checksum is checked */
        size_t got = ZSTD_decompress_usingDDict(d, scratch->data, (size_t)raw, data + 1, len - 1, ddict);
        complete = !ZSTD_isError(got) && got == raw;
        done = complete ? got : 0;
    } else { /* in steps, stopping once the parts asked for are out (a result list needs the first) */
        int seen = 0; /* NULs out so far: the parts out */
        ZSTD_inBuffer in = {data + 1, len - 1, 0};
        size_t zr = ZSTD_DCtx_reset(d, ZSTD_reset_session_only);
        if (!ZSTD_isError(zr)) zr = ZSTD_DCtx_refDDict(d, ddict);
        while (!ZSTD_isError(zr) && done < raw) {
            size_t step = raw - done < 1024 ? (size_t)raw - done : 1024;
            ZSTD_outBuffer o = {scratch->data + done, step, 0};
            zr = ZSTD_decompressStream(d, &o, &in);
            if (ZSTD_isError(zr) || (!o.pos && in.pos == in.size)) break; /* an error, or no more input */
            seen += separators(scratch->data + done, o.pos);
            done += o.pos;
            if (seen >= parts) {
                complete = 1;
                break;
            }
            if (!zr) { /* the frame ended (its checksum checked) */
                complete = done == raw;
                break;
            }
        }
        if (!complete && !ZSTD_isError(zr) && zr && done == raw) { /* all out: let zstd see the end */
            ZSTD_outBuffer o = {scratch->data + done, 1, 0}; /* the NUL's room: nothing more may come */
            zr = ZSTD_decompressStream(d, &o, &in);
            complete = zr == 0 && o.pos == 0;
        }
    }
    if (!complete) return rs_error_set(err, RS_ERR_DATABASE, "an item's stored data is damaged (zstd)");
    scratch->len = done;
    scratch->data[done] = '\0';
    rs_docdata_split(scratch->data, done, p);
    return RS_OK;
}

RsStatus rs_docdata_open(const char *data, size_t len, int parts, RsBuf *scratch, RsDocData *p, RsError *err) {
    unsigned char marker = len ? (unsigned char)data[0] : 0;
    if (marker == RS_DOCDATA_ZSTD_V2) return open_zstd(data, len, parts, scratch, p, err);
    if (marker == RS_DOCDATA_DEFLATE_V1) return open_deflated(data, len, parts, scratch, p, err);
    rs_docdata_split(data, len, p); /* plain (schema 6, and items compression did not shrink) */
    return RS_OK;
}
