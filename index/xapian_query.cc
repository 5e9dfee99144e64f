// xapian_query.cc — the shim's query constructors (part of the shim, the only code that includes
// Xapian): each builds the Xapian::Query and, beside it, the query's set algebra (RsxPlan) that
// facet counting from match sets evaluates (xapian_facets.cc).
#include "xapian_priv.hh"

#include <algorithm>
#include <cstring>
#include <memory>

/* ================================================================ queries */

typedef std::shared_ptr<const RsxPlan> Plan;

static RsxQuery *wrap(const Xapian::Query &q, Plan plan) {
    RsxQuery *r = new RsxQuery;
    r->q = q;
    r->plan = std::move(plan);
    return r;
}

static Plan plan_of(RsxPlan::Kind kind, std::string term = std::string()) {
    auto p = std::make_shared<RsxPlan>();
    p->kind = kind;
    p->term = std::move(term);
    return p;
}

/* A match-all query of its own. Never Xapian::Query::MatchAll: that is one static object whose
 * reference count is not atomic, so copying it from several server threads at once corrupts it
 * (a use-after-free under concurrent filter-only searches). The empty term means "every
 * document" exactly as MatchAll does. */
static Xapian::Query match_all() { return Xapian::Query(std::string()); }

extern "C" RsxQuery *rsx_query_term(const char *term, size_t len, unsigned wqf, unsigned pos,
                                    RsError *err) {
    RSX_TRY
    return wrap(Xapian::Query(std::string(term, len), wqf ? wqf : 1, pos),
                plan_of(RsxPlan::TERM, std::string(term, len)));
    RSX_CATCH_NULL
}

static RsxQuery *combine(RsxOp op, RsxQuery *const *subs, size_t n, unsigned window,
                         const std::vector<std::string> &pairs, RsError *err);

extern "C" RsxQuery *rsx_query_combine(RsxOp op, RsxQuery *const *subs, size_t n,
                                       unsigned window, RsError *err) {
    return combine(op, subs, n, window, {}, err);
}

extern "C" RsxQuery *rsx_query_phrase(RsxQuery *const *words, size_t n, const char *const *pairs,
                                      const size_t *pair_lens, size_t n_pairs, RsError *err) {
    RSX_TRY
    std::vector<std::string> p;
    for (size_t i = 0; i < n_pairs; i++) p.emplace_back(pairs[i], pair_lens[i]);
    return combine(RSX_OP_PHRASE, words, n, static_cast<unsigned>(n), p, err);
    RSX_CATCH_NULL
}

static RsxQuery *combine(RsxOp op, RsxQuery *const *subs, size_t n, unsigned window,
                         const std::vector<std::string> &pairs, RsError *err) {
    RSX_TRY
    static const Xapian::Query::op ops[] = {
        Xapian::Query::OP_AND,       Xapian::Query::OP_OR,     Xapian::Query::OP_AND_NOT,
        Xapian::Query::OP_AND_MAYBE, Xapian::Query::OP_FILTER, Xapian::Query::OP_SYNONYM,
        Xapian::Query::OP_ELITE_SET, Xapian::Query::OP_PHRASE, Xapian::Query::OP_NEAR};
    if (static_cast<unsigned>(op) >= sizeof ops / sizeof *ops) {
        rs_error_set(err, RS_ERR_USAGE, "unknown query operator %d", static_cast<int>(op));
        return nullptr;
    }
    /* the parts after the first of AND_NOT and FILTER count by their matches only: those in the
     * form without AND_MAYBE (RsxQuery.qbool) */
    auto matches_of = [subs](size_t i) -> const Xapian::Query & { return subs[i]->qbool ? *subs[i]->qbool : subs[i]->q; };
    auto pos_matches_of = [subs, &matches_of](size_t i) -> const Xapian::Query & {
        return subs[i]->qposbool ? *subs[i]->qposbool : subs[i]->qpos ? *subs[i]->qpos : matches_of(i);
    };
    const bool only_matches = op == RSX_OP_AND_NOT || op == RSX_OP_FILTER;
    std::vector<Xapian::Query> v;
    v.reserve(n);
    for (size_t i = 0; i < n; i++) v.push_back(only_matches && i ? matches_of(i) : subs[i]->q);
    if (n == 0) return wrap(Xapian::Query(), plan_of(RsxPlan::NOTHING));
    std::shared_ptr<const Xapian::Query> qbool;
    if (op == RSX_OP_AND_MAYBE) {
        qbool = std::make_shared<const Xapian::Query>(matches_of(0));
    } else if (std::any_of(subs, subs + n, [](const RsxQuery *s) { return s->qbool != nullptr; })) {
        std::vector<Xapian::Query> vb;
        for (size_t i = 0; i < n; i++) vb.push_back(matches_of(i));
        qbool = std::make_shared<const Xapian::Query>(ops[op], vb.begin(), vb.end(), window);
    }
    /* the plan: what the query matches, as Xapian matches it (a MatchNothing part empties an AND
     * and is left out of an OR, as in sets) */
    Plan plan;
    if (op == RSX_OP_AND_MAYBE) {
        plan = subs[0]->plan;
    } else if (op != RSX_OP_ELITE_SET && op != RSX_OP_PHRASE && op != RSX_OP_NEAR) {
        auto p = std::make_shared<RsxPlan>();
        p->kind = op == RSX_OP_AND || op == RSX_OP_FILTER ? RsxPlan::AND
                  : op == RSX_OP_AND_NOT                 ? RsxPlan::AND_NOT
                                                         : RsxPlan::OR;
        for (size_t i = 0; i < n && p; i++) {
            if (subs[i]->plan) p->subs.push_back(subs[i]->plan);
            else p.reset();
        }
        plan = p;
    }
    /* the same with OP_PHRASE for phrases (RsxQuery.qpos), where there is a phrase */
    std::shared_ptr<const Xapian::Query> qpos;
    bool any_pos = op == RSX_OP_PHRASE;
    for (size_t i = 0; i < n; i++) any_pos = any_pos || subs[i]->qpos;
    if (any_pos) {
        std::vector<Xapian::Query> vp;
        for (size_t i = 0; i < n; i++)
            vp.push_back(only_matches && i ? pos_matches_of(i) : subs[i]->qpos ? *subs[i]->qpos : v[i]);
        qpos = std::make_shared<const Xapian::Query>(ops[op], vp.begin(), vp.end(), window);
    }
    std::shared_ptr<const Xapian::Query> qposbool;
    if (qpos && qbool && op == RSX_OP_AND_MAYBE) {
        qposbool = std::make_shared<const Xapian::Query>(pos_matches_of(0));
    } else if (qpos && qbool) {
        std::vector<Xapian::Query> vpb;
        for (size_t i = 0; i < n; i++) vpb.push_back(pos_matches_of(i));
        qposbool = std::make_shared<const Xapian::Query>(ops[op], vpb.begin(), vpb.end(), window);
    }
    rsx_priv::PhraseSpec phrase;
    for (size_t i = 0; op == RSX_OP_PHRASE && i < n; i++)
        if (subs[i]->plan && subs[i]->plan->kind == RsxPlan::TERM && !subs[i]->qpos)
            phrase.terms.push_back(subs[i]->plan->term);
    phrase.window = window > n ? window : static_cast<unsigned>(n);
    if (phrase.window == n) phrase.pairs = pairs; /* neighbours only when the words are */
    Xapian::Query q;
    std::shared_ptr<const Xapian::Query> qlazy;
    std::vector<rsx_priv::PhraseSpec> lazy;
    bool lazy_ok = true;
    if (op == RSX_OP_PHRASE && phrase.terms.size() == n) {
        /* the words' AND (its weight is the phrase's), kept where they stand in order; lazily, the
         * AND alone and the phrase for the decider */
        Xapian::Query all(Xapian::Query::OP_AND, v.begin(), v.end());
        /* the phrase source reads the pair terms itself; the decider's query has them as a filter */
        q = Xapian::Query(Xapian::Query::OP_FILTER, all, rsx_priv::phrase_filter(phrase));
        qlazy = std::make_shared<const Xapian::Query>(
            phrase.pairs.empty() ? all : Xapian::Query(Xapian::Query::OP_FILTER, all, rsx_priv::pair_filter(phrase)));
        lazy.push_back(phrase);
    } else {
        q = Xapian::Query(ops[op], v.begin(), v.end(), window);
        /* every match has every phrase of the parts that every match must match: an AND's and a
         * FILTER's parts, the first of AND_NOT and AND_MAYBE */
        bool every = op == RSX_OP_AND || op == RSX_OP_FILTER;
        bool first = op == RSX_OP_AND_NOT || op == RSX_OP_AND_MAYBE;
        for (size_t i = 0; i < n; i++) {
            if (!subs[i]->qpos) continue;
            if (!(every || (first && i == 0)) || !subs[i]->qlazy) lazy_ok = false;
            else lazy.insert(lazy.end(), subs[i]->lazy_phrases.begin(), subs[i]->lazy_phrases.end());
        }
        if (any_pos && lazy_ok && op != RSX_OP_PHRASE) {
            std::vector<Xapian::Query> vl;
            for (size_t i = 0; i < n; i++) vl.push_back(subs[i]->qlazy ? *subs[i]->qlazy : v[i]);
            qlazy = std::make_shared<const Xapian::Query>(ops[op], vl.begin(), vl.end(), window);
        } else {
            lazy.clear();
        }
    }
    RsxQuery *r = wrap(q, plan);
    r->qpos = qpos;
    r->qlazy = qlazy;
    r->qbool = qbool;
    r->qposbool = qposbool;
    r->lazy_phrases = std::move(lazy);
    return r;
    RSX_CATCH_NULL
}

extern "C" RsxQuery *rsx_query_scale(const RsxQuery *q, double factor, RsError *err) {
    RSX_TRY
    if (factor < 0) {
        rs_error_set(err, RS_ERR_USAGE, "negative weight scale");
        return nullptr;
    }
    RsxQuery *r = wrap(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q->q, factor), q->plan);
    if (q->qpos) r->qpos = std::make_shared<const Xapian::Query>(Xapian::Query::OP_SCALE_WEIGHT, *q->qpos, factor);
    if (q->qlazy) r->qlazy = std::make_shared<const Xapian::Query>(Xapian::Query::OP_SCALE_WEIGHT, *q->qlazy, factor);
    if (q->qbool) r->qbool = std::make_shared<const Xapian::Query>(Xapian::Query::OP_SCALE_WEIGHT, *q->qbool, factor);
    if (q->qposbool)
        r->qposbool = std::make_shared<const Xapian::Query>(Xapian::Query::OP_SCALE_WEIGHT, *q->qposbool, factor);
    r->lazy_phrases = q->lazy_phrases;
    return r;
    RSX_CATCH_NULL
}

extern "C" RsxQuery *rsx_query_value_range(unsigned slot, const char *lo, const char *hi,
                                           RsError *err) {
    RSX_TRY
    auto p = std::make_shared<RsxPlan>();
    p->kind = RsxPlan::VALUE_RANGE;
    p->slot = slot;
    p->has_lo = lo != nullptr;
    p->has_hi = hi != nullptr;
    if (lo) p->term = lo;
    if (hi) p->hi = hi;
    if (lo && hi) return wrap(Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, lo, hi), p);
    if (lo) return wrap(Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, lo), p);
    if (hi) return wrap(Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, hi), p);
    return wrap(match_all(), plan_of(RsxPlan::ALL));
    RSX_CATCH_NULL
}

extern "C" RsxQuery *rsx_query_wildcard(const char *prefix, size_t len, unsigned max_expansion,
                                        int fail_over, RsError *err) {
    RSX_TRY
    if (len == 0) {
        rs_error_set(err, RS_ERR_QUERY, "empty wildcard prefix");
        return nullptr;
    }
    int mode = fail_over ? Xapian::Query::WILDCARD_LIMIT_ERROR
                         : Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT;
    return wrap(Xapian::Query(Xapian::Query::OP_WILDCARD, std::string(prefix, len),
                              max_expansion, mode),
                nullptr); /* expanded by the matcher: no plan */
    RSX_CATCH_NULL
}

/* How many of a prefix's most frequent words rsx_query_expand_prefix ORs on one at a time. */
static const size_t PREFIX_LADDER = 32;

extern "C" RsxQuery *rsx_query_expand_prefix(RsxDb *db, const char *prefix, size_t len,
                                             unsigned max_expansion, size_t *n_terms, size_t *n_matching,
                                             RsError *err) {
    RSX_TRY
    std::string p(prefix, len);
    std::vector<std::pair<Xapian::doccount, std::string>> terms;
    for (auto t = db->db.allterms_begin(p); t != db->db.allterms_end(p); ++t) {
        /* a word only deleted items have is not a match (ordered by Xapian's frequency, which
         * counts the deleted until the next compaction) */
        if (db->dead.n && !rsx_priv::has_live(db->db, *t, db->dead)) continue;
        terms.emplace_back(t.get_termfreq(), *t);
    }
    if (n_matching) *n_matching = terms.size();
    std::stable_sort(terms.begin(), terms.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    if (max_expansion && terms.size() > max_expansion) terms.resize(max_expansion);
    auto plan = std::make_shared<RsxPlan>();
    plan->kind = terms.empty() ? RsxPlan::NOTHING : RsxPlan::OR;
    for (const auto &t : terms) plan->subs.push_back(plan_of(RsxPlan::TERM, t.second));
    if (n_terms) *n_terms = terms.size();
    /* OR, not SYNONYM: a synonym's statistics are estimated per remote shard, so
     * its weights would differ from one index's; an OR of terms weighs alike.
     * The OR's shape: Xapian joins an OR's terms pairwise, the rarest first, so the most frequent
     * words (the lowest maximum weights) end up at the top, where their lists are read whole for
     * every match. Here the PREFIX_LADDER most frequent are instead ORed on one at a time around
     * an OR of the rest, the most frequent outermost: as the 10th best weight rises past the
     * maximum weights of the outer words, Xapian turns each of those ORs into an AND_MAYBE and
     * reads that word's list only for the items the rest match (MaxScore's order). The same
     * matches and the same top 10 (the thirty 1M prefix queries of bench/), the slowest 100 →
     * 60 ms (docs/benchmarks.md "Twenty-third session"). Each step is scaled by 1 + 1e-12, a
     * weight change far below what is shown, as Xapian flattens an OR directly inside an OR. */
    size_t ladder = terms.size() < PREFIX_LADDER ? terms.size() : PREFIX_LADDER;
    std::vector<Xapian::Query> rest;
    for (size_t i = ladder; i < terms.size(); i++) rest.emplace_back(terms[i].second);
    Xapian::Query q(Xapian::Query::OP_OR, rest.begin(), rest.end());
    for (size_t i = ladder; i-- > 0;)
        q = q.empty() ? Xapian::Query(terms[i].second)
                      : Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                      Xapian::Query(Xapian::Query::OP_OR, q, Xapian::Query(terms[i].second)),
                                      1.0 + 1e-12);
    return wrap(q, plan);
    RSX_CATCH_NULL
}

extern "C" RsxQuery *rsx_query_match_all(RsError *err) {
    RSX_TRY
    return wrap(match_all(), plan_of(RsxPlan::ALL));
    RSX_CATCH_NULL
}

extern "C" RsxQuery *rsx_query_match_nothing(RsError *err) {
    RSX_TRY
    return wrap(Xapian::Query(), plan_of(RsxPlan::NOTHING));
    RSX_CATCH_NULL
}

extern "C" int rsx_query_is_empty(const RsxQuery *q) { return q->q.empty() ? 1 : 0; }

extern "C" char *rsx_query_describe(const RsxQuery *q) {
    try {
        std::string s = q->q.get_description();
        return strdup(s.c_str());
    } catch (...) {
        return nullptr;
    }
}

extern "C" char *rsx_query_describe_remote(const RsxQuery *q) {
    try {
        std::string s = (q->qpos ? *q->qpos : q->q).get_description();
        return strdup(s.c_str());
    } catch (...) {
        return nullptr;
    }
}

extern "C" void rsx_query_free(RsxQuery *q) { delete q; }

