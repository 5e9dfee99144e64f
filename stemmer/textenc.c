/* textenc.c — a text file's bytes into UTF-8 NFC: BOMs, legacy 8-bit charsets, NFC (textenc.h). */
#include "textenc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utypes.h>

#include "utf8.h"

/* ICU works with int32_t lengths; a converted text may grow to 4 times its bytes. */
#define MAX_CONVERT ((size_t)INT32_MAX / 4)
/* The charset detector reads this much of a file (from shortly before its first 8-bit byte). */
#define DETECT_WINDOW (256u << 10)
/* A non-Western answer must be at least this confident, and this much more than the Western. */
#define OTHER_MIN 50
#define OTHER_MARGIN 20

/* An encoding this file reports: ICU's (and IANA's) name and the name people write. */
typedef struct Charset {
    const char *name, *title;
} Charset;

static const Charset WESTERN = {"windows-1252", "Windows-1252"};

/* Single-byte charsets ICU's detector knows that are taken when it is sure of them. */
static const Charset OTHERS[] = {
    {"ISO-8859-2", "ISO-8859-2"},     {"windows-1250", "Windows-1250"}, {"ISO-8859-5", "ISO-8859-5"},
    {"windows-1251", "Windows-1251"}, {"KOI8-R", "KOI8-R"},             {"ISO-8859-6", "ISO-8859-6"},
    {"windows-1256", "Windows-1256"}, {"ISO-8859-7", "ISO-8859-7"},     {"windows-1253", "Windows-1253"},
    {"ISO-8859-8", "ISO-8859-8"},     {"ISO-8859-8-I", "ISO-8859-8-I"}, {"windows-1255", "Windows-1255"},
    {"ISO-8859-9", "ISO-8859-9"},     {"windows-1254", "Windows-1254"},
};

/* Encodings recognised by their byte order mark, longest first (UTF-32LE's begins like UTF-16LE's). */
static const struct {
    const char *bom;
    size_t len;
    Charset cs;
} BOMS[] = {
    {"\xFF\xFE\0\0", 4, {"UTF-32LE", "UTF-32LE"}},
    {"\0\0\xFE\xFF", 4, {"UTF-32BE", "UTF-32BE"}},
    {"\xFF\xFE", 2, {"UTF-16LE", "UTF-16LE"}},
    {"\xFE\xFF", 2, {"UTF-16BE", "UTF-16BE"}},
};

const char *rs_text_encoding_title(const char *encoding) {
    if (!encoding) return NULL;
    if (!strcmp(encoding, WESTERN.name)) return WESTERN.title;
    for (size_t i = 0; i < sizeof OTHERS / sizeof *OTHERS; i++)
        if (!strcmp(encoding, OTHERS[i].name)) return OTHERS[i].title;
    return encoding;
}

static RsStatus nomem(RsError *err) { return rs_error_set(err, RS_ERR_NOMEM, "out of memory"); }

static RsStatus icu_failed(RsError *err, const char *what, UErrorCode st) {
    return rs_error_set(err, RS_ERR_INTERNAL, "ICU %s: %s", what, u_errorName(st));
}

/* Whether valid UTF-8 s[0..n) is certainly NFC: every character below U+0300 (no combining mark
 * can precede it), or one whose NFC quick check is Yes. "Maybe" (a combining mark) sends the text
 * to the normaliser, which decides. */
static int is_nfc(const char *s, size_t n) {
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        if (p[i] < 0x80) { i++; continue; }
        if (p[i] < 0xCC) { i += 2; continue; } /* U+0080..U+02FF */
        uint32_t cp;
        size_t l = rs_utf8_char(s + i, n - i, &cp);
        if (!l || u_getIntPropertyValue((UChar32)cp, UCHAR_NFC_QUICK_CHECK) != UNORM_YES) return 0;
        i += l;
    }
    return 1;
}

/* The length of the byte order marks (U+FEFF in UTF-8) at the start of s[0..n): the text starts
 * after all of them, so that decoding the result again changes nothing. */
static size_t bom_len(const char *s, size_t n) {
    size_t k = 0;
    while (n - k >= 3 && !memcmp(s + k, "\xEF\xBB\xBF", 3)) k += 3;
    return k;
}

/* Drop the byte order marks at the start of the malloc'd text *buf. */
static void drop_boms(char *buf, size_t *len) {
    size_t k = bom_len(buf, *len);
    if (!k) return;
    memmove(buf, buf + k, *len - k + 1);
    *len -= k;
}

/* A malloc'd, NUL-terminated copy of s[0..n). */
static RsStatus copy(const char *s, size_t n, char **out, size_t *out_len, RsError *err) {
    if (!(*out = malloc(n + 1))) return nomem(err);
    memcpy(*out, s, n);
    (*out)[n] = '\0';
    *out_len = n;
    return RS_OK;
}

/* The NFC form of valid UTF-8 s[0..n) into *out (malloc'd): UTF-8 → UTF-16 → NFC → UTF-8. */
static RsStatus nfc_from(const char *s, size_t n, char **out, size_t *out_len, RsError *err) {
    if (n > MAX_CONVERT) return rs_error_set(err, RS_ERR_INPUT, "too large to normalise (%zu bytes)", n);
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
    if (U_FAILURE(st)) return icu_failed(err, "NFC normaliser", st);
    int32_t ul = 0, nl = 0, ol = 0;
    u_strFromUTF8(NULL, 0, &ul, s, (int32_t)n, &st);
    if (st == U_BUFFER_OVERFLOW_ERROR) st = U_ZERO_ERROR;
    if (U_FAILURE(st)) return icu_failed(err, "UTF-8 to UTF-16", st);
    UChar *u = malloc(((size_t)ul + 1) * sizeof *u), *v = NULL;
    if (!u) return nomem(err);
    u_strFromUTF8(u, ul + 1, NULL, s, (int32_t)n, &st);
    if (U_SUCCESS(st)) nl = unorm2_normalize(nfc, u, ul, NULL, 0, &st);
    if (st == U_BUFFER_OVERFLOW_ERROR) st = U_ZERO_ERROR;
    if (U_SUCCESS(st) && !(v = malloc(((size_t)nl + 1) * sizeof *v))) {
        free(u);
        return nomem(err);
    }
    if (U_SUCCESS(st)) unorm2_normalize(nfc, u, ul, v, nl + 1, &st);
    free(u);
    if (U_SUCCESS(st)) u_strToUTF8(NULL, 0, &ol, v, nl, &st);
    if (st == U_BUFFER_OVERFLOW_ERROR) st = U_ZERO_ERROR;
    if (U_FAILURE(st)) {
        free(v);
        return icu_failed(err, "NFC", st);
    }
    if (!(*out = malloc((size_t)ol + 1))) {
        free(v);
        return nomem(err);
    }
    u_strToUTF8(*out, ol + 1, NULL, v, nl, &st);
    free(v);
    if (U_FAILURE(st)) {
        free(*out);
        *out = NULL;
        return icu_failed(err, "UTF-16 to UTF-8", st);
    }
    (*out)[ol] = '\0';
    *out_len = (size_t)ol;
    return RS_OK;
}

/* Replace the valid UTF-8 in *buf (malloc'd) by its NFC form when it is not NFC already. */
static RsStatus to_nfc(char **buf, size_t *len, RsError *err) {
    if (is_nfc(*buf, *len)) return RS_OK;
    char *o;
    size_t ol;
    RsStatus rc = nfc_from(*buf, *len, &o, &ol, err);
    if (rc != RS_OK) return rc;
    free(*buf);
    *buf = o;
    *len = ol;
    return RS_OK;
}

/* s[0..n) in charset `from` into UTF-8 in *out (malloc'd, NUL-terminated). ICU substitutes
 * U+FFFD for bytes the charset does not map. */
static RsStatus convert(const char *from, const char *s, size_t n, char **out, size_t *out_len, RsError *err) {
    if (n > MAX_CONVERT) return rs_error_set(err, RS_ERR_INPUT, "too large to convert (%zu bytes)", n);
    UErrorCode st = U_ZERO_ERROR;
    int32_t need = ucnv_convert("UTF-8", from, NULL, 0, s, (int32_t)n, &st);
    if (st == U_BUFFER_OVERFLOW_ERROR || st == U_STRING_NOT_TERMINATED_WARNING) st = U_ZERO_ERROR;
    if (U_FAILURE(st)) return icu_failed(err, from, st);
    if (!(*out = malloc((size_t)need + 1))) return nomem(err);
    ucnv_convert("UTF-8", from, *out, need + 1, s, (int32_t)n, &st);
    if (U_FAILURE(st)) {
        free(*out);
        *out = NULL;
        return icu_failed(err, from, st);
    }
    (*out)[need] = '\0';
    *out_len = (size_t)need;
    return RS_OK;
}

/* Whether byte c is not text in an 8-bit file: a C0 control other than tab, line feed, vertical
 * tab, form feed, carriage return, SUB (a DOS end of file) and ESC; DEL; a byte Windows-1252
 * leaves unassigned. */
static int control_byte(unsigned char c) {
    if (c < 0x20) return !(c >= 0x09 && c <= 0x0D) && c != 0x1A && c != 0x1B;
    return c == 0x7F || c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D;
}

/* The 8-bit charset of s[0..n) (no NUL bytes, not UTF-8): see textenc.h. */
static const Charset *detect(const char *s, size_t n) {
    size_t first = 0;
    while (first < n && (unsigned char)s[first] < 0x80) first++;
    size_t from = first > 4096 ? first - 4096 : 0, len = n - from < DETECT_WINDOW ? n - from : DETECT_WINDOW;
    UErrorCode st = U_ZERO_ERROR;
    UCharsetDetector *d = ucsdet_open(&st);
    int32_t k = 0;
    const UCharsetMatch **m = NULL;
    if (U_SUCCESS(st)) ucsdet_setText(d, s + from, (int32_t)len, &st);
    if (U_SUCCESS(st)) m = ucsdet_detectAll(d, &k, &st);
    int32_t western = 0, other_conf = 0;
    const Charset *other = NULL;
    for (int32_t i = 0; U_SUCCESS(st) && i < k; i++) {
        const char *name = ucsdet_getName(m[i], &st);
        int32_t conf = ucsdet_getConfidence(m[i], &st);
        if (U_FAILURE(st) || !name) break;
        if (!strcmp(name, "ISO-8859-1") || !strcmp(name, "ISO-8859-15") || !strcmp(name, "windows-1252")) {
            if (conf > western) western = conf;
            continue;
        }
        for (size_t j = 0; !other && j < sizeof OTHERS / sizeof *OTHERS; j++)
            if (!strcmp(name, OTHERS[j].name)) other = &OTHERS[j], other_conf = conf;
    }
    ucsdet_close(d);
    if (other && other_conf >= OTHER_MIN && other_conf >= western + OTHER_MARGIN) return other;
    return &WESTERN;
}

RsStatus rs_text_decode(const char *data, size_t len, char **out, size_t *out_len,
                        const char **encoding, RsError *err) {
    *out = NULL;
    *out_len = 0;
    *encoding = NULL;
    for (size_t b = 0; b < sizeof BOMS / sizeof *BOMS; b++) {
        if (len < BOMS[b].len || memcmp(data, BOMS[b].bom, BOMS[b].len)) continue;
        RsStatus rc = convert(BOMS[b].cs.name, data + BOMS[b].len, len - BOMS[b].len, out, out_len, err);
        if (rc == RS_OK && memchr(*out, 0, *out_len))
            rc = rs_error_set(err, RS_ERR_INPUT, "%s text with a NUL character; is it a binary file?",
                              BOMS[b].cs.title);
        if (rc == RS_OK) rc = to_nfc(out, out_len, err);
        if (rc != RS_OK) {
            free(*out);
            *out = NULL;
            *out_len = 0;
            return rc;
        }
        drop_boms(*out, out_len);
        *encoding = BOMS[b].cs.name;
        return RS_OK;
    }
    size_t skip = bom_len(data, len);
    const char *nul = memchr(data, 0, len);
    if (nul)
        return rs_error_set(err, RS_ERR_INPUT, "not UTF-8 text (NUL byte at byte %zu); is it a binary file?",
                            (size_t)(nul - data));
    data += skip;
    len -= skip;
    RsStatus rc;
    if (rs_utf8_valid(data, len)) {
        if (is_nfc(data, len)) return copy(data, len, out, out_len, err);
        return nfc_from(data, len, out, out_len, err);
    }
    size_t controls = 0, first = len;
    for (size_t i = 0; i < len; i++)
        if (control_byte((unsigned char)data[i]) && controls++ == 0) first = i;
    if (controls > len / 16)
        return rs_error_set(err, RS_ERR_INPUT,
                            "not UTF-8 text, nor 8-bit text (%zu control bytes in %zu, the first at "
                            "byte %zu); is it a binary file?",
                            controls, len, first + skip);
    const Charset *cs = detect(data, len);
    rc = convert(cs->name, data, len, out, out_len, err);
    if (rc == RS_OK) rc = to_nfc(out, out_len, err);
    if (rc != RS_OK) {
        free(*out);
        *out = NULL;
        *out_len = 0;
        return rc;
    }
    *encoding = cs->name;
    return RS_OK;
}
