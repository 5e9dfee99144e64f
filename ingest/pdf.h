/* pdf.h — the bounds on reading one PDF: pages, CPU time and text, and the helper process that
 * makes the CPU bound hard.
 *
 * A small PDF can hold a content stream that expands to gigabytes of drawing operations, shared
 * by thousands of pages: poppler then works for minutes. rs_pdf_text (referat.h) refuses a PDF
 * with more than max_pages pages before reading any, stops as soon as the text passes max_text
 * bytes, and stops after a page when the file has used cpu_seconds of CPU. Inside one page
 * poppler cannot be stopped, so when a helper is set each PDF is read by a fresh process
 * (`<helper> pdf-text`, see cli/cmd_parse.c) whose CPU is limited by the kernel (RLIMIT_CPU) and
 * whose wall time is limited by the caller: a page that never ends, or a crash inside poppler,
 * then fails that file only.
 */
#ifndef RS_PDF_H
#define RS_PDF_H

#include <stddef.h>

#include "error.h"

typedef struct RsPdfLimits {
    unsigned max_pages;  /* more pages: refused before reading (0: the default, 2,000) */
    unsigned cpu_seconds; /* CPU time per file (0: the default, 20 s) */
    size_t max_text;     /* bytes of text per file (0: the default, 64 MiB, the file limit) */
} RsPdfLimits;

/* Set the limits of every later extraction in this process (zero fields: the defaults). Not
 * thread-safe: call it before starting threads. Can't fail. */
void rs_pdf_set_limits(const RsPdfLimits *l);

/* The limits in force, defaults filled in. Can't fail. */
RsPdfLimits rs_pdf_limits(void);

/* Read every later PDF in a child process: the executable `exe` run as `exe pdf-text …` (NULL:
 * in this process, bounded between pages only). Also ignores SIGPIPE for the process (a helper
 * that dies must not kill its parent). Not thread-safe: call it before starting threads. */
void rs_pdf_set_helper(const char *exe);

/* The text of a PDF held in memory, read in this process within the limits (what the helper
 * runs). Errors as rs_pdf_text. */
RsStatus rs_pdf_text_here(const char *data, size_t len, const char *name, char **out,
                          size_t *out_len, RsError *err);

/* The same in the helper process set by rs_pdf_set_helper (the caller checks one is set). */
RsStatus rs_pdf_text_helper(const char *exe, const char *data, size_t len, const char *name,
                            char **out, size_t *out_len, RsError *err);

#endif
