/* cmd_pdftext.c — `refsog pdf-text` (hidden): the helper process that reads one PDF for
 * `index` and `parse` (ingest/pdf.h), and the PDF options those commands share. */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "args.h"
#include "buf.h"
#include "commands.h"

int rs_cli_pdf_option(int code, const char *arg, RsPdfLimits *l) {
    const char *problem = code == 'P'   ? "--pdf-pages takes a positive number"
                          : code == 'S' ? "--pdf-seconds takes a positive number"
                                        : "--pdf-text-bytes takes a positive number";
    long long v;
    if (rs_args_number(arg, 1, code == 'T' ? LLONG_MAX : UINT_MAX / 4, problem, &v)) return 2;
    if (code == 'P') l->max_pages = (unsigned)v;
    else if (code == 'S') l->cpu_seconds = (unsigned)v;
    else l->max_text = (size_t)v;
    return 0;
}

void rs_cli_pdf_helper(void) {
    static char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0 || (size_t)n >= sizeof exe - 1) return; /* no /proc: PDFs read in this process */
    exe[n] = '\0';
    if (access(exe, X_OK) == 0) rs_pdf_set_helper(exe);
}

int rs_cmd_pdf_text(int argc, char **argv) {
    static const struct option longopts[] = {RS_PDF_LONGOPTS, {NULL, 0, NULL, 0}};
    RsPdfLimits l = {0, 0, 0};
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1)
        if (c == '?' || rs_cli_pdf_option(c, optarg, &l)) return 2;
    if (optind + 1 != argc) {
        fprintf(stderr, "usage: refsog pdf-text [--pdf-pages N] [--pdf-seconds N] [--pdf-text-bytes N] NAME < PDF\n");
        return 2;
    }
    rs_pdf_set_limits(&l);
    RsPdfLimits eff = rs_pdf_limits();
    /* the kernel's bound, inside a page too: SIGXCPU at the limit, SIGKILL a second later */
    struct rlimit cpu = {(rlim_t)eff.cpu_seconds + 1, (rlim_t)eff.cpu_seconds + 2};
    setrlimit(RLIMIT_CPU, &cpu);
    RsBuf in = {0};
    char buf[65536];
    ssize_t n;
    while ((n = read(0, buf, sizeof buf)) > 0)
        if (rs_buf_append(&in, buf, (size_t)n) != RS_OK) return 3;
    RsError err = {0};
    char *text;
    size_t len;
    RsStatus rc = rs_pdf_text_here(in.data ? in.data : "", in.len, argv[optind], &text, &len, &err);
    rs_buf_free(&in);
    if (rc != RS_OK) {
        fprintf(stderr, "refsog: %s\n", err.msg);
        return rc == RS_ERR_NOMEM ? 3 : 1;
    }
    size_t off = 0;
    while (off < len && (n = write(1, text + off, len - off)) > 0) off += (size_t)n;
    free(text);
    return off == len ? 0 : 1;
}
