/* pdf.c — text of PDF minutes through poppler-glib (reading order, page by page), within the
 * page, CPU and text limits of pdf.h. poppler-glib is loaded (dlopen) at the first PDF, not
 * linked: its 40-odd libraries would otherwise be loaded by every start of refsog. */
#include "pdf.h"

#include <poppler.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "dynlib.h"
#include "referat.h"

#define DEFAULT_PAGES 2000
#define DEFAULT_CPU_SECONDS 20
#define DEFAULT_TEXT (64u << 20)

/* the soname found at build time (Makefile); Debian 12's package libpoppler-glib8 holds it */
#ifndef RS_POPPLER_SONAME
#define RS_POPPLER_SONAME "libpoppler-glib.so.8"
#endif
#define RS_POPPLER_PACKAGE "libpoppler-glib8"

static RsPdfLimits limits;     /* zero: defaults */
static const char *helper_exe; /* NULL: read in this process */

/* The poppler-glib and gobject functions used here, found in the loaded library (gobject's
 * g_object_unref through poppler-glib's own dependencies). The types are the headers'. */
static struct {
    __typeof__(poppler_document_new_from_bytes) *document_new_from_bytes;
    __typeof__(poppler_document_get_n_pages) *document_get_n_pages;
    __typeof__(poppler_document_get_page) *document_get_page;
    __typeof__(poppler_page_get_text) *page_get_text;
    __typeof__(poppler_error_quark) *error_quark;
    __typeof__(g_object_unref) *object_unref;
} pp;
static RsError pp_err; /* how loading went */
static pthread_once_t pp_once = PTHREAD_ONCE_INIT;

/* Load the library ($RS_PDF_LIBRARY names another one, for tests) and find its functions. */
static void pp_load(void) {
    static const RsDynLib lib = {RS_POPPLER_SONAME, "RS_PDF_LIBRARY", RS_POPPLER_PACKAGE, "cannot read PDFs"};
    const RsDynSym syms[] = {
        {(void **)&pp.document_new_from_bytes, "poppler_document_new_from_bytes"},
        {(void **)&pp.document_get_n_pages, "poppler_document_get_n_pages"},
        {(void **)&pp.document_get_page, "poppler_document_get_page"},
        {(void **)&pp.page_get_text, "poppler_page_get_text"},
        {(void **)&pp.error_quark, "poppler_error_quark"},
        {(void **)&pp.object_unref, "g_object_unref"},
    };
    rs_dynlib_load(&lib, syms, sizeof syms / sizeof *syms, &pp_err);
}

/* Make sure the library is loaded: RS_OK, or RS_ERR_UNSUPPORTED with the file's name and why. */
static RsStatus pp_ready(const char *name, RsError *err) {
    pthread_once(&pp_once, pp_load);
    if (pp_err.code == RS_OK) return RS_OK;
    return rs_error_set(err, pp_err.code, "%s: %s", name, pp_err.msg);
}

void rs_pdf_set_limits(const RsPdfLimits *l) { limits = *l; }

RsPdfLimits rs_pdf_limits(void) {
    RsPdfLimits l = limits;
    if (!l.max_pages) l.max_pages = DEFAULT_PAGES;
    if (!l.cpu_seconds) l.cpu_seconds = DEFAULT_CPU_SECONDS;
    if (!l.max_text) l.max_text = DEFAULT_TEXT;
    return l;
}

void rs_pdf_set_helper(const char *exe) {
    helper_exe = exe;
    if (exe) signal(SIGPIPE, SIG_IGN);
}

RsStatus rs_pdf_text(const char *data, size_t len, const char *name, char **out,
                     size_t *out_len, RsError *err) {
    if (helper_exe) return rs_pdf_text_helper(helper_exe, data, len, name, out, out_len, err);
    return rs_pdf_text_here(data, len, name, out, out_len, err);
}

/* CPU seconds this thread has used. Can't fail (0 if the clock is missing). */
static double thread_cpu(void) {
    struct timespec ts;
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0) return 0;
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

RsStatus rs_pdf_text_here(const char *data, size_t len, const char *name, char **out,
                          size_t *out_len, RsError *err) {
    *out = NULL;
    *out_len = 0;
    RsStatus ready = pp_ready(name, err);
    if (ready != RS_OK) return ready;
    RsPdfLimits lim = rs_pdf_limits();
    double t0 = thread_cpu();
    GError *gerr = NULL;
    GBytes *bytes = g_bytes_new(data, len);
    PopplerDocument *doc = pp.document_new_from_bytes(bytes, NULL, &gerr);
    g_bytes_unref(bytes);
    if (!doc) {
        RsStatus rc;
        if (gerr && gerr->domain == pp.error_quark() && gerr->code == POPPLER_ERROR_ENCRYPTED)
            rc = rs_error_set(err, RS_ERR_INPUT, "%s: the PDF is encrypted (password protected)", name);
        else
            rc = rs_error_set(err, RS_ERR_INPUT, "%s: not a readable PDF (%s)", name,
                              gerr ? gerr->message : "damaged or truncated");
        if (gerr) g_error_free(gerr);
        return rc;
    }
    int pages = pp.document_get_n_pages(doc);
    if (pages > 0 && (unsigned)pages > lim.max_pages) {
        pp.object_unref(doc);
        return rs_error_set(err, RS_ERR_INPUT, "%s: the PDF has %d pages, over the limit of %u (--pdf-pages)",
                            name, pages, lim.max_pages);
    }
    RsBuf b = {0};
    RsStatus rc = RS_OK;
    for (int i = 0; rc == RS_OK && i < pages; i++) {
        PopplerPage *page = pp.document_get_page(doc, i);
        if (!page) continue;
        char *t = pp.page_get_text(page);
        if (t) {
            if (b.len) rc = rs_buf_puts(&b, "\n\n");
            if (rc == RS_OK) rc = rs_buf_puts(&b, t);
            if (rc != RS_OK) rc = rs_error_set(err, RS_ERR_NOMEM, "out of memory");
            g_free(t);
        }
        pp.object_unref(page);
        /* checked after every page, not after the whole file */
        if (rc == RS_OK && b.len > lim.max_text)
            rc = rs_error_set(err, RS_ERR_INPUT,
                              "%s: the PDF's text is over the limit of %zu bytes (page %d of %d)", name,
                              lim.max_text, i + 1, pages);
        if (rc == RS_OK && i + 1 < pages && thread_cpu() - t0 > lim.cpu_seconds)
            rc = rs_error_set(err, RS_ERR_INPUT,
                              "%s: reading the PDF took more than its %u s of CPU (page %d of %d; "
                              "--pdf-seconds)", name, lim.cpu_seconds, i + 1, pages);
    }
    pp.object_unref(doc);
    if (rc != RS_OK) {
        rs_buf_free(&b);
        return rc;
    }
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
