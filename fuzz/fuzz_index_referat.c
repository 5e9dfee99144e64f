/* fuzz_index_referat.c — libFuzzer target: the minutes parser (text, and PDF when it starts with %PDF-). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "referat.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    RsMeeting *m = NULL;
    RsError err;
    const char *text = (const char *)data;
    char *pdf = NULL;
    size_t len = size;
    if (size >= 5 && !memcmp(data, "%PDF-", 5)) {
        if (rs_pdf_text(text, size, "fuzz.pdf", &pdf, &len, &err) != RS_OK) return 0;
        text = pdf;
    }
    RsParseOptions opts = {.single_item = size & 1};
    if (rs_referat_parse(text, len, "fuzz", &opts, &m, &err) == RS_OK) {
        /* every range must lie inside the text */
        for (size_t i = 0; i < m->n_items; i++) {
            const RsItem *it = &m->items[i];
            if (it->range.end > m->text_len || it->body.start > it->body.end) abort();
            for (size_t s = 0; s < it->n_sections; s++)
                if (it->sections[s].body.end > m->text_len ||
                    it->sections[s].body.start > it->sections[s].body.end + 1)
                    abort();
        }
        json_t *j = rs_meeting_to_json(m, "fuzz");
        json_decref(j);
        rs_meeting_free(m);
    }
    free(pdf);
    return 0;
}
