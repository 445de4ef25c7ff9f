/*
 * podcast_queue (app): the podcast download queue, a text file in
 * podboat's format, so podboat (`podboat -q FILE`) and tidings can work
 * on one queue during a switch.
 *
 * One entry a line: the enclosure URL, a space, the file's path in double
 * quotes (\" inside), then optionally a state word: "downloaded",
 * "played", "finished" or "missing"; a queued entry has none.  podboat
 * reads lines as words split at blanks with "..." quoting and \ escapes;
 * lines starting with # are comments (podboat drops them when it writes
 * the file back; so does tidings).  Read as podboat reads it (queueloader.cpp):
 * a queued or missing entry whose file exists is downloaded; an entry
 * whose FILE.part exists is a partial download (state failed, resumable).
 *
 * tidings' queue lives beside its cache ($XDG_DATA_HOME/tidings/queue),
 * as newsboat's beside its cache.  Saving writes a new file and renames
 * it over the old one, so a crash leaves the old queue or the new one.
 */
#ifndef TIDINGS_APP_PODCAST_QUEUE_H
#define TIDINGS_APP_PODCAST_QUEUE_H

#include <stddef.h>

#include "util/err.h"

/* podboat's states (DlStatus), the first four written to the file. */
enum podcast_state {
	PODCAST_QUEUED,
	PODCAST_DOWNLOADED,	/* "downloaded" (podboat's READY) */
	PODCAST_PLAYED,		/* "played" */
	PODCAST_FINISHED,	/* "finished": dropped by a purge */
	PODCAST_MISSING,	/* "missing": the file is gone */
	PODCAST_DOWNLOADING,
	PODCAST_FAILED,		/* a partial FILE.part may be there */
	PODCAST_CANCELLED,
	PODCAST_DELETED,	/* the file was deleted: dropped by a purge */
};

/* Bounds: a queue file is read up to 4 MiB, lines up to 16 KiB, 10,000 entries. */
#define PODCAST_QUEUE_MAX_BYTES (4u << 20)
#define PODCAST_QUEUE_MAX_LINE 16384
#define PODCAST_QUEUE_MAX 10000

struct podcast_entry {
	char *url;
	char *path;		/* absolute, as the queue file says */
	enum podcast_state state;
};

struct podcast_queue {
	struct podcast_entry *entries;
	size_t n, cap;
};

/* "queued", "downloaded", ... (the podcasts TSV's state column). */
const char *podcast_state_name(enum podcast_state s);

/*
 * Read file into an empty q (a missing file is an empty queue); bad lines
 * are skipped.  0, or -1 with *e ("FILE: ...") when the file cannot be
 * read or is over the bounds.
 */
int podcast_queue_load(struct podcast_queue *q, const char *file, struct err *e);
/* Write q to file (atomically, mode 0600).  0, or -1 with *e. */
int podcast_queue_save(const struct podcast_queue *q, const char *file, struct err *e);
/*
 * Append url -> path as queued.  0 when added, 1 when url is queued
 * already, 2 when another entry has path, -1 (*e) when the URL cannot be a
 * queue line (not http(s), blanks or control characters) or the queue is full.
 */
int podcast_queue_add(struct podcast_queue *q, const char *url, const char *path,
    struct err *e);
/* The index of url's entry, or -1. */
long podcast_queue_find(const struct podcast_queue *q, const char *url);
/* Drop finished and deleted entries (podboat's purge), keeping the order. */
void podcast_queue_purge(struct podcast_queue *q);
void podcast_queue_release(struct podcast_queue *q);

/* The queue file beside the cache: DIR-OF-CACHE/queue (a new string). */
char *podcast_queue_file(const char *cache);

#endif
