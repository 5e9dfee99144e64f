/* decision.h — decision headings in every form minutes print them:
 *   Beslutning                                   Beslutning: Vedtaget.
 *   Beslutning den : Godkendt.                   Beslutning i Økonomiudvalget den 23-03-2015
 *   Beslutning Udvalget for teknik og miljø den 18-02-2019
 *   Beslutning fra Økonomiudvalget, 10.09.2019, pkt. 65:
 *   Teknik- og Miljøudvalget, 10. september 2019, pkt. 65:      (no "Beslutning")
 *   Plan- og Teknikudvalget, 03-10-2019, pkt. 153               Byrådet, 16.12.2014
 *   Byrådets beslutning den 25. januar 2021:      Udvalgets beslutning      (a deciding body in
 *                                                 the genitive; "Ankestyrelsens afgørelse" is none)
 *   Afgørelse: Godkendt.                          Beslutning i udvalget den 3. maj 2021
 * and a decision run into a flattened paragraph: "… dagsorden. Byrådet, 16.12.2014 Godkendt."
 * "Beslutning om nedsættelse af …" is a title, not a decision.
 */
#ifndef RS_INGEST_DECISION_H
#define RS_INGEST_DECISION_H

#include <stddef.h>

typedef struct RsDecisionHead {
    size_t committee_off, committee_len; /* the deciding committee as written (len 0: not said) */
    char date[11];                       /* ISO date, "" when not said */
    size_t text_off;                     /* decision text on the same line (== line length: none) */
} RsDecisionHead;

/* Read line s[0..n) as a decision heading; 1 and *d when it is one. Can't fail. */
int rs_decision_heading(const char *s, size_t n, RsDecisionHead *d);

/* A decision inside a paragraph: "<Udvalg>, <dato>" after a sentence end. Returns 1, *at (where
 * the committee starts) and *d (text_off after the date); 0 when there is none. Can't fail. */
int rs_decision_inline(const char *s, size_t n, size_t *at, RsDecisionHead *d);

/* A dated line of a case's history ("Sagens forløb"): "07-10-2019 Magistraten",
 * "16-10-2019 Aarhus Byråd". 1 and *d (no inline text) when the line is a date followed by a
 * committee and nothing else. Can't fail. */
int rs_decision_dated(const char *s, size_t n, RsDecisionHead *d);

/* The length of a committee name at the start of s[0..n) ("Økonomiudvalget",
 * "Udvalget for teknik og miljø", "Social- og Arbejdsmarkedsudvalget", "Aarhus Byråd"),
 * ending before `stop` words (" den ", ",", a date, ":"); 0 if none. Can't fail. */
size_t rs_committee_at(const char *s, size_t n);

#endif
