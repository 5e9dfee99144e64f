/* committee.h — committee names: the folded key that makes variants one facet value and the
 * canonical display form.
 */
#ifndef RS_INGEST_COMMITTEE_H
#define RS_INGEST_COMMITTEE_H

/* The folded key of a committee name: "Social & Arbejdsmarkedsudvalget",
 * "Social- og Arbejdsmarkedsudvalg" → "social arbejdsmarkedsudvalg"
 * (malloc'd; NULL when out of memory). */
char *rs_committee_key(const char *name);

/* Canonical display name of a committee: the definite form
 * ("Social & Arbejdsmarkedsudvalg" → "Social & Arbejdsmarkedsudvalget"), without an election
 * period before it ("14-17 Byrådet" → "Byrådet"). malloc'd; NULL when out of memory. */
char *rs_committee_display(const char *name);

#endif
