/* walk.h — find the minutes files (.txt, .pdf, .html/.htm/.xhtml) under the paths given to `refsog index`. */
#ifndef RS_WALK_H
#define RS_WALK_H

#include <stddef.h>

#include "error.h"

/* Called for each problem met while walking (unreadable directory, symlink
 * loop, a named file that does not exist or has another extension): the
 * walk goes on. `path` is valid during the call. */
typedef void (*RsWalkProblemFn)(void *ctx, const char *path, const char *reason);

typedef struct RsFileList {
    char **paths;  /* malloc'd strings, in sorted order within each directory */
    size_t n;
    size_t cap;
} RsFileList;

/* Collect the files under `paths` into `out` (which must be zeroed): a
 * named file is taken whatever its extension if it is a regular file; in
 * directories (recursively, following symlinks once: a loop is reported,
 * not followed) only *.txt, *.pdf, *.html, *.htm and *.xhtml files
 * (case-insensitive) are taken.
 * Each path is kept as given (dir + "/" + name), so sources stay stable.
 * A file named twice is listed once. Returns RS_ERR_NOMEM only; problems
 * go to `problem` (may be NULL) and are counted in *n_problems. Paths
 * passed over on purpose are not reported (see rs_walk_with). */
RsStatus rs_walk(char *const *paths, size_t n_paths, RsFileList *out,
                 RsWalkProblemFn problem, void *ctx, size_t *n_problems, RsError *err);

/* How rs_walk_with picks files in the folders it walks (named paths are always taken). */
typedef struct RsWalkOptions {
    /* fnmatch(3) patterns: one with a '/' is matched against the whole path as walked, any
     * other against the last name. A file or folder that matches an exclude pattern is passed
     * over; one that matches an include pattern is taken (a file whatever its extension, a
     * hidden file or folder too). Exclude wins. */
    const char *const *include;
    size_t n_include;
    const char *const *exclude;
    size_t n_exclude;
    RsWalkProblemFn problem; /* a path that could not be read (missing, loop, permission) */
    RsWalkProblemFn skipped; /* a path passed over on purpose: hidden, not .txt/.pdf, excluded,
                                a FIFO/device/socket, a folder named *.txt with no minutes */
    void *ctx;               /* for both */
} RsWalkOptions;

/* rs_walk with include/exclude patterns, telling `o->skipped` (counted in *n_skipped, may be
 * NULL) about every path passed over with its reason. */
RsStatus rs_walk_with(char *const *paths, size_t n_paths, const RsWalkOptions *o, RsFileList *out,
                      size_t *n_problems, size_t *n_skipped, RsError *err);

/* The name a file is known by in the index (its items' `source`, the start of their `id`), as a
 * malloc'd string in *out (the caller frees it): `path` itself when it is UTF-8; otherwise the
 * path with each byte that is not part of a UTF-8 character, and each '%', written as %XX (upper
 * case hex), so the name is UTF-8, stable, and maps back to the bytes. (A UTF-8 path that spells
 * such an escape literally, next to the file it would name, gets the same name: not handled.)
 * Applied to an already escaped name, or to a source + "#item" id, it gives the same result as
 * the indexer. RS_ERR_NOMEM when out of memory. */
RsStatus rs_source_name(const char *path, char **out, RsError *err);

/* The canonical absolute form of `path`, malloc'd in *out (the caller frees it): realpath(3) of
 * the file when it exists (symlinks, "./", "../" and "//" resolved), else realpath of its folder
 * followed by its name, else the path made absolute against the working directory with "." and
 * ".." folded lexically (a file that is gone, in a folder that is gone). Every spelling of one
 * file gives one result; rs_source_name of it is the file's identity in the index. RS_ERR_NOMEM
 * when out of memory, RS_ERR_IO when the working directory cannot be read. */
RsStatus rs_source_canonical(const char *path, char **out, RsError *err);

/* Release the list's strings and array; rs_file_list_free(NULL) is a no-op. */
void rs_file_list_free(RsFileList *list);

/* 64-bit FNV-1a hash of a byte buffer, as 16 lower-case hex digits plus NUL
 * in `out` (17 bytes). Used to detect changed files. Can't fail. */
void rs_hash_hex(const void *data, size_t len, char out[17]);

#endif
