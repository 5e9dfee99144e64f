/* conntrack.c — per-request deadlines enforced by a watchdog thread (see conntrack.h). */
#include "conntrack.h"

#include <pthread.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

#include "mhd.h"

#define TICK_NS 100000000L /* the watchdog looks every 0.1 s */

typedef struct Conn {
    struct Conn *prev, *next;
    int fd;
    double start;  /* of the request being received */
    int answering; /* received in full, being answered */
    int cut;       /* shut down by the watchdog */
} Conn;

struct RsConnTrack {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    Conn head; /* circular list of the open connections */
    double limit;
    int stop;
    size_t cut;
    pthread_t thread;
};

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void *watchdog(void *arg) {
    RsConnTrack *t = arg;
    pthread_mutex_lock(&t->lock);
    while (!t->stop) {
        double now = now_s();
        for (Conn *e = t->head.next; e != &t->head; e = e->next) {
            if (e->answering || e->cut || e->fd < 0 || now - e->start <= t->limit) continue;
            /* under the lock: the connection cannot be closed (its fd reused) meanwhile, since
             * libmicrohttpd tells us (and waits for the lock) before it closes the socket */
            shutdown(e->fd, SHUT_RDWR);
            e->cut = 1;
            t->cut++;
        }
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += TICK_NS;
        if (until.tv_nsec >= 1000000000L) until.tv_sec++, until.tv_nsec -= 1000000000L;
        pthread_cond_timedwait(&t->wake, &t->lock, &until);
    }
    pthread_mutex_unlock(&t->lock);
    return NULL;
}

RsStatus rs_conntrack_start(double seconds, RsConnTrack **out, RsError *err) {
    *out = NULL;
    RsConnTrack *t = calloc(1, sizeof *t);
    if (!t) return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    pthread_mutex_init(&t->lock, NULL);
    pthread_cond_init(&t->wake, NULL);
    t->head.next = t->head.prev = &t->head;
    t->limit = seconds;
    if (pthread_create(&t->thread, NULL, watchdog, t) != 0) {
        pthread_mutex_destroy(&t->lock);
        pthread_cond_destroy(&t->wake);
        free(t);
        return rs_error_set(err, RS_ERR_INTERNAL, "cannot start the connection watchdog thread");
    }
    *out = t;
    return RS_OK;
}

void rs_conntrack_stop(RsConnTrack *t) {
    if (!t) return;
    pthread_mutex_lock(&t->lock);
    t->stop = 1;
    pthread_cond_signal(&t->wake);
    pthread_mutex_unlock(&t->lock);
    pthread_join(t->thread, NULL);
    while (t->head.next != &t->head) { /* connections the daemon did not report closed */
        Conn *e = t->head.next;
        e->prev->next = e->next;
        e->next->prev = e->prev;
        free(e);
    }
    pthread_mutex_destroy(&t->lock);
    pthread_cond_destroy(&t->wake);
    free(t);
}

void rs_conntrack_notify(void *cls, struct MHD_Connection *c, void **socket_context,
                         enum MHD_ConnectionNotificationCode code) {
    RsConnTrack *t = cls;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        Conn *e = calloc(1, sizeof *e);
        if (!e) return; /* untracked: only MHD's own timeout applies */
        const union MHD_ConnectionInfo *ci = rs_mhd.get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        e->fd = ci ? (int)ci->connect_fd : -1;
        e->start = now_s();
        pthread_mutex_lock(&t->lock);
        e->next = t->head.next;
        e->prev = &t->head;
        t->head.next->prev = e;
        t->head.next = e;
        pthread_mutex_unlock(&t->lock);
        *socket_context = e;
    } else if (code == MHD_CONNECTION_NOTIFY_CLOSED && *socket_context) {
        Conn *e = *socket_context;
        pthread_mutex_lock(&t->lock);
        e->prev->next = e->next;
        e->next->prev = e->prev;
        pthread_mutex_unlock(&t->lock);
        free(e);
        *socket_context = NULL;
    }
}

void rs_conntrack_answering(RsConnTrack *t, struct MHD_Connection *c, int answering) {
    const union MHD_ConnectionInfo *ci = rs_mhd.get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    Conn *e = ci ? ci->socket_context : NULL;
    if (!e) return;
    pthread_mutex_lock(&t->lock);
    e->answering = answering;
    if (!answering) e->start = now_s();
    pthread_mutex_unlock(&t->lock);
}

size_t rs_conntrack_cut(RsConnTrack *t) {
    pthread_mutex_lock(&t->lock);
    size_t n = t->cut;
    pthread_mutex_unlock(&t->lock);
    return n;
}
