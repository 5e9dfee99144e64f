/* dynlib.h — a shared library loaded when first needed (dlopen) instead of linked, so that its
 * dependencies do not load at every start of refsog: poppler-glib for PDFs (ingest/pdf.c),
 * libmicrohttpd for `refsog serve` (engine/mhd.c). */
#ifndef RS_DYNLIB_H
#define RS_DYNLIB_H

#include <stddef.h>

#include "error.h"

/* One function to find: its name and where to store its address. */
typedef struct RsDynSym {
    void **slot;
    const char *name;
} RsDynSym;

/* What to load: the soname found at build time, the environment variable that names another
 * library instead (when set and not empty; for tests), the Debian package that holds it, and
 * what it is for (the start of the error message: "cannot read PDFs"). */
typedef struct RsDynLib {
    const char *soname, *env, *package, *purpose;
} RsDynLib;

/* Load the library and fill every slot; the library stays loaded for the life of the process.
 * On failure no slot is set and RS_ERR_UNSUPPORTED names the purpose, the library and the reason
 * ("cannot read PDFs: the PDF library libpoppler-glib.so.8 could not be loaded (...); install
 * Debian's package libpoppler-glib8 (scripts/deps.sh)"). Not thread-safe: callers load once
 * (pthread_once) and keep the result. */
RsStatus rs_dynlib_load(const RsDynLib *lib, const RsDynSym *syms, size_t n, RsError *err);

#endif
