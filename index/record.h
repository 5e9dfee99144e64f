/* record.h — an agenda item as the index stores it: one struct, one encode/decode pair.
 *
 * RsItemRecord is what the indexer writes into a document's data (rs_item_record_encode) and
 * what every reader gets back (rs_item_record_decode): the search engine's hits, the case
 * history, the item and meeting views. Nobody else reads the stored bytes or knows their keys.
 * The bytes are three parts (docdata.h): what a result list shows, the rest of the item view,
 * then the item's text; a reader decodes only the parts it needs.
 *
 * Ownership: a decoded record owns every string and array in it; rs_item_record_clear() frees
 * them (a cleared or zeroed record is empty; clearing it again is a no-op). A record filled by
 * hand for encoding may point at strings it does not own: encode only reads it (do not clear
 * such a record). NULL strings are "none" (JSON null in the presentations).
 */
#ifndef RS_RECORD_H
#define RS_RECORD_H

#include <stddef.h>

#include "buf.h"
#include "docdata.h"
#include "error.h"

typedef struct RsDecisionRecord {
    char *committee; /* NULL: the meeting's committee is not named for it */
    char *date;      /* ISO date or NULL */
    char *outcome;   /* godkendt, anbefalet, … (vocab.h) */
    char *text;
} RsDecisionRecord;

typedef struct RsSectionRecord {
    char *name;    /* rs_section_name of its kind */
    char *heading; /* as written */
    size_t heading_start, start, end; /* byte offsets into the item's text */
} RsSectionRecord;

/* Where an attachment's text is in the item's text (a snippet there names the attachment). */
typedef struct RsAttachmentSpan {
    size_t start, end;
    char *title;
} RsAttachmentSpan;

typedef struct RsItemRecord {
    /* ---- what a result list shows (RS_RECORD_HIT, always decoded) */
    char *id;           /* "<source>#<item key>" */
    char *source;       /* the file's canonical path */
    long item;          /* the item's number; 0: none */
    char *number;       /* as printed ("6a"), or NULL */
    char *title;
    char *case_no;      /* the item's own case number as printed, or NULL */
    char *municipality;
    char *committee;    /* the meeting's committee, or NULL */
    char *date;         /* ISO date of the meeting, or NULL */
    char *type;         /* case type name */
    char **outcomes;    /* outcome names, no repeats */
    size_t n_outcomes;
    int closed;
    char *kind;         /* "referat" or "dagsorden" */
    char *url;          /* the official page, or NULL */
    char *meeting;      /* the meeting's id: the source, or "<source>#m2" */
    size_t ordinal;     /* the item's place in its file */
    RsAttachmentSpan *attachment_text;
    size_t n_attachment_text;
    char **committees;  /* every committee that treated it (the meeting's first), one per
                           committee key */
    size_t n_committees;
    /* ---- the rest of the item view (RS_RECORD_DETAIL) */
    int has_detail;
    char **cases;       /* every case number of the item */
    size_t n_cases;
    char *time;         /* the meeting's time, or NULL */
    char *kle;          /* "27 Social service", or NULL */
    RsDecisionRecord *decisions;
    size_t n_decisions;
    char **attachments; /* attachment titles */
    size_t n_attachments;
    RsSectionRecord *sections;
    size_t n_sections;
    size_t text_bytes;  /* the whole text's length (the stored text may be cut) */
    int text_cut;
    /* ---- the stored text (RS_RECORD_TEXT) */
    char *text;
    size_t text_len;
} RsItemRecord;

enum {
    RS_RECORD_HIT = 0,    /* the result-list fields only */
    RS_RECORD_DETAIL = 1, /* and the rest of the item view */
    RS_RECORD_TEXT = 2    /* and the text */
};

/* Append the stored bytes of `r` to *out. Fails only with RS_ERR_NOMEM. */
RsStatus rs_item_record_encode(const RsItemRecord *r, RsBuf *out, RsError *err);

/* Decode stored bytes into *r (zeroed first): the hit fields, plus the parts `parts` (a mask of
 * RS_RECORD_DETAIL and RS_RECORD_TEXT) asks for. RS_ERR_DATABASE for damaged data (*r is then
 * empty), RS_ERR_NOMEM. */
RsStatus rs_item_record_decode(const char *data, size_t len, unsigned parts, RsItemRecord *r,
                               RsError *err);

/* The same from stored bytes already opened (rs_docdata_open with rs_item_record_parts_needed
 * parts): a reader that also wants the text (snippets) inflates the bytes once. */
RsStatus rs_item_record_decode_parts(const RsDocData *dd, unsigned parts, RsItemRecord *r,
                                     RsError *err);

/* How many parts of the stored bytes (docdata.h) decoding `parts` reads: 1, 2 or 3. Can't fail. */
int rs_item_record_parts_needed(unsigned parts);

/* Free everything *r owns and zero it. NULL is a no-op. */
void rs_item_record_clear(RsItemRecord *r);

#endif
