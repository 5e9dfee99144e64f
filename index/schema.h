/* schema.h — the index schema: every term prefix, value slot and metadata key, in one place.
 *
 * One Xapian document per agenda item. docs/index-schema.md explains each
 * entry with an example; change both together, and bump RS_SCHEMA_VERSION
 * whenever a change makes old indexes unreadable by new code.
 *
 * Names: a facet is called by its query-language name everywhere in the code (kommune, udvalg,
 * type, udfald, kle, dokument, dato: RS_FACET_KOMMUNE, RS_PREFIX_KOMMUNE, RS_SLOT_KOMMUNE,
 * RS_RF_KOMMUNE); only the JSON contract says "municipality", "committee", … (engine/present.c).
 *
 * Conventions: prefixes are upper-case ASCII; what follows a prefix is
 * always lower-case (analyser output, folded keys, digits), so a prefix
 * followed by a term can never be mistaken for a longer prefix.
 */
#ifndef RS_SCHEMA_H
#define RS_SCHEMA_H

#define RS_SCHEMA_VERSION "11" /* 11: the stored item in a value slot (RS_SLOT_DATA), not the document data; 10: pair terms of neighbouring stopwords (RS_PREFIX_PAIR, RS_META_PAIRS); 9: the exact forms' positions kept with each item (index/posblob.h), not in Xapian's position table; 8: stored items zstd-compressed (index/docdata.h); 7: written without Xapian's term lists, deleted items as tombstones (RS_META_DEAD); 6: no stem term equal to the exact form, body copies only of keys other sections have, the length term; 5: committees by municipality (KV, slot 2 pairs), committees in the hit; 4: sources by canonical path, tie key, bare case keys; 3: kind, meeting keys, url */
/* Whether an index of schema v (a string) is read as it is and becomes RS_SCHEMA_VERSION when
 * refsog next writes to it: schemas 8 to 11 differ from 7 only in how new items are stored
 * (compressed; their positions with them; pair terms, which a phrase uses only where every item
 * has them: RS_META_PAIRS; the stored item in a value slot), and every way is read, item by item. */
#define RS_SCHEMA_UPGRADED(v) \
    (!strcmp((v), "7") || !strcmp((v), "8") || !strcmp((v), "9") || !strcmp((v), "10"))

/* ---- free-text terms (ranked) ---- */
/* no prefix: the exact normalised form (NFC + case folded): phrase search and exact-form
 * matches. Its positions are in the item's position block (index/posblob.h, schema 9), or, in
 * items written before schema 9, in Xapian's position table. */
#define RS_PREFIX_EXACT   ""
#define RS_PREFIX_STEM    "Z"   /* Snowball stem, no positions */
#define RS_PREFIX_FOLD    "F"   /* Danish folding key of the stem, no positions */
#define RS_PREFIX_PART    "P"   /* compound part (stem of a lexicon word), no positions */
#define RS_PREFIX_CASE    "C"   /* canonical case key of any case number in the item */
/* the key without its letter prefix (rs_caseno_key_bare: EMN-24/0001629 → 24-1629), so a number
 * typed without the ESDH system's prefix finds it, ranked below an exact case */
#define RS_PREFIX_CASE_BARE "CB"

/* Section-restricted terms (titel:budget): the section prefix followed by
 * the stem, the folding key and compound parts of each word of that section. */
#define RS_PREFIX_SEC_TITLE     "ST"
#define RS_PREFIX_SEC_RESUME    "SR"
#define RS_PREFIX_SEC_CASE      "SS" /* sagsfremstilling and other body sections */
#define RS_PREFIX_SEC_PROPOSAL  "SI" /* indstilling / forvaltningen indstiller */
#define RS_PREFIX_SEC_DECISION  "SB"
#define RS_PREFIX_SEC_ATTACH    "SA" /* bilag titles */

/* Only the exact forms of items written before schema 9 carry Xapian positions: a prefixed term
 * (first byte an upper-case ASCII letter) never does. What rebuilding a document from its
 * postings reads (index/xapian_dead.cc). */
#define RS_TERM_POSITIONAL(first_byte) (!((first_byte) >= 'A' && (first_byte) <= 'Z'))

/* One term per item whose wdf is what the terms schema 5 leaves out (a stem equal to the exact
 * form, the body's copies of keys no other section has) would have added: Xapian's document
 * length, and so BM25's length normalisation, stays what it was with them. No query uses it. */
#define RS_TERM_LENGTH "XLEN"

/* Two stopwords at neighbouring positions, "N" + a + " " + b (rs_term_pair), boolean: one for
 * each such pair in the item (schema 10). A phrase of common words ("ikke har") would otherwise
 * check the positions of nearly every item; where its neighbouring words are both stopwords, the
 * pair terms narrow its candidates first, in the shards whose every item has them
 * (RS_META_PAIRS). Only stopwords: pairs of a stopword and any word would be ~4x as many terms
 * per item (docs/index-schema.md "Pair terms"). */
#define RS_PREFIX_PAIR    "N"

/* ---- boolean terms (filters, wdf 0) ---- */
#define RS_PREFIX_ID          "Q"   /* unique id: Q<source>#<item number> */
/* the source: the file's canonical absolute path (realpath; rs_source_canonical), so every
 * spelling of a path meets the same document */
#define RS_PREFIX_SOURCE      "H"
#define RS_PREFIX_MAINCASE    "CP"  /* the item's own case number (case line) */
#define RS_PREFIX_MAINCASE_BARE "CPB" /* … without its letter prefix (the case history of 24/1629) */
#define RS_PREFIX_KOMMUNE "KM" /* folded municipality key */
#define RS_PREFIX_UDVALG   "KU"  /* folded committee key (meeting's and each deciding committee) */
/* a committee in its municipality: "<municipality key>|<committee key>" (rs_term_udvalg_kommune),
 * one per KU term; the committee facet's values and udvalg:"Udvalg (Kommune)" */
#define RS_PREFIX_UDVALG_KOMMUNE "KV"
#define RS_PREFIX_TYPE        "KT"  /* beslutning, orientering, drøftelse, formalia, lukket */
#define RS_PREFIX_UDFALD     "KO"  /* godkendt, anbefalet, ... (one per decision) */
#define RS_PREFIX_KLE         "KL"  /* KLE main group number, two digits */
#define RS_PREFIX_DATE        "KD"  /* YYYYMMDD */
#define RS_PREFIX_YEAR        "KY"  /* YYYY */
#define RS_PREFIX_MONTH       "KN"  /* YYYYMM */
#define RS_PREFIX_CLOSED      "KC"  /* KC1 on closed items */
#define RS_PREFIX_DOKUMENT        "KK"  /* dagsorden or referat: the document the item came from */
/* The meeting an item belongs to, by a 16-hex-digit hash of "<municipality key>|<committee
 * key>|<date>" (only when all three are known): MD on an agenda's items, MR on the minutes'.
 * Minutes replace the agenda of their meeting (rs_indexer_reconcile). */
#define RS_PREFIX_MEETING_AGENDA  "MD"
#define RS_PREFIX_MEETING_MINUTES "MR"

/* ---- value slots ---- */
enum {
    RS_SLOT_DATE = 0,          /* "YYYYMMDD": sorting and date ranges */
    RS_SLOT_KOMMUNE = 1,  /* display name */
    RS_SLOT_UDVALG = 2,    /* multi-valued (RSX multi-value format): one entry per committee key,
                              "<municipality>" RS_UDVALG_SEP "<committee>", display names */
    RS_SLOT_TYPE = 3,          /* case type name */
    RS_SLOT_UDFALD = 4,      /* multi-valued: outcome names */
    RS_SLOT_KLE = 5,           /* "27 Social service" */
    RS_SLOT_YEAR = 6,          /* "YYYY" */
    RS_SLOT_ITEMKEY = 7,       /* tie key: 99999999-YYYYMMDD, source, \x01, 8-digit place in the file:
                                  equal scores (and equal dates) in one order in every build */
    RS_SLOT_DOKUMENT = 8,          /* "dagsorden" or "referat" (the dokument facet) */
    RS_SLOT_POSITIONS = 9,         /* the exact forms' positions (index/posblob.h, schema 9): what a
                                      phrase checks; none in an index with term lists */
    RS_SLOT_PAIRS = 10,            /* the words next to each other, as a Bloom filter
                                      (rs_posblob_pairs): what a phrase checks first */
    RS_SLOT_DATA = 11              /* the stored item (index/docdata.h), schema 11: a value is
                                      stored as it is, where Xapian tries to deflate a document's
                                      data (and gives up on the zstd frame: ~7 % of a build). An
                                      item written before schema 11 has it as its document data
                                      (rsx_db_get_data reads either) */
};

/* Between the municipality and the committee of an RS_SLOT_UDVALG entry. */
#define RS_UDVALG_SEP '\x1e'

/* ---- metadata keys ---- */
#define RS_META_SCHEMA       "refsog:schema"
#define RS_META_FINGERPRINT  "refsog:analyzer"   /* rs_analyzer_fingerprint() at index time */
/* Where the items' word positions are. "items": every item keeps them in its value slot
 * RS_SLOT_POSITIONS (schema 9, index/posblob.h; an index made without term lists); "some": the
 * items written since schema 9 do, the older ones are in Xapian's position table (an index
 * upgraded in place); absent: every item's are in Xapian's table (an index with term lists, or
 * one not written since schema 9). xapian-tcpsrv's phrases read only Xapian's table. */
#define RS_META_POSITIONS    "refsog:positions"
/* RS_PAIRS_RULE when every item of the shard has its pair terms (RS_PREFIX_PAIR): set when the
 * index is made, never on an older index written to since (its old items have none); absent:
 * a phrase does not use them there. The value names the rule, so a change of rule is seen. */
#define RS_META_PAIRS        "refsog:pairs"
#define RS_PAIRS_RULE        "stopwords"
#define RS_META_SOURCE       "refsog:src:"       /* + source → "<hash hex>.p<parser version> <items> <source>" */
/* Tombstones: the deleted documents of an index written without Xapian's term lists, which
 * cannot delete (docs/shim.md "Tombstones"; only the shim reads and writes these keys).
 * RS_META_DEAD + 8 lower-case hex digits b: docids b·65536 … b·65536 + 65535 as a bitmap, bit
 * d mod 65536 of byte (d mod 65536) / 8, least significant first, trailing zero bytes left out;
 * RS_META_DEAD_COUNT: how many in all, decimal (absent: none). */
#define RS_META_DEAD         "refsog:dead:"
#define RS_META_DEAD_COUNT   "refsog:dead"

/* Within-document weight (wdf increment) of a term by the section it occurs in. */
#define RS_WDF_TITLE     6
#define RS_WDF_SUMMARY   3  /* resumé, indstilling, beslutning */
#define RS_WDF_BODY      1
#define RS_WDF_ATTACH    1

#endif
