/* segment.h — which heading candidates are agenda items, decided from evidence.
 *
 * A candidate (heading.h) is confirmed by what follows it — a section heading, a decision, a
 * case-number line, an open/closed marker, the title printed again, body text — and by what
 * stands before it (a case line in SBSYS exports, a marker line, a "Punkt Titel" table header).
 * A table of contents never yields items: entries after a contents label up to the first
 * confirmed heading, entries with dotted leaders or on a flattened contents page, and runs of
 * unconfirmed headings whose numbers come again later. A heading printed twice is one item.
 * Of what is left, the items are the increasing run of numbers with the most evidence, where
 * consecutive numbers separated by body text support each other; numbered points inside an
 * item (at-points, lists, table cells) lose to it.
 */
#ifndef RS_INGEST_SEGMENT_H
#define RS_INGEST_SEGMENT_H

#include <stddef.h>

#include "error.h"
#include "lines.h"

typedef struct RsItemSpan {
    size_t head;       /* the heading line (the number) */
    size_t title_line; /* the line holding the title (head, or the line before or after it) */
    size_t first;      /* the item's first line: title, or a case or marker line before it */
    size_t end;        /* one past its last line */
    size_t body;       /* first line after the heading block (title and its repeats) */
    int closed;        /* 1 closed, 0 open, -1 not said (heading, marker lines, group label) */
    int real;          /* confirmed by structure (not only by its number and body text) */
    /* a flattened page's heading (flattitle.h): the title is the title line's bytes from
       title_skip on; the number, when the page prints one, num_len bytes at num_at of the text */
    int page_title;
    size_t title_skip, num_at, num_len;
    long number;       /* ×10, as RsLine.number */
    size_t title_more; /* the lines after title_line that wrap the title, taken as they are (a
                          list entry wrapped, bullets.h); 0: judged by rs_title_wrapped */
    size_t title_len;  /* a flattened heading's title ends after these bytes of its text (the
                          contents' entry for it), the rest of the line is body; 0: the whole */
} RsItemSpan;

/* Items among lines [from, to) of L over `text`. *out (malloc'd, caller frees; NULL when
 * *n_out is 0) lists them in order. When there is no confirmed item but a table of contents or
 * an agenda list, its entries are returned and *from_toc is set. Fails only with RS_ERR_NOMEM. */
RsStatus rs_segment(const char *text, const RsLines *L, size_t from, size_t to, RsItemSpan **out,
                    size_t *n_out, int *from_toc);

/* A new zeroed span at the end of *v (n used, *cap allocated; grown as needed). NULL when out
 * of memory (*v unchanged: the caller frees it). */
RsItemSpan *rs_span_add(RsItemSpan **v, size_t *n, size_t *cap);

/* Whether line i is title-like: text, 2–300 bytes, starting with a capital, digit or quote,
 * not a label ending in ':'. Can't fail. */
int rs_title_like(const char *text, const RsLines *L, size_t i);

/* Whether t (tl bytes) reads as an agenda entry's title and not as prose: 1–150 bytes with no
 * sentence ending after a word of five or more small letters ("… unge. En telebus …"; "Sdr.",
 * "pr. 31.03" do not end one). Can't fail. */
int rs_reads_as_title(const char *t, size_t tl);

#endif
