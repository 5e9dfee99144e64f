/* analyzer.h — Danish text analysis: UTF-8 text into index and query tokens.
 *
 * The one analyser used at index time and at query time (same code, same
 * options), in the manner of an SQLite FTS5 tokenizer: open an RsAnalyzer
 * once, then call rs_analyze() on a buffer; every token is handed to a
 * callback. Everything a token points to is owned by the analyser and valid
 * only during the callback.
 *
 * Pipeline per token: segmentation (ICU word boundaries + Danish rules for
 * numbers, dates, abbreviations, § references, hyphenated words and case
 * numbers) → NFC + full case folding (ICU) → Snowball Danish stem → Danish
 * folding key (å/aa→a, æ/ae→a? see docs/analysis.md, ø/oe→o, ...) →
 * decompounding into lexicon words (wdanish).
 */
#ifndef RS_ANALYZER_H
#define RS_ANALYZER_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

typedef struct RsAnalyzer RsAnalyzer;

typedef enum RsTokenKind {
    RS_TOK_WORD = 0,   /* a word (letters, possibly with digits: "covid-19" parts) */
    RS_TOK_NUMBER,     /* 4.667.281, 12,5, 2024 */
    RS_TOK_DATE,       /* 21-11-2023, 3/3-2021 */
    RS_TOK_ABBREV,     /* bl.a., jf., mio., kr., pkt., stk. */
    RS_TOK_SECTION,    /* "§ 17" as one token, norm "§17" */
    RS_TOK_CASENO      /* a case number; case_key is set */
} RsTokenKind;

/* Token flags. */
#define RS_TOKF_STOPWORD  0x01u /* on the Snowball Danish stopword list */
#define RS_TOKF_SUBTOKEN  0x02u /* a part of a hyphenated word or case number,
                                   emitted after the whole */
#define RS_TOKF_FOLDED    0x04u /* fold differs from norm's stem (fold is set) */
#define RS_TOKF_STEMMED   0x08u /* a word's forms: stem is norm's stem and STOPWORD says whether
                                   norm is a stopword (a literal token's stem is its text) */

typedef struct RsSpan {
    const char *s;
    size_t len;
} RsSpan;

typedef struct RsToken {
    RsTokenKind kind;
    unsigned flags;
    uint32_t position;      /* term position, 0-based, counted in DOCUMENT and
                               QUERY mode alike; sub-tokens get their own
                               consecutive positions after the whole's */
    size_t start, end;      /* byte offsets of the surface form in the input */
    RsSpan surface;         /* the bytes of the input, as written */
    RsSpan norm;            /* NFC + case folded (the exact form) */
    RsSpan stem;            /* Snowball Danish stem of norm (== norm for
                               numbers, dates, case numbers) */
    RsSpan fold;            /* Danish folding key of the stem, or {NULL,0}
                               when it equals stem */
    RsSpan case_key;        /* canonical case key (RS_TOK_CASENO), else {NULL,0} */
    const RsSpan *parts;    /* compound parts (stems of the lexicon words, in
                               order), n_parts == 0 if not a compound */
    size_t n_parts;
} RsToken;

typedef enum RsAnalyzeMode {
    RS_MODE_DOCUMENT = 0, /* index time: decompounding on */
    RS_MODE_QUERY = 1     /* query time: same tokens; parts also computed */
} RsAnalyzeMode;

/* Options; zero-initialise and set what you need. */
typedef struct RsAnalyzerOptions {
    const char *lexicon_path;  /* word list (text) for decompounding; NULL = the
                                  lexicon image's, or with no image the default
                                  /usr/share/dict/danish; "" = none */
    int no_decompound;         /* 1 = never split compounds */
    int no_stopwords;          /* 1 = do not flag stopwords */
    size_t min_part_len;       /* minimum compound part length in characters
                                  (0 = default, 3) */
    const char *lemma_path;    /* the lemma table (text, lemma.h); NULL = $RS_LEMMAS if set,
                                  else the lexicon image's, else rs_lemmas_default_path() */
    int no_lemmas;             /* 1 = no lemma table */
    const char *image_path;    /* the lexicon image (leximage.h) both tables come from unless
                                  named above; NULL = rs_leximage_find(); "" = none */
    int no_word_cache;         /* 1 = analyse every word afresh (the memo of a word's forms by
                                  its bytes changes no output: for tests and measurements) */
    int prefetch_words;        /* 1 = while a word is analysed, fetch the memo's slot for the
                                  next one (changes no output): for long texts read once, as
                                  indexing does (~2 % faster); on the short, repeated texts of
                                  snippets the guessing cost more than it saved (~6 %) */
    int prefault_caches;       /* 1 = the memo's, stem cache's and split cache's tables (~15 MB)
                                  written through at open (common/prefault.h; changes no
                                  output): for a threaded build, where each of their pages
                                  otherwise costs a TLB flush on the other cores; a one-shot
                                  search touches few of them and leaves them be */
} RsAnalyzerOptions;

/* Return non-zero to stop the analysis early (rs_analyze then returns RS_OK). */
typedef int (*RsTokenFn)(void *ctx, const RsToken *tok);

/* Open an analyser. `opts` may be NULL for the defaults. Maps the lexicon image
 * (or loads the text tables). On success *out owns a new analyser (free with rs_analyzer_close).
 * Fails with RS_ERR_IO if the lexicon cannot be read, RS_ERR_INPUT if the image is
 * damaged or of another version (the message names the file), RS_ERR_NOMEM, or
 * RS_ERR_INTERNAL if ICU or the stemmer cannot be initialised.
 * An analyser is not thread-safe: use one per thread. */
RsStatus rs_analyzer_open(const RsAnalyzerOptions *opts, RsAnalyzer **out, RsError *err);

/* Release an analyser. rs_analyzer_close(NULL) is a no-op. */
void rs_analyzer_close(RsAnalyzer *a);

/* Analyse `len` bytes of `text` (need not be NUL-terminated, may contain
 * invalid UTF-8 or NULs: invalid sequences are treated as separators), and
 * call `fn` for each token in order. Positions start at `first_position`
 * (so sections of one document can continue the count). *next_position,
 * if not NULL, receives the position after the last token.
 * Fails only with RS_ERR_NOMEM or RS_ERR_INTERNAL (ICU failure). */
RsStatus rs_analyze(RsAnalyzer *a, RsAnalyzeMode mode, const char *text, size_t len,
                    uint32_t first_position, RsTokenFn fn, void *ctx,
                    uint32_t *next_position, RsError *err);

/* A short stable string identifying the configuration (versions of the
 * rules, the stemmer, the stopword list, the lexicon's size and checksum,
 * the options). Stored in the index at index time and compared at query
 * time. Owned by the analyser, valid until rs_analyzer_close. Can't fail. */
const char *rs_analyzer_fingerprint(const RsAnalyzer *a);

/* The Danish data an analyser found: the lexicon image it maps (its path, owned by the analyser;
 * NULL when it read text files or found none) and its tables' sizes (0: none found, so no
 * decompounding / no lemmas: `refsog version` says which, `refsog index` warns). Can't fail. */
typedef struct RsAnalyzerData {
    const char *image;
    size_t lexicon_words;
    size_t lemma_forms;
} RsAnalyzerData;
RsAnalyzerData rs_analyzer_data(const RsAnalyzer *a);

/* Canonical case key of a case-number string (as typed by a user, e.g.
 * "EMN 24-1629"), written into `out` (NUL-terminated, at most `cap` bytes).
 * Returns the key length, or 0 if `s` is not a case number. Can't fail. */
size_t rs_case_key(const char *s, size_t len, char *out, size_t cap);

/* Case-folded (ICU full case folding) and Danish-folded form of any UTF-8
 * string into `out` (NUL-terminated, at most `cap` bytes, truncated at a
 * character boundary); returns the length written. Used for facet keys
 * (kommune:, udvalg:), so "Ærø", "aero" and "AERØ" give one key. Can't fail. */
size_t rs_fold_key(const char *s, size_t len, char *out, size_t cap);

const char *rs_token_kind_name(RsTokenKind kind);

/* Whether a word whose normalised form is `norm` stems to itself and is neither a stopword nor
 * a case number (whose exact term has no stem and no section keys): then
 * the index leaves out its stem term, the exact form standing in for it (index/itemdoc.c), and
 * a query for the stem `norm` also looks for the exact form (engine/qbuild.c). One function for
 * both sides, so they cannot disagree. Safe to call from inside an rs_analyze callback (it does
 * not touch the token's buffers). Can't fail: out of memory answers 0. */
int rs_analyzer_stem_is_norm(RsAnalyzer *a, const char *norm, size_t len);

/* rs_analyzer_stem_is_norm(a, t->norm) for a token of a (in its callback), from the forms the
 * token carries where they say it (RS_TOKF_STEMMED): no second stem lookup, which was a cache
 * miss per word on the indexing path. Can't fail. */
int rs_analyzer_token_stem_is_norm(RsAnalyzer *a, const RsToken *t);

#endif
