/* indexer.c — minutes files into Xapian documents, one per agenda item, in atomic batches. */
#include "indexer.h"
#include "indexer_priv.h"
#include "itemdoc.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "analyzer.h"
#include "buf.h"
#include "referat.h"
#include "schema.h"
#include "source.h"
#include "terms.h"
#include "textenc.h"
#include "walk.h"
#include "xapian_shim.h"

/* Text per commit. Xapian keeps a batch's postings in in-memory maps until the commit, and each
 * posting costs more the bigger they are (they stop fitting in the caches): one core, 100,000
 * generated items, a new index, user s: 2 MiB 116-128, 512 KiB 107, 256 KiB 104, 128 KiB 91-97
 * (docs/benchmarks.md "Sixteenth session"). A scratch part is not synced, so its commits are
 * cheap; a real index's commit syncs its files, so it takes larger batches. */
#define DEFAULT_BATCH ((size_t)512 << 10)
#define DEFAULT_SCRATCH_BATCH ((size_t)128 << 10)


/* ------------------------------------------------------------ open/close */

static RsStatus check_meta(RsIndexer *ix, const char *key, const char *want, const char *what,
                           const char *dir, RsError *err) {
    char *v;
    size_t len;
    RsStatus rc = rsx_writable_get_metadata(ix->db, key, &v, &len, err);
    if (rc != RS_OK) return rc;
    if (len == 0) {
        free(v);
        if (ix->opts.must_exist) /* an index, but not one refsog wrote */
            return rs_error_set(err, RS_ERR_NOTFOUND, "%s: not a refsog index (no %s)", dir, what);
        return rsx_writable_set_metadata(ix->db, key, want, strlen(want), err);
    }
    int same = !strcmp(v, want);
    if (!same && !strcmp(key, RS_META_SCHEMA) && RS_SCHEMA_UPGRADED(v)) {
        free(v); /* readable as it is; new items are written the new way: say so with them */
        return rsx_writable_set_metadata(ix->db, key, want, strlen(want), err);
    }
    if (!same)
        rs_error_set(err, RS_ERR_MISMATCH,
                     "%s: the index was built with another %s (\"%s\", this refsog has \"%s\"): "
                     "rebuild it: index the same folders into a new directory, then put it in "
                     "this one's place",
                     dir, what, v, want);
    free(v);
    return same ? RS_OK : RS_ERR_MISMATCH;
}

/* Whether dir holds an index, without touching it (Xapian's own open leaves a lock file in any
 * directory it is pointed at). */
static RsStatus check_is_index(const char *dir, RsError *err) {
    char probe[4200];
    struct stat st;
    snprintf(probe, sizeof probe, "%s/iamglass", dir);
    if (stat(probe, &st) == 0) return RS_OK;
    if (stat(dir, &st) != 0)
        return rs_error_set(err, RS_ERR_NOTFOUND, "%s: no index there (%s)", dir, strerror(errno));
    return rs_error_set(err, RS_ERR_NOTFOUND, "%s: not an index (no %s)", dir, probe);
}

/* A new index says that every item will have its pair terms (RS_META_PAIRS); an older one
 * written to now does not get the mark, since its old items have none. */
static RsStatus mark_pairs(RsIndexer *ix, RsError *err) {
    size_t docs = 0;
    RsStatus rc = rsx_writable_doccount(ix->db, &docs, err);
    if (rc == RS_OK && docs == 0)
        rc = rsx_writable_set_metadata(ix->db, RS_META_PAIRS, RS_PAIRS_RULE, strlen(RS_PAIRS_RULE), err);
    return rc;
}

/* The indexer's analyser closed unless it was lent (RsIndexerOptions.analyzer). */
static void close_analyzer(RsIndexer *ix) {
    if (ix->an != ix->opts.analyzer) rs_analyzer_close(ix->an);
}

RsStatus rs_indexer_analyzer_open(RsAnalyzer **out, RsError *err) {
    /* items are long texts, analysed once; builds run in threads */
    RsAnalyzerOptions ao = {.prefetch_words = 1, .prefault_caches = 1};
    return rs_analyzer_open(&ao, out, err);
}

RsStatus rs_indexer_open(const char *dir, const RsIndexerOptions *opts, RsIndexer **out,
                         RsError *err) {
    *out = NULL;
    RsIndexer *ix = calloc(1, sizeof *ix);
    if (!ix) return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    if (opts) ix->opts = *opts;
    if (!ix->opts.batch_bytes) ix->opts.batch_bytes = ix->opts.scratch ? DEFAULT_SCRATCH_BATCH : DEFAULT_BATCH;
    RsStatus rc = ix->opts.must_exist ? check_is_index(dir, err) : RS_OK;
    if (rc == RS_OK && ix->opts.analyzer) ix->an = ix->opts.analyzer; /* lent: its owner closes it */
    else if (rc == RS_OK) rc = rs_indexer_analyzer_open(&ix->an, err);
    if (rc == RS_OK) {
        RsxOpenMode mode = ix->opts.scratch      ? RSX_CREATE_SCRATCH
                           : ix->opts.must_exist ? RSX_OPEN
                                                 : RSX_CREATE_OR_OPEN;
        rc = rsx_writable_open(dir, (int)mode | (ix->opts.termlists ? RSX_TERMLISTS : 0), &ix->db, err);
        if (rc != RS_OK) rs_error_prefix(err, "%s", dir);
    }
    if (rc == RS_OK) rc = check_meta(ix, RS_META_SCHEMA, RS_SCHEMA_VERSION, "schema version", dir, err);
    if (rc == RS_OK)
        rc = check_meta(ix, RS_META_FINGERPRINT, rs_analyzer_fingerprint(ix->an),
                        "analyser configuration", dir, err);
    /* an index xapian-tcpsrv can serve keeps Xapian's positions, which its OP_PHRASE reads;
     * any other keeps them with the items, and says so (a search with a remote shard refuses a
     * phrase over it rather than miss its items) */
    if (rc == RS_OK) ix->xapian_positions = rsx_writable_has_termlists(ix->db);
    if (rc == RS_OK && !ix->xapian_positions) {
        /* "items": every item has its block (a new index); "some": items written before schema 9
         * keep theirs in Xapian's table (an index upgraded in place) */
        char *v = NULL;
        size_t len = 0, docs = 0;
        rc = rsx_writable_get_metadata(ix->db, RS_META_POSITIONS, &v, &len, err);
        if (rc == RS_OK && len == 0) rc = rsx_writable_doccount(ix->db, &docs, err);
        if (rc == RS_OK && len == 0)
            rc = rsx_writable_set_metadata(ix->db, RS_META_POSITIONS, docs ? "some" : "items", docs ? 4 : 5, err);
        free(v);
    }
    if (rc == RS_OK) rc = mark_pairs(ix, err);
    if (rc != RS_OK) {
        RsError ignore;
        rsx_writable_close(ix->db, &ignore);
        close_analyzer(ix);
        free(ix);
        return rc;
    }
    *out = ix;
    return RS_OK;
}

RsStatus rs_indexer_begin(RsIndexer *ix, RsError *err) {
    if (ix->in_txn) return RS_OK;
    RsStatus rc = rsx_writable_begin(ix->db, 1, err);
    if (rc == RS_OK) ix->in_txn = 1;
    return rc;
}

/* The batch in progress is not in the index (a write or its commit failed): the totals go back
 * to the last commit and its files, plus `extra`, are counted as lost. */
static void lose_batch(RsIndexer *ix, size_t extra) {
    RsIndexerTotals *t = &ix->totals;
    const RsIndexerTotals *c = &ix->committed;
    t->files_lost += t->files_indexed - c->files_indexed + extra;
    t->files_indexed = c->files_indexed;
    t->files_whole = c->files_whole;
    t->files_reparsed = c->files_reparsed;
    t->items_added = c->items_added;
    t->items_removed = c->items_removed;
    ix->committed = *t;
}

RsStatus rs_indexer_commit(RsIndexer *ix, RsError *err) {
    if (!ix->in_txn) return RS_OK;
    ix->in_txn = 0;
    ix->pending_bytes = 0;
    RsStatus rc = rsx_writable_commit_transaction(ix->db, err);
    if (rc == RS_OK) ix->committed = ix->totals;
    else lose_batch(ix, 0);
    return rc;
}

const RsIndexerTotals *rs_indexer_totals(const RsIndexer *ix) { return &ix->totals; }

RsStatus rs_indexer_close(RsIndexer *ix, RsError *err) {
    if (!ix) return RS_OK;
    RsStatus rc = rs_indexer_commit(ix, err);
    RsError e2;
    RsStatus rc2 = rsx_writable_close(ix->db, rc == RS_OK ? err : &e2);
    close_analyzer(ix);
    free(ix);
    return rc != RS_OK ? rc : rc2;
}

/* Delete every document having `term`. */
RsStatus rs_indexer_delete_docs(RsIndexer *ix, const char *term, size_t *n, RsError *err) {
    size_t freq = 0;
    RsStatus rc = rsx_writable_termfreq(ix->db, term, strlen(term), &freq, err);
    if (rc != RS_OK || freq == 0) {
        *n = 0;
        return rc;
    }
    return rsx_writable_delete_term(ix->db, term, strlen(term), n, err);
}

/* ------------------------------------------------------------ files */

/* The item's part of its id, unique within the file: its number as printed ("12", "12a") when
 * no other item of the file has it; "m2-4" for item 4 of a file's second meeting when the
 * first meeting has an item 4 too; the item's position ("p3") when it has no number. */
static void item_key(const RsMeeting *first, const RsMeeting *mt, size_t i, size_t ordinal, char *out,
                     size_t cap) {
    const RsItem *it = &mt->items[i];
    if (!it->number_text[0]) {
        int numbered = 0;
        for (const RsMeeting *x = first; x && !numbered; x = x->next)
            for (size_t k = 0; k < x->n_items && !numbered; k++) numbered = x->items[k].number_text[0] != 0;
        snprintf(out, cap, numbered ? "p%zu" : "%zu", ordinal);
        return;
    }
    /* clashes with an item before it (an earlier meeting's, or one printed twice) */
    int meeting = 1, clash = 0;
    for (const RsMeeting *x = first; x && x != mt; x = x->next) meeting++;
    for (const RsMeeting *x = first; x; x = x->next) {
        for (size_t k = 0; k < x->n_items && (x != mt || k < i); k++)
            if (!strcmp(x->items[k].number_text, it->number_text)) clash = 1;
        if (x == mt) break;
    }
    if (!clash) snprintf(out, cap, "%s", it->number_text);
    else if (meeting > 1) snprintf(out, cap, "m%d-%s", meeting, it->number_text);
    else snprintf(out, cap, "p%zu", ordinal);
}

/* The meeting's key (hex of a hash of municipality, committee and date) into key[17]; 0 when
 * one of the three is unknown (then key is not set). */
static int meeting_key(const RsMeeting *m, char key[17]) {
    if (!m->municipality || !m->committee_key || !m->date[0]) return 0;
    char mk[256], all[1024];
    rs_fold_key(m->municipality, strlen(m->municipality), mk, sizeof mk);
    int n = snprintf(all, sizeof all, "%s|%s|%s", mk, m->committee_key, m->date);
    rs_hash_hex(all, (size_t)n < sizeof all ? (size_t)n : sizeof all - 1, key);
    return 1;
}

typedef struct {
    RsIndexer *ix;
    size_t removed;
    RsError *err;
    RsStatus rc;
} Reconcile;

static int drop_agenda(void *ctx, const char *t, size_t len, unsigned freq) {
    (void)freq;
    Reconcile *r = ctx;
    size_t pl = strlen(RS_PREFIX_MEETING_MINUTES);
    char term[64];
    if (len - pl + strlen(RS_PREFIX_MEETING_AGENDA) + 1 > sizeof term) return 0;
    snprintf(term, sizeof term, "%s%.*s", RS_PREFIX_MEETING_AGENDA, (int)(len - pl), t + pl);
    size_t n = 0, freq_md = 0;
    r->rc = rsx_writable_termfreq(r->ix->db, term, strlen(term), &freq_md, r->err);
    if (r->rc != RS_OK || !freq_md) return r->rc != RS_OK;
    r->rc = rs_indexer_begin(r->ix, r->err);
    if (r->rc == RS_OK) r->rc = rs_indexer_delete_docs(r->ix, term, &n, r->err);
    r->removed += n;
    return r->rc != RS_OK;
}

RsStatus rs_indexer_reconcile(RsIndexer *ix, size_t *removed, RsError *err) {
    if (removed) *removed = 0;
    Reconcile r = {ix, 0, err, RS_OK};
    RsStatus rc = rsx_writable_allterms(ix->db, RS_PREFIX_MEETING_MINUTES, drop_agenda, &r, err);
    if (rc == RS_OK) rc = r.rc;
    ix->totals.agenda_replaced += r.removed;
    if (removed) *removed = r.removed;
    return rc;
}

/* The documents of one file, built before any is written, and the meetings it replaces the
 * agenda of. */
typedef struct {
    RsxDoc **docs;
    size_t n;
    char (*minutes)[17]; /* the keys of its minutes' meetings */
    size_t n_minutes;
    size_t skipped;      /* items of agendas whose minutes are in the index: not added */
} FileDocs;

static void file_docs_free(FileDocs *f) {
    for (size_t i = 0; i < f->n; i++) rsx_doc_free(f->docs[i]);
    free(f->docs);
    free(f->minutes);
}

/* Build every item's document of the meetings of m into f. An agenda whose minutes are in the
 * index is left out (they replace it). An error here is the file's, or the index's when
 * reading it fails. */
static RsStatus build_file(RsIndexer *ix, const RsMeeting *m, const char *source, FileDocs *f,
                           RsError *err) {
    size_t total = rs_meeting_total_items(m), ordinal = 0, meetings = 0;
    for (const RsMeeting *mt = m; mt; mt = mt->next) meetings++;
    f->n = f->n_minutes = f->skipped = 0;
    f->docs = calloc(total ? total : 1, sizeof *f->docs);
    f->minutes = calloc(meetings, sizeof *f->minutes);
    if (!f->docs || !f->minutes) return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    RsStatus rc = RS_OK;
    int k = 0;
    for (const RsMeeting *mt = m; rc == RS_OK && mt; mt = mt->next) {
        const char *muni = mt->municipality ? mt->municipality : "Ukendt";
        char mid[4200], mkey[17];
        k++;
        if (m->next) snprintf(mid, sizeof mid, "%s#m%d", source, k);
        else snprintf(mid, sizeof mid, "%s", source);
        int keyed = meeting_key(mt, mkey), agenda = !strcmp(mt->kind, "dagsorden");
        if (keyed && agenda) {
            char mterm[64];
            size_t have = 0;
            snprintf(mterm, sizeof mterm, "%s%s", RS_PREFIX_MEETING_MINUTES, mkey);
            rc = rsx_writable_termfreq(ix->db, mterm, strlen(mterm), &have, err);
            if (rc == RS_OK && have) {
                f->skipped += mt->n_items;
                ordinal += mt->n_items;
                continue;
            }
        }
        if (keyed && !agenda) memcpy(f->minutes[f->n_minutes++], mkey, 17);
        for (size_t i = 0; rc == RS_OK && i < mt->n_items; i++) {
            char key[64];
            ordinal++;
            item_key(m, mt, i, ordinal, key, sizeof key);
            RsItemDocInput in = {mt, &mt->items[i], source, key, muni, mid, ordinal, keyed ? mkey : NULL,
                                 ix->xapian_positions};
            rc = rs_itemdoc_build(ix->an, &in, &f->docs[f->n], err);
            if (rc == RS_OK) f->n++;
        }
    }
    return rc;
}

/* Write a built file: its old items out, the new ones in, the agenda items of its minutes'
 * meetings out (*replaced counts them), its content hash: all in one transaction. An error here is the index's (disk full, lock lost). */
static RsStatus write_file(RsIndexer *ix, const char *source, const FileDocs *f, const char *meta_key,
                           const char *hash, size_t *deleted, size_t *replaced, RsError *err) {
    RsBuf term = {0};
    *replaced = 0;
    RsStatus rc = rs_term_makes(&term, RS_PREFIX_SOURCE, source, err);
    if (rc == RS_OK) rc = rs_indexer_begin(ix, err);
    if (rc == RS_OK) rc = rs_indexer_delete_docs(ix, term.data, deleted, err);
    rs_buf_free(&term);
    for (size_t i = 0; rc == RS_OK && i < f->n; i++) rc = rsx_writable_add(ix->db, f->docs[i], NULL, err);
    for (size_t i = 0; rc == RS_OK && i < f->n_minutes; i++) {
        char mterm[64];
        size_t n = 0;
        snprintf(mterm, sizeof mterm, "%s%s", RS_PREFIX_MEETING_AGENDA, f->minutes[i]);
        rc = rs_indexer_delete_docs(ix, mterm, &n, err);
        *replaced += n;
    }
    if (rc == RS_OK) {
        RsBuf val = {0}; /* "<hash>.p<parser version> <items> <source>": the source in full, for
                            rs_indexer_prune */
        rc = rs_buf_printf(&val, "%s.p%d %zu %s", hash, RS_PARSER_VERSION, f->n, source);
        if (rc == RS_OK) rc = rsx_writable_set_metadata(ix->db, meta_key, val.data, val.len, err);
        else rs_error_set(err, rc, "out of memory");
        rs_buf_free(&val);
    }
    return rc;
}

/* A file read in another encoding than UTF-8: named through the warning callback, counted. */
static void say_converted(RsIndexer *ix, const char *path, const char *enc) {
    RsIndexerTotals *t = &ix->totals;
    t->converted_from = !t->files_converted ? enc : t->converted_from && !strcmp(t->converted_from, enc) ? enc : NULL;
    t->files_converted++;
    if (!ix->opts.warn) return;
    char msg[4300];
    snprintf(msg, sizeof msg, "%s: read as %s, converted to UTF-8", path, rs_text_encoding_title(enc));
    ix->opts.warn(ix->opts.warn_ctx, msg);
}

/* Index the file at `path` under the name `source` (rs_source_name of it). */
static RsStatus add_named(RsIndexer *ix, const char *path, const char *source, RsFileOutcome *outcome,
                          size_t *n_items, RsError *err) {
    RsParseOptions po = {.municipality = ix->opts.municipality};
    RsSource *src = NULL; /* the file, its sidecars and attachments (ingest/source.h) */
    if (rs_source_open(path, 64u << 20, ix->opts.warn, ix->opts.warn_ctx, &src, err) != RS_OK) {
        ix->totals.files_failed++;
        return err->code == RS_ERR_NOMEM ? RS_ERR_NOMEM : RS_OK; /* the file's problem, named in err */
    }
    ix->totals.bytes += src->len;
    char hash[17], *old;
    size_t old_len;
    memcpy(hash, src->hash, sizeof hash);
    RsBuf meta_key = {0};
    RsStatus rc = rs_term_makes(&meta_key, RS_META_SOURCE, source, err);
    if (rc == RS_OK) rc = rsx_writable_get_metadata(ix->db, meta_key.data, &old, &old_len, err);
    if (rc != RS_OK) {
        rs_source_close(src);
        rs_buf_free(&meta_key);
        return rc;
    }
    /* "<hash>.p<version> …"; an index older than parser versions wrote "<hash> …" (version 0) */
    int same_bytes = old_len >= 16 && !memcmp(old, hash, 16);
    long old_version = 0;
    if (same_bytes && old_len > 18 && old[16] == '.' && old[17] == 'p') {
        for (size_t i = 18; i < old_len && old[i] >= '0' && old[i] <= '9' && old_version < 1000000; i++)
            old_version = old_version * 10 + (old[i] - '0');
    }
    int unchanged = same_bytes && old_version == RS_PARSER_VERSION;
    int reparse = same_bytes && !unchanged;
    free(old);
    if (unchanged) {
        rs_source_close(src);
        rs_buf_free(&meta_key);
        *outcome = RS_FILE_UNCHANGED;
        ix->totals.files_unchanged++;
        return RS_OK;
    }
    RsMeeting *m = NULL;
    RsStatus prc = rs_source_parse(src, &po, ix->opts.warn, ix->opts.warn_ctx, &m, err);
    rs_source_close(src);
    if (prc != RS_OK) {
        rs_buf_free(&meta_key);
        ix->totals.files_failed++;
        return prc == RS_ERR_NOMEM ? prc : RS_OK;
    }
    FileDocs f = {0};
    rc = build_file(ix, m, source, &f, err);
    if (rc != RS_OK && rc != RS_ERR_NOMEM) { /* nothing of the file was written: skip it */
        rs_error_prefix(err, "%s", path);
        file_docs_free(&f);
        rs_meeting_free(m);
        rs_buf_free(&meta_key);
        ix->totals.files_failed++;
        return RS_OK;
    }
    size_t deleted = 0, replaced = 0;
    if (rc == RS_OK) {
        rc = write_file(ix, source, &f, meta_key.data, hash, &deleted, &replaced, err);
        if (rc != RS_OK && ix->in_txn) { /* never commit part of a file: drop the batch */
            RsError ignore;
            rsx_writable_cancel_transaction(ix->db, &ignore);
            ix->in_txn = 0;
            ix->pending_bytes = 0;
            lose_batch(ix, 1);
        }
    }
    file_docs_free(&f);
    rs_buf_free(&meta_key);
    if (rc == RS_OK) {
        *outcome = m->structured ? RS_FILE_INDEXED : RS_FILE_WHOLE;
        *n_items = f.n;
        ix->totals.files_indexed++;
        ix->totals.files_whole += !m->structured;
        ix->totals.files_reparsed += reparse;
        ix->totals.items_added += f.n;
        ix->totals.agenda_replaced += replaced + f.skipped;
        ix->totals.items_removed += deleted > f.n ? deleted - f.n : 0;
        if (m->encoding) say_converted(ix, path, m->encoding);
        ix->pending_bytes += m->text_len;
        if (ix->pending_bytes >= ix->opts.batch_bytes) rc = rs_indexer_commit(ix, err);
    }
    rs_meeting_free(m);
    return rc;
}

RsStatus rs_indexer_add_file(RsIndexer *ix, const char *path, RsFileOutcome *outcome,
                             size_t *n_items, RsError *err) {
    *outcome = RS_FILE_FAILED;
    *n_items = 0;
    char *canon = NULL, *source = NULL; /* the file's identity: its canonical path */
    RsStatus rc = rs_source_canonical(path, &canon, err);
    if (rc == RS_OK) rc = rs_source_name(canon, &source, err);
    if (rc == RS_OK) rc = add_named(ix, path, source, outcome, n_items, err);
    free(source);
    free(canon);
    return rc;
}

/* ------------------------------------------------------------ deleting */

static RsStatus delete_and_commit(RsIndexer *ix, const char *prefix, const char *value, size_t *n,
                                  RsError *err) {
    RsBuf term = {0};
    RsStatus rc = rs_term_makes(&term, prefix, value, err);
    if (rc == RS_OK) rc = rs_indexer_begin(ix, err);
    if (rc == RS_OK) rc = rs_indexer_delete_docs(ix, term.data, n, err);
    if (rc == RS_OK) rc = rs_indexer_commit(ix, err);
    rs_buf_free(&term);
    return rc;
}

RsStatus rs_indexer_delete_source(RsIndexer *ix, const char *path, size_t *n, RsError *err) {
    char *canon = NULL, *source = NULL; /* the name the path is indexed under, any spelling */
    RsStatus rc = rs_source_canonical(path, &canon, err);
    if (rc == RS_OK) rc = rs_source_name(canon, &source, err);
    free(canon);
    if (rc != RS_OK) return rc;
    RsBuf meta_key = {0};
    rc = rs_term_makes(&meta_key, RS_META_SOURCE, source, err);
    if (rc == RS_OK) rc = rs_indexer_begin(ix, err);
    if (rc == RS_OK) rc = rsx_writable_set_metadata(ix->db, meta_key.data, "", 0, err);
    if (rc == RS_OK) rc = delete_and_commit(ix, RS_PREFIX_SOURCE, source, n, err);
    rs_buf_free(&meta_key);
    free(source);
    return rc;
}

RsStatus rs_indexer_delete_case(RsIndexer *ix, const char *caseno, size_t *n, RsError *err) {
    char key[256];
    if (!rs_case_key(caseno, strlen(caseno), key, sizeof key))
        return rs_error_set(err, RS_ERR_USAGE, "'%s' is not a case number", caseno);
    return delete_and_commit(ix, RS_PREFIX_MAINCASE, key, n, err);
}

RsStatus rs_indexer_delete_item(RsIndexer *ix, const char *id, size_t *n, RsError *err) {
    /* "<path>#<item>": the path in any spelling (made canonical), typed with the file's raw bytes
     * or escaped (rs_source_name) */
    const char *hash = strrchr(id, '#');
    char *path = hash ? strndup(id, (size_t)(hash - id)) : NULL, *canon = NULL, *name = NULL;
    RsStatus rc = !hash ? rs_error_set(err, RS_ERR_USAGE, "'%s' is not an item id (FILE#ITEM)", id)
                  : !path ? rs_error_set(err, RS_ERR_NOMEM, "out of memory")
                          : rs_source_canonical(path, &canon, err);
    RsBuf full = {0};
    if (rc == RS_OK && rs_buf_printf(&full, "%s%s", canon, hash) != RS_OK)
        rc = rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    if (rc == RS_OK) rc = rs_source_name(full.data, &name, err);
    if (rc == RS_OK) rc = delete_and_commit(ix, RS_PREFIX_ID, name, n, err);
    rs_buf_free(&full);
    free(name);
    free(canon);
    free(path);
    return rc;
}
