// xapian_spelling.cc — the shim's speller (part of the shim): the nearest indexed word to a
// word no item has, by edit distance over the index's own exact forms (no spelling table).
#include "xapian_priv.hh"

#include <algorithm>
#include <string>
#include <vector>

using rsx_priv::dup_out;

/* A word the speller offers: lower-case letters only (a-z and non-ASCII), 3 to 40 bytes, as
 * an exact term (schema.h: exact forms have no prefix). Can't fail. */
static bool spelling_word(const std::string &t) {
    if (t.size() < 3 || t.size() > 40) return false;
    for (unsigned char c : t)
        if (!((c >= 'a' && c <= 'z') || c >= 0x80)) return false;
    return true;
}

/* The code points of a UTF-8 string (invalid bytes as themselves). */
static std::vector<uint32_t> code_points(const std::string &s) {
    std::vector<uint32_t> cp;
    for (size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
        if (i + n > s.size()) n = 1;
        uint32_t v = n == 1 ? c : c & (0x7F >> n);
        for (size_t k = 1; k < n; k++) v = (v << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        cp.push_back(v);
        i += n;
    }
    return cp;
}

/* Edit distance (insertions, deletions, substitutions, adjacent transpositions) of a and b, or
 * max + 1 once it must exceed max. */
static unsigned edit_distance(const std::vector<uint32_t> &a, const std::vector<uint32_t> &b, unsigned max) {
    size_t n = a.size(), m = b.size();
    if ((n > m ? n - m : m - n) > max) return max + 1;
    std::vector<unsigned> pp(m + 1), p(m + 1), c(m + 1);
    for (size_t j = 0; j <= m; j++) p[j] = static_cast<unsigned>(j);
    for (size_t i = 1; i <= n; i++) {
        c[0] = static_cast<unsigned>(i);
        unsigned row_min = c[0];
        for (size_t j = 1; j <= m; j++) {
            unsigned cost = a[i - 1] == b[j - 1] ? 0 : 1;
            unsigned v = std::min({p[j] + 1, c[j - 1] + 1, p[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = std::min(v, pp[j - 2] + 1);
            c[j] = v;
            row_min = std::min(row_min, v);
        }
        if (row_min > max) return max + 1;
        std::swap(pp, p);
        std::swap(p, c);
    }
    return p[m];
}

/* The nearest spelling word among the terms starting with `prefix` into best (fewest edits, then
 * the most items, then byte order). */
struct Speller {
    RsxWordFilter accept;
    void *ctx;
};

static void nearest(RsxDb *rdb, const Speller &sp, const std::string &prefix, const std::string &word,
                    const std::vector<uint32_t> &w, unsigned max_edit, std::string &best,
                    unsigned &best_d, Xapian::doccount &best_f) {
    Xapian::Database &db = rdb->db;
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
        const std::string term = *t;
        if (term == word || !spelling_word(term)) continue;
        if (sp.accept && !sp.accept(sp.ctx, term.data(), term.size())) continue;
        size_t len = term.size();
        if ((len > word.size() ? len - word.size() : word.size() - len) > 2 * max_edit) continue; /* bytes */
        unsigned d = edit_distance(code_points(term), w, max_edit);
        if (d > max_edit) continue;
        Xapian::doccount f = rsx_priv::live_freq(db, term, t.get_termfreq(), rdb->dead);
        if (!f) continue; /* only in deleted items */
        if (d < best_d || (d == best_d && f > best_f)) best = term, best_d = d, best_f = f;
    }
}

/* The UTF-8 of one code point. */
static std::string utf8(uint32_t c) {
    std::string s;
    if (c < 0x80) s += static_cast<char>(c);
    else if (c < 0x800) s += static_cast<char>(0xC0 | (c >> 6)), s += static_cast<char>(0x80 | (c & 0x3F));
    else s += static_cast<char>(0xE0 | (c >> 12)), s += static_cast<char>(0x80 | ((c >> 6) & 0x3F)),
         s += static_cast<char>(0x80 | (c & 0x3F));
    return s;
}

extern "C" RsStatus rsx_db_spelling(RsxDb *db, const char *word, size_t len, unsigned max_edit,
                                    RsxWordFilter accept, void *ctx, char **out, RsError *err) {
    RSX_TRY
    const Speller sp{accept, ctx};
    std::string w(word, len), best;
    std::vector<uint32_t> wc = code_points(w);
    unsigned best_d = max_edit + 1;
    Xapian::doccount best_f = 0;
    if (wc.size() >= 2) {
        /* Words with the same first letter: every edit after it. */
        const std::string c0 = utf8(wc[0]), c1 = utf8(wc[1]);
        nearest(db, sp, c0, w, wc, max_edit, best, best_d, best_f);
        if (best.empty()) {
            /* A typo in the first letter, by the ranges it leaves: another first letter (x + the
             * second), a first letter left out (x + the first), one too many (the second …),
             * the first two swapped. Not every word: that would be linear in the vocabulary. */
            static const uint32_t letters[] = {'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm',
                                               'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y', 'z',
                                               0xE6, 0xF8, 0xE5, 0xE9, 0xFC, 0xF6, 0xE4};
            for (uint32_t x : letters) {
                if (x == wc[0]) continue;
                nearest(db, sp, utf8(x) + c1, w, wc, max_edit, best, best_d, best_f);
                nearest(db, sp, utf8(x) + c0, w, wc, max_edit, best, best_d, best_f);
            }
            if (c1 != c0) nearest(db, sp, c1, w, wc, max_edit, best, best_d, best_f);
        }
    }
    return dup_out(best, out, nullptr, err);
    RSX_CATCH
}
