/*
 * feeds (store): the feeds table of the cache: one row a subscribed URL,
 * with what the last poll learned (title, site, validators, status).
 * The feeds file stays the list of subscriptions; this table mirrors it.
 */
#ifndef TIDINGS_STORE_FEEDS_H
#define TIDINGS_STORE_FEEDS_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "store/db.h"
#include "util/err.h"

/*
 * What the last poll of a feed came to.  The cache keeps the text of
 * feeds_status_name in its last_status column (as it always has), so
 * caches written before these values existed read the same.
 */
enum feeds_status {
	FEEDS_NEVER_POLLED,	/* no poll yet */
	FEEDS_OK,
	FEEDS_NOT_MODIFIED,
	FEEDS_HTTP_ERROR,	/* with an HTTP code: "HTTP 404" */
	FEEDS_NETWORK_ERROR,
	FEEDS_TOO_BIG,
	FEEDS_BAD_URL,
	FEEDS_PARSE_ERROR,
	FEEDS_CANCELLED,
	FEEDS_SKIPPED,
	FEEDS_ERROR,		/* anything else, and text this tidings does not know */
};
/* Room feeds_status_name needs in buf. */
#define FEEDS_STATUS_NAME_MAX 32
/*
 * The text of a status: "ok", "not modified", "HTTP 404" (written into buf,
 * FEEDS_STATUS_NAME_MAX bytes, with http_code), "network error", "too big",
 * "bad URL", "parse error", "cancelled", "skipped", "error"; NULL for
 * FEEDS_NEVER_POLLED.  Static text or buf.
 */
const char *feeds_status_name(enum feeds_status status, long http_code, char *buf,
    size_t size);

struct feed_row {
	int64_t id;
	char *url;
	char *title;		/* from the feed, or NULL */
	char *site;
	char *tags;		/* comma-separated for display, or NULL */
	char *etag;
	char *last_modified;
	enum feeds_status status;
	long http_code;		/* with FEEDS_HTTP_ERROR */
	char *last_error;
	time_t last_poll;
	time_t next_poll;
	int error_count;
	int unread;		/* kept in the cache, not counted (schema 7) */
	int total;
	int backlog;		/* articles still to fetch (articles_pending);
				 * feeds_list only, 0 from feeds_get */
	int custom_title;	/* title comes from the feeds file's "~Title" */
	int listed;		/* in the feeds file: an enum feeds_shown, 0 when not */
	uint64_t body_hash;	/* of the document last stored (app/poll), 0: none */
};

/* The id of the row for url, inserting one if needed. */
int feeds_ensure(struct db *db, const char *url, int64_t *id, struct err *e);
/* Replace the tags of url's row (creating the row). */
int feeds_set_tags(struct db *db, const char *url, char *const *tags, size_t ntags,
    struct err *e);
/*
 * Set the title the feeds file gives url ("~Title"; NULL for none).  The
 * title column shows it in place of the feed's own from now on.
 */
int feeds_set_custom_title(struct db *db, const char *url, const char *title, struct err *e);
/* Set the site (htmlUrl) of url's row when it has none yet. */
int feeds_set_site(struct db *db, const char *url, const char *site, struct err *e);
/*
 * 1 when url's row exists with exactly this custom title (NULL: none) and
 * this set of tags, 0 when something differs, -1 on error.  Reads only, so
 * a start-up can skip taking the write lock when the feeds file is as the
 * cache remembers it.
 */
int feeds_matches(struct db *db, const char *url, const char *title,
    char *const *tags, size_t ntags, struct err *e);
/*
 * Mirror the feeds file's list: urls[0..n) (in the file's order) become
 * listed with their position, every other feed unlisted (hidden from the
 * views and from search, its rows kept).  Reads first and writes only
 * what differs, in its own transaction unless one is open.
 */
int feeds_sync_listed(struct db *db, const char *const *urls, size_t n, struct err *e);
/*
 * (sources, issue 13) How a feeds file line is shown: the feeds.listed
 * column holds it (0 is "not in the file").  Hidden feeds ("!") are
 * polled and searched but left out of the reader's feed list; headings
 * (a line without a URL, "---Tech---") are rows with no items that the
 * feed list shows as newsboat shows them.
 */
enum feeds_shown { FEEDS_SHOWN = 1, FEEDS_HIDDEN = 2, FEEDS_HEADING = 3 };
/* feeds_sync_listed with how each line is shown (shown NULL: all FEEDS_SHOWN). */
int feeds_sync_shown(struct db *db, const char *const *urls, const enum feeds_shown *shown,
    size_t n, struct err *e);
/* 1 when some cached feed is not in the feeds file, 0 when none, -1 on
 * error (a cache of schema 2 opened read-only has no such column: search
 * hides nothing unless this says 1 and so still works on one). */
int feeds_any_unlisted(struct db *db, struct err *e);
/*
 * Delete the feeds that are not in the feeds file, with their items: 1
 * done, with the numbers of feeds, items and starred items deleted in the
 * counters; 0 when some of those items are starred and force is 0 (nothing
 * deleted, the counters say what would go); -1 on error.
 */
int feeds_delete_unlisted(struct db *db, int force, int *feeds, int *items, int *starred,
    struct err *e);
/*
 * Count every feed's items again (unread, total, articles still to fetch)
 * and put right the kept counts that differ (the cache keeps them in step
 * with every change; this is the check): *fixed gets how many feeds' counts
 * were wrong.  In its own transaction.
 */
int feeds_recount(struct db *db, int *fixed, struct err *e);
/* Delete url's row and (by cascade) its items. 0 also when absent. */
int feeds_delete(struct db *db, const char *url, struct err *e);

/* 1 when the feed with this id is in the cache, 0 when not, -1 with *e. */
int feeds_exists(struct db *db, int64_t id, struct err *e);
/* All rows with unread/total counts, ordered by id.  Free with feeds_free_rows. */
int feeds_list(struct db *db, struct feed_row **rows, size_t *n, struct err *e);
/* One row by id or (when url != NULL) by url; 1 found, 0 absent, -1 error. */
int feeds_get(struct db *db, int64_t id, const char *url, struct feed_row *row, struct err *e);
void feed_row_release(struct feed_row *row);
void feeds_free_rows(struct feed_row *rows, size_t n);

/* What a poll learned about one feed.  NULL strings leave the column as it is
 * for title/site/etag/last_modified; status and error are always written. */
struct feed_poll_result {
	const char *title;
	const char *site;
	const char *etag;
	const char *last_modified;
	enum feeds_status status;
	long http_code;		/* with FEEDS_HTTP_ERROR */
	const char *error;	/* the one-line message, or NULL when ok */
	int failed;		/* counts toward error_count (backoff) */
	time_t now;
	time_t next_poll;	/* earliest next poll (Retry-After, backoff), 0 = any time */
	uint64_t body_hash;	/* of the document whose items were stored in
				 * the same transaction; 0 leaves it as it is */
};
int feeds_record_poll(struct db *db, int64_t id, const struct feed_poll_result *r,
    struct err *e);

#endif
