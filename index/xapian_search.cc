// xapian_search.cc — the shim's reading side (the index/xapian_*.cc files are the only code that
// includes Xapian): opening indexes and shards, lookups, the search with facets and snippets.
#include "xapian_priv.hh"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <new>
#include <sys/stat.h>
#include <unordered_map>

using rsx_priv::dup_out;
using rsx_priv::each_value;
using rsx_priv::fail;
using rsx_priv::facet_column;

namespace {

// Counts each distinct value of a multi-valued slot (values joined by
// RSX_MULTI_SEP) once per document. Serialisable so that it can run on
// remote shards whose server registers it (stock xapian-tcpsrv does not:
// see docs/shim.md).
class MultiValueCountSpy : public Xapian::MatchSpy {
  public:
    explicit MultiValueCountSpy(Xapian::valueno slot_) : slot(slot_) {}
    void operator()(const Xapian::Document &doc, double) override {
        ++seen;
        each_value(doc.get_value(slot), [this](const std::string &one) { ++counts[one]; });
    }
    size_t seen = 0; /* matches counted (here, not on a remote server) */
    Xapian::MatchSpy *clone() const override { return new MultiValueCountSpy(slot); }
    std::string name() const override { return "RsxMultiValueCountSpy"; }
    std::string serialise() const override { return std::to_string(slot); }
    Xapian::MatchSpy *unserialise(const std::string &s,
                                  const Xapian::Registry &) const override {
        return new MultiValueCountSpy(static_cast<Xapian::valueno>(std::stoul(s)));
    }
    // Results as "<key length>:<key><count>;" per value, decimal.
    std::string serialise_results() const override {
        std::string out;
        for (const auto &kv : counts)
            out += std::to_string(kv.first.size()) + ":" + kv.first +
                   std::to_string(kv.second) + ";";
        return out;
    }
    void merge_results(const std::string &s) override {
        size_t p = 0;
        while (p < s.size()) {
            size_t colon = s.find(':', p);
            if (colon == std::string::npos) throw Xapian::SerialisationError("bad spy results");
            size_t klen = std::stoul(s.substr(p, colon - p));
            if (colon + 1 + klen > s.size()) throw Xapian::SerialisationError("bad spy results");
            std::string key = s.substr(colon + 1, klen);
            p = colon + 1 + klen;
            size_t semi = s.find(';', p);
            if (semi == std::string::npos) throw Xapian::SerialisationError("bad spy results");
            counts[key] += std::stoul(s.substr(p, semi - p));
            p = semi + 1;
        }
    }
    std::string get_description() const override { return "MultiValueCountSpy"; }
    const std::map<std::string, size_t> &get_counts() const { return counts; }

  private:
    Xapian::valueno slot;
    std::map<std::string, size_t> counts;
};


}  // namespace

/* ================================================================ reading */

static Xapian::Database open_one(const std::string &path, unsigned timeout_ms) {
    if (rsx_priv::is_remote_path(path)) {
        std::string hp = path.substr(6);
        size_t colon = hp.rfind(':');
        if (colon == std::string::npos || colon == 0 || colon + 1 == hp.size())
            throw Xapian::InvalidArgumentError("remote index must be tcp://host:port: " + path);
        std::string host = hp.substr(0, colon), port_s = hp.substr(colon + 1);
        if (!host.empty() && host.front() == '[' && host.back() == ']')
            host = host.substr(1, host.size() - 2);
        char *end;
        long port = strtol(port_s.c_str(), &end, 10);
        if (*end || port <= 0 || port > 65535)
            throw Xapian::InvalidArgumentError("bad port in remote index address: " + path);
        double t = (timeout_ms ? timeout_ms : 10000) / 1000.0;
        return Xapian::Remote::open(host, static_cast<unsigned>(port), t, t);
    }
    return Xapian::Database(path, Xapian::DB_OPEN);
}

/* The databases a local path names, as Xapian combines them: a Xapian stub (a directory's XAPIANDB
 * or a stub file named directly; how a sharded index is one path, index/shards.h) by its lines, in
 * order, each expanded in turn; anything else is itself. Each part must be opened on its own: a
 * combined Database answers metadata (tombstones, schema) from its first part only. A stub's
 * "remote HOST:PORT" line becomes tcp://HOST:PORT; a stub with a line this does not know (a remote
 * program, an in-memory database) stays whole and sets *opaque: its parts cannot be told apart.
 * A file with a NUL byte in it is no stub (a single-file database): itself. */
static void stub_parts(const std::string &path, int depth, std::vector<std::string> &out, bool *opaque) {
    struct stat st;
    std::string stub;
    if (depth < 8 && stat(path.c_str(), &st) == 0) {
        if (S_ISREG(st.st_mode)) stub = path;
        else if (S_ISDIR(st.st_mode) && stat((path + "/XAPIANDB").c_str(), &st) == 0 && S_ISREG(st.st_mode))
            stub = path + "/XAPIANDB";
    }
    FILE *f = stub.empty() ? nullptr : fopen(stub.c_str(), "rb");
    std::string text;
    char buf[4096];
    size_t got;
    while (f && text.size() < (1u << 20) && (got = fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, got);
    if (f) fclose(f);
    if (!f || text.find('\0') != std::string::npos) {
        out.push_back(path);
        return;
    }
    std::string base = stub.substr(0, stub.rfind('/') == std::string::npos ? 0 : stub.rfind('/') + 1);
    std::vector<std::string> parts;
    bool known = true;
    for (size_t at = 0; known && at < text.size();) {
        size_t nl = text.find('\n', at);
        std::string l = text.substr(at, nl == std::string::npos ? std::string::npos : nl - at);
        at = nl == std::string::npos ? text.size() : nl + 1;
        while (!l.empty() && l.back() == '\r') l.pop_back();
        if (l.empty() || l[0] == '#') continue;
        size_t sp = l.find(' ');
        std::string type = l.substr(0, sp), where = sp == std::string::npos ? "" : l.substr(sp + 1);
        if (type == "remote" && !where.empty() && where[0] != ':' && where.find(':') != std::string::npos) {
            parts.push_back("tcp://" + where);
            continue;
        }
        if ((type != "auto" && type != "glass" && type != "chert" && type != "honey") || where.empty()) {
            known = false;
            break;
        }
        stub_parts(where[0] == '/' ? where : base + where, depth + 1, parts, opaque);
    }
    if (!known) *opaque = true;
    if (!known || parts.empty()) out.push_back(path);
    else out.insert(out.end(), parts.begin(), parts.end());
}

extern "C" RsStatus rsx_db_open(const char *const *paths, size_t n, unsigned timeout_ms,
                                RsxDb **out, RsError *err) {
    *out = nullptr;
    if (n == 0) return rs_error_set(err, RS_ERR_USAGE, "no index given");
    size_t i = 0;
    std::string part; /* the shard being opened, when a stub named it */
    try {
        std::unique_ptr<RsxDb> db(new RsxDb());
        for (i = 0; i < n; i++) {
            std::vector<std::string> parts;
            bool opaque = false; /* a stub kept whole may hold a remote database: as a remote */
            stub_parts(paths[i], 0, parts, &opaque); /* a tcp:// path is no file: itself */
            if (opaque) db->has_remote = true;
            for (const std::string &p : parts) {
                part = p == paths[i] ? "" : p;
                Xapian::Database one = open_one(p, timeout_ms);
                db->db.add_database(one);
                db->shards.push_back(one);
                db->paths.push_back(p);
                if (rsx_priv::is_remote_path(p)) db->has_remote = true;
            }
        }
        /* one local database, not shards (a stub listing one, too) */
        db->single = db->shards.size() == 1 && !db->has_remote;
        i = n; /* an error now is the whole set's */
        rsx_priv::dead_reload(db.get());
        rsx_priv::phrases_reload(db.get());
        *out = db.release();
        return RS_OK;
    } catch (...) {
        RsStatus rc = fail(err);
        if (i < n && !part.empty()) rs_error_prefix(err, "%s: its shard %s", paths[i], part.c_str());
        else if (i < n) rs_error_prefix(err, "%s", paths[i]);
        return rc;
    }
}

extern "C" void rsx_db_close(RsxDb *db) { delete db; }

extern "C" RsStatus rsx_db_reopen(RsxDb *db, int *changed, RsError *err) {
    RSX_TRY
    bool c = db->db.reopen();
    for (auto &s : db->shards) s.reopen();
    if (c) rsx_priv::revision_moved(db);
    if (changed) *changed = c ? 1 : 0;
    return RS_OK;
    RSX_CATCH
}

extern "C" unsigned long rsx_db_generation(const RsxDb *db) { return db->generation; }

extern "C" RsStatus rsx_db_doccount(RsxDb *db, size_t *count, RsError *err) {
    RSX_TRY
    *count = db->db.get_doccount() - db->dead.n;
    return RS_OK;
    RSX_CATCH
}

extern "C" RsStatus rsx_db_termfreq(RsxDb *db, const char *term, size_t len, size_t *freq,
                                    RsError *err) {
    RSX_TRY
    std::string t(term, len);
    Xapian::doccount f = db->db.get_termfreq(t);
    *freq = rsx_priv::live_freq(db->db, t, f, db->dead);
    return RS_OK;
    RSX_CATCH
}

extern "C" RsStatus rsx_db_get_metadata(RsxDb *db, const char *key, char **value, size_t *len,
                                        RsError *err) {
    return rsx_db_get_shard_metadata(db, 0, key, value, len, err);
}

extern "C" RsStatus rsx_db_get_shard_metadata(RsxDb *db, size_t i, const char *key,
                                              char **value, size_t *len, RsError *err) {
    if (i >= db->shards.size()) return rs_error_set(err, RS_ERR_USAGE, "no shard %zu", i);
    RSX_TRY
    return dup_out(db->shards[i].get_metadata(key), value, len, err);
    RSX_CATCH
}

extern "C" size_t rsx_db_shard_count(const RsxDb *db) { return db->shards.size(); }

extern "C" size_t rsx_db_deleted(const RsxDb *db) { return db->dead.n; }

extern "C" RsStatus rsx_db_allterms(RsxDb *db, const char *prefix, RsxTermFn fn, void *ctx,
                                    RsError *err) {
    RSX_TRY
    std::string p(prefix ? prefix : "");
    for (auto t = db->db.allterms_begin(p); t != db->db.allterms_end(p); ++t) {
        std::string s = *t;
        Xapian::doccount f = rsx_priv::live_freq(db->db, s, t.get_termfreq(), db->dead);
        if (f && fn(ctx, s.data(), s.size(), f)) break; /* a term only deleted items had is gone */
    }
    return RS_OK;
    RSX_CATCH
}

extern "C" RsStatus rsx_db_postings(RsxDb *db, const char *term, size_t len, RsxDocidFn fn,
                                    void *ctx, RsError *err) {
    RSX_TRY
    std::string t(term, len);
    for (auto p = db->db.postlist_begin(t); p != db->db.postlist_end(t); ++p)
        if (!db->dead.has(*p) && fn(ctx, *p)) break;
    return RS_OK;
    RSX_CATCH
}

/* A document's stored item: its value RS_SLOT_DATA, or (an item written before schema 11) its
 * document data. */
static std::string stored_item(const Xapian::Document &doc) {
    std::string v = doc.get_value(RS_SLOT_DATA);
    return v.empty() ? doc.get_data() : v;
}

/* The stored item (slot < 0: stored_item) or a value of document `docid`, malloc'd. */
static RsStatus doc_field(RsxDb *db, RsxDocid docid, int slot, char **out, size_t *len, RsError *err) {
    try {
        if (db->dead.has(docid)) return rs_error_set(err, RS_ERR_NOTFOUND, "no document %u (deleted)", docid);
        Xapian::Document doc = db->db.get_document(docid);
        return dup_out(slot < 0 ? stored_item(doc) : doc.get_value(static_cast<Xapian::valueno>(slot)),
                       out, len, err);
    } catch (const Xapian::DocNotFoundError &) {
        return rs_error_set(err, RS_ERR_NOTFOUND, "no document %u", docid);
    } catch (...) {
        return fail(err);
    }
}

extern "C" RsStatus rsx_db_get_data(RsxDb *db, RsxDocid docid, char **data, size_t *len,
                                    RsError *err) {
    return doc_field(db, docid, -1, data, len, err);
}

extern "C" RsStatus rsx_db_get_value(RsxDb *db, RsxDocid docid, unsigned slot, char **value,
                                     size_t *len, RsError *err) {
    return doc_field(db, docid, static_cast<int>(slot), value, len, err);
}

/* ================================================================ search */

struct RsxMSet {
    Xapian::MSet mset;
    Xapian::Enquire enquire;
    std::vector<std::string> data_cache;   // per hit, filled on demand
    std::vector<bool> data_loaded;
    std::vector<std::string> value_cache;  // last value fetched per hit
    std::vector<std::vector<std::pair<std::string, size_t>>> facets;
    std::unique_ptr<Xapian::MultiValueKeyMaker> keymaker; /* outlives the enquire's use of it */
    std::unique_ptr<Xapian::MatchDecider> decider;         /* the query's phrases, checked lazily */
    std::vector<Xapian::doccount> page; /* the hits, as places in mset (relevance_page reorders ties) */
    Xapian::doccount rank0 = 0;         /* the first hit's rank: the request's offset */
    bool facets_exact = true; /* the counts (and the total) are over every match */
    bool total_known = false; /* counted from the match set (RsxSearchOptions.facet_sets) */
    size_t total = 0;
    explicit RsxMSet(const Xapian::Database &db) : enquire(db) {}
};

static void collect_single(const Xapian::ValueCountMatchSpy &spy,
                           std::vector<std::pair<std::string, size_t>> &out) {
    for (auto v = spy.values_begin(); v != spy.values_end(); ++v)
        out.emplace_back(*v, v.get_termfreq());
}

/* Counts a facet from its column: a few array reads per match instead of reading and comparing
 * the value strings. Local only (a remote server does not know it). */
class ColumnCountSpy : public Xapian::MatchSpy {
  public:
    explicit ColumnCountSpy(const RsxFacetColumn &c_) : c(c_), counts(c_.names.size(), 0) {}
    void operator()(const Xapian::Document &doc, double) override {
        Xapian::docid d = doc.get_docid();
        ++seen;
        if (!c.multi) {
            if (d < c.ord.size() && c.ord[d]) ++counts[c.ord[d] - 1];
        } else if (d + 1 < c.off.size()) {
            for (uint32_t i = c.off[d]; i < c.off[d + 1]; i++) ++counts[c.ord[i]];
        }
    }
    void collect(std::vector<std::pair<std::string, size_t>> &out) const {
        for (size_t i = 0; i < counts.size(); i++)
            if (counts[i]) out.emplace_back(c.names[i], counts[i]);
    }

    size_t seen = 0; /* matches counted */

  private:
    const RsxFacetColumn &c;
    std::vector<size_t> counts;
};

static void sort_facet(std::vector<std::pair<std::string, size_t>> &f) {
    std::sort(f.begin(), f.end(), [](const auto &a, const auto &b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
}

/* The searched mset to the caller, with room for its hits' data; its hits are the mset's in its
 * order unless relevance_page chose them. */
static RsStatus hand_over(std::unique_ptr<RsxMSet> &m, RsxMSet **out, bool paged = false) {
    if (!paged) {
        m->page.clear();
        for (Xapian::doccount i = 0; i < m->mset.size(); i++) m->page.push_back(i);
    }
    m->data_cache.resize(m->page.size());
    m->data_loaded.assign(m->page.size(), false);
    m->value_cache.resize(m->page.size());
    *out = m.release();
    return RS_OK;
}

/* A query with a phrase over shards one of which is remote: its server knows only Xapian's
 * OP_PHRASE, which reads Xapian's position table, and items written to an index without term
 * lists keep their positions with them instead (RS_META_POSITIONS): such a shard would silently
 * match fewer phrases, so it is an error (naming the shard) rather than a short answer. */
/* The page [offset, offset + limit) in relevance order, equal weights in tie-key order
 * (RsxSearchOptions.stable_ties), into m.mset and m.page; true when it did that, false when the
 * caller must search with Xapian ordering ties by the key itself (then nothing is searched here).
 * Xapian ordering by relevance then the key reads the key of every candidate that could still make
 * the page: a value read, mostly a block read, per candidate (a fifth to two fifths of a phrase's
 * or a prefix's top 10 at 1M items, a phrase's rejected candidates included). Instead the page is
 * searched with one item on each side in relevance order alone (ties by docid). When neither of
 * them weighs the same as the page item beside it, no item outside has a weight equal to one on
 * the page, so the page holds the same items as with the key; only the page's own ties are then
 * put in key order (a stable sort: equal keys in docid order, as Xapian orders them). When one
 * does, the page is searched again ordered by the key: a tie across the page's edge needs every
 * tied candidate's key. Not with match spies (a second search would count twice). */
static bool relevance_page(RsxMSet &m, const RsxSearchOptions *o, Xapian::doccount check) {
    const Xapian::doccount off = static_cast<Xapian::doccount>(o->offset),
                           lim = static_cast<Xapian::doccount>(o->limit), before = off ? 1 : 0;
    if (!lim) return false;
    m.mset = m.enquire.get_mset(off - before, lim + before + 1, check, nullptr, m.decider.get());
    const Xapian::doccount n = m.mset.size();
    auto weight = [&m](Xapian::doccount i) { return m.mset[i].get_weight(); };
    if ((before && n > 1 && weight(0) == weight(1)) ||
        (n > before + lim && weight(before + lim - 1) == weight(before + lim)))
        return false;
    m.page.clear();
    for (Xapian::doccount i = before; i < n && i < before + lim; i++) m.page.push_back(i);
    for (size_t a = 0; a < m.page.size();) { /* each run of equal weights, by the key */
        size_t b = a + 1;
        while (b < m.page.size() && weight(m.page[b]) == weight(m.page[a])) b++;
        if (b - a > 1) {
            std::vector<std::pair<std::string, Xapian::doccount>> run;
            for (size_t k = a; k < b; k++)
                run.emplace_back(m.mset[m.page[k]].get_document().get_value(o->tie_slot), m.page[k]);
            std::stable_sort(run.begin(), run.end(),
                             [](const auto &x, const auto &y) { return x.first < y.first; });
            for (size_t k = a; k < b; k++) m.page[k] = run[k - a].second;
        }
        a = b;
    }
    return true;
}

static void check_remote_phrases(const RsxDb *db) {
    for (size_t i = 0; i < db->shards.size(); i++) {
        if (!db->shards[i].get_metadata(RS_META_POSITIONS).empty())
            throw Xapian::FeatureUnavailableError(
                db->paths[i] + " keeps its items' word positions with them, which a phrase search "
                "with a remote shard cannot read: search the phrase without the remote shards, or "
                "build that shard with `refsog index --termlists` as a served shard is");
    }
}

static RsStatus run_search(RsxDb *db, const RsxQuery *q, const RsxSearchOptions *o,
                           RsxMSet **out) {
    std::unique_ptr<RsxMSet> m(new RsxMSet(db->db));
    Xapian::Enquire &enq = m->enquire;
    /* phrases: OP_PHRASE for a remote server; checked lazily by a decider where every match must
     * have them and the matcher need not look at every match; else the phrase source, wherever
     * they are (xapian_phrase.cc). When facets are counted, every match (up to the cap) is
     * looked at, and the source is faster: it reads the position blocks as a stream, the decider
     * looks each one up. */
    const bool every_match = o->n_facets != 0;
    const bool lazy = !db->has_remote && db->phrases_lazy && q->qlazy && !o->eager_phrases && !every_match;
    if (db->has_remote && q->qpos) check_remote_phrases(db);
    const Xapian::Query query =
        rsx_priv::without_dead(db, db->has_remote && q->qpos ? *q->qpos : lazy ? *q->qlazy : q->q);
    enq.set_query(query);
    if (lazy) m->decider = rsx_priv::phrase_decider(q->lazy_phrases, db->shards);
    if (o->bm25)
        enq.set_weighting_scheme(Xapian::BM25Weight(o->bm25->k1, o->bm25->k2, o->bm25->k3,
                                                    o->bm25->b, o->bm25->min_normlen));
    if (o->sort_slot >= 0 && o->stable_ties) {
        m->keymaker.reset(new Xapian::MultiValueKeyMaker());
        m->keymaker->add_value(static_cast<Xapian::valueno>(o->sort_slot), o->sort_descending != 0);
        m->keymaker->add_value(o->tie_slot);
        enq.set_sort_by_key(m->keymaker.get(), false);
    } else if (o->sort_slot >= 0) {
        enq.set_sort_by_value_then_relevance(static_cast<Xapian::valueno>(o->sort_slot),
                                             o->sort_descending != 0);
    }
    /* relevance with ties by the key: the page alone where it can (relevance_page), else Xapian
     * ordering by the key */
    const bool key_ties = o->sort_slot < 0 && o->stable_ties;
    m->rank0 = static_cast<Xapian::doccount>(o->offset);
    if (o->time_limit > 0) enq.set_time_limit(o->time_limit);
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> singles;
    std::vector<std::unique_ptr<MultiValueCountSpy>> multis;
    std::vector<std::unique_ptr<ColumnCountSpy>> columns;
    bool use_columns = o->facet_columns && db->single;
    /* counted from the match set: the matcher then only finds the page */
    if (use_columns && o->n_facets && !o->facet_cap && q->plan &&
        rsx_priv::sets_worth(db, *q->plan, o->facet_sets)) {
        rsx_priv::sets_count(db, *q->plan, o->facets, o->n_facets, m->facets, &m->total);
        m->total_known = true;
        for (auto &f : m->facets) sort_facet(f);
        const Xapian::doccount check = static_cast<Xapian::doccount>(o->check_at_least);
        if (key_ties && relevance_page(*m, o, check)) return hand_over(m, out, true); /* no spies here */
        if (key_ties) enq.set_sort_by_relevance_then_value(o->tie_slot, false);
        m->mset = enq.get_mset(static_cast<Xapian::doccount>(o->offset), static_cast<Xapian::doccount>(o->limit),
                               check, nullptr, m->decider.get());
        return hand_over(m, out);
    }
    for (size_t i = 0; i < o->n_facets; i++) {
        if (use_columns) {
            columns.emplace_back(new ColumnCountSpy(facet_column(db, o->facets[i].slot, o->facets[i].multi != 0)));
            enq.add_matchspy(columns.back().get());
            singles.emplace_back(nullptr);
            multis.emplace_back(nullptr);
        } else if (o->facets[i].multi) {
            multis.emplace_back(new MultiValueCountSpy(o->facets[i].slot));
            /* A remote server does not know our spy: count those client-side below. */
            if (!db->has_remote) enq.add_matchspy(multis.back().get());
            singles.emplace_back(nullptr);
        } else {
            singles.emplace_back(new Xapian::ValueCountMatchSpy(o->facets[i].slot));
            enq.add_matchspy(singles.back().get());
            multis.emplace_back(nullptr);
        }
    }
    Xapian::doccount check = static_cast<Xapian::doccount>(o->check_at_least);
    // Facet counts must be exact over the whole match set: make the matcher
    // look at every match, not just enough for the page — or, with a cap, at least that many.
    if (o->n_facets)
        check = o->facet_cap ? std::max<Xapian::doccount>(static_cast<Xapian::doccount>(o->facet_cap),
                                                         static_cast<Xapian::doccount>(o->offset + o->limit))
                             : db->db.get_doccount();
    if (key_ties && !o->n_facets && relevance_page(*m, o, check)) return hand_over(m, out, true);
    if (key_ties) enq.set_sort_by_relevance_then_value(o->tie_slot, false);
    m->mset = enq.get_mset(static_cast<Xapian::doccount>(o->offset),
                           static_cast<Xapian::doccount>(o->limit), check, nullptr, m->decider.get());
    size_t seen = 0; /* the matches the first facet's spy counted */
    if (o->n_facets) {
        if (use_columns) seen = columns[0]->seen;
        else if (singles[0]) seen = singles[0]->get_total();
        else seen = multis[0]->seen;
    }
    if (db->has_remote && o->n_facets && !use_columns) {
        /* Multi-valued facets over remote shards: visit every match here and
         * feed its document to the spy (one document fetch per match: slow
         * on large result sets, but exact). */
        bool any_multi = false;
        for (size_t i = 0; i < o->n_facets; i++) any_multi |= o->facets[i].multi != 0;
        if (any_multi) {
            Xapian::Enquire all(db->db);
            all.set_query(query);
            all.set_weighting_scheme(Xapian::BoolWeight());
            Xapian::MSet every = all.get_mset(0, db->db.get_doccount());
            if (!singles[0]) seen = every.size();
            for (auto it = every.begin(); it != every.end(); ++it) {
                Xapian::Document doc = it.get_document();
                for (size_t i = 0; i < o->n_facets; i++)
                    if (o->facets[i].multi) (*multis[i])(doc, 0);
            }
        }
    }
    for (size_t i = 0; i < o->n_facets; i++) {
        std::vector<std::pair<std::string, size_t>> f;
        if (use_columns) columns[i]->collect(f);
        else if (singles[i]) collect_single(*singles[i], f);
        else
            for (const auto &kv : multis[i]->get_counts()) f.emplace_back(kv.first, kv.second);
        sort_facet(f);
        m->facets.push_back(std::move(f));
    }
    m->facets_exact = !o->n_facets || !o->facet_cap ||
                      (m->mset.get_matches_lower_bound() == m->mset.get_matches_upper_bound() &&
                       seen >= m->mset.get_matches_lower_bound());
    return hand_over(m, out);
}

extern "C" RsStatus rsx_search(RsxDb *db, const RsxQuery *q, const RsxSearchOptions *opts,
                               RsxMSet **out, RsError *err) {
    *out = nullptr;
    try {
        try {
            return run_search(db, q, opts, out);
        } catch (const Xapian::DatabaseModifiedError &) {
            db->db.reopen();
            rsx_priv::revision_moved(db);
            return run_search(db, q, opts, out);
        }
    } catch (const Xapian::WildcardError &e) {
        return rs_error_set(err, RS_ERR_QUERY, "prefix matches too many words: %s",
                            e.get_msg().c_str());
    } catch (...) {
        return fail(err);
    }
}

extern "C" void rsx_mset_free(RsxMSet *m) { delete m; }

extern "C" size_t rsx_mset_size(const RsxMSet *m) { return m->page.size(); }
extern "C" int rsx_mset_facets_exact(const RsxMSet *m) { return m->facets_exact ? 1 : 0; }
extern "C" int rsx_mset_from_sets(const RsxMSet *m) { return m->total_known ? 1 : 0; }

extern "C" size_t rsx_mset_matches_lower(const RsxMSet *m) {
    return m->total_known ? m->total : m->mset.get_matches_lower_bound();
}
extern "C" size_t rsx_mset_matches_estimated(const RsxMSet *m) {
    return m->total_known ? m->total : m->mset.get_matches_estimated();
}
extern "C" size_t rsx_mset_matches_upper(const RsxMSet *m) {
    return m->total_known ? m->total : m->mset.get_matches_upper_bound();
}
extern "C" RsxDocid rsx_mset_docid(const RsxMSet *m, size_t i) { return *(m->mset[m->page[i]]); }
extern "C" size_t rsx_mset_rank(const RsxMSet *m, size_t i) { return m->rank0 + i; }
extern "C" double rsx_mset_weight(const RsxMSet *m, size_t i) { return m->mset[m->page[i]].get_weight(); }

extern "C" RsStatus rsx_mset_data(RsxMSet *m, size_t i, const char **data, size_t *len,
                                  RsError *err) {
    if (i >= m->page.size()) return rs_error_set(err, RS_ERR_USAGE, "no hit %zu", i);
    RSX_TRY
    if (!m->data_loaded[i]) {
        m->data_cache[i] = stored_item(m->mset[m->page[i]].get_document());
        m->data_loaded[i] = true;
    }
    *data = m->data_cache[i].data();
    *len = m->data_cache[i].size();
    return RS_OK;
    RSX_CATCH
}

extern "C" RsStatus rsx_mset_value(RsxMSet *m, size_t i, unsigned slot, const char **value,
                                   size_t *len, RsError *err) {
    if (i >= m->page.size()) return rs_error_set(err, RS_ERR_USAGE, "no hit %zu", i);
    RSX_TRY
    m->value_cache[i] = m->mset[m->page[i]].get_document().get_value(slot);
    *value = m->value_cache[i].data();
    *len = m->value_cache[i].size();
    return RS_OK;
    RSX_CATCH
}

extern "C" size_t rsx_mset_facet_size(const RsxMSet *m, size_t f) {
    return f < m->facets.size() ? m->facets[f].size() : 0;
}

extern "C" void rsx_mset_facet(const RsxMSet *m, size_t f, size_t i, const char **value,
                               size_t *len, size_t *count) {
    const auto &e = m->facets[f][i];
    *value = e.first.data();
    *len = e.first.size();
    *count = e.second;
}

extern "C" RsStatus rsx_mset_snippet(RsxMSet *m, const char *text, size_t len,
                                     size_t max_bytes, const char *hl_start, const char *hl_end,
                                     char **out, RsError *err) {
    RSX_TRY
    std::string s = m->mset.snippet(std::string(text, len), max_bytes, Xapian::Stem("danish"),
                                    Xapian::MSet::SNIPPET_EXHAUSTIVE, hl_start, hl_end, "…");
    return dup_out(s, out, nullptr, err);
    RSX_CATCH
}

