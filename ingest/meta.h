/* meta.h — what the portal knows about a source file, from sidecar files: NAME.meta.json next to
 * the file (NAME with or without the file's extension) and _meta.json for a whole folder.
 *
 *   {"url": "https://…", "municipality": "Vejle", "committee": "Økonomiudvalget",
 *    "date": "2024-03-05", "kind": "referat", "title": "…",
 *    "attachments": ["bilag/plan.pdf",
 *                    {"path": "bilag/notat.pdf", "title": "Notat om …", "item": "4"},
 *                    {"url": "https://…/bilag.pdf", "title": "Bilag 2"}]}
 *
 * Every key is optional; what a sidecar gives overrides what the parser infers, the file's
 * sidecar overrides its folder's (attachments only in a file's sidecar). A sidecar that is not
 * JSON, has an unknown key, a value of the wrong type, an impossible date or an unknown kind is
 * an error naming the sidecar and what is wrong.
 */
#ifndef RS_INGEST_META_H
#define RS_INGEST_META_H

#include <stddef.h>

#include "error.h"
#include "referat.h"

typedef struct RsAttachment {
    char *path;   /* the file, resolved against the sidecar's folder, or NULL (a URL only) */
    char *url;    /* or NULL */
    char *title;  /* as given, else the file name of path or url */
    char *item;   /* the item number as printed ("4"), or NULL */
} RsAttachment;

typedef struct RsSourceMeta {
    char *url, *municipality, *committee, *kind, *title; /* NULL when not given */
    char date[11];                                        /* "" when not given */
    RsAttachment *attachments;
    size_t n_attachments;
    char *sidecars; /* the sidecar paths read, ", "-separated, for messages */
} RsSourceMeta;

/* Read the sidecars of source `path`. *out is NULL when there are none; *sidecar_bytes (may be
 * NULL) receives their concatenated bytes for change detection (malloc'd, caller frees; NULL
 * when none). Fails with RS_ERR_INPUT ("<sidecar>: not JSON (line 3: …)", "<sidecar>: unknown
 * key 'municpality'", …), RS_ERR_IO naming an unreadable sidecar, RS_ERR_NOMEM. */
RsStatus rs_meta_load(const char *path, RsSourceMeta **out, char **sidecar_bytes, size_t *sidecar_len,
                      RsError *err);

/* rs_meta_free(NULL) is a no-op. */
void rs_meta_free(RsSourceMeta *meta);

/* The sidecar metadata over what the parser found, in every meeting of m: url, municipality
 * (municipality_from "sidecar"), committee (its display name and key, and the decisions that
 * named none), date (and the decisions that had none), kind, title (and the title of a file's
 * only item when it has no number). Fails only with RS_ERR_NOMEM. */
RsStatus rs_meta_apply(const RsSourceMeta *meta, RsMeeting *m, RsError *err);

#endif
