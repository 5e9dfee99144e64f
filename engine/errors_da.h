/* errors_da.h — error messages in plain Danish: one table for every front end (the API's
 * `message`, which the page shows, and the CLI's output).
 *
 * The engine's messages (RsError.msg) stay English, for logs and developers, and name the byte
 * a query error is at ("unbalanced quote at byte 9"); the front ends show the Danish sentence
 * made here from the code and that message, and the character it points at. Only the words
 * are made here; where they go (JSON, a terminal) is up to the front end.
 */
#ifndef RS_ERRORS_DA_H
#define RS_ERRORS_DA_H

#include "buf.h"
#include "error.h"

/* The machine-readable code of an engine status: "malformed_query" (RS_ERR_QUERY),
 * "bad_parameter" (RS_ERR_USAGE), "not_found", "shard_unreachable", "timeout", else "internal".
 * A static string; can't fail. */
const char *rs_error_code(RsStatus rc);

/* The Danish sentence for an error of `code` (rs_error_code's, or the server's own:
 * "bad_request", "too_large", "method_not_allowed") with the English message `msg`, appended to
 * `out`. When the message names a byte ("at byte N") and `query` is the query it is about,
 * *pos is the 0-based position in `query` of the character that byte is in, counted in
 * Unicode characters (code points), else -1. Fails only with RS_ERR_NOMEM (out may then hold
 * part of the sentence). */
RsStatus rs_error_danish(const char *code, const char *msg, const char *query, RsBuf *out, long *pos);

#endif
