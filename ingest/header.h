/* header.h — a meeting's metadata: kind (referat/dagsorden), committee, date and time, place,
 * participants and municipality, from the lines before its first item in any layout
 * ("REFERAT <udvalg> d. <dato>", "Udvalg: …", an UDVALG/MØDE/STED block with values on the
 * next line, "Referat fra mødet i <udvalg> den …", "<Udvalg> - 03-10-2022", "Mødedato …",
 * "Dato: Torsdag, Oktober 3, 2019 - 07:30", "STARTTIDSPUNKT 29-06-2016 17:30:00").
 */
#ifndef RS_INGEST_HEADER_H
#define RS_INGEST_HEADER_H

#include <stddef.h>

#include "error.h"
#include "lines.h"
#include "referat.h"

/* Read the header lines [from, to) of m's text into m; a date that no label names is taken only
 * from a line before date_to (a one-item page's text is in its header range, and a date in it,
 * "med virkning fra 1. januar 2026", is no meeting date). Fails only with RS_ERR_NOMEM. */
RsStatus rs_header_read(RsMeeting *m, const RsLines *L, size_t from, size_t to, size_t date_to);

/* What the items tell when the header did not: the date and committee of the first decision
 * that names them, and the kind (a referat has decisions). Fails only with RS_ERR_NOMEM. */
RsStatus rs_header_from_items(RsMeeting *m);

/* The municipality: named in the text ("<Navn> Kommune", "<Navn>s Byråd",
 * "Bornholms Regionskommune", "Borgerrepræsentationen"; a merged-away municipality only for a
 * meeting before 2007), else the town hall the meeting was held in, else a folder of `path`
 * named after one, else `option`. Sets m->municipality and m->municipality_from. Fails only
 * with RS_ERR_NOMEM. */
RsStatus rs_municipality_infer(RsMeeting *m, const RsLines *L, size_t from, size_t to,
                               const char *path, const char *option);

/* Whether line s[0..n) is meeting metadata rather than a title ("Mødedato: …",
 * "Referat Aarhus Byråd 11-09-2019", "Sted: …"). Can't fail. */
int rs_header_line(const char *s, size_t n);

/* Whether line s[0..n) is a labelled meeting field ("Mødedato …", "Sted: …", "Deltagere"). */
int rs_header_field(const char *s, size_t n);

#endif
