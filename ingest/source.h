/* source.h — one source as the indexer takes it: the file (text, PDF or HTML), its sidecar
 * metadata and its attachments, parsed into meetings, with one hash over all of them so that a
 * changed sidecar or attachment re-indexes the file.
 *
 * Problems with a sidecar or an attachment never lose the source: they are reported through
 * the warning callback (naming the sidecar or attachment and what is wrong) and the source is
 * parsed with what is there. Only problems with the file itself fail.
 */
#ifndef RS_INGEST_SOURCE_H
#define RS_INGEST_SOURCE_H

#include <stddef.h>

#include "error.h"
#include "meta.h"
#include "referat.h"
#include "walk.h"

/* The version of what the parser makes of a file. Bump it with every change that parses some
 * file differently (a new layout, a fixed title, an outcome): an index records it per file, and
 * `refsog index` reads a file again when the version that parsed it is not this one, so an
 * upgrade reaches files that did not change. tests/e2e/test_parser_version.sh fails when the
 * layout fixtures parse differently under an unchanged version. */
#define RS_PARSER_VERSION 46

/* Called with a message for each sidecar or attachment problem; `msg` is valid during the call. */
typedef void (*RsSourceWarnFn)(void *ctx, const char *msg);

typedef struct RsSource {
    char *path;          /* as given (owned) */
    char *data;          /* the file's bytes (owned) */
    size_t len;
    RsSourceMeta *meta;  /* the sidecars' metadata, or NULL (none, or a bad one: warned) */
    char hash[17];       /* over the file, its sidecars and its attachment files */
} RsSource;

/* Read source `path` (at most max_bytes; 0 = 64 MiB) and its sidecars, and hash them with the
 * attachment files. Fails like rs_read_file for the file; sidecar problems are warnings.
 * *out is owned by the caller (rs_source_close). */
RsStatus rs_source_open(const char *path, size_t max_bytes, RsSourceWarnFn warn, void *ctx,
                        RsSource **out, RsError *err);

/* Parse the source and complete it: the sidecar's metadata over the parser's, and each
 * attachment's text as a bilag section of its item (the item the sidecar names, else the only
 * item, else the item whose Bilag list names the attachment, else the first; never a closed
 * item). Fails as rs_referat_parse_bytes fails; attachment problems are warnings. */
RsStatus rs_source_parse(const RsSource *src, const RsParseOptions *opts, RsSourceWarnFn warn,
                         void *ctx, RsMeeting **out, RsError *err);

/* rs_source_close(NULL) is a no-op. */
void rs_source_close(RsSource *src);

/* Remove from `files` the attachment files that the sidecars of the other files name (they are
 * indexed with their item, not as minutes of their own); each removal is reported through
 * `note` (may be NULL) with the source that names it. Fails only with RS_ERR_NOMEM. */
RsStatus rs_sources_drop_attachments(RsFileList *files, RsWalkProblemFn note, void *ctx, RsError *err);

#endif
