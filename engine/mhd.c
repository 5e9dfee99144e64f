/* mhd.c — libmicrohttpd loaded at the server's start (mhd.h). */
#include "mhd.h"

#include <pthread.h>

#include "dynlib.h"

/* the soname found at build time (Makefile); Debian 12's package libmicrohttpd12 holds it */
#ifndef RS_MHD_SONAME
#define RS_MHD_SONAME "libmicrohttpd.so.12"
#endif

RsMhdApi rs_mhd;
static RsError load_err;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) {
    static const RsDynLib lib = {RS_MHD_SONAME, "RS_HTTP_LIBRARY", "libmicrohttpd12", "cannot serve HTTP"};
    RsMhdApi api;
    const RsDynSym syms[] = {
        {(void **)&api.start_daemon, "MHD_start_daemon"},
        {(void **)&api.stop_daemon, "MHD_stop_daemon"},
        {(void **)&api.create_response_from_buffer, "MHD_create_response_from_buffer"},
        {(void **)&api.add_response_header, "MHD_add_response_header"},
        {(void **)&api.queue_response, "MHD_queue_response"},
        {(void **)&api.destroy_response, "MHD_destroy_response"},
        {(void **)&api.lookup_connection_value, "MHD_lookup_connection_value"},
        {(void **)&api.get_connection_values, "MHD_get_connection_values"},
        {(void **)&api.get_connection_info, "MHD_get_connection_info"},
    };
    if (rs_dynlib_load(&lib, syms, sizeof syms / sizeof *syms, &load_err) == RS_OK) rs_mhd = api;
}

RsStatus rs_mhd_load(RsError *err) {
    pthread_once(&once, load);
    if (load_err.code == RS_OK) return RS_OK;
    return rs_error_set(err, load_err.code, "%s", load_err.msg);
}
