// xapian_phrase.cc — phrase matching from the positions items keep in a value slot (schema 9,
// index/posblob.h), as a Xapian posting source and as a match decider (part of the shim).
//
// A phrase "a b c" is the AND of its exact forms (which gives it its weight: Xapian's OP_PHRASE
// weighs a phrase as that AND), kept where the words stand in order within the window: from the
// item's position block (RS_SLOT_POSITIONS) when it has one, else from Xapian's position table
// (items written before schema 9, and indexes with term lists). Two ways to keep them:
// - PhraseSource, a posting source filtering the AND: right wherever the phrase is in the query
//   (under OR, NOT, …), but it checks every item the AND finds;
// - PhraseDecider, a match decider, when every match must have every phrase of the query: Xapian
//   1.4 asks it only about items that could still make the page (when it is not counting every
//   match), as it defers OP_PHRASE's own checks; that is what keeps a top 10 fast.
#include "xapian_priv.hh"

#include "posblob.h"

#include <cstdlib>
#include <memory>

namespace rsx_priv {

PhraseCheck::~PhraseCheck() { free(buf); }

PhraseCheck::PhraseCheck(const PhraseSpec &p_) : p(p_) {
    for (const auto &t : p.terms) {
        hashes.push_back(rs_posblob_hash(t.data(), t.size(), 0));
        size_t k = 0;
        while (k < words.size() && words[k] != t) k++;
        if (k == words.size()) words.push_back(t);
        slot.push_back(k);
    }
    lists.resize(words.size());
    term_lists.resize(p.terms.size());
    term_lens.resize(p.terms.size());
}

bool PhraseCheck::maybe(const std::string &pairs) const {
    if (p.window != p.terms.size()) return true; /* the filter knows neighbours only */
    for (size_t i = 0; i + 1 < hashes.size(); i++)
        if (!rs_posblob_pair_maybe(pairs.data(), pairs.size(), hashes[i], hashes[i + 1])) return false;
    return true;
}

bool PhraseCheck::in_item(const std::string *block, const Xapian::Database &db, Xapian::docid d) {
    for (size_t k = 0; k < words.size(); k++) {
        lists[k].clear();
        if (block) {
            size_t n = 0;
            int found = rs_posblob_find(block->data(), block->size(), words[k].data(), words[k].size(), &buf, &n, &cap);
            if (found < 0) throw Xapian::DatabaseCorruptError("an item's stored word positions are damaged");
            if (!found) return false;
            lists[k].assign(buf, buf + n);
        } else { /* written before schema 9, or to an index with term lists: Xapian's table */
            for (auto q = db.positionlist_begin(d, words[k]); q != db.positionlist_end(d, words[k]); ++q)
                lists[k].push_back(*q);
            if (lists[k].empty()) return false;
        }
    }
    for (size_t i = 0; i < p.terms.size(); i++) {
        term_lists[i] = lists[slot[i]].data();
        term_lens[i] = lists[slot[i]].size();
    }
    return rs_phrase_in(term_lists.data(), term_lens.data(), p.terms.size(), p.window) != 0;
}

}  // namespace rsx_priv

namespace {

using rsx_priv::PhraseCheck;
using rsx_priv::PhraseSpec;

/* The first docid from `cand` on in every list of `its` (the leapfrog), into cand; false when a
 * list has ended (none is left). */
bool leapfrog(std::vector<Xapian::PostingIterator> &its, Xapian::docid &cand) {
    for (;;) {
        bool all = true;
        for (auto &it : its) {
            it.skip_to(cand);
            if (it == Xapian::PostingIterator()) return false;
            if (*it > cand) {
                cand = *it;
                all = false;
                break;
            }
        }
        if (all) return true;
    }
}

/* Whether p is two words whose pair term (rs_term_pair's form) is given: in a shard marked as
 * giving every item its pair terms (RS_META_PAIRS), an item having that term has the phrase. */
bool pair_is_phrase(const PhraseSpec &p) {
    return p.terms.size() == 2 && p.pairs.size() == 1 && p.pairs[0] == RS_PREFIX_PAIR + p.terms[0] + " " + p.terms[1];
}

class PhraseSource : public Xapian::PostingSource {
  public:
    explicit PhraseSource(const PhraseSpec &p_) : p(p_), check_(p_) {}
    PostingSource *clone() const override { return new PhraseSource(p); }

    void init(const Xapian::Database &db_) override {
        db = db_;
        blocks = db.valuestream_begin(RS_SLOT_POSITIONS);
        filters = db.valuestream_begin(RS_SLOT_PAIRS);
        its.clear();
        tf_min = check_.words.empty() ? 0 : db.get_doccount();
        for (const auto &w : check_.words) {
            its.push_back(db.postlist_begin(w));
            tf_min = std::min(tf_min, db.get_termfreq(w));
        }
        /* the pair terms, where this shard gives every item its own: in the leapfrog, and
         * looked at first when the AND asks about an item */
        n_words = its.size();
        pair_decides = false;
        if (!p.pairs.empty() && db.get_metadata(RS_META_PAIRS) == RS_PAIRS_RULE) {
            for (const auto &t : p.pairs) {
                its.push_back(db.postlist_begin(t));
                tf_min = std::min(tf_min, db.get_termfreq(t));
            }
            pair_decides = pair_is_phrase(p); /* the pair term is the phrase itself */
        }
        did = 0;
        started = false;
        ended = tf_min == 0;
    }
    /* at most as many as have the rarest word; about half of those, as Xapian guesses a phrase */
    Xapian::doccount get_termfreq_min() const override { return 0; }
    Xapian::doccount get_termfreq_est() const override { return tf_min / 2; }
    Xapian::doccount get_termfreq_max() const override { return tf_min; }

    void next(double) override { find_from(started ? did + 1 : 1); }
    void skip_to(Xapian::docid d, double) override {
        if (started && !ended && d <= did && !unsure) return;
        find_from(started && d <= did ? did + 1 : d);
    }
    bool check(Xapian::docid d, double) override {
        if (ended) return false; /* a word has no more items: neither has the phrase */
        started = true;
        did = d;
        unsure = !matches(d); /* not a match: a next() goes on after it */
        return !unsure;
    }
    bool at_end() const override { return ended; }
    Xapian::docid get_docid() const override { return did; }
    std::string get_description() const override { return "RsxPhraseSource"; }

  private:
    /* The first item from `d` on having every word in order: the leapfrog, then the positions. */
    void find_from(Xapian::docid d) {
        started = true;
        unsure = false;
        if (ended) return;
        for (Xapian::docid cand = d;; cand++) {
            if (!leapfrog(its, cand)) {
                ended = true;
                return;
            }
            if (matches(cand)) {
                did = cand;
                return;
            }
        }
    }

    /* Whether item d has the phrase (its words are known to be there when the AND asks). */
    bool matches(Xapian::docid d) {
        /* its pair terms, its pair filter, then its block: the lists and streams move forward
         * only, as the candidates come */
        for (size_t i = n_words; i < its.size(); i++) {
            if (its[i] != Xapian::PostingIterator() && *its[i] < d) its[i].skip_to(d);
            if (its[i] == Xapian::PostingIterator() || *its[i] != d) return false;
        }
        if (pair_decides) return true;
        const Xapian::ValueIterator end;
        if (filters != end && filters.get_docid() < d) filters.skip_to(d);
        if (filters != end && filters.get_docid() == d && !check_.maybe(*filters)) return false;
        if (blocks != end && blocks.get_docid() < d) blocks.skip_to(d);
        if (blocks != end && blocks.get_docid() == d) {
            block = *blocks;
            return check_.in_item(&block, db, d);
        }
        return check_.in_item(nullptr, db, d);
    }

    PhraseSpec p;
    PhraseCheck check_;
    Xapian::Database db;
    Xapian::ValueIterator blocks;  /* the position blocks, in docid order */
    Xapian::ValueIterator filters; /* the pair filters, in docid order */
    std::string block;
    std::vector<Xapian::PostingIterator> its; /* per word, then per pair term */
    size_t n_words = 0;
    bool pair_decides = false; /* the pair term alone decides (init) */
    Xapian::doccount tf_min = 0;
    Xapian::docid did = 0;
    bool started = false, ended = false, unsure = false;
};

/* The items having every pair term of a phrase, in a shard marked as giving every item its own
 * (RS_META_PAIRS); every item in any other shard (there, the one list is of all items). */
class PairFilter : public Xapian::PostingSource {
  public:
    explicit PairFilter(const PhraseSpec &p_) : p(p_) {}
    PostingSource *clone() const override { return new PairFilter(p); }

    void init(const Xapian::Database &db) override {
        its.clear();
        marked = db.get_metadata(RS_META_PAIRS) == RS_PAIRS_RULE;
        const Xapian::doccount n = db.get_doccount();
        tf = est = n;
        if (marked) {
            for (const auto &t : p.pairs) {
                its.push_back(db.postlist_begin(t));
                tf = std::min(tf, db.get_termfreq(t));
            }
            /* Xapian estimates an AND as if its parts were independent, but an item having the
             * pair has its words: this one's estimate is the share of the words' items having
             * the pair, so the AND comes out at about the pair's frequency (never below it, and
             * still small enough to lead the AND where it helps) */
            double words = n;
            for (const auto &w : p.terms) words *= n ? static_cast<double>(db.get_termfreq(w)) / n : 0;
            double e = words > 0 ? static_cast<double>(tf) * n / words : n;
            est = static_cast<Xapian::doccount>(std::max<double>(tf, std::min<double>(n, e)));
        } else {
            its.push_back(db.postlist_begin(std::string()));
        }
        did = 0;
        ended = its.empty() || tf == 0;
    }
    Xapian::doccount get_termfreq_min() const override { return marked ? 0 : tf; }
    Xapian::doccount get_termfreq_est() const override { return est; }
    Xapian::doccount get_termfreq_max() const override { return est; }
    void next(double) override { find_from(did + 1); }
    void skip_to(Xapian::docid d, double) override {
        if (d > did) find_from(d);
    }
    bool check(Xapian::docid d, double) override {
        if (!marked) { /* every item is a candidate: d, which the caller knows is there */
            did = d;
            return true;
        }
        skip_to(d, 0);
        return true; /* positioned at the first candidate from d on, which the AND reads */
    }
    bool at_end() const override { return ended; }
    Xapian::docid get_docid() const override { return did; }
    std::string get_description() const override { return "RsxPairFilter"; }

  private:
    /* the first item from d on in every list (the leapfrog) */
    void find_from(Xapian::docid d) {
        if (ended) return;
        Xapian::docid cand = d;
        if (leapfrog(its, cand)) did = cand;
        else ended = true;
    }

    PhraseSpec p;
    std::vector<Xapian::PostingIterator> its;
    bool marked = false, ended = false;
    Xapian::doccount tf = 0, est = 0; /* the rarest pair's frequency (every item unmarked); the estimate */
    Xapian::docid did = 0;
};

/* Every phrase of `phrases` in the document the matcher asks about. Xapian 1.4 gives it the
 * document's docid in its own shard, not which shard: an item without a block (whose positions
 * are in its shard's Xapian table) can be checked only when there is one shard (RsxDb.phrases_lazy). */
class PhraseDecider : public Xapian::MatchDecider {
  public:
    PhraseDecider(const std::vector<PhraseSpec> &phrases, const std::vector<Xapian::Database> &shards_)
        : shards(shards_) {
        /* a phrase whose pair term is the phrase needs no check where every shard is marked: the
         * query's pair filter (pair_filter) let through only the items having the term */
        bool marked = true;
        for (const auto &db : shards) marked = marked && db.get_metadata(RS_META_PAIRS) == RS_PAIRS_RULE;
        for (const auto &p : phrases)
            if (!marked || !pair_is_phrase(p)) checks.emplace_back(new PhraseCheck(p));
    }
    bool operator()(const Xapian::Document &doc) const override {
        if (checks.empty()) return true;
        const Xapian::docid d = doc.get_docid();
        /* one shard: its values as streams, which the matcher's candidates (in docid order) move
         * forward (as the source reads them); else the item's own values */
        if (shards.size() == 1 && (!started || d > last)) {
            if (!started) {
                filters = shards[0].valuestream_begin(RS_SLOT_PAIRS);
                blocks = shards[0].valuestream_begin(RS_SLOT_POSITIONS);
                started = true;
            }
            last = d;
            value_at(filters, d, pairs);
        } else {
            pairs = doc.get_value(RS_SLOT_PAIRS);
            started = false; /* asked about an earlier item: the streams start again */
        }
        for (auto &c : checks)
            if (!c->maybe(pairs)) return false;
        if (started) value_at(blocks, d, block);
        else block = doc.get_value(RS_SLOT_POSITIONS);
        if (block.empty() && shards.size() != 1) /* RsxDb.phrases_lazy says this cannot be */
            throw Xapian::InvalidOperationError("an item without its word positions in a shard marked as having them");
        for (auto &c : checks)
            if (!c->in_item(block.empty() ? nullptr : &block, shards[0], doc.get_docid())) return false;
        return true;
    }

  private:
    /* the value of item d in the stream `it` (positioned at d or after it), or "" */
    static void value_at(Xapian::ValueIterator &it, Xapian::docid d, std::string &out) {
        const Xapian::ValueIterator end;
        if (it != end && it.get_docid() < d) it.skip_to(d);
        if (it != end && it.get_docid() == d) out = *it;
        else out.clear();
    }

    const std::vector<Xapian::Database> &shards;
    std::vector<std::unique_ptr<PhraseCheck>> checks;
    mutable std::string block, pairs;
    mutable Xapian::ValueIterator filters, blocks; /* one shard's pair filters and blocks */
    mutable bool started = false;
    mutable Xapian::docid last = 0;
};

}  // namespace

namespace rsx_priv {

Xapian::Query phrase_filter(const PhraseSpec &p) { return Xapian::Query((new PhraseSource(p))->release()); }

Xapian::Query pair_filter(const PhraseSpec &p) { return Xapian::Query((new PairFilter(p))->release()); }

std::unique_ptr<Xapian::MatchDecider> phrase_decider(const std::vector<PhraseSpec> &phrases,
                                                     const std::vector<Xapian::Database> &shards) {
    return std::unique_ptr<Xapian::MatchDecider>(new PhraseDecider(phrases, shards));
}

}  // namespace rsx_priv
