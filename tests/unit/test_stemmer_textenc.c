/* test_stemmer_textenc.c — text files' bytes into UTF-8 NFC: Windows-1252, NFD, BOMs, binary. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "textenc.h"

/* Decode s (n bytes), expecting success; returns the text (caller frees) and the encoding. */
static char *decode(const char *s, size_t n, const char **enc) {
    char *out = NULL;
    size_t out_len = 99;
    RsError err = {0};
    RsStatus rc = rs_text_decode(s, n, &out, &out_len, enc, &err);
    if (rc != RS_OK) fprintf(stderr, "rs_text_decode: %s\n", err.msg);
    assert_int_equal(rc, RS_OK);
    assert_non_null(out);
    assert_int_equal(out_len, strlen(out));
    return out;
}

static void test_windows_1252(void **state) {
    (void)state;
    /* "Bemærk: Økonomiudvalget på Næstved Rådhus godkendte 5 € – “fint” ‘nok’ … Å Æ Ø" */
    const char *in = "Bem\xE6rk: \xD8konomiudvalget p\xE5 N\xE6stved R\xE5" "dhus godkendte 5 \x80 \x96 "
                     "\x93" "fint\x94 \x91nok\x92 \x85 \xC5 \xC6 \xD8";
    const char *enc = NULL;
    char *out = decode(in, strlen(in), &enc);
    assert_string_equal(out, "Bemærk: Økonomiudvalget på Næstved Rådhus godkendte 5 € – “fint” ‘nok’ … Å Æ Ø");
    assert_non_null(enc);
    assert_string_equal(enc, "windows-1252");
    assert_string_equal(rs_text_encoding_title(enc), "Windows-1252");
    free(out);
    /* Latin-1 (no C1 bytes) is read as Windows-1252 too: the same letters */
    const char *latin1 = "K\xE6re borger, vi har modtaget din ans\xF8gning om st\xF8tte til bl\xE5" "b\xE6r.\n";
    out = decode(latin1, strlen(latin1), &enc);
    assert_string_equal(out, "Kære borger, vi har modtaget din ansøgning om støtte til blåbær.\n");
    assert_string_equal(enc, "windows-1252");
    free(out);
    /* a single 8-bit byte: too little for the detector, still Windows-1252 */
    out = decode("Punkt 1: \xff", 10, &enc);
    assert_string_equal(out, "Punkt 1: ÿ");
    assert_string_equal(enc, "windows-1252");
    free(out);
}

static void test_other_8bit(void **state) {
    (void)state;
    /* a clearly Cyrillic text is not forced into Windows-1252 */
    const char *ru = "\xcf\xf0\xee\xf2\xee\xea\xee\xeb \xe7\xe0\xf1\xe5\xe4\xe0\xed\xe8\xff "
                     "\xe3\xee\xf0\xee\xe4\xf1\xea\xee\xe3\xee \xf1\xee\xe2\xe5\xf2\xe0. "
                     "\xd0\xe5\xf8\xe5\xed\xe8\xe5 \xef\xf0\xe8\xed\xff\xf2\xee \xe5\xe4\xe8\xed\xee"
                     "\xe3\xeb\xe0\xf1\xed\xee. \xc1\xfe\xe4\xe6\xe5\xf2 \xed\xe0 \xf1\xeb\xe5\xe4\xf3"
                     "\xfe\xf9\xe8\xe9 \xe3\xee\xe4 \xf3\xf2\xe2\xe5\xf0\xe6\xe4\xe5\xed.\n";
    const char *enc = NULL;
    char *out = decode(ru, strlen(ru), &enc);
    assert_string_equal(enc, "windows-1251");
    assert_non_null(strstr(out, "Протокол заседания городского совета"));
    free(out);
}

static void test_nfd_to_nfc(void **state) {
    (void)state;
    /* "Aarhus Rådhus", "Næstved": å as a + U+030A, æ is precomposed only; Å as A + U+030A */
    const char *nfd = "Aarhus Ra\xCC\x8A" "dhus, N\xC3\xA6stved, A\xCC\x8A" "rhus, e\xCC\x81t";
    const char *enc = (const char *)1;
    char *out = decode(nfd, strlen(nfd), &enc);
    assert_string_equal(out, "Aarhus Rådhus, Næstved, Århus, ét");
    assert_null(enc);
    free(out);
    /* the angstrom sign (U+212B) is NFC's Å (U+00C5) */
    out = decode("\xE2\x84\xAB", 3, &enc);
    assert_string_equal(out, "Å");
    free(out);
}

static void test_utf8_unchanged(void **state) {
    (void)state;
    const char *texts[] = {
        "",
        "REFERAT\n\nPunkt 1: Godkendelse af dagsorden\r\n",
        "Økonomiudvalget på Næstved Rådhus: 5 € – “godkendt” … ½ ß ÿ ĳ Ω",
    };
    const char *enc = (const char *)1;
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        char *out = decode(texts[i], strlen(texts[i]), &enc);
        assert_string_equal(out, texts[i]);
        assert_null(enc);
        free(out);
    }
    /* a UTF-8 BOM is dropped, the text kept */
    char *out = decode("\xEF\xBB\xBFR\xC3\xA5" "d", 7, &enc);
    assert_string_equal(out, "Råd");
    assert_null(enc);
    free(out);
    /* every BOM at the start goes (decoding the result again changes nothing) */
    out = decode("\xEF\xBB\xBF\xEF\xBB\xBFx", 7, &enc);
    assert_string_equal(out, "x");
    free(out);
    out = decode("\xFE\xFF\xFE\xFF\0x", 6, &enc);
    assert_string_equal(out, "x");
    assert_string_equal(enc, "UTF-16BE");
    free(out);
}

static void test_utf16_bom(void **state) {
    (void)state;
    const char *enc = NULL;
    char *out = decode("\xFF\xFER\0\xE5\0d\0\n\0", 10, &enc);
    assert_string_equal(out, "Råd\n");
    assert_string_equal(enc, "UTF-16LE");
    free(out);
    out = decode("\xFE\xFF\0R\0\xE5\0d", 8, &enc);
    assert_string_equal(out, "Råd");
    assert_string_equal(enc, "UTF-16BE");
    free(out);
    /* decomposed in UTF-16: NFC after conversion */
    out = decode("\xFF\xFE" "a\0\x0A\x03", 6, &enc);
    assert_string_equal(out, "å");
    free(out);
}

static void test_binary(void **state) {
    (void)state;
    char *out = (char *)1;
    size_t n = 7;
    const char *enc = (const char *)1;
    RsError err = {0};
    assert_int_equal(rs_text_decode("Punkt 1: A\0B", 12, &out, &n, &enc, &err), RS_ERR_INPUT);
    assert_null(out);
    assert_null(enc);
    assert_non_null(strstr(err.msg, "NUL byte at byte 10"));
    assert_int_equal(rs_text_decode("\x7f" "ELF\x02\x01\x01\0\0\0", 10, &out, &n, &enc, &err), RS_ERR_INPUT);
    assert_non_null(strstr(err.msg, "binary"));
    /* no NUL, but mostly control bytes (and not UTF-8) */
    const char *ctl = "\x01\x02\x03\x04\xff\x05\x06\x07\x08\x0e\x0f\x10\x11\x12\xfe";
    assert_int_equal(rs_text_decode(ctl, strlen(ctl), &out, &n, &enc, &err), RS_ERR_INPUT);
    assert_non_null(strstr(err.msg, "control bytes"));
    assert_null(out);
    /* UTF-16 with U+0000 in it */
    assert_int_equal(rs_text_decode("\xFF\xFEx\0\0\0y\0", 8, &out, &n, &enc, &err), RS_ERR_INPUT);
    assert_null(out);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_windows_1252), cmocka_unit_test(test_other_8bit),
        cmocka_unit_test(test_nfd_to_nfc),   cmocka_unit_test(test_utf8_unchanged),
        cmocka_unit_test(test_utf16_bom),    cmocka_unit_test(test_binary),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
