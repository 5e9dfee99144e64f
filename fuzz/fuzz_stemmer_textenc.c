/* fuzz_stemmer_textenc.c — libFuzzer target: a text file's bytes into UTF-8 NFC (textenc.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "textenc.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *out = NULL, *again = NULL;
    size_t n = 0, n2 = 0;
    const char *enc = NULL, *enc2 = NULL;
    RsError err;
    if (rs_text_decode((const char *)data, size, &out, &n, &enc, &err) != RS_OK) {
        if (out || enc || err.code == RS_OK) abort(); /* a failure leaves nothing behind */
        return 0;
    }
    /* UTF-8 without NUL bytes or a BOM, NUL-terminated */
    if (!out || strlen(out) != n || !rs_utf8_valid(out, n) || (n >= 3 && !memcmp(out, "\xEF\xBB\xBF", 3)))
        abort();
    /* NFC and UTF-8 already: decoding it again changes nothing and converts nothing */
    if (rs_text_decode(out, n, &again, &n2, &enc2, &err) != RS_OK || enc2 || n2 != n || memcmp(out, again, n))
        abort();
    if (enc && !rs_text_encoding_title(enc)) abort();
    free(out);
    free(again);
    return 0;
}
