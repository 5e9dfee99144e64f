/* conntrack.h — a deadline for each request's headers and body, counted from the connection's
 * start (or from the end of its previous request), whatever the client trickles meanwhile.
 *
 * libmicrohttpd's connection timeout restarts on every byte received, so a client sending one
 * header line every 5 s holds its connection forever, and 512 such clients hold the server. The
 * tracker keeps the start of every connection's current request; a watchdog thread shuts down
 * (shutdown(2)) the socket of one whose request has not been received in full within the limit,
 * and libmicrohttpd then closes it. A request being answered is not cut (the search has its own
 * budget).
 */
#ifndef RS_CONNTRACK_H
#define RS_CONNTRACK_H

#include <microhttpd.h>
#include <stddef.h>

#include "error.h"

typedef struct RsConnTrack RsConnTrack;

/* Start tracking with `seconds` for a request to arrive in full; starts the watchdog thread.
 * Fails with RS_ERR_NOMEM or RS_ERR_INTERNAL (no thread). */
RsStatus rs_conntrack_start(double seconds, RsConnTrack **out, RsError *err);

/* Stop the watchdog and free everything (after the daemon has stopped). NULL is a no-op. */
void rs_conntrack_stop(RsConnTrack *t);

/* The MHD_OPTION_NOTIFY_CONNECTION callback (cls: the tracker): registers and forgets
 * connections. */
void rs_conntrack_notify(void *cls, struct MHD_Connection *c, void **socket_context,
                         enum MHD_ConnectionNotificationCode code);

/* The request on c has arrived in full and is being answered (1: its deadline no longer
 * applies), or has been answered (0: the next request's deadline starts now). Can't fail. */
void rs_conntrack_answering(RsConnTrack *t, struct MHD_Connection *c, int answering);

/* Connections cut so far for missing their deadline. Can't fail. */
size_t rs_conntrack_cut(RsConnTrack *t);

#endif
