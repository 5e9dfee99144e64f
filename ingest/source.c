/* source.c — a source with its sidecars and attachments, parsed and hashed as one (source.h). */
#include "source.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "text.h"
#include "textenc.h"

#define DEFAULT_MAX (64u << 20)

static void warnf(RsSourceWarnFn warn, void *ctx, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void warnf(RsSourceWarnFn warn, void *ctx, const char *fmt, ...) {
    if (!warn) return;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    warn(ctx, msg);
}

RsStatus rs_source_open(const char *path, size_t max_bytes, RsSourceWarnFn warn, void *ctx,
                        RsSource **out, RsError *err) {
    *out = NULL;
    RsSource *s = calloc(1, sizeof *s);
    if (!s || !(s->path = strdup(path))) {
        free(s);
        return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    }
    RsStatus rc = rs_read_file(path, max_bytes ? max_bytes : DEFAULT_MAX, &s->data, &s->len, err);
    if (rc != RS_OK) {
        rs_source_close(s);
        return rc;
    }
    /* the hash: the file, then its sidecars, then each attachment file (a missing one counts as
     * its name, so it is looked for again when it appears) */
    RsBuf all = {0};
    char h[17];
    rs_hash_hex(s->data, s->len, h);
    rs_buf_append(&all, h, 16);
    char *side = NULL;
    size_t side_len = 0;
    RsError merr = {0};
    if (rs_meta_load(path, &s->meta, &side, &side_len, &merr) != RS_OK) {
        if (merr.code == RS_ERR_NOMEM) {
            rs_buf_free(&all);
            rs_source_close(s);
            return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
        }
        warnf(warn, ctx, "%s (%s is indexed with what its text says)", merr.msg, path);
        s->meta = NULL;
    }
    if (side) {
        rs_hash_hex(side, side_len, h);
        rs_buf_append(&all, h, 16);
        free(side);
    }
    for (size_t i = 0; s->meta && i < s->meta->n_attachments; i++) {
        const RsAttachment *a = &s->meta->attachments[i];
        char *d;
        size_t dl;
        RsError ignore;
        if (a->path && rs_read_file(a->path, DEFAULT_MAX, &d, &dl, &ignore) == RS_OK) {
            rs_hash_hex(d, dl, h);
            rs_buf_append(&all, h, 16);
            free(d);
        } else {
            rs_buf_puts(&all, a->path ? a->path : a->url);
        }
    }
    rs_hash_hex(all.data ? all.data : "", all.len, s->hash);
    rs_buf_free(&all);
    *out = s;
    return RS_OK;
}

void rs_source_close(RsSource *s) {
    if (!s) return;
    free(s->path);
    free(s->data);
    rs_meta_free(s->meta);
    free(s);
}

/* Append bytes to the file's text, shared by every meeting of the file: their start offset, or
 * (size_t)-1 when out of memory. */
static size_t append_text(RsMeeting *first, const char *s, size_t n) {
    char *t = realloc(first->text, first->text_len + n + 1);
    if (!t) return (size_t)-1;
    size_t at = first->text_len;
    memcpy(t + at, s, n);
    t[at + n] = '\0';
    for (RsMeeting *m = first; m; m = m->next) {
        m->text = t;
        m->text_len = at + n;
    }
    return at;
}

/* Whether the item's Bilag list names `title` (blanks and case aside). */
static int lists(const RsMeeting *m, const RsItem *it, const char *title) {
    for (size_t i = 0; i < it->n_attachments; i++) {
        const char *s = m->text + it->attachments[i].start;
        size_t n = it->attachments[i].end - it->attachments[i].start;
        if (n && rs_ci_find(s, n, title) < n) return 1;
    }
    return 0;
}

/* The item an attachment belongs to (see the header); NULL when none fits. */
static RsItem *target(RsMeeting *first, const RsAttachment *a, int *guessed) {
    *guessed = 0;
    size_t total = rs_meeting_total_items(first);
    for (RsMeeting *m = first; m; m = m->next)
        for (size_t i = 0; i < m->n_items; i++) {
            RsItem *it = &m->items[i];
            if ((a->item && !strcmp(a->item, it->number_text)) || (!a->item && total == 1) ||
                (!a->item && lists(m, it, a->title)))
                return it;
        }
    if (a->item || !first->n_items) return NULL;
    *guessed = 1;
    return &first->items[0];
}

/* The text of an attachment file (PDF, HTML, or text in UTF-8 or a legacy encoding) as UTF-8 in
 * NFC (rs_text_decode), cleaned as the minutes are (rs_text_clean), malloc'd; *enc names the encoding a text file was converted from (NULL:
 * none). */
static RsStatus attachment_text(const char *path, char **out, size_t *len, const char **enc, RsError *err) {
    char *d, *t;
    size_t dl, tl;
    RsStatus rc = rs_read_file(path, DEFAULT_MAX, &d, &dl, err);
    if (rc != RS_OK) return rc;
    rc = rs_document_text(d, dl, path, &t, &tl, err);
    if (rc == RS_OK) {
        rc = rs_text_decode(t ? t : d, t ? tl : dl, out, len, enc, err); /* t: UTF-8 already */
        if (rc != RS_OK) rs_error_prefix(err, "%s", path);
        else (*out)[*len = rs_text_clean(*out, *len)] = '\0'; /* as the minutes' own text */
    }
    free(t);
    free(d);
    return rc;
}

static int grow(void **arr, size_t n, size_t elem) {
    void *p = realloc(*arr, (n + 1) * elem);
    if (!p) return 0;
    *arr = p;
    return 1;
}

RsStatus rs_source_parse(const RsSource *src, const RsParseOptions *opts, RsSourceWarnFn warn,
                         void *ctx, RsMeeting **out, RsError *err) {
    RsStatus rc = rs_referat_parse_bytes(src->data, src->len, src->path, opts, out, err);
    if (rc != RS_OK || !src->meta) return rc;
    RsMeeting *first = *out;
    rc = rs_meta_apply(src->meta, first, err);
    for (size_t i = 0; rc == RS_OK && i < src->meta->n_attachments; i++) {
        const RsAttachment *a = &src->meta->attachments[i];
        const char *name = a->path ? a->path : a->url;
        int guessed;
        RsItem *it = target(first, a, &guessed);
        if (!it) {
            warnf(warn, ctx, "%s: attachment of %s: no item %s in it (skipped)", name, src->path,
                  a->item ? a->item : "");
            continue;
        }
        if (it->closed) {
            warnf(warn, ctx, "%s: attachment of a closed item of %s: not indexed", name, src->path);
            continue;
        }
        if (guessed)
            warnf(warn, ctx, "%s: attachment of %s names no item; indexed with its first item", name, src->path);
        char *text = NULL;
        size_t tl = 0;
        const char *enc = NULL;
        RsError aerr = {0};
        if (a->path && attachment_text(a->path, &text, &tl, &enc, &aerr) != RS_OK) {
            if (aerr.code == RS_ERR_NOMEM) return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
            warnf(warn, ctx, "%s (attachment of %s: skipped, the item is indexed)", aerr.msg, src->path);
            continue;
        }
        if (enc)
            warnf(warn, ctx, "%s: attachment of %s read as %s, converted to UTF-8", name, src->path,
                  rs_text_encoding_title(enc));
        /* "Bilag: <title>" and the text after it, at the end of the file's text */
        RsBuf head = {0};
        rs_buf_printf(&head, "\n\nBilag: %s\n\n", a->title);
        size_t hs = append_text(first, head.data, head.len);
        size_t bs = hs == (size_t)-1 ? hs : append_text(first, text ? text : "", tl);
        rs_buf_free(&head);
        free(text);
        if (bs == (size_t)-1) return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
        if (!grow((void **)&it->attachments, it->n_attachments, sizeof *it->attachments))
            return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
        it->attachments[it->n_attachments++] = (RsRange){hs + 2 + 7, bs - 2}; /* the title */
        if (!tl) continue; /* a URL only: its title is listed, there is no text */
        if (!grow((void **)&it->sections, it->n_sections, sizeof *it->sections))
            return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
        it->sections[it->n_sections++] = (RsSection){RS_SEC_BILAG, {hs + 2, bs - 2}, {bs, bs + tl}, 1};
    }
    return rc;
}

RsStatus rs_sources_drop_attachments(RsFileList *files, RsWalkProblemFn note, void *ctx, RsError *err) {
    /* the real paths of every attachment any file's sidecar names */
    char **claimed = NULL, **owner = NULL;
    size_t nc = 0;
    for (size_t i = 0; i < files->n; i++) {
        RsSourceMeta *meta = NULL;
        RsError ignore;
        if (rs_meta_load(files->paths[i], &meta, NULL, NULL, &ignore) != RS_OK || !meta) continue;
        for (size_t k = 0; k < meta->n_attachments; k++) {
            char rp[PATH_MAX];
            if (!meta->attachments[k].path || !realpath(meta->attachments[k].path, rp)) continue;
            char **c = realloc(claimed, (nc + 1) * sizeof *c), **o = c ? realloc(owner, (nc + 1) * sizeof *o) : NULL;
            if (c) claimed = c;
            if (o) owner = o;
            if (!c || !o || !(claimed[nc] = strdup(rp)) || !(owner[nc] = strdup(files->paths[i]))) {
                rs_meta_free(meta);
                for (size_t j = 0; j < nc; j++) free(claimed[j]), free(owner[j]);
                free(claimed);
                free(owner);
                return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
            }
            nc++;
        }
        rs_meta_free(meta);
    }
    size_t kept = 0;
    for (size_t i = 0; i < files->n; i++) {
        char rp[PATH_MAX];
        long hit = -1;
        if (nc && realpath(files->paths[i], rp))
            for (size_t k = 0; k < nc && hit < 0; k++)
                if (!strcmp(rp, claimed[k])) hit = (long)k;
        if (hit >= 0) {
            if (note) {
                char why[4200];
                snprintf(why, sizeof why, "an attachment of %s, indexed with it", owner[hit]);
                note(ctx, files->paths[i], why);
            }
            free(files->paths[i]);
            continue;
        }
        files->paths[kept++] = files->paths[i];
    }
    files->n = kept;
    for (size_t j = 0; j < nc; j++) free(claimed[j]), free(owner[j]);
    free(claimed);
    free(owner);
    return RS_OK;
}
