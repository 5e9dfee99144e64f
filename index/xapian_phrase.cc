// xapian_phrase.cc — phrase matching from the positions items keep with their stored data
// (schema 9, index/posblob.h), as a Xapian posting source (part of the shim).
//
// A phrase "a b c" is the AND of its exact forms (which gives it its weight: Xapian's OP_PHRASE
// weighs a phrase as that AND) filtered by this source. The source walks the items having every
// word of the phrase (a leapfrog over their posting lists, so it can lead the AND) and keeps
// those in which the words stand in order within the window: from the item's position block when
// it has one, else from Xapian's position table (items written before schema 9). Each sub-database
// (shard) gets a clone, and its own docids.
#include "xapian_priv.hh"

#include "docdata.h"
#include "posblob.h"

#include <cstdlib>
#include <memory>

namespace {

class PhraseSource : public Xapian::PostingSource {
  public:
    PhraseSource(std::vector<std::string> terms_, unsigned window_) : terms(std::move(terms_)), window(window_) {
        for (const auto &t : terms) {
            size_t k = 0;
            while (k < words.size() && words[k] != t) k++;
            if (k == words.size()) words.push_back(t);
            slot.push_back(k);
        }
    }
    ~PhraseSource() override { free(buf); }
    PostingSource *clone() const override { return new PhraseSource(terms, window); }

    void init(const Xapian::Database &db_) override {
        db = db_;
        its.clear();
        tf_min = words.empty() ? 0 : db.get_doccount();
        for (const auto &w : words) {
            its.push_back(db.postlist_begin(w));
            tf_min = std::min(tf_min, db.get_termfreq(w));
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
        Xapian::docid cand = d;
        for (;;) {
            bool all = true;
            for (auto &it : its) {
                it.skip_to(cand);
                if (it == Xapian::PostingIterator()) {
                    ended = true;
                    return;
                }
                if (*it > cand) {
                    cand = *it;
                    all = false;
                    break;
                }
            }
            if (!all) continue;
            if (matches(cand)) {
                did = cand;
                return;
            }
            cand++;
        }
    }

    /* Whether item d has the phrase (its words are known to be there when the AND asks). */
    bool matches(Xapian::docid d) {
        const std::string data = db.get_document(d).get_data();
        const char *blob;
        size_t blob_len;
        int has = rs_docdata_positions(data.data(), data.size(), &blob, &blob_len);
        if (has < 0) throw Xapian::DatabaseCorruptError("an item's stored positions are damaged");
        lists.resize(words.size());
        for (size_t k = 0; k < words.size(); k++) {
            lists[k].clear();
            if (has) {
                size_t n = 0;
                int found = rs_posblob_find(blob, blob_len, words[k].data(), words[k].size(), &buf, &n, &cap);
                if (found < 0) throw Xapian::DatabaseCorruptError("an item's stored positions are damaged");
                if (!found) return false;
                lists[k].assign(buf, buf + n);
            } else { /* written before schema 9: Xapian's position table */
                for (auto p = db.positionlist_begin(d, words[k]); p != db.positionlist_end(d, words[k]); ++p)
                    lists[k].push_back(*p);
                if (lists[k].empty()) return false;
            }
        }
        std::vector<const uint32_t *> l(terms.size());
        std::vector<size_t> n(terms.size());
        for (size_t i = 0; i < terms.size(); i++) {
            l[i] = lists[slot[i]].data();
            n[i] = lists[slot[i]].size();
        }
        return rs_phrase_in(l.data(), n.data(), terms.size(), window) != 0;
    }

    std::vector<std::string> terms; /* the phrase's words in order */
    unsigned window;
    std::vector<std::string> words; /* each distinct word once */
    std::vector<size_t> slot;       /* terms[i] is words[slot[i]] */
    Xapian::Database db;
    std::vector<Xapian::PostingIterator> its; /* per word */
    Xapian::doccount tf_min = 0;
    Xapian::docid did = 0;
    bool started = false, ended = false, unsure = false;
    std::vector<std::vector<uint32_t>> lists; /* per word, in the item being checked */
    uint32_t *buf = nullptr;
    size_t cap = 0;
};

}  // namespace

namespace rsx_priv {

Xapian::Query phrase_filter(const std::vector<std::string> &terms, unsigned window) {
    return Xapian::Query((new PhraseSource(terms, window))->release());
}

}  // namespace rsx_priv
