/* vocab.h — the Danish vocabularies of council minutes, one table each: section headings,
 * decision outcomes, months, municipalities (today's 98 and those of 1970–2006), committee words,
 * open/closed markers, group and table-of-contents labels, case-number labels and portal chrome.
 *
 * Every layer that needs one of these names asks here (the parser, the indexer through the
 * parser's names, the engine through rs_outcome_name / rs_case_type_name). Lookups compare
 * case-insensitively (text.h) and never fail.
 */
#ifndef RS_INGEST_VOCAB_H
#define RS_INGEST_VOCAB_H

#include <stddef.h>

#include "referat.h"

/* A section heading at the start of line s[0..n): the whole line ("Sagsfremstilling",
 * "Indstilling:"), or a label followed by its text on the same line ("Beslutning: Vedtaget.",
 * "Økonomi: Ingen."). Returns 1 and sets *kind and *text_off (offset of the text after the label,
 * n when none); 0 if the line is not a heading. Decision headings with a committee or date are
 * recognised by decision.h, not here. */
int rs_vocab_section(const char *s, size_t n, RsSectionKind *kind, size_t *text_off);

/* A section heading at the start of s[0..n) followed by anything (a blank, ':' or the end): its
 * length (without ':'), 0 if none. For flattened text where headings run into their text. */
size_t rs_vocab_section_word(const char *s, size_t n, RsSectionKind *kind);

/* Month number (1–12) of a Danish or English month name or its abbreviation ("marts", "Mar.",
 * "October", "okt"); *len receives the bytes used. 0 if none. */
int rs_vocab_month(const char *s, size_t n, size_t *len);

/* Weekdays: the length of the weekday name ("mandag" … "søndag", any case) that s[0..n) starts
 * with as a whole word, else 0. */
size_t rs_vocab_weekday(const char *s, size_t n);

/* Municipalities: index of the municipality named exactly s[0..n) (case- and
 * æ/ae-insensitive), or -1. Former municipalities (1970–2006) have their own entries. */
int rs_vocab_municipality(const char *s, size_t n);
const char *rs_vocab_municipality_name(int k); /* NULL when out of range */
int rs_vocab_municipality_count(void);
/* Whether entry k is a municipality of 1970–2006 (merged away in 2007 or before). */
int rs_vocab_municipality_former(int k);

/* Whether the word s[0..n) names a deciding body by its ending ("Økonomiudvalget",
 * "Byrådet", "Kommunalbestyrelsen", "Magistraten", "Beskæftigelsesudvalg"). */
int rs_vocab_committee_word(const char *s, size_t n);

/* Open/closed marker line ("Åbent", "Åbent punkt", "Lukket sag"): 1 closed, 0 open, -1 none. */
int rs_vocab_marker(const char *s, size_t n);

/* Group label line that heads a run of items ("Lukket dagsorden", "ÅBNE SAGER",
 * "Til behandling - for lukkede døre", "Beslutningssager"): returns 1 and sets *closed
 * (1 closed, 0 open, -1 says neither); 0 if not a group label. */
int rs_vocab_group_label(const char *s, size_t n, int *closed);

/* Table-of-contents label ("Indholdsfortegnelse", "PUNKTER", "Dagsordenspunkter"). The
 * second form finds one anywhere in a line (a flattened PDF page): offset or n. */
int rs_vocab_toc_label(const char *s, size_t n);
size_t rs_vocab_toc_label_in(const char *s, size_t n);

/* Portal chrome and page furniture that is never content: "Til toppen", "Print",
 * "Kopier link til punktet", "Side 3 af 27", cookie notices. */
int rs_vocab_chrome(const char *s, size_t n);

/* A cookie notice (looked for near the top of a page only: it is a scan of the line). */
int rs_vocab_cookie(const char *s, size_t n);

/* Portal chrome glued into a line ("…dagsordenKlik her for at folde ud og læse mere om …",
 * "fold dette punkt ind"): the offset of the first such phrase in s[0..n) and its length in
 * *len; n when there is none. */
size_t rs_vocab_chrome_phrase(const char *s, size_t n, size_t *len);

/* A case-number label at s ("Sagsnr.:", "Sagsnummer", "J.nr.", "Sagsid", "Sag"): its length
 * including a following ':' and blanks, else 0. A document-number label ("Dok.nr.") is not one:
 * rs_vocab_doc_label gives its length. */
size_t rs_vocab_case_label(const char *s, size_t n);
size_t rs_vocab_doc_label(const char *s, size_t n);

/* Item-number words before a number: "Punkt", "Pkt.", "Dagsordenspunkt", "Sag nr.", "Nr.":
 * length including the blanks after it, else 0. *strong is set for the words that always
 * introduce an item number (all but "Nr."). */
size_t rs_vocab_item_word(const char *s, size_t n, int *strong);

/* Leading closed-item marker of a title ("Lukket:", "Lukket sag:", "Lukket punkt:",
 * "Lukket -", "Lukket - TM -", "(Lukket)", "LUKKET.", "Closed:"): its length with the blanks
 * after it, else 0. Trailing markers (" - Lukket punkt", "(lukket)") are found by
 * rs_vocab_closed_suffix, which returns the offset where the marker starts (n if none). Both
 * stay in the title as printed; they close the item. */
size_t rs_vocab_closed_prefix(const char *s, size_t n);
size_t rs_vocab_closed_suffix(const char *s, size_t n);

#endif
