/* lines.h — the parser's lines: a text cut into logical lines, each classified once (blank, text,
 * portal chrome, table-of-contents label, group label, open/closed marker, case-number line,
 * section heading, decision heading, item heading).
 *
 * A logical line is a physical line, or a piece of one where two lines were glued together by
 * the export: "Indholdsfortegnelse1. Fraværende", "…handlingsplaner174. Godkendelse af …",
 * "kl. 16.30.Sagsfremstilling", "BeslutningGodkendt.", or a whole PDF page flattened onto one
 * line ("… døre 89. Til efterretning - … budget J.nr.: …"). Every range is a byte range of the
 * text the lines were made from; the text is not changed.
 */
#ifndef RS_INGEST_LINES_H
#define RS_INGEST_LINES_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

typedef enum RsLineKind {
    RS_LK_BLANK = 0,
    RS_LK_TEXT,
    RS_LK_CHROME,    /* "Til toppen", "Print", "Side 3 af 27", cookie notices */
    RS_LK_TOC_LABEL, /* "Indholdsfortegnelse", "PUNKTER", "Dagsordenspunkter" */
    RS_LK_GROUP,     /* "Lukket dagsorden", "ÅBNE SAGER": `closed` says which */
    RS_LK_MARKER,    /* "Åbent punkt", "Lukket sag": `closed` says which */
    RS_LK_CASE,      /* "Sagsnr.: 23/15645 …" or a line that is one case number */
    RS_LK_SECTION,   /* a section heading; `sec` its kind, `text_off` inline text */
    RS_LK_DECISION,  /* a decision heading in any form (decision.h) */
    RS_LK_HEADING    /* an item heading candidate (heading.h) */
} RsLineKind;

typedef struct RsLine {
    size_t start, end;  /* the trimmed logical line */
    uint32_t phys;      /* number of the physical line it comes from */
    uint8_t kind;       /* RsLineKind */
    uint8_t in_toc;     /* part of a table of contents by its form (dotted leaders, page number,
                           a flattened contents page) */
    uint8_t flat;       /* a piece of a flattened page: headings run into their text */
    int8_t closed;      /* MARKER, GROUP, HEADING: 1 closed, 0 open, -1 not said */
    uint8_t sec;        /* SECTION, DECISION: RsSectionKind */
    uint8_t strength;   /* HEADING: 3 "Punkt N", 2 "N." / "N:" / "åbent N", 1 "N Title" or mid-line */
    uint8_t labelled;   /* CASE: 1 when a label ("Sagsnr.") introduces it; HEADING: 1 when the
                           line is only a number and a closed marker ("Punkt 6: Lukket:") */
    uint32_t text_off;  /* SECTION/DECISION: inline text; HEADING: title; CASE: the case token */
    uint32_t text_len;  /* HEADING: title length (0: the title is on another line); CASE: token */
    uint32_t num_off, num_len; /* HEADING: the item number as printed */
    long number;        /* HEADING: its value ×10, plus 1–9 for a letter suffix ("12a" → 121) */
} RsLine;

typedef struct RsLines {
    RsLine *v;
    size_t n, cap;
    int flattened;      /* the text is mostly long lines (PDF pages flattened to paragraphs) */
} RsLines;

/* Cut text[0..len) into classified logical lines (see above). `committee_hint` is unused today.
 * Fails only with RS_ERR_NOMEM. */
RsStatus rs_lines_build(const char *text, size_t len, RsLines *out);

/* Release the lines; rs_lines_free on a zeroed RsLines is a no-op. */
void rs_lines_free(RsLines *l);

/* Print the lines with their kinds to stderr (RS_DEBUG_LINES=1 refsog parse …: a development
 * aid for new layouts). Can't fail. */
void rs_lines_dump(const char *text, const RsLines *l);

/* Whether two byte ranges hold the same words (blanks collapsed, case and a trailing period
 * ignored): a heading printed twice. Can't fail. */
int rs_same_words(const char *a, size_t an, const char *b, size_t bn);

#endif
