/* item_priv.h — what item.c and itemcase.c share: the growth of an item's arrays and its case
 * numbers. Not for other files.
 */
#ifndef RS_INGEST_ITEM_PRIV_H
#define RS_INGEST_ITEM_PRIV_H

#include <stddef.h>

#include "error.h"
#include "referat.h"

/* The allocated lengths of an item's arrays while it is filled. */
typedef struct RsItemCaps {
    size_t cases, sections, decisions, attachments, absences, refs;
} RsItemCaps;

/* Makes room for element n of *arr (elem bytes each; *cap allocated, new ones zeroed). 1, or 0
 * when out of memory (*arr unchanged). */
int rs_item_grow(void **arr, size_t *cap, size_t n, size_t elem);

/* s[0..n) with every run of blanks made one space and the ends trimmed (malloc'd; NULL when out
 * of memory). */
char *rs_item_collapse(const char *s, size_t n);

/* Adds case number s[0..n) to it->cases unless it is there (the same key). Fails only with
 * RS_ERR_NOMEM. */
RsStatus rs_item_add_case(RsItem *it, RsItemCaps *cap, const char *s, size_t n);

/* The item's own case number, when it has none yet: case_no, first in the list, its KLE group.
 * Fails only with RS_ERR_NOMEM. */
RsStatus rs_item_set_case(RsItem *it, RsItemCaps *cap, const char *s, size_t n);

/* Whether a case line's label s[0..off) names a journal number ("J.nr.:", "Journalnr.") rather
 * than the case's own number. Can't fail. */
int rs_item_journal_label(const char *s, size_t off);

/* Case numbers cited in text s[0..n) (strict forms; not document numbers) into it->cases, and
 * other committees' items ("(ØU 23/2010)") into it->refs. Fails only with RS_ERR_NOMEM. */
RsStatus rs_item_cited_cases(RsItem *it, RsItemCaps *cap, const char *s, size_t n);

#endif
