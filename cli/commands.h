/* commands.h — the refsog subcommands; each lives in cli/cmd_<name>.c. */
#ifndef RS_COMMANDS_H
#define RS_COMMANDS_H

/* Each command gets argv[0] = its own name and returns the process exit
 * status: 0 success, 1 failure (e.g. some file could not be indexed),
 * 2 usage error or malformed query. Errors go to stderr as "refsog: ...". */
typedef int (*RsCommandFn)(int argc, char **argv);

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

#endif
