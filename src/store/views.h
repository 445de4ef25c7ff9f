/*
 * views (store): the reader's own read-only queries on the cache, shaped
 * for screens that show a page of a long list (store/feeds and
 * store/items serve the command line; these add what paging needs).
 *
 * Feed counts come from two grouped scans of covering indexes instead of
 * two correlated subqueries a feed; item pages are found by id through
 * the (published, id) indexes first and only then joined with their feed,
 * so a page deep in 100,000 items never reads the rows above it.  The SQL
 * is fixed text picked by which filters are set; values are bound.
 *
 * Results are new arrays the caller frees with the store's free functions.
 */
#ifndef TIDINGS_STORE_VIEWS_H
#define TIDINGS_STORE_VIEWS_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "store/db.h"
#include "store/items.h"
#include "util/err.h"

struct views_feed {
	int64_t id;
	char *title;		/* the feed's title, else its URL */
	char *url;
	char *tags;		/* "a, b" or NULL */
	char *last_error;	/* NULL when the last poll went well */
	int failed;		/* the last poll failed */
	int unread;
	int total;
	int heading;		/* a feeds file heading ("---Tech---"), no feed */
};

/* Every feed (by title, then id), with counts. */
int views_feeds(struct db *db, struct views_feed **rows, size_t *n,
    struct err *e);
void views_free_feeds(struct views_feed *rows, size_t n);

/* The highest item id in the cache (0 when empty): item ids grow as items
 * arrive, so this marks what a screen loaded now has seen. */
int views_max_item_id(struct db *db, int64_t *id, struct err *e);

/* Every tag in use, sorted.  Free with views_free_strings. */
int views_tags(struct db *db, char ***tags, size_t *n, struct err *e);
void views_free_strings(char **s, size_t n);

/*
 * The rows of the list that q describes (feed_id, unread_only, tag;
 * starred_only) from offset, at most limit, newest first.  total is the
 * list's length when known (else -1): a page in the older half is then
 * read from the oldest end, so the last page (G) costs no more than the
 * first.
 */
int views_items(struct db *db, const struct items_query *q, int offset, int limit,
    int total, struct item_row **rows, size_t *n, struct err *e);
int views_count(struct db *db, const struct items_query *q, int *count,
    struct err *e);
/* The row number of item id in q's list: 1 and *pos, 0 when not in it. */
int views_position(struct db *db, const struct items_query *q, int64_t id,
    int *pos, struct err *e);
/*
 * The nearest unread item after (dir > 0) or before (dir < 0) item id
 * (published, id) in q's order: 1 and *found, 0 when there is none.
 */
int views_next_unread(struct db *db, const struct items_query *q, int64_t id,
    time_t published, int dir, int64_t *found, struct err *e);

#endif
