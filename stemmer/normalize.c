/* normalize.c — NFC and case folding through ICU, with a Latin fast path; Danish folding. */
#include "normalize.h"

#include <pthread.h>
#include <string.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utypes.h>

static const UNormalizer2 *nfc;
static UErrorCode nfc_status = U_ZERO_ERROR;
static pthread_once_t nfc_once = PTHREAD_ONCE_INIT;

static void nfc_open(void) { nfc = unorm2_getNFCInstance(&nfc_status); }

RsStatus rs_normalize_init(RsError *err) {
    pthread_once(&nfc_once, nfc_open);
    if (U_FAILURE(nfc_status) || !nfc)
        return rs_error_set(err, RS_ERR_INTERNAL, "ICU NFC normaliser: %s", u_errorName(nfc_status));
    return RS_OK;
}

/* Fast path: ASCII, and the precomposed Latin-1 letters U+00C0..U+00FF
 * (two UTF-8 bytes C3 80..C3 BF). Returns 0 if the text needs ICU. */
static int latin_fold(const char *s, size_t len, RsBuf *out) {
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
            out->data[out->len++] = (char)c;
        } else if (c == 0xC3 && i + 1 < len) {
            unsigned char d = (unsigned char)s[i + 1];
            /* U+00C0..U+00DE upper case (but U+00D7 ×) → +0x20; U+00DF ß folds to "ss". */
            if (d >= 0x80 && d <= 0x9E && d != 0x97) d = (unsigned char)(d + 0x20);
            else if (d == 0x9F) {
                out->data[out->len++] = 's';
                out->data[out->len++] = 's';
                i++;
                continue;
            } else if (d < 0x80 || d > 0xBF) return 0;
            out->data[out->len++] = (char)0xC3;
            out->data[out->len++] = (char)d;
            i++;
        } else {
            return 0;
        }
    }
    out->data[out->len] = '\0';
    return 1;
}

RsStatus rs_normalize(const char *s, size_t len, RsBuf *out) {
    rs_buf_reset(out);
    if (rs_buf_reserve(out, len + 1) != RS_OK) return RS_ERR_NOMEM;
    if (latin_fold(s, len, out)) return RS_OK;
    rs_buf_reset(out);
    /* callers such as rs_fold_key may come before any analyser was opened */
    if (rs_normalize_init(NULL) != RS_OK) return RS_ERR_INTERNAL;

    /* ICU path: UTF-8 → UTF-16 → NFC → case fold → NFC → UTF-8. */
    UErrorCode st = U_ZERO_ERROR;
    UChar stackbuf[3][256];
    UChar *a = stackbuf[0], *b = stackbuf[1], *c = stackbuf[2];
    int32_t cap = 256, n = 0;
    RsBuf heap = {0};
    if (len * 3 + 16 > 256) {
        cap = (int32_t)(len * 3 + 16);
        if (rs_buf_reserve(&heap, (size_t)cap * 3 * sizeof(UChar)) != RS_OK) return RS_ERR_NOMEM;
        a = (UChar *)heap.data;
        b = a + cap;
        c = b + cap;
    }
    u_strFromUTF8Lenient(a, cap, &n, s, (int32_t)len, &st);
    int32_t m = unorm2_normalize(nfc, a, n, b, cap, &st);
    int32_t k = u_strFoldCase(c, cap, b, m, U_FOLD_CASE_DEFAULT, &st);
    m = unorm2_normalize(nfc, c, k, a, cap, &st);
    int32_t outlen = 0;
    if (U_SUCCESS(st)) u_strToUTF8(NULL, 0, &outlen, a, m, &st);
    if (st == U_BUFFER_OVERFLOW_ERROR) st = U_ZERO_ERROR;
    if (U_FAILURE(st) || rs_buf_reserve(out, (size_t)outlen + 1) != RS_OK) {
        rs_buf_free(&heap);
        return U_FAILURE(st) ? RS_ERR_INTERNAL : RS_ERR_NOMEM;
    }
    u_strToUTF8(out->data, outlen + 1, NULL, a, m, &st);
    out->len = (size_t)outlen;
    out->data[out->len] = '\0';
    rs_buf_free(&heap);
    return U_SUCCESS(st) ? RS_OK : RS_ERR_INTERNAL;
}

/* Latin-1 second bytes (after 0xC3) of lower-case letters and their fold. */
static char fold_c3(unsigned char d) {
    switch (d) {
    case 0xA0: case 0xA1: case 0xA2: case 0xA4: case 0xA5: case 0xA6: case 0xA3: return 'a';
    case 0xB2: case 0xB3: case 0xB4: case 0xB6: case 0xB8: case 0xB5: return 'o';
    case 0xA8: case 0xA9: case 0xAA: case 0xAB: return 'e';
    case 0xB9: case 0xBA: case 0xBB: case 0xBC: return 'u';
    case 0xAC: case 0xAD: case 0xAE: case 0xAF: return 'i';
    default: return 0;
    }
}

RsStatus rs_danish_fold(const char *s, size_t len, RsBuf *out) {
    rs_buf_reset(out);
    if (rs_buf_reserve(out, len) != RS_OK) return RS_ERR_NOMEM;
    char *o = out->data;
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        char f;
        if (c == 0xC3 && i + 1 < len && (f = fold_c3((unsigned char)s[i + 1]))) {
            c = (unsigned char)f;
            i++;
        }
        /* Collapse digraphs: aa ae → a, oe oo → o (after the letter mapping). */
        if (n > 0) {
            char prev = o[n - 1];
            if ((prev == 'a' && (c == 'a' || c == 'e')) || (prev == 'o' && (c == 'e' || c == 'o')))
                continue;
        }
        o[n++] = (char)c;
    }
    o[n] = '\0';
    out->len = n;
    return RS_OK;
}
