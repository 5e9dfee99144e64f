// xapian_facets.cc — facet counts without the matcher (part of the shim): facet columns (one
// value slot of the whole index as arrays by docid) and match sets (what a query matches, as a
// docid bitset computed from its RsxPlan), so a frequent word's facets cost a pass over a bitset
// and a few array reads per match instead of the matcher's visit of every match.
#include "xapian_priv.hh"

#include <unordered_map>

namespace rsx_priv {

const RsxFacetColumn &facet_column(RsxDb *db, unsigned slot, bool multi) {
    auto found = db->columns.find(slot);
    if (found != db->columns.end() && found->second->multi == multi) return *found->second;
    /* built aside and stored only when whole: a build that throws leaves no column behind */
    std::unique_ptr<RsxFacetColumn> c(new RsxFacetColumn());
    c->multi = multi;
    Xapian::docid last = db->db.get_lastdocid();
    std::unordered_map<std::string, uint32_t> ids;
    auto intern = [&](const std::string &v) -> uint32_t {
        auto it = ids.find(v);
        if (it != ids.end()) return it->second;
        uint32_t n = static_cast<uint32_t>(c->names.size());
        ids.emplace(v, n);
        c->names.push_back(v);
        return n;
    };
    if (!multi) c->ord.assign(static_cast<size_t>(last) + 1, 0);
    else c->off.assign(static_cast<size_t>(last) + 2, 0);
    size_t next = 0; /* multi: the first docid whose start is not yet written */
    for (auto v = db->db.valuestream_begin(slot); v != db->db.valuestream_end(slot); ++v) {
        Xapian::docid d = v.get_docid();
        if (d > last) break;
        const std::string s = *v;
        if (!multi) {
            if (!s.empty()) c->ord[d] = intern(s) + 1;
            continue;
        }
        while (next <= d) c->off[next++] = static_cast<uint32_t>(c->ord.size());
        each_value(s, [&](const std::string &one) { c->ord.push_back(intern(one)); });
    }
    while (multi && next < c->off.size()) c->off[next++] = static_cast<uint32_t>(c->ord.size());
    auto &slot_column = db->columns[slot];
    slot_column = std::move(c);
    return *slot_column;
}

/* The least recently used sets out until they take at most `budget` bytes. Can't fail. */
void trim_sets(RsxTermSets &ts, size_t budget) {
    while (ts.bytes > budget && !ts.order.empty()) {
        auto hit = ts.map.find(ts.order.back());
        ts.bytes -= hit->second.first->size() * sizeof(uint64_t);
        ts.map.erase(hit);
        ts.order.pop_back();
    }
}

namespace {

void or_into(RsxBits &out, const RsxBits &b) {
    for (size_t i = 0; i < out.size(); i++) out[i] |= b[i];
}

/* Adds (ORs) a term's documents to `out`. A term in at least one document in 64 (its bitset then
 * costs at most 8 bytes per posting, and reading its posting list again costs more) is kept as a
 * bitset in db->sets for the revision, the least recently used going first past db->sets_budget
 * bytes; a rarer one is read each time. */
void term_into(RsxDb *db, const std::string &term, RsxBits &out) {
    size_t nw = out.size();
    RsxTermSets &ts = db->sets;
    auto hit = ts.map.find(term);
    if (hit != ts.map.end()) {
        ts.order.splice(ts.order.begin(), ts.order, hit->second.second);
        or_into(out, *hit->second.first);
        return;
    }
    Xapian::doccount df = term.empty() ? db->db.get_doccount() : db->db.get_termfreq(term);
    size_t bytes = nw * sizeof(uint64_t);
    bool keep = df >= nw && bytes <= db->sets_budget;
    std::shared_ptr<RsxBits> kept;
    if (keep) kept = std::make_shared<RsxBits>(nw, 0);
    RsxBits &into = keep ? *kept : out;
    for (auto p = db->db.postlist_begin(term); p != db->db.postlist_end(term); ++p) {
        Xapian::docid d = *p;
        if (d / 64 < nw) into[d / 64] |= uint64_t(1) << (d % 64);
    }
    if (!keep) return;
    or_into(out, *kept);
    ts.order.push_front(term);
    ts.map.emplace(term, std::make_pair(std::shared_ptr<const RsxBits>(kept), ts.order.begin()));
    ts.bytes += bytes;
    trim_sets(ts, db->sets_budget);
}

/* Adds (ORs) the documents `p` matches to `out` (sized for the revision's last docid). */
void eval_into(RsxDb *db, const RsxPlan &p, RsxBits &out) {
    size_t nw = out.size();
    switch (p.kind) {
    case RsxPlan::NOTHING:
        return;
    case RsxPlan::TERM:
        term_into(db, p.term, out);
        return;
    case RsxPlan::ALL:
        term_into(db, std::string(), out); /* the empty term: every document */
        return;
    case RsxPlan::OR:
        for (const auto &s : p.subs) eval_into(db, *s, out);
        return;
    case RsxPlan::AND: {
        if (p.subs.empty()) return;
        RsxBits acc(nw, 0), one;
        eval_into(db, *p.subs[0], acc);
        for (size_t i = 1; i < p.subs.size(); i++) {
            one.assign(nw, 0);
            eval_into(db, *p.subs[i], one);
            for (size_t w = 0; w < nw; w++) acc[w] &= one[w];
        }
        or_into(out, acc);
        return;
    }
    case RsxPlan::AND_NOT: {
        if (p.subs.empty()) return;
        RsxBits acc(nw, 0), rest(nw, 0);
        eval_into(db, *p.subs[0], acc);
        for (size_t i = 1; i < p.subs.size(); i++) eval_into(db, *p.subs[i], rest);
        for (size_t w = 0; w < nw; w++) out[w] |= acc[w] & ~rest[w];
        return;
    }
    case RsxPlan::VALUE_RANGE: {
        /* as Xapian's value ranges: documents with a non-empty value within [lo, hi], byte order */
        const RsxFacetColumn &c = facet_column(db, p.slot, false);
        std::vector<char> in(c.names.size());
        for (size_t i = 0; i < c.names.size(); i++)
            in[i] = (!p.has_lo || c.names[i] >= p.term) && (!p.has_hi || c.names[i] <= p.hi);
        for (size_t d = 0; d < c.ord.size() && d / 64 < nw; d++)
            if (c.ord[d] && in[c.ord[d] - 1]) out[d / 64] |= uint64_t(1) << (d % 64);
        return;
    }
    }
}

/* At most how many documents `p` matches (from term frequencies; no posting is read). */
size_t bound(RsxDb *db, const RsxPlan &p, size_t all) {
    switch (p.kind) {
    case RsxPlan::NOTHING:
        return 0;
    case RsxPlan::TERM:
        return p.term.empty() ? all : db->db.get_termfreq(p.term);
    case RsxPlan::OR: {
        size_t n = 0;
        for (const auto &s : p.subs)
            if ((n += bound(db, *s, all)) >= all) return all;
        return n;
    }
    case RsxPlan::AND: {
        size_t n = all;
        for (const auto &s : p.subs) n = std::min(n, bound(db, *s, all));
        return p.subs.empty() ? 0 : n;
    }
    case RsxPlan::AND_NOT:
        return p.subs.empty() ? 0 : bound(db, *p.subs[0], all);
    case RsxPlan::ALL:
    case RsxPlan::VALUE_RANGE:
        return all;
    }
    return all;
}

}  // namespace

bool sets_worth(RsxDb *db, const RsxPlan &plan, int mode) {
    if (mode == RSX_SETS_NEVER) return false;
    if (mode == RSX_SETS_ALWAYS) return true;
    /* the matcher's cost is ~100 ns per match, a bitset pass ~1 ns per 64 documents per
     * operation: sets win once a query may match one document in 128 */
    size_t all = db->db.get_doccount();
    return bound(db, plan, all) * 128 >= all;
}

void sets_count(RsxDb *db, const RsxPlan &plan, const RsxFacetRequest *facets, size_t n,
                std::vector<std::vector<std::pair<std::string, size_t>>> &out, size_t *total) {
    size_t nw = static_cast<size_t>(db->db.get_lastdocid()) / 64 + 1;
    RsxBits m(nw, 0);
    eval_into(db, plan, m);
    for (size_t w = 0; w < nw && w < db->dead.bits.size(); w++) m[w] &= ~db->dead.bits[w]; /* deleted */
    size_t t = 0;
    for (uint64_t w : m) t += static_cast<size_t>(__builtin_popcountll(w));
    *total = t;
    out.assign(n, {});
    for (size_t f = 0; f < n; f++) {
        const RsxFacetColumn &c = facet_column(db, facets[f].slot, facets[f].multi != 0);
        std::vector<size_t> counts(c.names.size(), 0);
        for (size_t w = 0; w < nw; w++) {
            for (uint64_t x = m[w]; x; x &= x - 1) {
                size_t d = w * 64 + static_cast<size_t>(__builtin_ctzll(x));
                if (!c.multi) {
                    if (d < c.ord.size() && c.ord[d]) ++counts[c.ord[d] - 1];
                } else if (d + 1 < c.off.size()) {
                    for (uint32_t i = c.off[d]; i < c.off[d + 1]; i++) ++counts[c.ord[i]];
                }
            }
        }
        for (size_t i = 0; i < counts.size(); i++)
            if (counts[i]) out[f].emplace_back(c.names[i], counts[i]);
    }
}

}  // namespace rsx_priv

extern "C" void rsx_db_keep_sets(RsxDb *db, size_t bytes) {
    db->sets_budget = bytes;
    rsx_priv::trim_sets(db->sets, bytes);
}
