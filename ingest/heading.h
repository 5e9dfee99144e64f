/* heading.h — one line as an agenda item heading: "Punkt 4: Titel", "Pkt. 153 Titel",
 * "• Pkt. 153 Titel", "153. Titel", "1.Titel (B)", "4: Titel", "4 : Titel", "Nr.60 - Titel",
 * "• 1 Titel", "åbent 4 Titel", "1 Åbent Titel", "ÅBNE SAGER 73. Titel", "Sag nr. 129" alone,
 * "1." alone. Whether it really is an item is decided later from what surrounds it
 * (segment.h); this only reads the form. Also: whether a title goes on over its next line, and
 * joining that line to it (a word broken with a hyphen made whole).
 */
#ifndef RS_INGEST_HEADING_H
#define RS_INGEST_HEADING_H

#include <stddef.h>

#include "buf.h"

typedef struct RsHeading {
    size_t num_off, num_len;     /* the number as printed ("153", "12a") */
    long number;                 /* value ×10 (+ letter: "12a" → 121) */
    size_t title_off, title_len; /* the title on the same line (title_len 0: none) */
    int strength;                /* 3 item word ("Punkt", "Pkt.", "Sag nr."), 2 "N." / "N:" /
                                    a marker before N, 1 bare "N Title" or "N" alone */
    int closed;                  /* 1 "Lukket …", 0 "Åbent …", -1 not said */
    int marker_only;             /* "Punkt 6: Lukket:": a closed item whose title is withheld */
} RsHeading;

/* Read line s[0..n) as a heading. Returns 1 and fills *h, or 0 when it is not one (a
 * lower-case title such as "1. at …" or "1. behandling af …", "At 2) …", a date, a time, a
 * number with a unit). Can't fail. */
int rs_heading_parse(const char *s, size_t n, RsHeading *h);

/* Whether s[0..n) ends like a table-of-contents entry: dotted leaders ("…...i", ".....\t3") or
 * a tab and a page number; or holds entries run together ("… ...... 3 2 (Åben) …": a leader, a
 * page number, the next entry's number). Can't fail. */
int rs_heading_toc_tail(const char *s, size_t n);

/* Whether line x (xl bytes) continues the title s (n bytes) that was wrapped onto it: it starts
 * in lower case, or the title breaks after a word that cannot end one ("… og", "… til", ","); a
 * short line, not a label ending in ':'. Can't fail. */
int rs_title_continues(const char *s, size_t n, const char *x, size_t xl);
/* Appends the continuation x of a wrapped title to t: a word broken at the line's end with a
 * hyphen after a lower-case letter is joined whole ("vede-" + "rlag" → "vederlag"), but a
 * coordination keeps its hyphen and a space ("Teknik-" + "og Miljøudvalget" → "Teknik- og
 * Miljøudvalget"), a hyphen after a capital or a digit is the word's own ("EU-" + "midler" →
 * "EU-midler"); else one space between. Fails only with RS_ERR_NOMEM (t then holds a
 * NUL-terminated part). */
RsStatus rs_title_append(RsBuf *t, const char *x, size_t xl);

/* Where a sentence starts in the title t[0..n) of a flattened heading that ran on into its text:
 * a capitalised pronoun or preposition before a word in lower case ("… af referat Der er
 * udarbejdet …", "Økonomiopfølgning Der er …"), two words in capitals after one in lower case or
 * a number ("… for 2014 MØDE DAG DATO …"), or a lettered point ("Meddelelser a) Der …"); at least
 * 6 bytes in. The title's length there; 0: none. Can't fail. */
size_t rs_title_sentence_start(const char *t, size_t n);

/* Whether s[0..n) is running text, not a title or a wrapped piece of one: two sentences, or a
 * line of more than 100 bytes. Can't fail. */
int rs_title_prose(const char *s, size_t n);

#endif
