/* fuzz_ingest_html.c — libFuzzer target: a web page through libxml2 into text, then the parser. */
#include <stdint.h>
#include <stdlib.h>

#include "html.h"
#include "referat.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    char *text = NULL;
    size_t len = 0;
    RsError err;
    if (rs_html_text((const char *)data, size, "fuzz.html", &text, &len, &err) != RS_OK) return 0;
    /* the text is what the parser reads: it must be accepted or refused cleanly */
    RsMeeting *m = NULL;
    if (rs_referat_parse(text, len, "fuzz.html", NULL, &m, &err) == RS_OK) {
        if (rs_meeting_total_items(m) == 0) abort();
        rs_meeting_free(m);
    }
    free(text);
    return 0;
}
