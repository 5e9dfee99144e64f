/* mhd.h — the libmicrohttpd functions `refsog serve` uses, from the library loaded at the
 * server's start (common/dynlib.h) instead of linked: linked, it and GnuTLS (nine libraries and
 * GnuTLS's initialisation) load at every start of refsog, a search's included. */
#ifndef RS_MHD_H
#define RS_MHD_H

#include <microhttpd.h>

#include "error.h"

typedef struct RsMhdApi {
    __typeof__(MHD_start_daemon) *start_daemon;
    __typeof__(MHD_stop_daemon) *stop_daemon;
    __typeof__(MHD_create_response_from_buffer) *create_response_from_buffer;
    __typeof__(MHD_add_response_header) *add_response_header;
    __typeof__(MHD_queue_response) *queue_response;
    __typeof__(MHD_destroy_response) *destroy_response;
    __typeof__(MHD_lookup_connection_value) *lookup_connection_value;
    __typeof__(MHD_get_connection_values) *get_connection_values;
    __typeof__(MHD_get_connection_info) *get_connection_info;
} RsMhdApi;

/* The functions; set by a successful rs_mhd_load, before which none may be called. */
extern RsMhdApi rs_mhd;

/* Load libmicrohttpd ($RS_HTTP_LIBRARY names another library, for tests) once per process.
 * Thread-safe. RS_ERR_UNSUPPORTED names the library and why it could not be loaded (the same
 * answer every call). */
RsStatus rs_mhd_load(RsError *err);

#endif
