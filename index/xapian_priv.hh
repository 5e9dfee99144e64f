// xapian_priv.hh — what the shim's two translation units share (C++ only, never included
// from C): the handle structs, the exception-to-status mapping and the try/catch macros.
// Only the shim (xapian_shim.cc: writing; xapian_search.cc: reading, queries, search) includes
// Xapian.
#ifndef RS_XAPIAN_PRIV_HH
#define RS_XAPIAN_PRIV_HH

#include "xapian_shim.h"

#include <xapian.h>

#include <map>
#include <memory>
#include <cstdint>

#include <string>
#include <vector>

struct RsxWritable {
    Xapian::WritableDatabase db;
};
struct RsxDoc {
    Xapian::Document doc;
};
/* One value slot of the whole index as arrays by docid, for counting a facet without reading
 * values per match (rsx_search with facet_columns): each distinct value gets an ordinal. */
struct RsxFacetColumn {
    bool multi = false;
    std::vector<std::string> names;  /* ordinal → value */
    std::vector<uint32_t> ord;       /* single: ordinal + 1 per docid (0: none); multi: ordinals */
    std::vector<uint32_t> off;       /* multi: docid d's ordinals are ord[off[d] .. off[d + 1]) */
};

struct RsxDb {
    Xapian::Database db;
    std::vector<std::string> paths;
    std::vector<Xapian::Database> shards;
    bool has_remote = false;
    /* one local database, not shards: a match spy sees each shard's own docids, so facet
     * columns (which are by the combined docid) serve only this case */
    bool single = false;
    /* facet columns by slot, for the revision the database is open at: emptied whenever it is
     * reopened onto a newer one */
    std::map<unsigned, std::unique_ptr<RsxFacetColumn>> columns;
    /* moves on each reopen onto another revision (rsx_db_generation) */
    unsigned long generation = 0;
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
