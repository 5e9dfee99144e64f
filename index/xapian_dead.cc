// xapian_dead.cc — tombstones (part of the shim, the only code that includes Xapian): the deleted
// documents of an index written without Xapian's term lists, kept in its metadata and left out of
// every answer (docs/shim.md "Tombstones").
//
// Xapian 1.4 deletes a document by reading its terms from the term list table; an index written
// without that table (a quarter of its size) cannot delete. So a replaced or deleted document
// stays in the postings and its docid is marked dead here, in the same commit as the change;
// readers load the marks at each revision and filter with them: the matcher through a posting
// source under AND NOT, the match sets, postings, counts and term frequencies by the bitset.
#include "xapian_priv.hh"

#include <atomic>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <set>
#include <thread>

/* 65536 docids per metadata key: a key is at most 8 KiB, and a change rewrites only its keys. */
#define DEAD_BLOCK_BITS 65536u
#define DEAD_BLOCK_WORDS (DEAD_BLOCK_BITS / 64)

Xapian::docid RsxDead::next(Xapian::docid d) const {
    size_t w = d / 64;
    if (w >= bits.size()) return 0;
    uint64_t x = bits[w] & (~uint64_t(0) << (d % 64));
    while (!x) {
        if (++w >= bits.size()) return 0;
        x = bits[w];
    }
    return static_cast<Xapian::docid>(w * 64 + static_cast<size_t>(__builtin_ctzll(x)));
}

namespace rsx_priv {

static std::string block_key(uint32_t b) {
    char key[64];
    snprintf(key, sizeof key, "%s%08" PRIx32, RS_META_DEAD, b);
    return key;
}

void dead_load(const Xapian::Database &db, RsxDead &out) {
    out.clear();
    const std::string prefix = RS_META_DEAD;
    for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k) {
        const std::string key = *k;
        char *end;
        unsigned long b = strtoul(key.c_str() + prefix.size(), &end, 16);
        if (*end || key.size() != prefix.size() + 8)
            throw Xapian::DatabaseCorruptError("bad tombstone key " + key);
        const std::string v = db.get_metadata(key);
        if (v.size() > DEAD_BLOCK_BITS / 8) throw Xapian::DatabaseCorruptError("bad tombstone block " + key);
        size_t base = b * DEAD_BLOCK_WORDS;
        if (!v.empty() && out.bits.size() < base + (v.size() + 7) / 8) out.bits.resize(base + (v.size() + 7) / 8, 0);
        for (size_t i = 0; i < v.size(); i++)
            out.bits[base + i / 8] |= uint64_t(static_cast<unsigned char>(v[i])) << (8 * (i % 8));
    }
    for (uint64_t w : out.bits) out.n += static_cast<size_t>(__builtin_popcountll(w));
}

void dead_mark(RsxWritable *w, const std::vector<Xapian::docid> &ids) {
    std::set<uint32_t> blocks;
    for (Xapian::docid d : ids)
        if (w->dead.add(d)) blocks.insert(d / DEAD_BLOCK_BITS);
    for (uint32_t b : blocks) {
        std::string v;
        size_t base = size_t(b) * DEAD_BLOCK_WORDS;
        for (size_t i = 0; i < DEAD_BLOCK_WORDS && base + i < w->dead.bits.size(); i++)
            for (int k = 0; k < 8; k++) v += static_cast<char>((w->dead.bits[base + i] >> (8 * k)) & 0xFF);
        while (!v.empty() && v.back() == '\0') v.pop_back();
        w->db.set_metadata(block_key(b), v);
    }
    if (!blocks.empty()) w->db.set_metadata(RS_META_DEAD_COUNT, std::to_string(w->dead.n));
}

Xapian::doccount live_freq(const Xapian::Database &db, const std::string &term, Xapian::doccount freq,
                           const RsxDead &dead) {
    if (!dead.n || !freq) return freq;
    Xapian::doccount k = 0; /* the dead among them */
    if (freq <= 4 * dead.n) { /* a short posting list: read it */
        for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) k += dead.has(*p);
        return freq - k;
    }
    /* few dead documents: look each up in the long list */
    auto p = db.postlist_begin(term), e = db.postlist_end(term);
    for (Xapian::docid d = dead.next(1); d && p != e; d = dead.next(d + 1)) {
        p.skip_to(d);
        if (p != e && *p == d) k++;
    }
    return freq - k;
}

bool has_live(const Xapian::Database &db, const std::string &term, const RsxDead &dead) {
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p)
        if (!dead.has(*p)) return true;
    return false;
}

/* The deleted documents of one sub-database as a posting list (for AND NOT). The matcher clones
 * it for each sub-database and passes that database to init(): its tombstones are found by its
 * UUID among those the RsxDb loaded at its revision. */
class DeadSource : public Xapian::PostingSource {
  public:
    typedef std::map<std::string, std::shared_ptr<const RsxDead>> ByUuid;
    explicit DeadSource(std::shared_ptr<const ByUuid> by_uuid_) : by_uuid(std::move(by_uuid_)) {}
    PostingSource *clone() const override { return new DeadSource(by_uuid); }
    void init(const Xapian::Database &db) override {
        auto it = by_uuid->find(db.get_uuid());
        if (it != by_uuid->end()) {
            cur = it->second;
        } else { /* not loaded with the RsxDb (cannot happen): read it now */
            auto own = std::make_shared<RsxDead>();
            dead_load(db, *own);
            cur = own;
        }
        did = 0;
        started = false;
    }
    Xapian::doccount get_termfreq_min() const override { return static_cast<Xapian::doccount>(cur->n); }
    Xapian::doccount get_termfreq_est() const override { return static_cast<Xapian::doccount>(cur->n); }
    Xapian::doccount get_termfreq_max() const override { return static_cast<Xapian::doccount>(cur->n); }
    void next(double) override {
        did = cur->next(started ? did + 1 : 1);
        started = true;
    }
    void skip_to(Xapian::docid d, double) override {
        if (started && (did == 0 || d <= did)) return;
        did = cur->next(d);
        started = true;
    }
    bool at_end() const override { return started && did == 0; }
    Xapian::docid get_docid() const override { return did; }
    std::string get_description() const override { return "RsxDeadSource"; }

  private:
    std::shared_ptr<const ByUuid> by_uuid;
    std::shared_ptr<const RsxDead> cur;
    Xapian::docid did = 0;
    bool started = false;
};

void dead_reload(RsxDb *db) {
    db->dead.clear();
    auto by_uuid = std::make_shared<DeadSource::ByUuid>();
    size_t n = db->shards.size();
    bool any_local_dead = false;
    for (size_t i = 0; i < n; i++) {
        const Xapian::Database &s = db->shards[i];
        if (is_remote_path(db->paths[i])) {
            /* the server cannot apply the filter: serve only shards without tombstones */
            std::string c = s.get_metadata(RS_META_DEAD_COUNT);
            if (!c.empty() && c != "0")
                throw Xapian::FeatureUnavailableError(
                    db->paths[i] + " has " + c + " deleted items its server cannot leave out: "
                    "rebuild that shard (`refsog index` into a new folder) before serving it");
            continue;
        }
        auto own = std::make_shared<RsxDead>();
        dead_load(s, *own);
        if (!own->n) continue;
        any_local_dead = true;
        for (Xapian::docid d = own->next(1); d; d = own->next(d + 1))
            db->dead.add(static_cast<Xapian::docid>((d - 1) * n + i + 1)); /* the combined docid */
        (*by_uuid)[s.get_uuid()] = own;
    }
    if (any_local_dead && db->has_remote)
        throw Xapian::FeatureUnavailableError("a local shard has deleted items and a remote shard's "
                                              "server cannot leave them out of a combined search");
    db->dead_by_uuid = by_uuid;
}

Xapian::Query without_dead(const RsxDb *db, const Xapian::Query &q) {
    if (!db->dead.n) return q;
    Xapian::PostingSource *src = (new DeadSource(db->dead_by_uuid))->release();
    return Xapian::Query(Xapian::Query::OP_AND_NOT, q, Xapian::Query(src));
}

/* Docids per pass of dead_purge: its memory is about this many documents' postings (~430 each
 * in refsog's index: ~16 bytes a posting, ~110 MB) and positions. */
#define PURGE_WINDOW 16384u

namespace {
struct Posting {
    uint32_t term; /* index into the pass's term strings */
    uint32_t wdf;
    uint32_t pos_off, pos_n; /* its positions in the pass's position array */
};
}  // namespace

/* One window [lo, hi] of src into the new database `seg` (dead_purge). */
static void purge_window(const Xapian::Database &src, const RsxDead &dead, const std::vector<Xapian::valueno> &slots,
                         Xapian::docid lo, Xapian::docid hi, bool with_metadata, const std::string &seg) {
    /* each window into a segment of its own: Xapian takes documents into a small database
     * faster than into a big one (index/build.h); the caller's compaction merges them */
    Xapian::WritableDatabase out(seg, Xapian::DB_CREATE | Xapian::DB_NO_TERMLIST | Xapian::DB_NO_SYNC |
                                          Xapian::DB_BACKEND_GLASS);
    std::vector<std::vector<Posting>> docs(hi - lo + 1);
    std::vector<std::string> terms;
    std::vector<Xapian::termpos> positions;
    /* items of schema 9 keep their positions in their stored data, copied with it */
    const bool xapian_positions = src.has_positions();
    for (auto t = src.allterms_begin(); t != src.allterms_end(); ++t) {
        const std::string term = *t;
        uint32_t id = UINT32_MAX;
        auto p = src.postlist_begin(term), e = src.postlist_end(term);
        for (p.skip_to(lo); p != e && *p <= hi; ++p) {
            Xapian::docid d = *p;
            if (dead.has(d)) continue;
            if (id == UINT32_MAX) {
                id = static_cast<uint32_t>(terms.size());
                terms.push_back(term);
            }
            Posting x{id, p.get_wdf(), static_cast<uint32_t>(positions.size()), 0};
            if (xapian_positions && RS_TERM_POSITIONAL(term[0])) /* a lookup per posting: only where there are any */
                for (auto q = p.positionlist_begin(); q != p.positionlist_end(); ++q) {
                    positions.push_back(*q);
                    x.pos_n++;
                }
            docs[d - lo].push_back(x);
        }
    }
    auto all = src.postlist_begin(""), end = src.postlist_end("");
    for (all.skip_to(lo); all != end && *all <= hi; ++all) { /* the documents there are, in order */
        Xapian::docid d = *all;
        if (dead.has(d)) continue;
        Xapian::Document old = src.get_document(d), doc;
        doc.set_data(old.get_data());
        for (Xapian::valueno v : slots) {
            std::string val = old.get_value(v);
            if (!val.empty()) doc.add_value(v, val);
        }
        for (const Posting &x : docs[d - lo]) {
            doc.add_term(terms[x.term], x.wdf);
            for (uint32_t k = 0; k < x.pos_n; k++) doc.add_posting(terms[x.term], positions[x.pos_off + k], 0);
        }
        out.add_document(doc);
    }
    if (with_metadata) {
        const std::string dead_prefix = RS_META_DEAD;
        for (auto k = src.metadata_keys_begin(); k != src.metadata_keys_end(); ++k) {
            const std::string key = *k;
            if (key == RS_META_DEAD_COUNT || key.compare(0, dead_prefix.size(), dead_prefix) == 0) continue;
            out.set_metadata(key, src.get_metadata(key));
        }
    }
    out.commit();
    out.close();
}

std::vector<std::string> dead_purge(const Xapian::Database &src, const std::string &path, const RsxDead &dead,
                                    unsigned jobs, const std::string &base) {
    /* the value slots in use (Document::values_begin needs the term list) */
    std::vector<Xapian::valueno> slots;
    for (Xapian::valueno v = 0; v < 256; v++)
        if (src.get_value_freq(v)) slots.push_back(v);
    Xapian::docid last = src.get_lastdocid();
    /* RS_PURGE_WINDOW (docids, for tests): small windows, so that a few documents go through
     * many windows and threads */
    const char *ws = getenv("RS_PURGE_WINDOW");
    Xapian::docid window = ws && atoi(ws) > 0 ? static_cast<Xapian::docid>(atoi(ws)) : PURGE_WINDOW;
    size_t n_win = last ? (last - 1) / window + 1 : 0;
    std::vector<std::string> segs;
    for (size_t w = 0; w < n_win; w++) segs.push_back(base + "-" + std::to_string(w));
    /* two by default: each thread holds a window (~450 MB at 16,384 docids); measured on 100,000
     * items with 2 cores, 214-223 s on one thread, 126-151 s on two (docs/benchmarks.md) */
    if (!jobs) jobs = std::min(2u, std::max(1u, std::thread::hardware_concurrency()));
    size_t n_threads = std::min<size_t>(n_win, jobs);
    std::atomic<size_t> next{0};
    std::vector<std::exception_ptr> errs(n_threads);
    const Xapian::rev rev = src.get_revision();
    auto work = [&](size_t t) {
        try {
            /* a Xapian object is one thread's: the first thread reads src, each other its own */
            Xapian::Database own;
            if (t) {
                own = Xapian::Database(path, Xapian::DB_OPEN);
                if (own.get_revision() != rev)
                    throw Xapian::DatabaseModifiedError(path + " changed while it was compacted: run it again");
            }
            const Xapian::Database &db = t ? own : src;
            for (size_t w; (w = next++) < n_win;) {
                Xapian::docid lo = static_cast<Xapian::docid>(w * window + 1);
                Xapian::docid hi = lo + window - 1 < last ? lo + window - 1 : last;
                purge_window(db, dead, slots, lo, hi, w == 0, segs[w]);
            }
        } catch (...) {
            errs[t] = std::current_exception();
            next = n_win; /* the others stop after their window */
        }
    };
    std::vector<std::thread> threads;
    try {
        for (size_t t = 1; t < n_threads; t++) threads.emplace_back(work, t);
    } catch (...) { /* no thread to be had: the ones started finish, then the error */
        next = n_win;
        for (auto &th : threads) th.join();
        throw;
    }
    if (n_threads) work(0);
    for (auto &th : threads) th.join();
    for (auto &e : errs)
        if (e) std::rethrow_exception(e);
    return segs;
}

}  // namespace rsx_priv
