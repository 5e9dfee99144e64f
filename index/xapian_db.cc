// xapian_db.cc — the shim's index reading (part of the shim): opening indexes, shards and
// remote servers as one database, reopening, and the lookups that are not a search (counts,
// metadata, terms, postings, an item's stored data and values).
#include "xapian_priv.hh"

#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <sys/stat.h>

using rsx_priv::dup_out;
using rsx_priv::fail;
using rsx_priv::stored_item;

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

extern "C" RsStatus rsx_db_termfreq_at_least(RsxDb *db, const char *term, size_t len, size_t min, int *yes,
                                             RsError *err) {
    RSX_TRY
    std::string t(term, len);
    Xapian::doccount f = db->db.get_termfreq(t);
    /* at most dead.n of the f are deleted: the live ones are read only when that leaves it open */
    *yes = f >= min && (f - min >= db->dead.n || rsx_priv::live_freq(db->db, t, f, db->dead) >= min);
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

namespace rsx_priv {

std::string stored_item(const Xapian::Document &doc) {
    std::string v = doc.get_value(RS_SLOT_DATA);
    return v.empty() ? doc.get_data() : v;
}

}  // namespace rsx_priv

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
