/* fuzz_ingest_pdf.c — libFuzzer target: the PDF path (poppler-glib text extraction, then the parser). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "referat.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *text = NULL;
    size_t len = 0;
    RsError err;
    if (rs_pdf_text((const char *)data, size, "fuzz.pdf", &text, &len, &err) != RS_OK) {
        if (err.code != RS_ERR_INPUT && err.code != RS_ERR_NOMEM) abort();
        return 0;
    }
    RsMeeting *m = NULL;
    if (rs_referat_parse(text, len, "fuzz.pdf", NULL, &m, &err) == RS_OK) rs_meeting_free(m);
    free(text);
    return 0;
}
