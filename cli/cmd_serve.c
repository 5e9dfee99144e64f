/* cmd_serve.c — `refsog serve`: run the HTTP API and the search page until interrupted. */
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "args.h"
#include "commands.h"
#include "server.h"

#define MAX_INDEXES 64

static volatile sig_atomic_t stop;
static void on_signal(int sig) { (void)sig; stop = 1; }

static int is_dir_with_index(const char *d) { /* d is at most PATH_MAX bytes */
    char p[PATH_MAX + 64];
    struct stat st;
    int n = snprintf(p, sizeof p, "%s/index.html", d);
    return n > 0 && (size_t)n < sizeof p && stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* The page's directory: --web, $REFSOG_WEB, <exe>/../web (source tree), <exe>/../share/refsog/web. */
static const char *find_web(const char *given, char *buf, size_t cap) {
    if (given) return given;
    const char *env = getenv("REFSOG_WEB");
    if (env && *env) return env;
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return NULL;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash) return NULL;
    *slash = '\0';
    const char *rel[] = {"../web", "../share/refsog/web"};
    for (size_t i = 0; i < 2; i++) {
        int n2 = snprintf(buf, cap, "%s/%s", exe, rel[i]);
        if (n2 > 0 && (size_t)n2 < cap && is_dir_with_index(buf)) return buf;
    }
    return NULL;
}

#define RS_MAX_THREADS 1024 /* --threads: more is a mistake, not a server */
#define RS_STR_(x) #x
#define RS_STR(x) RS_STR_(x)

int rs_cmd_serve(int argc, char **argv) {
    const char *indexes[MAX_INDEXES];
    size_t n_idx = 0;
    RsServerOptions o = {0};
    const char *web = NULL;
    static const struct option longopts[] = {
        {"index", required_argument, NULL, 'i'}, {"bind", required_argument, NULL, 'b'},
        {"port", required_argument, NULL, 'p'},  {"web", required_argument, NULL, 'w'},
        {"threads", required_argument, NULL, 't'}, {"help", no_argument, NULL, 'h'},
        {"request-seconds", required_argument, NULL, 'r'},
        {"header-seconds", required_argument, NULL, 'H'},
        {"per-address", required_argument, NULL, 'a'},
        {NULL, 0, NULL, 0}};
    int c;
    long long v;
    optind = 1;
    while ((c = getopt_long(argc, argv, "i:b:p:w:t:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'i':
            if (n_idx == MAX_INDEXES) { fprintf(stderr, "refsog: too many --index\n"); return 2; }
            indexes[n_idx++] = optarg;
            break;
        case 'b': o.bind = optarg; break;
        case 'p':
            if (rs_args_number(optarg, 1, 65535, "--port takes 1-65535", &v)) return 2;
            o.port = (unsigned)v;
            break;
        case 'w': web = optarg; break;
        case 't':
            if (rs_args_number(optarg, 0, RS_MAX_THREADS, "--threads takes 0 (one per core) to " RS_STR(RS_MAX_THREADS), &v)) return 2;
            o.threads = (unsigned)v;
            break;
        case 'r':
        case 'H': {
            char *end;
            double secs = strtod(optarg, &end);
            if (*end || !(secs > 0) || secs > 3600) {
                fprintf(stderr, "refsog: --%s takes a number of seconds (e.g. 5 or 0.5)\n",
                        c == 'r' ? "request-seconds" : "header-seconds");
                return 2;
            }
            if (c == 'r') o.request_seconds = secs;
            else o.header_seconds = secs;
            break;
        }
        case 'a':
            if (rs_args_number(optarg, 1, 512, "--per-address takes 1-512", &v)) return 2;
            o.per_address = (unsigned)v;
            break;
        case 'h':
            printf("usage: refsog serve [--index DIR|tcp://HOST:PORT]... [--bind 127.0.0.1] [--port 8080]\n"
                   "                    [--web DIR] [--threads N] [--request-seconds S]\n"
                   "                    [--header-seconds S] [--per-address N]\n"
                   "Serve the search page and the JSON API (docs/api.md). Binds to loopback unless\n"
                   "--bind says otherwise. The page comes from --web, $REFSOG_WEB, or the web/\n"
                   "folder next to the binary (source tree or PREFIX/share/refsog/web).\n"
                   "A search that takes more than --request-seconds (default 5) is answered 503\n"
                   "\"søgningen tog for lang tid\". At most 512 connections at once, --per-address\n"
                   "of them (default 64) from one IP address; a request's headers (and body) must\n"
                   "arrive within --header-seconds (default 10) of the connection's start or its\n"
                   "previous answer, however slowly they trickle, else the connection is closed.\n");
            return 0;
        default: return 2;
        }
    }
    if (optind != argc) { fprintf(stderr, "refsog: serve takes no arguments (use --index)\n"); return 2; }
    if (!n_idx) indexes[n_idx++] = "refsog-index";
    char buf[PATH_MAX];
    o.indexes = indexes;
    o.n_indexes = n_idx;
    o.web_dir = find_web(web, buf, sizeof buf);
    RsError err = {0};
    RsServer *s;
    if (rs_server_start(&o, &s, &err) != RS_OK) {
        fprintf(stderr, "refsog: %s\n", err.msg);
        return 1;
    }
    fprintf(stderr, "refsog: serving %zu index%s on http://%s:%u/%s\n", n_idx, n_idx == 1 ? "" : "es",
            o.bind ? o.bind : "127.0.0.1", o.port ? o.port : 8080, o.web_dir ? "" : " (API only: no web page found)");
    struct sigaction sa = {0};
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    while (!stop) pause();
    rs_server_stop(s);
    return 0;
}
