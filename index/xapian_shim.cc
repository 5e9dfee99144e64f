// xapian_shim.cc — the shim's writing side (with xapian_search.cc, the only code that includes
// Xapian): writable databases, documents, compaction, and the exception mapping both sides use.
#include "xapian_priv.hh"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <new>
#include <sys/stat.h>

namespace rsx_priv {

/* An error's message with its system error ("No space left on device"), never its class name. */
static std::string say(const Xapian::Error &e) {
    std::string m = e.get_msg();
    const char *sys = e.get_error_string();
    if (sys && *sys) m += std::string(" (") + sys + ")";
    return m;
}

// Map the exception being handled to a status and message.
RsStatus fail(RsError *err) {
    try {
        throw;
    } catch (const Xapian::DatabaseLockError &e) {
        /* "Couldn't open lockfile" is not another writer: a read-only or full file system */
        if (e.get_msg().find("Couldn't open lockfile") != std::string::npos)
            return rs_error_set(err, RS_ERR_IO, "cannot write to the index: %s", say(e).c_str());
        return rs_error_set(err, RS_ERR_LOCKED, "index is locked by another writer (%s)",
                            e.get_msg().c_str());
    } catch (const Xapian::DatabaseNotFoundError &e) {
        /* in the user's terms, never Xapian's class names or internal wording */
        const std::string &m = e.get_msg();
        if (m.find("Couldn't stat") != std::string::npos)
            return rs_error_set(err, RS_ERR_NOTFOUND, "no index there (no such file or folder)");
        if (m.find("detect type") != std::string::npos)
            return rs_error_set(err, RS_ERR_NOTFOUND, "no index there (a folder without index files: "
                                                      "not made by `refsog index`)");
        return rs_error_set(err, RS_ERR_NOTFOUND, "no index there (%s)", m.c_str());
    } catch (const Xapian::DatabaseModifiedError &e) {
        return rs_error_set(err, RS_ERR_MODIFIED, "index modified while reading: %s",
                            e.get_msg().c_str());
    } catch (const Xapian::NetworkError &e) {
        return rs_error_set(err, RS_ERR_NETWORK, "remote index: %s", say(e).c_str());
    } catch (const Xapian::UnimplementedError &e) {
        return rs_error_set(err, RS_ERR_UNSUPPORTED, "not supported: %s", e.get_msg().c_str());
    } catch (const Xapian::DatabaseOpeningError &e) {
        return rs_error_set(err, RS_ERR_DATABASE, "cannot open the index: its files are damaged or "
                            "not an index (%s)", say(e).c_str());
    } catch (const Xapian::FeatureUnavailableError &e) {
        if (e.get_msg().find("has no termlist") != std::string::npos) /* e.g. from xapian-tcpsrv */
            return rs_error_set(err, RS_ERR_UNSUPPORTED, "the index was written without term lists, "
                                "which a remote server needs: build the shards it serves with "
                                "`refsog index --termlists` (%s)", e.get_msg().c_str());
        return rs_error_set(err, RS_ERR_UNSUPPORTED, "not supported: %s", say(e).c_str());
    } catch (const Xapian::Error &e) {
        return rs_error_set(err, RS_ERR_DATABASE, "index error: %s", say(e).c_str());
    } catch (const std::bad_alloc &) {
        return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    } catch (const std::exception &e) {
        return rs_error_set(err, RS_ERR_INTERNAL, "internal error: %s", e.what());
    } catch (...) {
        return rs_error_set(err, RS_ERR_INTERNAL, "internal error: unknown exception");
    }
}

RsStatus dup_out(const std::string &s, char **out, size_t *len, RsError *err) {
    char *p = static_cast<char *>(malloc(s.size() + 1));
    if (!p) return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    memcpy(p, s.data(), s.size());
    p[s.size()] = '\0';
    *out = p;
    if (len) *len = s.size();
    return RS_OK;
}

}  // namespace rsx_priv

using rsx_priv::dup_out;
using rsx_priv::fail;

/* ================================================================ writing */

/* The documents having `term` that are not dead. */
static std::vector<Xapian::docid> live_docs(RsxWritable *w, const std::string &term) {
    std::vector<Xapian::docid> ids;
    for (auto p = w->db.postlist_begin(term); p != w->db.postlist_end(term); ++p)
        if (!w->dead.has(*p)) ids.push_back(*p);
    return ids;
}

extern "C" RsStatus rsx_writable_open(const char *path, int mode_flags, RsxWritable **out,
                                      RsError *err) {
    *out = nullptr;
    RSX_TRY
    /* An existing glass index without a term list table was written without term lists and
     * must be opened so (Xapian refuses otherwise); a new one is created without them unless
     * asked. */
    int mode = mode_flags & ~RSX_TERMLISTS;
    std::string dir(path);
    struct stat st;
    bool exists = stat((dir + "/iamglass").c_str(), &st) == 0;
    bool no_termlist = exists ? stat((dir + "/termlist.glass").c_str(), &st) != 0
                              : !(mode_flags & RSX_TERMLISTS);
    int flags = (mode == RSX_OPEN ? Xapian::DB_OPEN : Xapian::DB_CREATE_OR_OPEN) |
                (mode == RSX_CREATE_SCRATCH ? Xapian::DB_NO_SYNC : 0) |
                (no_termlist ? Xapian::DB_NO_TERMLIST : 0) | Xapian::DB_BACKEND_GLASS;
    std::unique_ptr<RsxWritable> w(new RsxWritable{Xapian::WritableDatabase(path, flags), no_termlist, {}});
    if (no_termlist) rsx_priv::dead_load(w->db, w->dead);
    *out = w.release();
    return RS_OK;
    RSX_CATCH
}

extern "C" int rsx_writable_has_termlists(const RsxWritable *w) { return w->no_termlist ? 0 : 1; }

extern "C" RsStatus rsx_writable_close(RsxWritable *w, RsError *err) {
    if (!w) return RS_OK;
    RsStatus rc = RS_OK;
    try {
        w->db.close();
    } catch (...) {
        rc = fail(err);
    }
    delete w;
    return rc;
}

extern "C" RsStatus rsx_writable_commit(RsxWritable *w, RsError *err) {
    RSX_TRY
    w->db.commit();
    return RS_OK;
    RSX_CATCH
}

extern "C" RsStatus rsx_writable_begin(RsxWritable *w, int flushed, RsError *err) {
    RSX_TRY
    w->db.begin_transaction(flushed != 0);
    return RS_OK;
    RSX_CATCH
}

extern "C" RsStatus rsx_writable_commit_transaction(RsxWritable *w, RsError *err) {
    RSX_TRY
    w->db.commit_transaction();
    return RS_OK;
    RSX_CATCH
}

extern "C" RsStatus rsx_writable_cancel_transaction(RsxWritable *w, RsError *err) {
    RSX_TRY
    w->db.cancel_transaction();
    if (w->no_termlist) rsx_priv::dead_load(w->db, w->dead); /* the marks made since go too */
    return RS_OK;
    RSX_CATCH
}

/* Whether pending term a sorts before b (byte order, then length: std::string's). */
static bool pending_less(const RsxDoc::Pending &a, const RsxDoc::Pending &b, const char *t) {
    if (a.key != b.key) return a.key < b.key;
    int c = memcmp(t + a.off, t + b.off, a.len < b.len ? a.len : b.len);
    return c ? c < 0 : a.len < b.len;
}

/* Sort pending terms in byte order: an LSD radix sort on the 8-byte keys (std::sort's
 * comparisons were 2 % of a build, mostly mispredicted branches), then the runs of equal keys
 * (terms alike in their first 8 bytes) by insertion. Throws std::bad_alloc. */
static void sort_pending(std::vector<RsxDoc::Pending> &v, const char *t) {
    size_t n = v.size();
    if (n < 2) return;
    static thread_local std::vector<RsxDoc::Pending> tmp; /* kept: a build sorts one item after another */
    tmp.resize(n);
    for (unsigned shift = 0; shift < 64; shift += 8) {
        size_t count[257] = {0};
        for (size_t i = 0; i < n; i++) count[((v[i].key >> shift) & 0xFF) + 1]++;
        if (count[((v[0].key >> shift) & 0xFF) + 1] == n) continue; /* one byte value: nothing moves */
        for (size_t b = 0; b < 256; b++) count[b + 1] += count[b];
        for (size_t i = 0; i < n; i++) tmp[count[(v[i].key >> shift) & 0xFF]++] = v[i];
        v.swap(tmp);
    }
    for (size_t i = 1; i < n; i++) {
        if (v[i].key != v[i - 1].key || !pending_less(v[i], v[i - 1], t)) continue;
        RsxDoc::Pending x = v[i];
        size_t j = i;
        for (; j > 0 && v[j - 1].key == x.key && pending_less(x, v[j - 1], t); j--) v[j] = v[j - 1];
        v[j] = x;
    }
}

/* Hand doc's pending terms (rsx_doc_add_term) to its Xapian::Document: sorted, each once with
 * its wdfs summed. The document is the same in any order (and would be with a wrong sort: runs
 * are grouped by whole terms, and Xapian sums a term added twice), but Xapian keeps its terms in
 * a std::map: built in order, the nodes lie in memory in the order add_document walks them, and
 * a one-core build took ~4 % less time (more instructions, fewer cache misses). Throws as Xapian
 * does (std::bad_alloc). */
static void doc_flush(const RsxDoc *cd) {
    RsxDoc *d = const_cast<RsxDoc *>(cd); /* the pending terms are moved, the document the same */
    const char *t = d->pend_text.data();
    sort_pending(d->pend, t);
    std::string term;
    for (size_t i = 0, j; i < d->pend.size(); i = j) {
        const RsxDoc::Pending &p = d->pend[i];
        unsigned wdf = 0;
        for (j = i; j < d->pend.size() && d->pend[j].len == p.len && !memcmp(t + d->pend[j].off, t + p.off, p.len); j++)
            wdf += d->pend[j].wdf;
        term.assign(t + p.off, p.len);
        d->doc.add_term(term, wdf);
    }
    d->pend.clear();
    d->pend_text.clear();
}

extern "C" RsStatus rsx_writable_add(RsxWritable *w, const RsxDoc *doc, RsxDocid *docid,
                                     RsError *err) {
    RSX_TRY
    doc_flush(doc);
    Xapian::docid id = w->db.add_document(doc->doc);
    if (docid) *docid = id;
    return RS_OK;
    RSX_CATCH
}

extern "C" RsStatus rsx_writable_replace(RsxWritable *w, const char *idterm, size_t idlen,
                                         const RsxDoc *doc, RsxDocid *docid, RsError *err) {
    RSX_TRY
    std::string t(idterm, idlen);
    Xapian::docid id;
    doc_flush(doc); /* before anything is marked dead (it can throw) */
    if (w->no_termlist) { /* the old ones are marked dead, the new one added */
        rsx_priv::dead_mark(w, live_docs(w, t));
        id = w->db.add_document(doc->doc);
    } else {
        id = w->db.replace_document(t, doc->doc);
    }
    if (docid) *docid = id;
    return RS_OK;
    RSX_CATCH
}

extern "C" RsStatus rsx_writable_delete_term(RsxWritable *w, const char *term, size_t len,
                                             size_t *n_deleted, RsError *err) {
    RSX_TRY
    std::string t(term, len);
    if (w->no_termlist) {
        std::vector<Xapian::docid> ids = live_docs(w, t);
        if (n_deleted) *n_deleted = ids.size();
        rsx_priv::dead_mark(w, ids);
        return RS_OK;
    }
    if (n_deleted) *n_deleted = w->db.get_termfreq(t);
    w->db.delete_document(t);
    return RS_OK;
    RSX_CATCH
}

extern "C" RsStatus rsx_writable_get_metadata(RsxWritable *w, const char *key, char **value,
                                              size_t *len, RsError *err) {
    RSX_TRY
    return dup_out(w->db.get_metadata(key), value, len, err);
    RSX_CATCH
}

extern "C" RsStatus rsx_writable_set_metadata(RsxWritable *w, const char *key,
                                              const char *value, size_t len, RsError *err) {
    RSX_TRY
    w->db.set_metadata(key, std::string(value ? value : "", value ? len : 0));
    return RS_OK;
    RSX_CATCH
}

extern "C" RsStatus rsx_writable_doccount(RsxWritable *w, size_t *count, RsError *err) {
    RSX_TRY
    *count = w->db.get_doccount() - w->dead.n;
    return RS_OK;
    RSX_CATCH
}

extern "C" RsStatus rsx_writable_termfreq(RsxWritable *w, const char *term, size_t len,
                                          size_t *freq, RsError *err) {
    RSX_TRY
    std::string t(term, len);
    Xapian::doccount f = w->db.get_termfreq(t);
    *freq = rsx_priv::live_freq(w->db, t, f, w->dead);
    return RS_OK;
    RSX_CATCH
}

extern "C" RsStatus rsx_writable_allterms(RsxWritable *w, const char *prefix, RsxTermFn fn, void *ctx,
                                          RsError *err) {
    RSX_TRY
    std::string p(prefix ? prefix : "");
    /* collected first: the callback may change the database */
    std::vector<std::pair<std::string, unsigned>> terms;
    for (auto t = w->db.allterms_begin(p); t != w->db.allterms_end(p); ++t) {
        std::string s = *t;
        Xapian::doccount f = rsx_priv::live_freq(w->db, s, t.get_termfreq(), w->dead);
        if (f) terms.emplace_back(s, f); /* a term only deleted documents have is gone */
    }
    for (const auto &t : terms)
        if (fn(ctx, t.first.data(), t.first.size(), t.second)) break;
    return RS_OK;
    RSX_CATCH
}

extern "C" RsStatus rsx_writable_metadata(RsxWritable *w, const char *prefix, RsxMetaFn fn, void *ctx,
                                         RsError *err) {
    RSX_TRY
    std::string p(prefix ? prefix : "");
    /* collected first: the callback may change the database */
    std::vector<std::pair<std::string, std::string>> kv;
    for (auto k = w->db.metadata_keys_begin(p); k != w->db.metadata_keys_end(p); ++k)
        kv.emplace_back(*k, w->db.get_metadata(*k));
    for (const auto &e : kv)
        if (!e.second.empty() && fn(ctx, e.first.data(), e.first.size(), e.second.data(), e.second.size()))
            break;
    return RS_OK;
    RSX_CATCH
}

// Xapian stores terms of 1 to 245 bytes and says so only when the document is written, with
// an exception that used to end the whole run: refuse here, while the file is still the problem.
#define RSX_TERM_MAX 245
static RsStatus check_term(const char *term, size_t len, RsError *err) {
    if (len > 0 && len <= RSX_TERM_MAX) return RS_OK;
    if (len == 0) return rs_error_set(err, RS_ERR_INPUT, "empty term");
    return rs_error_set(err, RS_ERR_INPUT, "term of %zu bytes, over Xapian's %d: '%.40s…'", len,
                        RSX_TERM_MAX, term);
}

extern "C" RsxDoc *rsx_doc_new(void) {
    RsxDoc *d = new (std::nothrow) RsxDoc();
    try { /* an item's terms, without regrowing (a hint: they grow as needed) */
        if (d) d->pend.reserve(512), d->pend_text.reserve(8192);
    } catch (...) {
    }
    return d;
}

extern "C" void rsx_doc_free(RsxDoc *d) { delete d; }

extern "C" RsStatus rsx_doc_add_posting(RsxDoc *d, const char *term, size_t len, unsigned pos,
                                        unsigned wdfinc, RsError *err) {
    if (RsStatus rc = check_term(term, len, err)) return rc;
    RSX_TRY
    d->doc.add_posting(std::string(term, len), pos, wdfinc);
    return RS_OK;
    RSX_CATCH
}

extern "C" RsStatus rsx_doc_add_term(RsxDoc *d, const char *term, size_t len, unsigned wdfinc,
                                     RsError *err) {
    if (RsStatus rc = check_term(term, len, err)) return rc;
    RSX_TRY
    if (d->pend_text.size() + len > UINT32_MAX) /* the offsets are 32-bit */
        return rs_error_set(err, RS_ERR_INPUT, "a document of more than 4 GiB of terms");
    uint64_t key = 0;
    for (size_t i = 0; i < 8; i++) key = key << 8 | (i < len ? (unsigned char)term[i] : 0u);
    d->pend.push_back({key, (uint32_t)d->pend_text.size(), (uint32_t)len, wdfinc});
    d->pend_text.append(term, len);
    return RS_OK;
    RSX_CATCH
}

extern "C" RsStatus rsx_doc_add_boolean_term(RsxDoc *d, const char *term, size_t len,
                                             RsError *err) {
    if (RsStatus rc = check_term(term, len, err)) return rc;
    RSX_TRY
    d->doc.add_boolean_term(std::string(term, len));
    return RS_OK;
    RSX_CATCH
}

extern "C" RsStatus rsx_doc_set_value(RsxDoc *d, unsigned slot, const char *value, size_t len,
                                      RsError *err) {
    RSX_TRY
    d->doc.add_value(slot, std::string(value, len));
    return RS_OK;
    RSX_CATCH
}

extern "C" RsStatus rsx_doc_set_data(RsxDoc *d, const char *data, size_t len, RsError *err) {
    RSX_TRY
    d->doc.add_value(RS_SLOT_DATA, std::string(data, len));
    return RS_OK;
    RSX_CATCH
}

extern "C" RsStatus rsx_compact(const char *const *srcs, size_t n, const char *out, unsigned jobs,
                                size_t *n_dropped, RsError *err) {
    if (n_dropped) *n_dropped = 0;
    if (n == 0) return rs_error_set(err, RS_ERR_USAGE, "nothing to compact");
    /* copies without the dead go into OUT.purge/ (removed at the end, however it ends) */
    const std::string tmp = std::string(out) + ".purge";
    RsStatus rc = RS_OK;
    try {
        std::filesystem::remove_all(tmp); /* a crashed run's (OUT's writer holds OUT.lock) */
        Xapian::Database db;
        for (size_t i = 0; i < n; i++) {
            Xapian::Database one(srcs[i], Xapian::DB_OPEN);
            RsxDead dead;
            if (!one.get_metadata(RS_META_DEAD_COUNT).empty()) rsx_priv::dead_load(one, dead);
            if (!dead.n) {
                db.add_database(one);
                continue;
            }
            /* Xapian's compactor copies posting lists whole: leave the dead out first */
            if (n_dropped) *n_dropped += dead.n;
            std::filesystem::create_directories(tmp);
            for (const auto &seg : rsx_priv::dead_purge(one, srcs[i], dead, jobs, tmp + "/" + std::to_string(i)))
                db.add_database(Xapian::Database(seg, Xapian::DB_OPEN));
        }
        /* in one pass: Xapian's multi-pass merge (pairs of sources into temporary tables, then
         * again) wrote the data ~log2(n) times; merging the 49 parts of a 100,000-item build took
         * 5.9-7.2 s with it, 1.8-1.9 s without (docs/benchmarks.md, eighteenth session) */
        db.compact(out, Xapian::DB_BACKEND_GLASS);
        /* the compactor keeps the first source's metadata: where the positions are is all of
         * theirs ("items" only if every source's items have blocks), and the pair terms' mark
         * stays only if every source has it */
        std::string pos_all, pos_first, pairs_all, pairs_first;
        for (size_t i = 0; i < n; i++) {
            Xapian::Database one(srcs[i], Xapian::DB_OPEN);
            std::string v = one.get_metadata(RS_META_POSITIONS), p = one.get_metadata(RS_META_PAIRS);
            if (i == 0) pos_all = pos_first = v, pairs_all = pairs_first = p;
            if (v != pos_all) pos_all = "some";
            if (p != pairs_all) pairs_all.clear();
        }
        if (pos_all != pos_first || pairs_all != pairs_first) {
            struct stat st;
            bool termlist = stat((std::string(out) + "/termlist.glass").c_str(), &st) == 0;
            Xapian::WritableDatabase w(out, Xapian::DB_OPEN | (termlist ? 0 : Xapian::DB_NO_TERMLIST));
            w.set_metadata(RS_META_POSITIONS, pos_all);
            w.set_metadata(RS_META_PAIRS, pairs_all);
            w.commit();
        }
    } catch (...) {
        rc = fail(err);
    }
    std::error_code ec;
    std::filesystem::remove_all(tmp, ec);
    return rc;
}
