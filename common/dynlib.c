/* dynlib.c — a shared library loaded when first needed, its functions found by name (dynlib.h). */
#include "dynlib.h"

#include <dlfcn.h>
#include <stdlib.h>

RsStatus rs_dynlib_load(const RsDynLib *lib, const RsDynSym *syms, size_t n, RsError *err) {
    const char *name = lib->env ? getenv(lib->env) : NULL;
    int from_env = name && *name;
    if (!from_env) name = lib->soname;
    void *h = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *why = dlerror();
        if (from_env)
            return rs_error_set(err, RS_ERR_UNSUPPORTED, "%s: the library %s (named by %s) could not be loaded (%s)",
                                lib->purpose, name, lib->env, why ? why : "not found");
        return rs_error_set(err, RS_ERR_UNSUPPORTED,
                            "%s: the library %s could not be loaded (%s); install Debian's package %s "
                            "(scripts/deps.sh)", lib->purpose, name, why ? why : "not found", lib->package);
    }
    for (size_t i = 0; i < n; i++) {
        if (!dlsym(h, syms[i].name)) {
            dlclose(h);
            return rs_error_set(err, RS_ERR_UNSUPPORTED, "%s: the library %s has no function %s (another version?)",
                                lib->purpose, name, syms[i].name);
        }
    }
    for (size_t i = 0; i < n; i++) *syms[i].slot = dlsym(h, syms[i].name);
    return RS_OK;
}
