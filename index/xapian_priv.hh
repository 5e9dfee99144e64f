// xapian_priv.hh — what the shim's translation units share (C++ only, never included
// from C): the handle structs, the exception-to-status mapping and the try/catch macros.
// Only the shim (xapian_shim.cc: writing; xapian_search.cc: reading and search; xapian_query.cc:
// queries; xapian_facets.cc: facet columns and match sets) includes Xapian.
#ifndef RS_XAPIAN_PRIV_HH
#define RS_XAPIAN_PRIV_HH

#include "xapian_shim.h"

extern "C" {
#include "schema.h"
}

#include <xapian.h>

#include <algorithm>

#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

/* Deleted documents (tombstones) of databases without term lists, as a bitset: bit d for
 * docid d (xapian_dead.cc; the metadata format is in schema.h). */
struct RsxDead {
    std::vector<uint64_t> bits;
    size_t n = 0; /* how many bits are set */
    bool has(Xapian::docid d) const {
        size_t w = d / 64;
        return w < bits.size() && ((bits[w] >> (d % 64)) & 1);
    }
    /* true if d was not dead yet */
    bool add(Xapian::docid d) {
        size_t w = d / 64;
        if (w >= bits.size()) bits.resize(w + 1, 0);
        uint64_t b = uint64_t(1) << (d % 64);
        if (bits[w] & b) return false;
        bits[w] |= b;
        n++;
        return true;
    }
    /* the first dead docid >= d, or 0 if none */
    Xapian::docid next(Xapian::docid d) const;
    void clear() {
        bits.clear();
        n = 0;
    }
};

struct RsxWritable {
    Xapian::WritableDatabase db;
    /* written without term lists (every new index): Xapian cannot delete from it, so a
     * deleted or replaced document is marked dead in `dead` (and in the metadata) instead */
    bool no_termlist = false;
    RsxDead dead;
};
struct RsxDoc {
    Xapian::Document doc;
    /* Terms given by rsx_doc_add_term and not yet in doc (doc_flush in xapian_shim.cc hands them
     * over sorted, each once): key is a term's first 8 bytes big-endian (0-padded), its text is
     * pend_text[off, off + len). */
    struct Pending {
        uint64_t key;
        uint32_t off, len;
        unsigned wdf;
    };
    std::string pend_text;
    std::vector<Pending> pend;
};
/* One value slot of the whole index as arrays by docid, for counting a facet without reading
 * values per match (rsx_search with facet_columns): each distinct value gets an ordinal. */
struct RsxFacetColumn {
    bool multi = false;
    std::vector<std::string> names;  /* ordinal → value */
    std::vector<uint32_t> ord;       /* single: ordinal + 1 per docid (0: none); multi: ordinals */
    std::vector<uint32_t> off;       /* multi: docid d's ordinals are ord[off[d] .. off[d + 1]) */
};

/* A set of docids as a bitset, bit d for docid d (xapian_facets.cc). */
typedef std::vector<uint64_t> RsxBits;

/* The bitsets of frequent terms at one revision, least recently used first out, within a
 * byte budget (xapian_facets.cc). */
struct RsxTermSets {
    std::list<std::string> order; /* most recently used first */
    std::unordered_map<std::string, std::pair<std::shared_ptr<const RsxBits>, std::list<std::string>::iterator>> map;
    size_t bytes = 0;
    void clear() {
        order.clear();
        map.clear();
        bytes = 0;
    }
};

struct RsxDb {
    Xapian::Database db;
    std::vector<std::string> paths;
    std::vector<Xapian::Database> shards;
    bool has_remote = false;
    /* a match decider can check phrases (xapian_phrase.cc): it learns an item's docid in its own
     * shard but not which shard, so there is one shard, or every item has its position block */
    bool phrases_lazy = true;
    /* one local database, not shards: a match spy sees each shard's own docids, so facet
     * columns (which are by the combined docid) serve only this case */
    bool single = false;
    /* facet columns by slot, for the revision the database is open at: emptied whenever it is
     * reopened onto a newer one */
    std::map<unsigned, std::unique_ptr<RsxFacetColumn>> columns;
    RsxTermSets sets; /* frequent terms' docid sets, for the same revision as the columns */
    size_t sets_budget = RSX_SETS_BUDGET; /* rsx_db_keep_sets */
    /* moves on each reopen onto another revision (rsx_db_generation) */
    unsigned long generation = 0;
    /* the deleted documents of every shard by combined docid, and each local shard's own by its
     * UUID (what the matcher's filter reads per sub-database), at the open revision */
    RsxDead dead;
    std::shared_ptr<const std::map<std::string, std::shared_ptr<const RsxDead>>> dead_by_uuid;
};
/* What a query matches as set algebra over terms: the shim's own record of a query's structure
 * (built beside the Xapian::Query by every constructor), so that its match set can be computed as
 * a bitset without the matcher (xapian_facets.cc). Weights do not matter to it: AND_MAYBE is its
 * first part, SYNONYM and OR are OR, FILTER is AND, a scaled query is the query. */
struct RsxPlan {
    enum Kind { TERM, ALL, NOTHING, AND, OR, AND_NOT, VALUE_RANGE } kind;
    std::string term;            /* TERM (the empty term: every document); VALUE_RANGE: lo */
    std::string hi;              /* VALUE_RANGE */
    bool has_lo = false, has_hi = false;
    unsigned slot = 0;           /* VALUE_RANGE */
    std::vector<std::shared_ptr<const RsxPlan>> subs;
};

namespace rsx_priv {
/* A phrase: exact forms in order within `window` positions (at least terms.size()). */
struct PhraseSpec {
    std::vector<std::string> terms;
    unsigned window;
    /* terms every item having the phrase has, in a shard whose RS_META_PAIRS is RS_PAIRS_RULE
     * (the pair terms of its neighbouring stopwords): its candidates there; unused elsewhere */
    std::vector<std::string> pairs;
};
}  // namespace rsx_priv

struct RsxQuery {
    Xapian::Query q; /* phrases as their words' AND filtered by a phrase source (xapian_phrase.cc) */
    /* The same query with its phrases as Xapian's OP_PHRASE (positions from Xapian's position
     * table), for a search with a remote shard, whose server knows no phrase source; NULL when
     * the query has no phrase (q is then the same): what says whether it has one. */
    std::shared_ptr<const Xapian::Query> qpos;
    /* When every match must have every phrase of the query (phrases only under AND and FILTER,
     * and as the first part of AND_NOT and AND_MAYBE): the query with each phrase as its words'
     * AND alone, and the phrases, for a match decider to check (xapian_phrase.cc); qlazy NULL
     * otherwise. */
    std::shared_ptr<const Xapian::Query> qlazy;
    std::vector<rsx_priv::PhraseSpec> lazy_phrases;
    /* NULL: the query has a part sets cannot answer (a phrase, NEAR, ELITE_SET, a wildcard) */
    std::shared_ptr<const RsxPlan> plan;
    /* The query where only its matches count (what AND_NOT excludes, what FILTER filters by):
     * each AND_MAYBE as its first part, which matches the same. Xapian 1.4.22 reads an
     * uninitialised weight bound in an AND_MAYBE there and may then require its second part too
     * (valgrind: "conditional jump depends on uninitialised value" in the matcher), so such a
     * part of AND_NOT or FILTER is always given this form. NULL when q has no AND_MAYBE. */
    std::shared_ptr<const Xapian::Query> qbool;
    /* qpos as qbool is q (for a remote shard); set whenever qpos and qbool both are. */
    std::shared_ptr<const Xapian::Query> qposbool;
};

namespace rsx_priv {

/* A remote database's path: "tcp://host:port" (xapian-tcpsrv). */
inline bool is_remote_path(const std::string &path) { return path.compare(0, 6, "tcp://") == 0; }

/* Map the exception being handled to a status and a message in the user's terms. */
RsStatus fail(RsError *err);

/* A malloc'd copy of s in *out (and its length in *len when not NULL). RS_ERR_NOMEM. */
RsStatus dup_out(const std::string &s, char **out, size_t *len, RsError *err);

/* The distinct non-empty values of a multi-valued slot value (joined by RSX_MULTI_SEP), each once,
 * in order: what a facet counts per document. */
template <typename F> void each_value(const std::string &v, F one) {
    std::vector<std::string> seen;
    for (size_t start = 0; start <= v.size();) {
        size_t end = v.find(RSX_MULTI_SEP, start);
        if (end == std::string::npos) end = v.size();
        if (end > start) {
            std::string s = v.substr(start, end - start);
            if (std::find(seen.begin(), seen.end(), s) == seen.end()) {
                one(s);
                seen.push_back(s);
            }
        }
        start = end + 1;
    }
}

/* xapian_facets.cc: the facet column of `slot` at the database's revision (built from the
 * slot's value stream on first use; kept in db->columns). Throws what Xapian throws. */
const RsxFacetColumn &facet_column(RsxDb *db, unsigned slot, bool multi);

/* A document's stored item: its value RS_SLOT_DATA, or (an item written before schema 11) its
 * document data. (xapian_db.cc) */
std::string stored_item(const Xapian::Document &doc);

/* xapian_facets.cc: the least recently used of ts out until they take at most `budget` bytes. */
void trim_sets(RsxTermSets &ts, size_t budget);

/* xapian_facets.cc: whether counting `plan`'s matches from sets is worth it (mode: an
 * RsxFacetSets), i.e. whether it may match more than a small share of the index. */
bool sets_worth(RsxDb *db, const RsxPlan &plan, int mode);

/* xapian_facets.cc: the facets `facets` (n of them) of the documents `plan` matches, counted from
 * their columns over its match set: counts per facet as (value, count), unsorted, and the number
 * of matches in *total. Throws what Xapian throws (DatabaseModifiedError: the caller reopens). */
void sets_count(RsxDb *db, const RsxPlan &plan, const RsxFacetRequest *facets, size_t n,
                std::vector<std::vector<std::pair<std::string, size_t>>> &out, size_t *total);

/* xapian_phrase.cc: whether one item has a phrase, with the scratch for asking many items. */
class PhraseCheck {
  public:
    explicit PhraseCheck(const PhraseSpec &p);
    ~PhraseCheck();
    PhraseCheck(const PhraseCheck &) = delete;
    PhraseCheck &operator=(const PhraseCheck &) = delete;
    /* Item d of db: its position block (RS_SLOT_POSITIONS) or NULL for none (Xapian's positions
     * are then read). Throws DatabaseCorruptError for a damaged block. */
    bool in_item(const std::string *block, const Xapian::Database &db, Xapian::docid d);
    /* Whether the item's pair filter (RS_SLOT_PAIRS; empty: none) may have the phrase's words
     * next to each other: false is certain, true is to be checked with in_item. */
    bool maybe(const std::string &pairs) const;
    std::vector<std::string> words; /* each distinct word of the phrase once */

  private:
    PhraseSpec p;
    std::vector<size_t> slot;     /* p.terms[i] is words[slot[i]] */
    std::vector<uint32_t> hashes; /* rs_posblob_hash of each term, seed 0 (the pair filter's) */
    std::vector<std::vector<uint32_t>> lists;
    std::vector<const uint32_t *> term_lists; /* per term of p, into lists (rs_phrase_in's) */
    std::vector<size_t> term_lens;
    uint32_t *buf = nullptr;
    size_t cap = 0;
};

/* xapian_phrase.cc: the items having the phrase, as a filter (no weight): AND it with the words.
 * Local shards only (xapian-tcpsrv does not know it). */
Xapian::Query phrase_filter(const PhraseSpec &p);

/* xapian_phrase.cc: a match decider keeping the documents of the combined database over `shards`
 * (which must outlive it) that have every phrase. */
std::unique_ptr<Xapian::MatchDecider> phrase_decider(const std::vector<PhraseSpec> &phrases,
                                                     const std::vector<Xapian::Database> &shards);

/* xapian_phrase.cc: the items having every one of p.pairs in a shard marked as giving every
 * item its pair terms (RS_META_PAIRS), every item elsewhere: a filter (no weight) narrowing the
 * candidates of p's words' AND. Local shards only. */
Xapian::Query pair_filter(const PhraseSpec &p);

/* xapian_dead.cc: the tombstones of a local database (from its metadata) into *out. Throws
 * what Xapian throws. */
void dead_load(const Xapian::Database &db, RsxDead &out);

/* xapian_dead.cc: mark `ids` dead in w (its set and its metadata, written in the same commit as
 * whatever else is pending). Throws what Xapian throws. */
void dead_mark(RsxWritable *w, const std::vector<Xapian::docid> &ids);

/* xapian_dead.cc: how many of the `freq` documents having `term` in `db` are not in `dead` (freq
 * itself when nothing is dead). */
Xapian::doccount live_freq(const Xapian::Database &db, const std::string &term, Xapian::doccount freq,
                           const RsxDead &dead);

/* xapian_dead.cc: whether some document having `term` in `db` is not in `dead` (reads postings
 * up to the first live one: usually one). */
bool has_live(const Xapian::Database &db, const std::string &term, const RsxDead &dead);

/* xapian_dead.cc: (re)read every shard's tombstones into db->dead and db->dead_by_uuid. A remote
 * shard with tombstones cannot leave them out (xapian-tcpsrv knows no filter): an error
 * (Xapian::FeatureUnavailableError), as is a local shard with tombstones beside a remote one. */
void dead_reload(RsxDb *db);

/* xapian_dead.cc: a copy of the local database `src` (opened from `path`) without its `dead`
 * documents, as new databases `base`-0, `base`-1, … (returned in order; no term lists, not
 * synced) to be compacted together in that order: every live document rebuilt from the postings
 * (its terms with their wdf, the positions of those RS_TERM_POSITIONAL says may have them), its
 * values and data, in docid order, and every metadata entry but the tombstones (in the first).
 * One pass over the term list per window of docids (a database each), to bound the memory; the
 * windows shared out among `jobs` threads (rsx_compact), each reading `path` at src's revision
 * (Xapian::DatabaseModifiedError if it moved meanwhile). Throws what Xapian throws; the caller
 * removes them (and any a failure left). */
std::vector<std::string> dead_purge(const Xapian::Database &src, const std::string &path, const RsxDead &dead,
                                    unsigned jobs, const std::string &base);

/* xapian_dead.cc: `q` without the deleted documents (q itself when there are none). */
Xapian::Query without_dead(const RsxDb *db, const Xapian::Query &q);

/* The database moved to another revision: what was built for the old one goes. */
/* Whether a decider can check the phrases of db (RsxDb.phrases_lazy), at its revision. */
inline void phrases_reload(RsxDb *db) {
    db->phrases_lazy = true;
    for (size_t i = 0; db->shards.size() > 1 && i < db->shards.size(); i++)
        if (db->shards[i].get_metadata(RS_META_POSITIONS) != "items") db->phrases_lazy = false;
}

inline void revision_moved(RsxDb *db) {
    db->columns.clear();
    db->sets.clear();
    db->generation++;
    dead_reload(db);
    phrases_reload(db);
}

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
