/* commands.h — the refsog subcommands; each lives in cli/cmd_<name>.c. */
#ifndef RS_COMMANDS_H
#define RS_COMMANDS_H

/* Each command gets argv[0] = its own name and returns the process exit
 * status: 0 success, 1 failure (e.g. some file could not be indexed),
 * 2 usage error or malformed query. Errors go to stderr as "refsog: ...". */
typedef int (*RsCommandFn)(int argc, char **argv);

#include "pdf.h"

/* The options of the commands that read PDFs (index, parse, pdf-text): the limits of pdf.h. */
#define RS_PDF_LONGOPTS                                                                       \
    {"pdf-pages", required_argument, NULL, 'P'}, {"pdf-seconds", required_argument, NULL, 'S'}, \
        {"pdf-text-bytes", required_argument, NULL, 'T'}

/* One of those options (getopt code 'P', 'S' or 'T' with its argument) into *l: 0, or 2 after
 * naming the problem on stderr. */
int rs_cli_pdf_option(int code, const char *arg, RsPdfLimits *l);

/* Read this run's PDFs in helper processes (`refsog pdf-text`, this same executable), whose CPU
 * the kernel bounds; without /proc, in this process. Call before starting threads. */
void rs_cli_pdf_helper(void);

/* One declaration per command, in the order of the table in main.c. */
int rs_cmd_analyze(int argc, char **argv);
int rs_cmd_parse(int argc, char **argv);
int rs_cmd_index(int argc, char **argv);
int rs_cmd_delete(int argc, char **argv);
int rs_cmd_compact(int argc, char **argv);
int rs_cmd_search(int argc, char **argv);
int rs_cmd_case(int argc, char **argv);
int rs_cmd_meeting(int argc, char **argv);
int rs_cmd_stats(int argc, char **argv);
int rs_cmd_serve(int argc, char **argv);
int rs_cmd_pdf_text(int argc, char **argv); /* hidden: the PDF helper process */

#endif
