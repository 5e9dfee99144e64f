// xapian_priv.hh — what the shim's two translation units share (C++ only, never included
// from C): the handle structs, the exception-to-status mapping and the try/catch macros.
// Only the shim (xapian_shim.cc: writing; xapian_search.cc: reading, queries, search) includes
// Xapian.
#ifndef RS_XAPIAN_PRIV_HH
#define RS_XAPIAN_PRIV_HH

#include "xapian_shim.h"

#include <xapian.h>

#include <string>
#include <vector>

struct RsxWritable {
    Xapian::WritableDatabase db;
};
struct RsxDoc {
    Xapian::Document doc;
};
struct RsxDb {
    Xapian::Database db;
    std::vector<std::string> paths;
    std::vector<Xapian::Database> shards;
    bool has_remote = false;
};
struct RsxQuery {
    Xapian::Query q;
};

namespace rsx_priv {

/* Map the exception being handled to a status and a message in the user's terms. */
RsStatus fail(RsError *err);

/* A malloc'd copy of s in *out (and its length in *len when not NULL). RS_ERR_NOMEM. */
RsStatus dup_out(const std::string &s, char **out, size_t *len, RsError *err);

}  // namespace rsx_priv

#define RSX_TRY try {
#define RSX_CATCH \
    }             \
    catch (...) { return rsx_priv::fail(err); }
#define RSX_CATCH_NULL    \
    }                     \
    catch (...) {         \
        rsx_priv::fail(err); \
        return NULL;      \
    }

#endif
