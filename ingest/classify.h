/* classify.h — what an item is and what was decided: the decision outcome of a text, the case
 * type of an item, the KLE subject group of its case number.
 */
#ifndef RS_INGEST_CLASSIFY_H
#define RS_INGEST_CLASSIFY_H

#include "referat.h"

/* The case type of item `it` of meeting `m`: lukket for closed items, else by its title
 * (formalia, orientering, drøftelse), else by the verb of its Indstilling. Can't fail. */
RsCaseType rs_classify_item(const RsMeeting *m, const RsItem *it);

/* The KLE main group of a case number ("27.00.00-P22-1-20" → 27), or -1. Can't fail. */
int rs_kle_of(const char *caseno);

#endif
