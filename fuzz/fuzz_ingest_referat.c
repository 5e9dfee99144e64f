/* fuzz_ingest_referat.c — libFuzzer target: the minutes parser (text, and PDF when it starts with %PDF-). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "referat.h"
#include "utf8.h"

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
    RsParseOptions opts = {.municipality = size & 1 ? "Odder" : NULL};
    if (rs_referat_parse(text, len, "fuzz", &opts, &m, &err) == RS_OK) {
        /* UTF-8 text (whatever the input's encoding) without NUL bytes; at least one item; every
         * range inside the text and well ordered */
        if (strlen(m->text) != m->text_len || !rs_utf8_valid(m->text, m->text_len)) abort();
        if (rs_meeting_total_items(m) == 0) abort();
        for (const RsMeeting *x = m; x; x = x->next)
            for (size_t i = 0; i < x->n_items; i++) {
                const RsItem *it = &x->items[i];
                if (!it->title || it->range.end > m->text_len || it->range.start > it->range.end ||
                    it->body.start > it->body.end || it->body.end > m->text_len)
                    abort();
                for (size_t s = 0; s < it->n_sections; s++)
                    if (it->sections[s].body.end > m->text_len ||
                        it->sections[s].body.start > it->sections[s].body.end ||
                        it->sections[s].heading.start > it->sections[s].heading.end)
                        abort();
                for (size_t d = 0; d < it->n_decisions; d++)
                    if (it->decisions[d].text.start > it->decisions[d].text.end ||
                        it->decisions[d].text.end > m->text_len)
                        abort();
            }
        rs_meeting_free(m);
    }
    free(pdf);
    return 0;
}
