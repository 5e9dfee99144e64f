/* snippet.h — highlighted snippets of an item's text for the words a query matched. */
#ifndef RS_SNIPPET_H
#define RS_SNIPPET_H

#include <stddef.h>

#include "analyzer.h"
#include "buf.h"
#include "error.h"
#include "results.h"

/* The keys a query looks for, by kind; filled by the search engine from
 * the analysed query words (NUL-separated lists in each buffer). */
typedef struct RsSnippetKeys {
    RsBuf exact;  /* normalised forms */
    RsBuf stems;  /* stems (also matched against a token's compound parts) */
    RsBuf folds;  /* Danish folding keys */
    RsBuf cases;  /* case keys */
} RsSnippetKeys;

void rs_snippet_keys_add(RsBuf *list, const char *s, size_t len);
void rs_snippet_keys_free(RsSnippetKeys *k);

/* A plain-text snippet (results.h RsSnippet: text and match ranges) of at most about `max_bytes`
 * of `text` around the densest cluster of matching tokens (a token matches when its norm, stem,
 * fold key, any compound part or case key is among the keys). Without any match: the start of
 * the text. The work is bounded: a text over 4 KiB is pre-scanned for (at most 64) keys and
 * analysed around the best region, or, when nothing is found there, in its first 64 KiB only.
 * *at: the byte offset in `text` of the snippet's first match (of its start when nothing
 * matched), so the caller can say which part of the text it came from. *out is the caller's
 * (rs_snippet_free). Fails with what rs_analyze fails with, or RS_ERR_NOMEM. */
RsStatus rs_snippet_at(RsAnalyzer *a, const char *text, size_t len, const RsSnippetKeys *keys,
                       size_t max_bytes, RsSnippet *out, size_t *at, RsError *err);

/* Free what a snippet owns and zero it. NULL is a no-op. */
void rs_snippet_free(RsSnippet *s);

/* The snippet as HTML: everything escaped, each match in <mark>…</mark> (the JSON contract's
 * form), appended to out. */
void rs_snippet_html(const RsSnippet *s, RsBuf *out);

#endif
