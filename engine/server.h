/* server.h — `refsog serve`: the HTTP JSON API and the static search page (libmicrohttpd). */
#ifndef RS_SERVER_H
#define RS_SERVER_H

#include <stddef.h>

#include "error.h"

typedef struct RsServer RsServer;

typedef struct RsServerOptions {
    const char *const *indexes; /* local directories or tcp://host:port, searched as one */
    size_t n_indexes;
    const char *bind;           /* IPv4 address; NULL = 127.0.0.1 */
    unsigned port;              /* 0 = 8080 */
    const char *web_dir;        /* the page's files; NULL = no page, API only */
    unsigned threads;           /* 0 = number of cores */
    unsigned timeout_s;         /* per connection; 0 = 10 */
    double request_seconds;     /* time budget of one search (0 = 5 s): past it, 503 with
                                   "søgningen tog for lang tid" */
    double header_seconds;      /* a request's headers and body must arrive within this from the
                                   connection's start or its previous answer (0 = 10 s), however
                                   the client trickles them; else the connection is closed */
    unsigned per_address;       /* connections at once from one IP address (0 = 64); at most
                                   512 in all */
} RsServerOptions;

/* Open the indexes (one searcher per thread) and start listening. On
 * success *out owns a running server (stop with rs_server_stop). Fails
 * with what rs_searcher_open fails with, RS_ERR_USAGE for a bad address,
 * RS_ERR_IO when the port cannot be bound. */
RsStatus rs_server_start(const RsServerOptions *opts, RsServer **out, RsError *err);

/* Stop listening, wait for requests in flight, release everything. NULL is a no-op. */
void rs_server_stop(RsServer *s);

#endif
