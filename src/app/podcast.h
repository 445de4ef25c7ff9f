/*
 * podcast (app): enclosures as a person reads them ("audio/mpeg, 12.3 MiB,
 * 1:02:03"), for `tidings show` and the article view, one text for both.
 * No curses; the strings are unsanitised (feed text): callers print them
 * through util/text.
 */
#ifndef TIDINGS_APP_PODCAST_H
#define TIDINGS_APP_PODCAST_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "store/db.h"
#include "store/enclosures.h"
#include "util/buf.h"
#include "util/err.h"

/* "URL (type, size, duration)", the parts that are known; appended to out. */
void podcast_describe(const struct enclosure_row *r, struct buf *out);
/* seconds as "H:MM:SS" or "M:SS" into out (size >= 16). */
void podcast_duration(long seconds, char *out, size_t size);
/* bytes as "512 B", "12.3 KiB", "45.0 MiB", "1.2 GiB" into out (size >= 16). */
void podcast_size(long long bytes, char *out, size_t size);

/*
 * The item's enclosures described, one new string each (*lines freed with
 * podcast_free_lines), each followed by what the podcast queue beside db's
 * cache knows of it: " [downloaded: FILE]" (or played, finished),
 * " [partly downloaded: FILE.part]", " [queued]", " [missing]".  0, or -1
 * with *e.
 */
int podcast_item_lines(struct db *db, int64_t item_id, char ***lines, size_t *n,
    struct err *e);
void podcast_free_lines(char **lines, size_t n);

/* What download-filename-format's specifiers name (strings may be NULL). */
struct podcast_name_in {
	const char *feed_title;	/* %n %N */
	const char *item_title;	/* %t */
	const char *url;	/* %u its last path segment, %e its extension, %h its host */
	time_t published;	/* %F %m %b %d %H %M %S %y %Y (local time) */
};

/*
 * The file an enclosure downloads to: dir (download-path, "~/" expanded
 * by the caller) joined with fmt (download-filename-format: podboat's
 * specifiers above, %% and %?x?A&B?) expanded.  The values come from the
 * feed and are hostile: in each, '/', '\\', quotes and control characters
 * become '_' and a leading '.' becomes '_', so no value can climb out of
 * dir or hide the file; each path component is cut to 200 bytes (at a
 * character boundary); a name that ends up empty is "download".  fmt is
 * the user's and may make directories below dir, never above it: ".."
 * components are dropped.  A new string.
 */
char *podcast_filename(const char *dir, const char *fmt, const struct podcast_name_in *in);

/* Where the queue is and how its files are named (from the config). */
struct podcast_opts {
	char *queue_file;	/* beside the cache (podcast_queue.h) */
	char *download_dir;	/* download-path, "~/" expanded */
	char *name_format;	/* download-filename-format */
};
struct settings;
void podcast_opts_init(struct podcast_opts *o, const struct settings *cfg,
    const char *cache);
void podcast_opts_release(struct podcast_opts *o);

/*
 * A podcast type as newsboat counts one: audio/..., video/...,
 * application/ogg, or no type given.
 */
int podcast_playable(const char *type);

/*
 * Queue item_id's first playable enclosure (newsboat queues one a item:
 * a feed's mp3 and ogg of one episode are not both downloaded), named by
 * the options (a name another entry has gets "-2", "-3" before its
 * extension).  1 queued; 0 not, with *why ("queued already", "no
 * enclosure to queue", "no such item"); -1 with *e.
 */
int podcast_enqueue(struct db *db, const struct podcast_opts *o, int64_t item_id,
    const char **why, struct err *e);
/* podcast_enqueue with the options of cfg and the queue beside db's cache. */
int podcast_enqueue_cfg(struct db *db, const struct settings *cfg, int64_t item_id,
    const char **why, struct err *e);
/*
 * podcast-auto-enqueue: queue the enclosures of the items first seen at or
 * after since (the poll's start).  *added counts them.  0, or -1 with *e.
 */
int podcast_auto_enqueue(struct db *db, const struct podcast_opts *o, time_t since,
    int *added, struct err *e);

/*
 * After a poll that started at since: with podcast-auto-enqueue yes, queue
 * the new items' episodes (the queue beside cache).  The number queued,
 * or -1 with *e.
 */
int podcast_after_poll(struct db *db, const struct settings *cfg, const char *cache,
    time_t since, struct err *e);

#endif
