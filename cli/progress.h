/* progress.h — the live progress line of `refsog index` on a terminal, and the messages that
 * share stderr with it.
 *
 * rs_progress_start() begins a thread that redraws one line on stderr (files, items, MB/s, ETA)
 * a few times a second while the run goes on — only when `live` (stderr is a terminal and the
 * run is not --quiet); otherwise nothing is drawn. Indexing threads report each file with
 * rs_progress_add(); every message printed meanwhile goes through rs_progress_say() so that it
 * replaces the line instead of running into it. rs_progress_stop() erases the line.
 */
#ifndef RS_PROGRESS_H
#define RS_PROGRESS_H

#include <stddef.h>
#include <stdint.h>

typedef struct RsProgress RsProgress;

/* Start the line for a run of `files` files holding `bytes` bytes; NULL when not `live` (every
 * function below takes NULL) or out of memory (then no line is drawn: the run goes on). */
RsProgress *rs_progress_start(size_t files, uint64_t bytes, int live);

/* `files` more files read (`bytes` bytes, `items` items written). Thread-safe; can't fail. */
void rs_progress_add(RsProgress *p, size_t files, uint64_t bytes, size_t items);

/* What the run does now when it is not reading files ("merging 12 parts"); copied. */
void rs_progress_phase(RsProgress *p, const char *what);

/* Erase the line, stop the thread and free p. NULL is a no-op. */
void rs_progress_stop(RsProgress *p);

/* Print "refsog: <message>\n" to stderr, erasing a live line first (it is redrawn later).
 * Thread-safe; usable without a progress line. */
void rs_progress_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
