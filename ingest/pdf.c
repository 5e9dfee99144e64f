/* referat_pdf.c — text of PDF minutes through poppler-glib (reading order, page by page). */
#include <poppler.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "referat.h"

RsStatus rs_pdf_text(const char *data, size_t len, const char *name, char **out,
                     size_t *out_len, RsError *err) {
    *out = NULL;
    *out_len = 0;
    GError *gerr = NULL;
    GBytes *bytes = g_bytes_new(data, len);
    PopplerDocument *doc = poppler_document_new_from_bytes(bytes, NULL, &gerr);
    g_bytes_unref(bytes);
    if (!doc) {
        RsStatus rc;
        if (gerr && gerr->domain == POPPLER_ERROR && gerr->code == POPPLER_ERROR_ENCRYPTED)
            rc = rs_error_set(err, RS_ERR_INPUT, "%s: the PDF is encrypted (password protected)", name);
        else
            rc = rs_error_set(err, RS_ERR_INPUT, "%s: not a readable PDF (%s)", name,
                              gerr ? gerr->message : "damaged or truncated");
        if (gerr) g_error_free(gerr);
        return rc;
    }
    RsBuf b = {0};
    int pages = poppler_document_get_n_pages(doc);
    for (int i = 0; i < pages; i++) {
        PopplerPage *page = poppler_document_get_page(doc, i);
        if (!page) continue;
        char *t = poppler_page_get_text(page);
        if (t) {
            if (b.len) rs_buf_puts(&b, "\n\n");
            rs_buf_puts(&b, t);
            g_free(t);
        }
        g_object_unref(page);
    }
    g_object_unref(doc);
    size_t visible = 0;
    for (size_t i = 0; i < b.len; i++) visible += !(b.data[i] == ' ' || b.data[i] == '\n' || b.data[i] == '\t');
    if (visible == 0) {
        rs_buf_free(&b);
        return rs_error_set(err, RS_ERR_INPUT,
                            "%s: the PDF has no text layer (%d page%s; a scan?): run OCR first", name,
                            pages, pages == 1 ? "" : "s");
    }
    *out_len = b.len;
    *out = rs_buf_steal(&b);
    return *out ? RS_OK : rs_error_set(err, RS_ERR_NOMEM, "out of memory");
}
