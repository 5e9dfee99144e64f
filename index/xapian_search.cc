// xapian_search.cc — the shim's search (the index/xapian_*.cc files are the only code that
// includes Xapian): a query's page, its facets counted by the matcher, the hits' data and snippets.
#include "xapian_priv.hh"

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

using rsx_priv::dup_out;
using rsx_priv::each_value;
using rsx_priv::fail;
using rsx_priv::facet_column;
using rsx_priv::stored_item;

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

/* The page of m's query into m.mset: by relevance_page where ties go by the key and no match spy
 * counts (its second search would count again), else in the order the enquire has, by the key for
 * ties when key_ties. True when relevance_page made it (m.page set). */
static bool search_page(RsxMSet &m, const RsxSearchOptions *o, Xapian::doccount check, bool key_ties,
                        bool spies) {
    if (key_ties && !spies && relevance_page(m, o, check)) return true;
    if (key_ties) m.enquire.set_sort_by_relevance_then_value(o->tie_slot, false);
    m.mset = m.enquire.get_mset(static_cast<Xapian::doccount>(o->offset), static_cast<Xapian::doccount>(o->limit),
                                check, nullptr, m.decider.get());
    return false;
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
        const bool paged = search_page(*m, o, static_cast<Xapian::doccount>(o->check_at_least), key_ties, false);
        return hand_over(m, out, paged);
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
    if (search_page(*m, o, check, key_ties, o->n_facets != 0)) return hand_over(m, out, true);
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

