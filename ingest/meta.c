/* meta.c — source metadata from sidecar files (see meta.h). */
#include "meta.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "committee.h"
#include "dates.h"

static char *dupstr(const char *s) { return s ? strdup(s) : NULL; }

void rs_meta_free(RsSourceMeta *meta) {
    if (!meta) return;
    free(meta->url);
    free(meta->municipality);
    free(meta->committee);
    free(meta->kind);
    free(meta->title);
    for (size_t i = 0; i < meta->n_attachments; i++) {
        free(meta->attachments[i].path);
        free(meta->attachments[i].url);
        free(meta->attachments[i].title);
        free(meta->attachments[i].item);
    }
    free(meta->attachments);
    free(meta->sidecars);
    free(meta);
}

static int exists(const char *p) {
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* The folder part of path ("" for a bare name) into out. */
static void folder_of(const char *path, char *out, size_t cap) {
    const char *slash = strrchr(path, '/');
    size_t n = slash ? (size_t)(slash - path + 1) : 0;
    if (n >= cap) n = cap - 1;
    memcpy(out, path, n);
    out[n] = '\0';
}

/* A string value of key k (NULL when absent); RS_ERR_INPUT when present and not a string. */
static RsStatus str_of(json_t *o, const char *k, const char *side, char **out, RsError *err) {
    json_t *v = json_object_get(o, k);
    *out = NULL;
    if (!v || json_is_null(v)) return RS_OK;
    if (!json_is_string(v)) return rs_error_set(err, RS_ERR_INPUT, "%s: \"%s\" must be a string", side, k);
    if (!(*out = strdup(json_string_value(v)))) return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    return RS_OK;
}

static RsStatus add_attachment(RsSourceMeta *m, json_t *a, const char *folder, const char *side,
                               size_t idx, RsError *err) {
    RsAttachment at = {0};
    RsStatus rc = RS_OK;
    const char *ref = NULL;
    if (json_is_string(a)) {
        ref = json_string_value(a);
    } else if (json_is_object(a)) {
        const char *key;
        json_t *v;
        json_object_foreach(a, key, v) {
            if (strcmp(key, "path") && strcmp(key, "url") && strcmp(key, "title") && strcmp(key, "item"))
                return rs_error_set(err, RS_ERR_INPUT,
                                    "%s: attachment %zu: unknown key '%s' (known: path, url, title, item)",
                                    side, idx + 1, key);
            if (!json_is_string(v))
                return rs_error_set(err, RS_ERR_INPUT, "%s: attachment %zu: \"%s\" must be a string", side,
                                    idx + 1, key);
        }
        ref = json_string_value(json_object_get(a, "path"));
        at.url = dupstr(json_string_value(json_object_get(a, "url")));
        at.title = dupstr(json_string_value(json_object_get(a, "title")));
        at.item = dupstr(json_string_value(json_object_get(a, "item")));
    } else {
        return rs_error_set(err, RS_ERR_INPUT, "%s: attachment %zu must be a path or an object", side, idx + 1);
    }
    if (ref && (!strncmp(ref, "http://", 7) || !strncmp(ref, "https://", 8))) {
        if (!at.url) at.url = strdup(ref);
        ref = NULL;
    }
    if (ref) {
        if (!*ref) return rs_error_set(err, RS_ERR_INPUT, "%s: attachment %zu: empty path", side, idx + 1);
        RsBuf p = {0};
        if (ref[0] != '/') rs_buf_puts(&p, folder);
        rs_buf_puts(&p, ref);
        at.path = rs_buf_steal(&p);
    }
    if (!at.path && !at.url)
        rc = rs_error_set(err, RS_ERR_INPUT, "%s: attachment %zu has neither a path nor a url", side, idx + 1);
    if (rc == RS_OK && !at.title) {
        const char *src = at.path ? at.path : at.url;
        const char *slash = strrchr(src, '/');
        at.title = strdup(slash ? slash + 1 : src);
    }
    RsAttachment *v = rc == RS_OK ? realloc(m->attachments, (m->n_attachments + 1) * sizeof *v) : NULL;
    if (rc == RS_OK && !v) rc = rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    if (rc != RS_OK) {
        free(at.path);
        free(at.url);
        free(at.title);
        free(at.item);
        return rc;
    }
    m->attachments = v;
    m->attachments[m->n_attachments++] = at;
    return RS_OK;
}

/* Read one sidecar into m (values override). */
static RsStatus read_sidecar(const char *side, int folder_level, RsSourceMeta *m, RsBuf *bytes,
                             RsError *err) {
    char *data;
    size_t len;
    RsStatus rc = rs_read_file(side, 1u << 20, &data, &len, err);
    if (rc != RS_OK) return rc;
    rs_buf_append(bytes, data, len);
    json_error_t je;
    json_t *o = json_loadb(data, len, 0, &je);
    free(data);
    if (!o) return rs_error_set(err, RS_ERR_INPUT, "%s: not JSON (line %d: %s)", side, je.line, je.text);
    if (!json_is_object(o)) {
        json_decref(o);
        return rs_error_set(err, RS_ERR_INPUT, "%s: must hold a JSON object", side);
    }
    static const char *const keys[] = {"url", "municipality", "committee", "date", "kind", "title", "attachments"};
    const char *key;
    json_t *v;
    json_object_foreach(o, key, v) {
        int known = 0;
        for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) known |= !strcmp(key, keys[k]);
        if (!known) {
            rs_error_set(err, RS_ERR_INPUT,
                         "%s: unknown key '%s' (known: url, municipality, committee, date, kind, title, attachments)",
                         side, key);
            json_decref(o);
            return RS_ERR_INPUT;
        }
    }
    char *s[6] = {0};
    const char *names[6] = {"url", "municipality", "committee", "kind", "title", "date"};
    for (int k = 0; k < 6 && rc == RS_OK; k++) rc = str_of(o, names[k], side, &s[k], err);
    if (rc == RS_OK && s[0] && strncmp(s[0], "http://", 7) && strncmp(s[0], "https://", 8))
        rc = rs_error_set(err, RS_ERR_INPUT, "%s: \"url\" must be an http(s) address, not '%s'", side, s[0]);
    if (rc == RS_OK && s[3] && strcmp(s[3], "dagsorden") && strcmp(s[3], "referat"))
        rc = rs_error_set(err, RS_ERR_INPUT, "%s: \"kind\" must be dagsorden or referat, not '%s'", side, s[3]);
    char iso[11] = "";
    if (rc == RS_OK && s[5] && (rs_date_at(s[5], strlen(s[5]), iso) != strlen(s[5])))
        rc = rs_error_set(err, RS_ERR_INPUT, "%s: \"date\" '%s' is not a date (YYYY-MM-DD)", side, s[5]);
    json_t *atts = json_object_get(o, "attachments");
    if (rc == RS_OK && atts && !json_is_null(atts)) {
        if (folder_level)
            rc = rs_error_set(err, RS_ERR_INPUT, "%s: attachments belong in a file's own sidecar", side);
        else if (!json_is_array(atts))
            rc = rs_error_set(err, RS_ERR_INPUT, "%s: \"attachments\" must be a list", side);
        char folder[4096];
        folder_of(side, folder, sizeof folder);
        size_t i;
        json_t *a;
        json_array_foreach(atts, i, a) {
            if (rc != RS_OK) break;
            rc = add_attachment(m, a, folder, side, i, err);
        }
    }
    if (rc == RS_OK) {
        char **dst[5] = {&m->url, &m->municipality, &m->committee, &m->kind, &m->title};
        for (int k = 0; k < 5; k++)
            if (s[k]) {
                free(*dst[k]);
                *dst[k] = s[k];
                s[k] = NULL;
            }
        if (iso[0]) memcpy(m->date, iso, sizeof m->date);
        RsBuf names_b = {0};
        if (m->sidecars) rs_buf_printf(&names_b, "%s, ", m->sidecars);
        rs_buf_puts(&names_b, side);
        free(m->sidecars);
        m->sidecars = rs_buf_steal(&names_b);
    }
    for (int k = 0; k < 6; k++) free(s[k]);
    json_decref(o);
    return rc;
}

RsStatus rs_meta_load(const char *path, RsSourceMeta **out, char **sidecar_bytes, size_t *sidecar_len,
                      RsError *err) {
    *out = NULL;
    if (sidecar_bytes) *sidecar_bytes = NULL;
    if (sidecar_len) *sidecar_len = 0;
    char folder[4096], side[4300], side2[4300], fside[4300];
    folder_of(path, folder, sizeof folder);
    snprintf(fside, sizeof fside, "%s_meta.json", folder);
    snprintf(side, sizeof side, "%s.meta.json", path);
    const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');
    side2[0] = '\0';
    if (dot && (!slash || dot > slash)) snprintf(side2, sizeof side2, "%.*s.meta.json", (int)(dot - path), path);
    const char *own = exists(side) ? side : side2[0] && exists(side2) ? side2 : NULL;
    int folder_meta = exists(fside);
    if (!own && !folder_meta) return RS_OK;
    RsSourceMeta *m = calloc(1, sizeof *m);
    if (!m) return rs_error_set(err, RS_ERR_NOMEM, "out of memory");
    RsBuf bytes = {0};
    RsStatus rc = RS_OK;
    if (folder_meta) rc = read_sidecar(fside, 1, m, &bytes, err);
    if (rc == RS_OK && own) rc = read_sidecar(own, 0, m, &bytes, err);
    if (rc != RS_OK) {
        rs_meta_free(m);
        rs_buf_free(&bytes);
        return rc;
    }
    if (sidecar_len) *sidecar_len = bytes.len;
    if (sidecar_bytes) *sidecar_bytes = rs_buf_steal(&bytes);
    else rs_buf_free(&bytes);
    *out = m;
    return RS_OK;
}

static RsStatus replace(char **dst, const char *v) {
    char *c = strdup(v);
    if (!c) return RS_ERR_NOMEM;
    free(*dst);
    *dst = c;
    return RS_OK;
}

RsStatus rs_meta_apply(const RsSourceMeta *meta, RsMeeting *first, RsError *err) {
    RsStatus rc = RS_OK;
    for (RsMeeting *m = first; m && rc == RS_OK; m = m->next) {
        if (meta->url) rc = replace(&m->url, meta->url);
        if (rc == RS_OK && meta->title) rc = replace(&m->title, meta->title);
        if (rc == RS_OK && meta->municipality) {
            rc = replace(&m->municipality, meta->municipality);
            m->municipality_from = "sidecar";
            m->municipality_given = 1;
        }
        if (rc == RS_OK && meta->kind) snprintf(m->kind, sizeof m->kind, "%s", meta->kind);
        if (rc == RS_OK && meta->date[0]) {
            for (size_t i = 0; i < m->n_items; i++)
                for (size_t d = 0; d < m->items[i].n_decisions; d++) {
                    RsDecision *dec = &m->items[i].decisions[d];
                    if (!dec->date[0] || !strcmp(dec->date, m->date)) memcpy(dec->date, meta->date, sizeof dec->date);
                }
            memcpy(m->date, meta->date, sizeof m->date);
        }
        if (rc == RS_OK && meta->committee) {
            char *old_key = m->committee_key ? strdup(m->committee_key) : NULL;
            rc = replace(&m->committee, meta->committee);
            char *name = rc == RS_OK ? rs_committee_display(meta->committee) : NULL;
            char *key = rc == RS_OK ? rs_committee_key(meta->committee) : NULL;
            if (rc == RS_OK && (!name || !key)) rc = RS_ERR_NOMEM;
            if (rc == RS_OK) {
                free(m->committee_name);
                free(m->committee_key);
                m->committee_name = name;
                m->committee_key = key;
                name = key = NULL;
                /* the decisions that took the meeting's committee take the given one */
                for (size_t i = 0; i < m->n_items && rc == RS_OK; i++)
                    for (size_t d = 0; d < m->items[i].n_decisions && rc == RS_OK; d++) {
                        RsDecision *dec = &m->items[i].decisions[d];
                        if (dec->committee && !(old_key && dec->committee_key && !strcmp(old_key, dec->committee_key)))
                            continue;
                        rc = replace(&dec->committee, meta->committee);
                        char *k2 = rc == RS_OK ? rs_committee_key(meta->committee) : NULL;
                        if (rc == RS_OK && !k2) rc = RS_ERR_NOMEM;
                        if (rc == RS_OK) {
                            free(dec->committee_key);
                            dec->committee_key = k2;
                        }
                    }
            }
            free(name);
            free(key);
            free(old_key);
        }
        /* a one-item page's title is the document's title */
        if (rc == RS_OK && meta->title && first->n_items == 1 && !first->next && !m->items[0].number_text[0])
            rc = replace(&m->items[0].title, meta->title);
    }
    return rc == RS_OK ? RS_OK : rs_error_set(err, rc, "out of memory applying the sidecar");
}
