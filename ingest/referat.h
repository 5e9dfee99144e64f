/* referat.h — minutes (referat/dagsorden, text or PDF) into meetings with agenda items,
 * sections and decisions: the parser's records and entry points.
 *
 * The parser reads any portal's layout (docs/minutes-format.md): it cuts the text into
 * classified lines (lines.h), finds the agenda items from heading candidates and the evidence
 * around them (heading.h, segment.h), reads each item's title, case numbers, sections and
 * decisions (item.h, decision.h, casenum.h, classify.h) and the meeting's metadata (header.h).
 * A text with no agenda structure becomes one item (`structured` is 0), never an error.
 *
 * All text of a file lives in one buffer owned by its first meeting (`text`); every RsRange
 * below is a byte range [start, end) into it. Strings that are computed (keys, canonical names,
 * ISO dates) are owned by the meeting. A file with two meetings gives two RsMeeting linked by
 * `next` (sharing the first one's text). Free everything with rs_meeting_free() on the first.
 */
#ifndef RS_REFERAT_H
#define RS_REFERAT_H

#include <stddef.h>

#include "error.h"

typedef struct RsRange {
    size_t start, end;
} RsRange;

typedef enum RsSectionKind {
    RS_SEC_BODY = 0,        /* text before the first heading, or unknown */
    RS_SEC_RESUME,          /* Resumé */
    RS_SEC_SAGSFREMSTILLING,/* Sagsfremstilling */
    RS_SEC_BAGGRUND,        /* Baggrund for sagen */
    RS_SEC_BEMAERKNINGER,   /* Forvaltningens bemærkninger */
    RS_SEC_OEKONOMI,        /* Økonomi */
    RS_SEC_VISION,          /* Vision 2025 */
    RS_SEC_LOVGRUNDLAG,     /* Lovgrundlag(, planer mv.) */
    RS_SEC_KOMPETENCER,     /* Kompetencer */
    RS_SEC_SAGENS_GANG,     /* Sagens gang */
    RS_SEC_INDSTILLING,     /* Indstilling, Forvaltningen indstiller */
    RS_SEC_HOERING,         /* Høring/udtalelse */
    RS_SEC_AFGOERES_AF,     /* Sagen afgøres af */
    RS_SEC_VURDERING,       /* Vurdering herunder alternativer */
    RS_SEC_KONSEKVENSER,    /* Konsekvenser for andre udvalg */
    RS_SEC_PERSONALE,       /* Personaleforhold og arbejdsmiljøforhold */
    RS_SEC_SUPPLERENDE,     /* Supplerende sagsfremstilling */
    RS_SEC_TIDLIGERE,       /* Tidligere besluttet */
    RS_SEC_HISTORIK,        /* Beslutningshistorik */
    RS_SEC_BILAG,           /* Bilag */
    RS_SEC_BESLUTNING,      /* Beslutning (any form) */
    RS_SEC_COUNT
} RsSectionKind;

typedef enum RsOutcome {
    RS_OUT_ANDET = 0,
    RS_OUT_GODKENDT,
    RS_OUT_ANBEFALET,
    RS_OUT_ORIENTERING_GIVET,
    RS_OUT_TAGET_TIL_EFTERRETNING,
    RS_OUT_UDSAT,
    RS_OUT_FORKASTET,
    RS_OUT_OVERSENDT,
    RS_OUT_DROEFTET
} RsOutcome;

typedef enum RsCaseType {
    RS_TYPE_BESLUTNING = 0,
    RS_TYPE_ORIENTERING,
    RS_TYPE_DROEFTELSE,
    RS_TYPE_FORMALIA,
    RS_TYPE_LUKKET
} RsCaseType;

typedef struct RsSection {
    RsSectionKind kind;
    RsRange heading; /* the heading line as written */
    RsRange body;    /* from after the heading to the next heading */
    int attachment;  /* 1: the text of an attachment (bilag), read from its own file */
} RsSection;

typedef struct RsVote {
    int kind;      /* 'F' for, 'I' imod (against), 'U' undlod (abstained) */
    int count;     /* the number written ("For stemte 3:") */
    RsRange names; /* the names line */
} RsVote;

typedef struct RsDecision {
    char *committee;     /* as written (owned); the meeting's committee for a plain "Beslutning" */
    char *committee_key; /* folded key (owned), see rs_committee_key */
    char date[11];       /* YYYY-MM-DD, or "" if unknown */
    RsOutcome outcome;
    RsRange text;        /* the decision text (absence lines included) */
    RsVote votes[3];
    size_t n_votes;
} RsDecision;

typedef struct RsItem {
    int number;           /* the item number's value (131 for "131", 12 for "12a"), 0 if none */
    char number_text[16]; /* the number as printed ("131", "12a"), "" if the item has none */
    char *title;          /* owned; as printed, a closed marker included ("Lukket: Salg af …") */
    int closed;
    char *case_no;        /* the case line as written (owned), NULL if none */
    char **cases;         /* every case number in the item, case line first (owned) */
    size_t n_cases;
    char **refs;          /* references to other committees' items: "ØU 23/2010" (owned) */
    size_t n_refs;
    RsSection *sections;
    size_t n_sections;
    RsDecision *decisions;
    size_t n_decisions;
    RsRange *attachments; /* Bilag titles */
    size_t n_attachments;
    RsRange *absences;    /* absence notes: "Afbud …", "Fraværende: …", "… deltog ikke …" */
    size_t n_absences;
    RsCaseType type;
    int kle_group;        /* KLE main group number (0..99), -1 if the case is not KLE-style */
    RsRange range;        /* the whole item: from its heading to the next item */
    RsRange body;         /* after the title/case line; empty for closed items */
} RsItem;

typedef struct RsParticipant {
    char *name;   /* owned */
    char party[16];
    int absent;   /* (Afbud) or (Fravær) */
} RsParticipant;

typedef struct RsMeeting {
    char *text;           /* the cleaned text (UTF-8 in NFC, no BOM, LF line ends), NUL-terminated;
                             owned by the first meeting of a file, shared by the ones after it */
    size_t text_len;
    const char *encoding; /* the encoding the file's bytes were converted from ("windows-1252",
                             "UTF-16LE": a constant, stemmer/textenc.h), NULL when they were
                             UTF-8; the same in every meeting of the file */
    RsRange span;         /* this meeting's part of the text (the whole text for one meeting) */
    char kind[10];        /* "referat" or "dagsorden" */
    char *municipality;   /* owned; NULL if unknown */
    int municipality_given; /* 1 if from the options (nothing in the text or path said it) */
    const char *municipality_from; /* "text", "place", "folder", "option" or NULL: a constant */
    int structured;       /* 1: agenda items found; 0: the whole text is one item */
    char *url;            /* the official page (from a sidecar), owned, or NULL */
    char *title;          /* the document's title (from a sidecar), owned, or NULL */
    char *committee;      /* as written in the header (owned), NULL if unknown */
    char *committee_name; /* canonical display name (owned) */
    char *committee_key;  /* folded key (owned) */
    char period[16];      /* "2022-2025" */
    char date[11];        /* YYYY-MM-DD or "" */
    char time[6];         /* HH:MM or "" */
    char *place;          /* owned or NULL */
    RsParticipant *participants;
    size_t n_participants;
    RsItem *items;
    size_t n_items;
    struct RsMeeting *next; /* the file's next meeting, or NULL */
} RsMeeting;

typedef struct RsParseOptions {
    const char *municipality; /* used when neither the text nor the path names one (NULL: none) */
    size_t max_bytes;         /* refuse larger files (0 = 64 MiB) */
} RsParseOptions;

/* Parse minutes text: `len` bytes of UTF-8 (normalised to NFC) or of a legacy encoding such as
 * Windows-1252 or UTF-16 with a BOM (converted, and named in `encoding`: rs_text_decode); a BOM
 * and CRLF are handled. `name` (a path) names the file in error messages and may say the
 * municipality by a folder. Fails with RS_ERR_INPUT on a binary file (NUL bytes: "<name>: not
 * UTF-8 text (NUL byte at byte N); is it a binary file?", or mostly control bytes) or an empty
 * text; RS_ERR_NOMEM. Text without agenda structure is one item (structured = 0).
 * On success *out is owned by the caller. */
RsStatus rs_referat_parse(const char *text, size_t len, const char *name,
                          const RsParseOptions *opts, RsMeeting **out, RsError *err);

/* The text of a file's bytes in memory: a PDF's (by its %PDF- signature) or an HTML page's
 * (rs_html_is) in *text (malloc'd, caller frees); NULL when the bytes are to be read as text
 * themselves. A name ending in .pdf without the signature is refused ("not a PDF file");
 * other errors as for rs_pdf_text and rs_html_text. */
RsStatus rs_document_text(const char *data, size_t len, const char *name, char **text,
                          size_t *text_len, RsError *err);

/* Parse a file's bytes already in memory: PDF, HTML or text (rs_document_text).
 * Errors as for rs_referat_parse_file. */
RsStatus rs_referat_parse_bytes(const char *data, size_t len, const char *name,
                                const RsParseOptions *opts, RsMeeting **out, RsError *err);

/* Read and parse a file: PDF (by its %PDF- signature; through poppler-glib)
 * or text. Errors name the file: unreadable, empty, binary, a
 * PDF that is damaged, encrypted or has no text layer (a scan). */
RsStatus rs_referat_parse_file(const char *path, const RsParseOptions *opts, RsMeeting **out,
                               RsError *err);

/* Extract the text of a PDF held in memory (reading order, pages joined by
 * "\n\n"). *out is malloc'd. Errors as for rs_referat_parse_file. */
RsStatus rs_pdf_text(const char *data, size_t len, const char *name, char **out,
                     size_t *out_len, RsError *err);

void rs_meeting_free(RsMeeting *m); /* NULL is a no-op */

/* The folded key of a committee name: "Social & Arbejdsmarkedsudvalget",
 * "Social- og Arbejdsmarkedsudvalg" → "social arbejdsmarkedsudvalg"
 * (malloc'd; NULL when out of memory). */
char *rs_committee_key(const char *name);

/* Canonical display name of a committee: the definite form
 * ("Social & Arbejdsmarkedsudvalg" → "Social & Arbejdsmarkedsudvalget").
 * malloc'd; NULL when out of memory. */
char *rs_committee_display(const char *name);

const char *rs_outcome_name(RsOutcome o);      /* "godkendt", "taget til efterretning", ... */
const char *rs_case_type_name(RsCaseType t);   /* "beslutning", "orientering", ... */
const char *rs_section_name(RsSectionKind k);  /* "resume", "sagsfremstilling", ... */
const char *rs_kle_group_name(int group);      /* "Social service" for 27; NULL if unknown */
/* Outcome of a decision text (its first clause that says one). Can't fail. */
RsOutcome rs_outcome_of(const char *text, size_t len);

/* Items in all meetings of a parsed file (the chain from m). Can't fail. */
size_t rs_meeting_total_items(const RsMeeting *m);

#endif
